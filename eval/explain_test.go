package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// explainOf compiles src with Trace for a user whose Department is dept
// (blank when empty) and explains it.
func explainOf(t testing.TB, src, dept string) *Step {
	t.Helper()
	schema := NewSchema()
	if _, err := schema.Declare("$Credential.Billing.Password", Text, true); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	prog, err := Compile(src, schema, Options{Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	vals := schema.NewValues()
	if dept != "" {
		if err := vals.SetText("$User.Department", dept); err != nil {
			t.Fatal(err)
		}
	}
	if err := vals.SetText("$Credential.Billing.Password", "hunter2"); err != nil {
		t.Fatal(err)
	}
	root, err := prog.Explain(vals, Env{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestExplainTree(t *testing.T) {
	tests := []struct {
		name, src, dept, want string
	}{
		{"seed, Service", seedScope, "Service", `
IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.D… = "session:role:Service" : Text
  OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Depa… = true : Boolean
    CONTAINS($User.Department, "Sales") = false : Boolean
      $User.Department = "Service" : Text
      "Sales" : Text
    CONTAINS($User.Department, "Service") = true : Boolean
      $User.Department = "Service" : Text
      "Service" : Text
  "session:role:" + $User.Department = "session:role:Service" : Text
    "session:role:" : Text
    $User.Department = "Service" : Text
  ""  (not evaluated)
`},
		{"seed, blank", seedScope, "", `
IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.D… = null : Text
  OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Depa… = false : Boolean
    CONTAINS($User.Department, "Sales") = null : Boolean
      $User.Department = null : Text
      "Sales" : Text
    CONTAINS($User.Department, "Service") = null : Boolean
      $User.Department = null : Text
      "Service" : Text
  "session:role:" + $User.Department  (not evaluated)
    "session:role:"  (not evaluated)
    $User.Department  (not evaluated)
  "" : Text
`},
		{"AND stops at false", `AND(FALSE, 1/0 > 1)`, "", `
AND(FALSE, 1/0 > 1) = false : Boolean
  FALSE : Boolean
  1/0 > 1  (not evaluated)
    1/0  (not evaluated)
      1  (not evaluated)
      0  (not evaluated)
    1  (not evaluated)
`},
		{"|| stops at true", `TRUE || 1/0 > 1`, "", `
TRUE || 1/0 > 1 = true : Boolean
  TRUE : Boolean
  1/0 > 1  (not evaluated)
    1/0  (not evaluated)
      1  (not evaluated)
      0  (not evaluated)
    1  (not evaluated)
`},
		{"IFERROR takes the fallback", `IFERROR(DATEVALUE("x"), DATE(2020, 1, 1))`, "", `
IFERROR(DATEVALUE("x"), DATE(2020, 1, 1)) = 2020-01-01 : Date
  DATEVALUE("x")  error: Invalid year for DATEVALUE function
    "x" : Text
  DATE(2020, 1, 1) = 2020-01-01 : Date
    2020 : Number
    1 : Number
    1 : Number
`},
		{"IFERROR keeps the value", `IFERROR(1, 2)`, "", `
IFERROR(1, 2) = 1 : Number
  1 : Number
  2  (not evaluated)
`},
		{"CASE", `CASE($User.Department, "Sales", 1, "Service", 2, 3)`, "Service", `
CASE($User.Department, "Sales", 1, "Service", 2, 3) = 2 : Number
  $User.Department = "Service" : Text
  "Sales" : Text
  1  (not evaluated)
  "Service" : Text
  2 : Number
  3  (not evaluated)
`},
		{"IFS stops at the condition that holds", `IFS(FALSE, "a", TRUE, "b", 1/0 > 1, "c", "d")`, "", `
IFS(FALSE, "a", TRUE, "b", 1/0 > 1, "c", "d") = "b" : Text
  FALSE : Boolean
  "a"  (not evaluated)
  TRUE : Boolean
  "b" : Text
  1/0 > 1  (not evaluated)
    1/0  (not evaluated)
      1  (not evaluated)
      0  (not evaluated)
    1  (not evaluated)
  "c"  (not evaluated)
  "d"  (not evaluated)
`},
		{"BLANKVALUE computes its test", `BLANKVALUE($User.Department, "none")`, "", `
BLANKVALUE($User.Department, "none") = "none" : Text
  $User.Department = null : Text
  "none" : Text
`},
		{"parentheses are their content", `(1 + (2))`, "", `
1 + (2) = 3 : Number
  1 : Number
  2 : Number
`},
		{"a runtime error and where it comes from", `1 + 1/0`, "", `
1 + 1/0  error: Division by zero
  1 : Number
  1/0  error: Division by zero
    1 : Number
    0 : Number
`},
		{"secrets stay masked", `TEXT(LEN($Credential.Billing.Password)) & $User.Department`, "Sales", `
TEXT(LEN($Credential.Billing.Password)) & $User.Department = ******** : Text
  TEXT(LEN($Credential.Billing.Password)) = ******** : Text
    LEN($Credential.Billing.Password) = ******** : Number
      $Credential.Billing.Password = ******** : Text
  $User.Department = "Sales" : Text
`},
		{"a template", `scope {!$User.Department} at {!NOW()}`, "Sales", `
scope {!$User.Department} at {!NOW()} = "scope Sales at 2026-01-01 00:00:00Z" : Text
  "scope " : Text
  $User.Department = "Sales" : Text
  " at " : Text
  NOW() = 2026-01-01 00:00:00Z : DateTime
`},
		{"a long sub-expression is cut", `"` + strings.Repeat("é", 70) + `"`, "", `
"` + strings.Repeat("é", 58) + `… : Text
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := explainOf(t, tt.src, tt.dept).String()
			want := strings.TrimPrefix(tt.want, "\n")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Explain(%s) (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestExplainStepsEvaluateAlone checks each step's value against the
// evaluation of its source as a formula of its own.
func TestExplainStepsEvaluateAlone(t *testing.T) {
	formulas := []string{
		seedScope,
		`IF(LEN($User.Department) > 3, UPPER(LEFT($User.Department, 3)) & "-" & TEXT(2 * 3 ^ 2), "short")`,
		`CASE(MOD(LEN($User.Department), 3), 0, "zero", 1, SUBSTITUTE($User.Department, "e", "E"), "two")`,
		`NULLVALUE(VALUE("12.50"), 0) + ROUND(10 / 3, 2)`,
		`DATE(2026, 2, 28) + 1 = DATEVALUE("2026-03-01") && NOT(ISBLANK($User.Department))`,
	}
	for _, dept := range []string{"Sales", "Customer Service", ""} {
		for _, src := range formulas {
			var walk func(s *Step)
			walk = func(s *Step) {
				if !s.Skipped && s.Err == nil && s.Expr != nil {
					alone := explainOf(t, s.Source, dept)
					if diff := cmp.Diff(alone.Value.Literal(), s.Value.Literal()); diff != "" {
						t.Errorf("%s, Department %q: step %s (-alone +step):\n%s", src, dept, s.Source, diff)
					}
				}
				for _, c := range s.Steps {
					walk(c)
				}
			}
			walk(explainOf(t, src, dept))
		}
	}
}

func TestExplainNeedsTrace(t *testing.T) {
	schema := NewSchema()
	prog, err := Compile(`1`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prog.Explain(schema.NewValues(), Env{}); err == nil {
		t.Error("Explain of a program compiled without Trace: no error")
	}
	traced, err := Compile(`1`, schema, Options{Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := traced.Explain(NewSchema().NewValues(), Env{}); err == nil {
		t.Error("Explain with values of another schema: no error")
	}
}

// TestExplainBudget checks that an explanation does bounded work: once
// ExplainWork budgets are spent, the steps left carry the budget's error.
func TestExplainBudget(t *testing.T) {
	schema := NewSchema()
	src := `LEN(LPAD($User.Department, 900) & LPAD($User.Department, 900) & LPAD($User.Department, 900))`
	prog, err := Compile(src, schema, Options{Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	vals := schema.NewValues()
	env := Env{Budget: 3000}
	if _, err := prog.Eval(vals, env); err != nil {
		t.Fatalf("Eval: %v", err)
	}
	root, err := prog.Explain(vals, env)
	if err != nil {
		t.Fatal(err)
	}
	if root.Err != nil {
		t.Fatalf("the root fails: %v", root.Err)
	}
	var failed int
	var walk func(s *Step)
	walk = func(s *Step) {
		if s.Err != nil {
			failed++
		}
		for _, c := range s.Steps {
			walk(c)
		}
	}
	walk(root)
	if failed != 0 {
		t.Errorf("%d steps failed within %d budgets", failed, ExplainWork)
	}
}

// TestTraceCostsNothingWhenOff checks that Trace leaves Eval as it is: a
// program compiled with it allocates what one compiled without it does.
func TestTraceCostsNothingWhenOff(t *testing.T) {
	schema := NewSchema()
	vals := schema.NewValues()
	if err := vals.SetText("$User.Department", "Service"); err != nil {
		t.Fatal(err)
	}
	allocs := map[bool]float64{}
	for _, trace := range []bool{false, true} {
		prog, err := Compile(seedScope, schema, Options{Result: Text, Trace: trace})
		if err != nil {
			t.Fatal(err)
		}
		allocs[trace] = testing.AllocsPerRun(200, func() {
			if _, err := prog.Eval(vals, Env{}); err != nil {
				t.Fatal(err)
			}
		})
	}
	if allocs[true] != allocs[false] {
		t.Errorf("Eval allocates %v times with Trace, %v without", allocs[true], allocs[false])
	}
}

// BenchmarkExplain shows what the explanation costs, and that it costs
// nothing when off: Eval of the seed scope formula compiled without and
// with Trace, and Explain of it.
func BenchmarkExplain(b *testing.B) {
	schema := NewSchema()
	plain, err := Compile(seedScope, schema, Options{Result: Text})
	if err != nil {
		b.Fatal(err)
	}
	traced, err := Compile(seedScope, schema, Options{Result: Text, Trace: true})
	if err != nil {
		b.Fatal(err)
	}
	vals := schema.NewValues()
	if err := vals.SetText("$User.Department", "Service"); err != nil {
		b.Fatal(err)
	}
	for _, bm := range []struct {
		name string
		run  func() error
	}{
		{"Eval/off", func() error { _, err := plain.Eval(vals, Env{}); return err }},
		{"Eval/traced", func() error { _, err := traced.Eval(vals, Env{}); return err }},
		{"Explain", func() error { _, err := traced.Explain(vals, Env{}); return err }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bm.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
