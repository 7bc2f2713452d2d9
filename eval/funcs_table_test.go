package eval

import "testing"

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
