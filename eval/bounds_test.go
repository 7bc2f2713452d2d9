package eval

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/credscope/credscope/formula"
	"github.com/google/go-cmp/cmp"
)

// limitError is where and why compiling or evaluating a formula stopped.
type limitError struct {
	Pos formula.Pos
	Msg string
}

// firstError returns the first error of err, without its offset.
func firstError(t *testing.T, err error) limitError {
	t.Helper()
	if err == nil {
		return limitError{}
	}
	var fe *formula.Error
	if list, ok := formula.AsList(err); ok && len(list) > 0 {
		fe = list[0]
	} else if e, ok := err.(*formula.Error); ok {
		fe = e
	} else {
		t.Fatalf("not a formula error: %v", err)
	}
	return limitError{Pos: formula.Pos{Line: fe.Pos.Line, Column: fe.Pos.Column}, Msg: fe.Msg}
}

var (
	budgetMsg = fmt.Sprintf("Formula evaluation exceeded its budget of %d units of work", DefaultBudget)
	at        = func(col int) formula.Pos { return formula.Pos{Line: 1, Column: col} }
)

// TestConstantFoldingLimits: constants beyond the limits are compile errors,
// positioned at the call that went beyond them, found without doing the
// work. Each formula is a few hundred bytes.
func TestConstantFoldingLimits(t *testing.T) {
	manyPads := strings.TrimSuffix(strings.Repeat(`FIND("x", LPAD("a", 131072, "b")) + `, 80), " + ")
	tests := []struct {
		name, src string
		want      limitError
	}{
		{"like over a long text", `LIKE(LPAD("a", 100000, "ab"), LPAD("%", 3000, "%_"))`, limitError{at(1), budgetMsg}},
		{"regex over a long text", `REGEX(LPAD("a", 100000, "ab"), LPAD("(a|b)", 3000, "(a|b)"))`, limitError{at(1), budgetMsg}},
		{"regex pattern too big to compile", `REGEX("a", LPAD("(a|b)", 60000, "(a|b)"))`, limitError{at(12), budgetMsg}},
		{"counted repetition", `REGEX("a", "` + strings.Repeat("[a-z]{1000}", 20) + `")`, limitError{at(12), budgetMsg}},
		// Each LPAD costs twice 131,072 units, for its work and for its
		// result: 38 fit, the 39th goes beyond the budget. Each FIND is 36
		// characters, and its LPAD starts 10 in.
		{"many pads", manyPads, limitError{at(1 + 38*36 + 10), budgetMsg}},
		{"concatenation too long", `LEN(LPAD("a", 131072, "b") & "c")`, limitError{at(5), "The text of operator '&' is too long (131073 characters). Maximum length is 131072 characters"}},
		{"concatenation of two-unit characters", `LEN(LPAD("a", 131072, "😀") & "c")`, limitError{at(5), "The text of operator '&' is too long (131073 characters). Maximum length is 131072 characters"}},
		{"pad too long", `LPAD("a", 131073, "b")`, limitError{at(1), "Incorrect parameter value for function 'LPAD()'. Expected a length of at most 131072, received 131073"}},
		{"substitute too long", `SUBSTITUTE(LPAD("a", 100000, "ab"), "a", "aaaa")`, limitError{at(1), "The text of function 'SUBSTITUTE()' is too long (250003 characters). Maximum length is 131072 characters"}},
		{"encoder too long", `URLENCODE(LPAD("a", 50000, "é"))`, limitError{at(1), "The text of function 'URLENCODE()' is too long (299995 characters). Maximum length is 131072 characters"}},
		{"value digits", `VALUE(LPAD("1", 1001, "1"))`, limitError{at(1), "Incorrect parameter value for function 'VALUE()'. Expected a number of at most 1000 digits, received 1001"}},
		{"template too long", `{!LPAD("a", 100000, "b")} {!LPAD("a", 100000, "b")}`, limitError{at(1), "The text of the field is too long (200001 characters). Maximum length is 131072 characters"}},
		// A constant that fails otherwise waits for run time, where its
		// branch may never run.
		{"other errors wait", `IF(FALSE, VALUE("x"), 1)`, limitError{}},
		{"at the limits", `LEN(LPAD("a", 131071, "b") & "c") + LEN(TEXT(VALUE(LPAD("1", 1000, "1"))))`, limitError{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(tt.src, NewSchema(), Options{})
			if diff := cmp.Diff(tt.want, firstError(t, err)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestFoldingSharesOneBudget: two constants that each fit the budget but
// not together are refused, and the same formula compiles with twice the
// budget.
func TestFoldingSharesOneBudget(t *testing.T) {
	src := `FIND("x", LPAD("a", 100000, "b")) + FIND("x", LPAD("a", 100000, "b"))`
	if _, err := Compile(src, NewSchema(), Options{Budget: 150_000}); err == nil {
		t.Fatalf("compiled within 150,000 units")
	}
	if _, err := Compile(src, NewSchema(), Options{Budget: 500_000}); err != nil {
		t.Fatalf("with 500,000 units: %v", err)
	}
}

// TestEvaluationLimits: the same limits hold at run time, when the text
// comes from fields.
func TestEvaluationLimits(t *testing.T) {
	long := strings.Repeat("ab", 50_000) // 100,000 characters
	tests := []struct {
		name, src, dept string
		want            limitError
	}{
		{"concatenation", `LEN($User.Department & $User.Department)`, long, limitError{at(5), "The text of operator '&' is too long (200000 characters). Maximum length is 131072 characters"}},
		{"like", `LIKE($User.Department, LPAD("%", 3000, "%_"))`, long, limitError{at(1), budgetMsg}},
		{"computed pattern", `REGEX("a", $User.Department & "(a|b)")`, LPAD("", 30000, "(a|b)"), limitError{at(1), budgetMsg}},
		{"value", `VALUE($User.Department)`, strings.Repeat("9", 1200), limitError{at(1), "Incorrect parameter value for function 'VALUE()'. Expected a number of at most 1000 digits, received 1200"}},
		{"short", `LIKE($User.Department, "%b") && REGEX($User.Department, "(ab)+")`, long, limitError{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			schema := NewSchema()
			prog, err := Compile(tt.src, schema, Options{})
			if err != nil {
				t.Fatal(err)
			}
			vals := schema.NewValues()
			if err := vals.SetText("$User.Department", tt.dept); err != nil {
				t.Fatal(err)
			}
			_, err = prog.Eval(vals, Env{})
			if diff := cmp.Diff(tt.want, firstError(t, err)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// LPAD builds a test value the way the function would.
func LPAD(s string, n int, pad string) string {
	for len(s) < n {
		s = pad + s
	}
	return s[len(s)-n:]
}

// TestFieldValueLimit: no field holds more than MaxTextLength characters.
func TestFieldValueLimit(t *testing.T) {
	vals := NewSchema().NewValues()
	if err := vals.SetText("$User.Department", strings.Repeat("é", MaxTextLength)); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	err := vals.SetText("$User.Department", strings.Repeat("a", MaxTextLength+1))
	want := "The text of field $User.Department is too long (131073 characters). Maximum length is 131072 characters"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// TestRegexCharge: matching is charged by the text times the compiled
// pattern, and compiling by the pattern's size, so that the work is known
// before it is done.
func TestRegexCharge(t *testing.T) {
	schema := NewSchema()
	for _, tt := range []struct {
		src  string
		text string
		want int // units charged at run time
	}{
		// A constant pattern is compiled, and charged, once, when compiling.
		{`REGEX($User.Department, "a+")`, "aaaa", (4 + 1) * patternSize(t, "a+")},
		{`LIKE($User.Department, "a%")`, "aaaa", (4 + 1) * patternSize(t, likeToJava("a%"))},
		// A computed one is charged for compiling at every evaluation.
		{`REGEX($User.Department, $User.Department)`, "aaaa", 4 + patternSize(t, "aaaa")*(regexCompileCost+4+1)},
	} {
		prog, err := Compile(tt.src, schema, Options{})
		if err != nil {
			t.Fatal(err)
		}
		vals := schema.NewValues()
		if err := vals.SetText("$User.Department", tt.text); err != nil {
			t.Fatal(err)
		}
		if got := spent(t, prog, vals); got != tt.want {
			t.Errorf("%s: charged %d units, want %d", tt.src, got, tt.want)
		}
	}
}

// patternSize is the size charged for a Java pattern.
func patternSize(t *testing.T, re string) int {
	t.Helper()
	j, err := parseJava(re)
	if err != nil {
		t.Fatal(err)
	}
	return j.size
}

// spent evaluates prog and returns the units of work it charged.
func spent(t *testing.T, prog *Program, vals *Values) int {
	t.Helper()
	fr := prog.frame(vals, &Env{})
	defer prog.release(fr)
	prog.root.value(fr)
	if err := fr.error(prog); err != nil {
		t.Fatal(err)
	}
	return DefaultBudget - fr.budget
}

// TestFoldingMemoryLinear: constant folding reuses its scratch decimals,
// so a formula of twice the constants folds in about twice the memory
// (a fresh set per fold took memory quadratic in the formula: 30 MB for
// 1,200 additions).
func TestFoldingMemoryLinear(t *testing.T) {
	alloc := func(n int) uint64 {
		src := "$User.Department & TEXT(" + strings.Repeat("1+", n) + "1)"
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := Compile(src, NewSchema(), Options{}); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(300), alloc(1200)
	if ratio := float64(large) / float64(small); ratio > 6 {
		t.Errorf("4× the constants took %.1f× the memory (%d bytes, then %d)", ratio, small, large)
	}
}
