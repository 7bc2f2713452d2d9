package difftest

import (
	"slices"
	"strings"

	"github.com/credscope/credscope/eval"
)

// simplest are the literals the minimiser tries in place of a node.
var simplest = map[eval.Type][]string{
	eval.Text:     {`""`, `"a"`},
	eval.Number:   {"0", "1"},
	eval.Boolean:  {"TRUE", "FALSE"},
	eval.Date:     {"DATE(2000, 1, 1)"},
	eval.DateTime: {`DATETIMEVALUE("2000-01-01 00:00:00")`},
	eval.Time:     {`TIMEVALUE("00:00:00.000")`},
}

// Minimise shrinks a case for which fails holds to a smaller one for which
// it still holds: it replaces nodes with their own sub-expressions of the
// same type (the whole formula with any of its parts) or with the simplest
// literals, keeps a change only when the
// formula gets shorter and still fails, then drops the fields no longer
// read and prefers the default blank mode. It calls fails at most budget
// times. A case without a generated tree is returned as it is.
func Minimise(c *Case, fails func(*Case) bool, budget int) *Case {
	if c.Expr == nil {
		return c
	}
	best := c
	try := func(cand *Case) bool {
		if budget <= 0 {
			return false
		}
		budget--
		if fails(cand) {
			best = cand
			return true
		}
		return false
	}
	for improved := true; improved && budget > 0; {
		improved = false
		for _, cand := range shrinks(best) {
			if len(cand.Formula) < len(best.Formula) && try(cand) {
				improved = true
				break
			}
		}
	}
	if tidy := withFieldsRead(best); len(tidy.Fields) < len(best.Fields) {
		try(tidy)
	}
	if best.BlankAsBlank {
		zero := *best
		zero.BlankAsBlank = false
		try(&zero)
	}
	return best
}

// shrinks returns the cases one replacement away from c, smallest first.
func shrinks(c *Case) []*Case {
	var nodes []*Expr
	c.Expr.walk(func(e *Expr) { nodes = append(nodes, e) })
	var out []*Case
	for i, n := range nodes {
		var repl []*Expr
		n.walk(func(d *Expr) {
			// The root may become any part of the formula: the case's
			// result type follows it.
			if d != n && (d.Type == n.Type || i == 0 && d.Kind != Lit) {
				repl = append(repl, d)
			}
		})
		for _, lit := range simplest[n.Type] {
			if n.Kind != Lit || n.Src != lit {
				repl = append(repl, &Expr{Kind: Lit, Src: lit, Type: n.Type})
			}
		}
		for _, r := range repl {
			out = append(out, replaced(c, i, r))
		}
	}
	// Shorter candidates first: the search then takes big steps early.
	slices.SortStableFunc(out, func(a, b *Case) int { return len(a.Formula) - len(b.Formula) })
	return out
}

// replaced returns a copy of c whose node number i, counted parents first,
// is a copy of r.
func replaced(c *Case, i int, r *Expr) *Case {
	root := c.Expr.clone()
	k := 0
	root.walk(func(e *Expr) {
		if k == i {
			*e = *r.clone()
		}
		k++
	})
	out := *c
	out.Expr, out.Formula, out.Type = root, root.String(), root.Type
	return withFieldsRead(&out)
}

// withFieldsRead returns c without the fields its formula no longer reads.
func withFieldsRead(c *Case) *Case {
	read := map[string]bool{}
	if c.Expr != nil {
		c.Expr.walk(func(e *Expr) {
			if e.Kind == Ref {
				read[strings.ToLower(e.Src)] = true
			}
		})
	}
	out := *c
	out.Fields = nil
	for _, f := range c.Fields {
		if read[strings.ToLower(f.Name)] {
			out.Fields = append(out.Fields, f)
		}
	}
	return &out
}
