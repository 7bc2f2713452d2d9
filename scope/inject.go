package scope

import (
	"fmt"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
)

// Scope injection: a scope formula such as "session:role:" + $User.Department
// turns Department = "Customer Service" into two scopes. The lint rule and
// Compose share one analysis, eval's provenance: Compose refuses a scope
// when a character derived from merge-field data is a space or outside
// NQCHAR, and the rule warns wherever eval.Program.Flows says data can put
// such a character in the scope.

// scopeFlows returns the ways merge-field data can put a space or a
// character outside NQCHAR into the scope a prepared scope formula
// computes; nil when it does not compile, which CS401 reports.
func scopeFlows(f *Formula) []eval.Flow {
	if f.Program == nil {
		return nil
	}
	return f.Program.Flows(isNQChar)
}

func checkInjection(l *linter) {
	for _, f := range l.formulaFields() {
		if !f.Scope {
			continue
		}
		for _, fl := range scopeFlows(f) {
			l.report(f.Value.PosAt(fl.At.Pos().Offset), "%s", injectionMessage(f.What, fl))
		}
	}
}

// injectionMessage explains one flow and how to close it.
func injectionMessage(what string, fl eval.Flow) string {
	src := fl.Source
	switch {
	case fl.Via == "":
		return fmt.Sprintf("%s interpolates %s without a guard: a value with a space, such as \"Customer Service\", adds a scope. Encode it with URLENCODE(%s), or test it first with IF(REGEX(%s, \"[A-Za-z0-9_]+\"), …)",
			what, src, src, src)
	case fl.Type == eval.DateTime && fl.Via == "TEXT()":
		if _, field := fl.At.(*formula.Ident); field {
			return fmt.Sprintf("%s interpolates TEXT(%s), which prints with a space and so adds a scope. Use TEXT(UNIXTIMESTAMP(%s)), or TEXT(DATEVALUE(%s)) when the day is enough",
				what, src, src, src)
		}
		return fmt.Sprintf("%s interpolates TEXT() of %s, which prints with a space and so adds a scope. Use TEXT(UNIXTIMESTAMP(…)), or TEXT(DATEVALUE(…)) when the day is enough", what, src)
	}
	return fmt.Sprintf("%s computes text from %s with %s, which may put a space or a character a scope token does not allow into the scope. Encode the result with URLENCODE(…), or test the value first with IF(REGEX(…), …)",
		what, src, fl.Via)
}

func checkPrecedence(l *linter) {
	for _, f := range l.formulaFields() {
		t := f.Template
		if t == nil {
			continue
		}
		for _, x := range t.Exprs() {
			formula.Inspect(x, func(n formula.Expr) bool {
				b, ok := n.(*formula.Binary)
				if !ok || b.Op != formula.OpPow {
					return true
				}
				for _, side := range []formula.Expr{b.X, b.Y} {
					if m, ok := side.(*formula.Binary); ok && (m.Op == formula.OpMul || m.Op == formula.OpDiv) {
						l.report(f.Value.PosAt(b.OpPos.Offset),
							"in %s, %s means %s: Salesforce applies %s before ^. Write %s to say so, or %s if you meant the usual order",
							f.What, formula.Format(b), explicit(b), m.Op, explicit(b), usual(b))
						break
					}
				}
				return true
			})
		}
	}
}

// explicit prints a ^ expression with the grouping Salesforce gives it.
func explicit(b *formula.Binary) string {
	return group(b.X, true) + " ^ " + group(b.Y, true)
}

// usual prints a ^ expression with ^ binding tighter than * and /.
func usual(b *formula.Binary) string {
	x, y := b.X, b.Y
	if m, ok := x.(*formula.Binary); ok && (m.Op == formula.OpMul || m.Op == formula.OpDiv) {
		return formula.Format(m.X) + " " + m.Op.String() + " (" + formula.Format(m.Y) + " ^ " + formula.Format(y) + ")"
	}
	if m, ok := y.(*formula.Binary); ok && (m.Op == formula.OpMul || m.Op == formula.OpDiv) {
		return "(" + formula.Format(x) + " ^ " + formula.Format(m.X) + ") " + m.Op.String() + " " + formula.Format(m.Y)
	}
	return formula.Format(b)
}

func group(x formula.Expr, paren bool) string {
	if _, ok := x.(*formula.Binary); ok && paren {
		return "(" + formula.Format(x) + ")"
	}
	return formula.Format(x)
}
