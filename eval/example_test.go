package eval_test

import (
	"fmt"

	"github.com/credscope/credscope/eval"
)

// Compile a scope formula once against a schema of merge fields, then
// evaluate it for each user. Values from Acquire go back with Release, so
// a server allocates nothing per request but the result.
func ExampleCompile() {
	schema := eval.NewSchema()
	prog, err := eval.Compile(`IF(CONTAINS($User.Department, "Sales"), "session:role:" & $User.Department, "")`,
		schema, eval.Options{Result: eval.Text})
	if err != nil {
		fmt.Println(err)
		return
	}
	schema.Freeze() // every field the program reads is declared
	for _, dept := range []string{"Sales", "Engineering"} {
		vals := schema.Acquire()
		if err := vals.SetText("$User.Department", dept); err != nil {
			fmt.Println(err)
		}
		v, err := prog.Eval(vals, eval.Env{})
		vals.Release()
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %q\n", dept, v.Text())
	}
	// Output:
	// Sales: "session:role:Sales"
	// Engineering: ""
}

// A formula error has Salesforce's wording, the position and a caret.
func ExampleCompile_error() {
	_, err := eval.Compile(`"role:" & $User.Departmnet`, eval.NewSchema(), eval.Options{Name: "scope"})
	fmt.Println(err)
	// Output:
	// scope:1:11: Field $User.Departmnet does not exist. Check spelling.
}
