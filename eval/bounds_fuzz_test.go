package eval

import (
	"runtime"
	"testing"
	"time"
)

// fuzzBudget is small, so that a formula that escapes the budget does
// work far beyond it, which the oracle below sees.
const fuzzBudget = 100_000

// Calibration of the oracle: allocation that does not depend on the budget.
const (
	// parseBytesPerChar bounds what parsing and compiling allocate per
	// character of the formula.
	parseBytesPerChar = 8 << 10
	// baseBytes covers the fixed cost of one compile and evaluation.
	baseBytes = 1 << 20
	// bytesPerUnit bounds what one unit of charged work allocates: a text
	// function's result, a string builder's doubling, a pattern's compiled
	// instructions.
	bytesPerUnit = 16
)

// FuzzBudget checks the budget against an independent measure of work: the
// bytes the runtime allocates while a formula compiles and evaluates. The
// budget's charges are estimates, made before the work; whatever the
// formula and its fields, the allocation must stay within a constant
// factor of the budget, plus what a formula of that length costs to parse.
// A function that builds text without charging for it, or a charge that
// underestimates, shows up as allocation beyond the bound.
func FuzzBudget(f *testing.F) {
	for _, seed := range []string{
		seedScope,
		`LIKE(LPAD("a", 100000, "ab"), LPAD("%", 3000, "%_"))`,
		`LEN(LPAD(Text__c, 131072, "b") & LPAD("a", 131072, Text__c))`,
		`REGEX("a", Text__c & LPAD("(a|b)", 60000, "(a|b)"))`,
		`REGEX(Text__c, "` + "[a-z]{1000}[a-z]{1000}" + `")`,
		`VALUE(LPAD("1", 1000, Text__c))`,
		`SUBSTITUTE(SUBSTITUTE(LPAD(Text__c, 60000, "ab"), "a", "aaaa"), "b", "bbbb")`,
		`URLENCODE(LPAD("a", 50000, "é")) & HTMLENCODE(LPAD("<", 20000, Text__c))`,
		`UPPER(UPPER(UPPER(UPPER(LPAD(Text__c, 131072, "x")))))`,
		`BASE64ENCODE(BLOB(LPAD(Text__c, 100000, "x")))`,
		`{!LPAD(Text__c, 60000, "a")}{!LPAD(Text__c, 60000, "b")}`,
		`TEXT(VALUE("1e99999") + VALUE("1e-99999"))`,
	} {
		f.Add(seed, "Sales")
	}
	schema := fuzzSchema()
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src, text string) {
		if len(src) > 3900 {
			return // the parser refuses it unread
		}
		vals := schema.NewValues()
		_ = vals.SetText("Text__c", text)
		_ = vals.SetString("Num__c", text)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		prog, err := Compile(src, schema, Options{Budget: fuzzBudget})
		if err == nil {
			_, _ = prog.Eval(vals, Env{Budget: fuzzBudget, Now: func() time.Time { return clock }})
		}
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		// Two budgets: one for folding constants, one for evaluating.
		limit := uint64(2*bytesPerUnit*fuzzBudget + parseBytesPerChar*len(src) + 2*len(text) + baseBytes)
		if alloc > limit {
			t.Fatalf("%q with %d bytes of text allocated %d bytes, more than %d", src, len(text), alloc, limit)
		}
	})
}
