package eval_test

import (
	"fmt"
	"time"

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

// Evaluate one compiled program with a clock and a time zone per call, as
// a server does per request: an Env is what one evaluation reads besides
// the fields, and the zero Env is the system clock in GMT.
func ExampleEnv() {
	schema := eval.NewSchema()
	prog, err := eval.Compile(`TEXT(TODAY()) & " " & TEXT(DATEVALUE(NOW()))`, schema, eval.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	instant := time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC)
	clock := func() time.Time { return instant }
	for _, loc := range []*time.Location{nil, time.FixedZone("JST", 9*3600)} {
		s, err := prog.EvalText(schema.NewValues(), eval.Env{Now: clock, Location: loc})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(s)
	}
	// Output:
	// 2026-03-04 2026-03-04
	// 2026-03-05 2026-03-05
}
