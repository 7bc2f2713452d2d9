package eval

import (
	"strings"
	"testing"
)

// TestFunctionTableReadOnly changes what LookupFunc and Functions hand out
// and checks that the library the compiler uses stays as it was.
func TestFunctionTableReadOnly(t *testing.T) {
	f, ok := LookupFunc("len")
	if !ok {
		t.Fatal("no LEN")
	}
	f.Name = "CHANGED"
	f.Sigs[0].Params[0].Type = Number
	f.Sigs = nil
	for _, g := range Functions() {
		if g.Name == "LEN" {
			g.Sigs[0].Result = Text
			g.Sigs[0].Params = nil
		}
	}
	if again, _ := LookupFunc("LEN"); again.Name != "LEN" || len(again.Sigs) == 0 || again.Sigs[0].Params[0].Type != Text {
		t.Errorf("LookupFunc after changes: %+v", again)
	}
	prog, err := Compile(`LEN("abc")`, NewSchema(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if prog.Type() != Number {
		t.Errorf("LEN is %v after a caller changed its copy", prog.Type())
	}
}

// TestFunctionTableFlags checks the table's declarative flags: they steer
// the usual signature resolution, so a function that checks its calls
// itself must not set them, and every signature needs an implementation.
func TestFunctionTableFlags(t *testing.T) {
	for name, f := range library() {
		if f.check != nil && (f.strict || f.arityText != "") {
			t.Errorf("%s checks its calls itself, so strict and arityText would be ignored", name)
		}
		for i, s := range f.Sigs {
			if f.check == nil && s.impl == nil {
				t.Errorf("%s: signature %d has no implementation", name, i)
			}
		}
	}
}

// TestStrictFunctionsWording checks Salesforce's wording for the functions
// the table marks strict or gives an arity text.
func TestStrictFunctionsWording(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`ISOWEEK(NULL)`, "Incorrect argument type for function 'ISOWEEK()'."},
		{`ISOYEAR("2026-01-01")`, "Incorrect argument type for function 'ISOYEAR()'."},
		{`DATEVALUE(1, 2)`, "Incorrect number of parameters for function 'DATEVALUE()'. Expected 1, received 2"},
		{`ADDMONTHS(NULL, 1)`, "Incorrect argument type for function 'ADDMONTHS()'."},
		{`UNIXTIMESTAMP(1)`, "Incorrect argument type for function 'UNIXTIMESTAMP()'."},
		{`LIKE("a", NULL)`, "Incorrect argument type for function 'LIKE()'."},
		{`UPPER()`, "Incorrect number of parameters for function 'UPPER()'. Expected 1, received 0"},
		{`FIND("a", "b", 1, 2)`, "Incorrect number of parameters for function 'FIND()'. Expected 2, received 4"},
	} {
		_, err := Compile(tc.src, NewSchema(), Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.src, err, tc.want)
		}
	}
}
