package eval

import "testing"

// TestEvalAfterSchemaGrew evaluates a program that reads a field declared,
// through an open namespace, after the values were made.
func TestEvalAfterSchemaGrew(t *testing.T) {
	schema := NewSchema()
	schema.Open("$Permission.", Boolean, false)
	vals := schema.NewValues()
	prog, err := Compile(`IF($Permission.Late, "yes", "no")`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := prog.Eval(vals)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Text(); got != "no" {
		t.Errorf("got %q, want %q", got, "no")
	}
}
