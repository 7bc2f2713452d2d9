package eval

import (
	"strings"
	"testing"
)

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

// TestCompiledSizeLimit measures the canonical form: a formula within the
// length limit can still be too big once written out canonically.
func TestCompiledSizeLimit(t *testing.T) {
	src := "1" + strings.Repeat("+1", 1500) // 3,001 characters, 6,001 canonical
	_, err := Compile(src, NewSchema(), Options{})
	want := "formula:1:1: Compiled formula is too big to execute (6001 characters). Maximum size is 5000 characters"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if _, err := Compile(src, NewSchema(), Options{MaxCompiledSize: 7000}); err != nil {
		t.Errorf("with a 7,000 limit: %v", err)
	}
}

// TestNullOperandNotBlamed reports a type error on the operand that is not
// NULL.
func TestNullOperandNotBlamed(t *testing.T) {
	for src, want := range map[string]string{
		`NULL + TRUE`: "formula:1:8: Incorrect parameter type for operator '+'. Expected Number, Date, DateTime, received Boolean",
		`NULL < TRUE`: "formula:1:8: Incorrect parameter type for operator '<'. Expected Number, Text, Date, DateTime, Time, received Boolean",
	} {
		_, err := Compile(src, NewSchema(), Options{})
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", src, err, want)
		}
	}
}
