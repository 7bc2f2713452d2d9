package eval

import (
	"strings"
	"testing"
)

// Hostile inputs: a few kilobytes each, built to make evaluation, constant
// folding or loading do far more work than their size suggests. The tests in
// bounds_test.go check that each is refused within the budget; the
// benchmarks here measure how long refusing takes.

// hostileFormulas are formulas of at most a few kilobytes.
var hostileFormulas = []struct{ name, src string }{
	// LIKE of a long constant text against a pattern of 3,000 wildcards,
	// folded at compile time.
	{"FoldLike", `LIKE(LPAD("a", 300000, "ab"), LPAD("%", 3000, "%_"))`},
	// A chain of & over constant LPAD results, folded pairwise.
	{"ConcatChain", "LEN(" + strings.TrimSuffix(strings.Repeat(`LPAD("a", 1000000, "b") & `, 40), " & ") + ")"},
	// REGEX with a pattern of three million characters built at run time.
	{"RegexComputed", `REGEX("a", $User.Department & LPAD("a", 1000000, "(a|b)") & LPAD("a", 1000000, "(a|b)") & LPAD("a", 1000000, "(a|b)"))`},
	// VALUE of a million digits.
	{"ValueDigits", `VALUE(LPAD("1", 1000000, "1"))`},
}

// BenchmarkHostileFormula compiles and evaluates each hostile formula; an
// error is the expected outcome.
func BenchmarkHostileFormula(b *testing.B) {
	for _, h := range hostileFormulas {
		b.Run(h.name, func(b *testing.B) {
			schema := NewSchema()
			vals := schema.NewValues()
			b.ReportAllocs()
			for b.Loop() {
				if p, err := Compile(h.src, schema, Options{}); err == nil {
					_, _ = p.Eval(vals, Env{})
				}
			}
		})
	}
}
