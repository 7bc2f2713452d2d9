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

func TestLiteralsAndTimeSum(t *testing.T) {
	schema := NewSchema()
	prog, err := Compile(`1.0000000000000000000000000000000000000049 * 1`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := prog.Eval(schema.NewValues())
	if err != nil {
		t.Fatal(err)
	}
	// 39 significant digits, half-up, then the result's 32 decimals.
	if got, want := v.String(), "1.00000000000000000000000000000000"; got != want {
		t.Errorf("long literal: got %s, want %s", got, want)
	}
	_, err = Compile(`TIMEVALUE("01:00:00.000") + TIMEVALUE("02:00:00.000")`, schema, Options{})
	if err == nil || err.Error() != "formula:1:29: Incorrect argument type for operator '+'." {
		t.Errorf("Time + Time: %v", err)
	}
}
