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
	v, err := prog.Eval(vals, Env{})
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
	v, err := prog.Eval(schema.NewValues(), Env{})
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

// TestGetLeavesValuesAlone reads a field declared after the values were
// made: Get answers null and the values keep their size.
func TestGetLeavesValuesAlone(t *testing.T) {
	schema := NewSchema()
	schema.Open("$Permission.", Boolean, false)
	vals := schema.NewValues()
	n := len(vals.v)
	v, err := vals.Get("$Permission.Late")
	if err != nil || !v.IsNull() || v.Type() != Boolean {
		t.Errorf("Get = %v (%v), %v; want a null Boolean", v, v.Type(), err)
	}
	if len(vals.v) != n {
		t.Errorf("Get grew the values from %d to %d slots", n, len(vals.v))
	}
}

func TestSchemaFreeze(t *testing.T) {
	schema := NewSchema()
	schema.Open("$Permission.", Boolean, false)
	if _, err := Compile(`$Permission.Read`, schema, Options{}); err != nil {
		t.Fatal(err)
	}
	schema.Freeze()
	n := len(schema.Fields())
	if _, ok := schema.Lookup("$Permission.Other"); ok {
		t.Error("Lookup declared a field in a frozen schema")
	}
	if _, err := Compile(`$Permission.Other`, schema, Options{}); err == nil || !strings.Contains(err.Error(), "Field $Permission.Other does not exist") {
		t.Errorf("Compile: %v, want the field unknown", err)
	}
	if _, err := schema.Declare("Cost__c", Number, false); err == nil || !strings.Contains(err.Error(), "frozen") {
		t.Errorf("Declare: %v, want the schema frozen", err)
	}
	if _, err := schema.Declare("$Permission.Read", Boolean, false); err != nil {
		t.Errorf("Declare of an existing field: %v", err)
	}
	if got := len(schema.Fields()); got != n {
		t.Errorf("the frozen schema grew from %d to %d fields", n, got)
	}
	// A field of an open namespace that nothing reads: set, ignored, null.
	vals := schema.NewValues()
	for _, set := range []func() error{
		func() error { return vals.SetString("$Permission.Other", "true") },
		func() error { return vals.Set("$Permission.Other", BoolValue(true)) },
		func() error { return vals.Unset("$Permission.Other") },
	} {
		if err := set(); err != nil {
			t.Errorf("setting an unread permission: %v", err)
		}
	}
	if err := vals.SetString("$Permission.Other", "perhaps"); err == nil {
		t.Error("SetString accepted a permission that is not a Boolean")
	}
	if v, err := vals.Get("$Permission.Other"); err != nil || !v.IsNull() {
		t.Errorf("Get = %v, %v; want null", v, err)
	}
	if err := vals.SetText("$Nothing.Here", "x"); err == nil {
		t.Error("Set accepted a field outside every namespace")
	}
}

// TestAcquireRelease checks that released values come back with every
// field null, secrecy forgotten, and that a result read before Release
// stays what it was.
func TestAcquireRelease(t *testing.T) {
	schema := NewSchema()
	prog, err := Compile(`"role:" & $User.Department & IF(ISBLANK($User.Title), "", ":" & $User.Title)`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	secret := TextValue("x")
	secret.secret = true
	for i, tt := range []struct {
		dept, title string
		secret      bool
		want        string
	}{
		{"Sales", "Lead", true, "role:Sales:Lead"},
		{"Support", "", false, "role:Support"},
		{"", "", false, "role:"},
	} {
		vals := schema.Acquire()
		if err := vals.SetText("$User.Department", tt.dept); err != nil {
			t.Fatal(err)
		}
		if tt.title != "" {
			if err := vals.SetText("$User.Title", tt.title); err != nil {
				t.Fatal(err)
			}
		}
		if tt.secret {
			if err := vals.Set("$User.Email", secret); err != nil {
				t.Fatal(err)
			}
		}
		v, err := prog.Eval(vals, Env{})
		vals.Release()
		if err != nil {
			t.Fatal(err)
		}
		if v.Text() != tt.want {
			t.Errorf("request %d: %q, want %q", i, v.Text(), tt.want)
		}
		if again := schema.Acquire(); again.tainted || again.hi != 0 {
			t.Errorf("request %d: released values kept their taint or fields", i)
		} else {
			for _, name := range []string{"$User.Department", "$User.Title", "$User.Email"} {
				if got, _ := again.Get(name); !got.IsNull() {
					t.Errorf("request %d: %s = %v after Release", i, name, got)
				}
			}
			again.Release()
		}
	}
}
