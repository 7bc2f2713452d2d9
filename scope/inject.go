package scope

import (
	"regexp"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
)

// Scope injection: a scope formula such as "session:role:" + $User.Department
// turns Department = "Customer Service" into two scopes. The analysis
// follows which text merge fields reach the formula's result unchanged.

// safeEncoders turn any text into characters that are valid in a scope token.
var safeEncoders = map[string]bool{"URLENCODE": true, "HEX": true, "BASE64ENCODE": true}

// unguardedField returns the first text merge field whose value reaches the
// result of x without an encoder or a REGEX guard, or nil. Guarded lists the
// fields a surrounding IF has already validated with REGEX.
func unguardedField(x formula.Expr, schema *eval.Schema, guarded map[string]bool) *formula.Ident {
	switch x := x.(type) {
	case *formula.Ident:
		f, ok := schema.Lookup(x.Name)
		if !ok || f.Type != eval.Text || guarded[strings.ToLower(x.Name)] {
			return nil
		}
		return x
	case *formula.Paren:
		return unguardedField(x.X, schema, guarded)
	case *formula.Binary:
		if x.Op != formula.OpAdd && x.Op != formula.OpConcat {
			return nil // comparisons and arithmetic do not yield text
		}
		if id := unguardedField(x.X, schema, guarded); id != nil {
			return id
		}
		return unguardedField(x.Y, schema, guarded)
	case *formula.Call:
		name := strings.ToUpper(x.Name)
		switch {
		case safeEncoders[name]:
			return nil
		case name == "IF" && len(x.Args) == 3:
			inner := withRegexGuards(x.Args[0], guarded)
			if id := unguardedField(x.Args[1], schema, inner); id != nil {
				return id
			}
			return unguardedField(x.Args[2], schema, guarded)
		case name == "CASE":
			for i := 2; i < len(x.Args); i += 2 {
				if id := unguardedField(x.Args[i], schema, guarded); id != nil {
					return id
				}
			}
			if len(x.Args) > 0 {
				return unguardedField(x.Args[len(x.Args)-1], schema, guarded)
			}
		case name == "IFS":
			for i := 1; i < len(x.Args); i += 2 {
				if id := unguardedField(x.Args[i], schema, guarded); id != nil {
					return id
				}
			}
			if len(x.Args) > 0 {
				return unguardedField(x.Args[len(x.Args)-1], schema, guarded)
			}
		case name == "TEXT" && len(x.Args) == 1:
			// A DateTime prints with a space; numbers and dates do not.
			if id, ok := x.Args[0].(*formula.Ident); ok {
				if f, found := schema.Lookup(id.Name); found && f.Type == eval.DateTime {
					return id
				}
			}
		case returnsText(name):
			// Any other text function may pass its arguments' text through.
			for _, a := range x.Args {
				if id := unguardedField(a, schema, guarded); id != nil {
					return id
				}
			}
		}
	}
	return nil
}

// returnsText reports whether a function may return text; an unknown one
// is assumed to.
func returnsText(name string) bool {
	f, ok := eval.LookupFunc(name)
	if !ok {
		return true
	}
	for _, sig := range f.Sigs {
		if sig.Result == eval.Text || sig.Result == eval.Any {
			return true
		}
	}
	return false
}

// withRegexGuards adds to guarded the fields that cond checks with
// REGEX(field, "pattern") where the pattern cannot match a space, a quote or
// a backslash.
func withRegexGuards(cond formula.Expr, guarded map[string]bool) map[string]bool {
	out := guarded
	for _, c := range conjuncts(cond) {
		call, ok := c.(*formula.Call)
		if !ok || !strings.EqualFold(call.Name, "REGEX") || len(call.Args) != 2 {
			continue
		}
		id, ok1 := call.Args[0].(*formula.Ident)
		pat, ok2 := call.Args[1].(*formula.StringLit)
		if ok1 && ok2 && safePattern(pat.Value) {
			if len(out) == len(guarded) {
				out = make(map[string]bool, len(guarded)+1)
				for k := range guarded {
					out[k] = true
				}
			}
			out[strings.ToLower(id.Name)] = true
		}
	}
	return out
}

// conjuncts returns the tests that must all hold for cond to be TRUE: cond
// itself, or the operands of its AND() or &&, recursively. A REGEX under
// NOT or OR guards nothing.
func conjuncts(cond formula.Expr) []formula.Expr {
	switch x := cond.(type) {
	case *formula.Paren:
		return conjuncts(x.X)
	case *formula.Binary:
		if x.Op == formula.OpAnd {
			return append(conjuncts(x.X), conjuncts(x.Y)...)
		}
	case *formula.Call:
		if strings.EqualFold(x.Name, "AND") {
			var out []formula.Expr
			for _, a := range x.Args {
				out = append(out, conjuncts(a)...)
			}
			return out
		}
	}
	return []formula.Expr{cond}
}

// safePattern reports whether a REGEX pattern only admits scope-token
// characters: it must not match any probe holding a forbidden character.
func safePattern(pat string) bool {
	re, err := regexp.Compile(`^(?:` + pat + `)$`)
	if err != nil {
		return false
	}
	for _, probe := range []string{" ", "a b", "A B", "1 2", "a\"b", `a\b`, "é", "a\tb", "Sales admin:all"} {
		if re.MatchString(probe) {
			return false
		}
	}
	return re.MatchString("a") || re.MatchString("A") || re.MatchString("1") || re.MatchString("ab")
}

func checkInjection(l *linter) {
	schema := l.p.Schema()
	for _, f := range l.formulaFields() {
		t := f.tmpl
		if !f.Scope || t == nil {
			continue
		}
		for _, x := range t.Exprs() {
			if id := unguardedField(x, schema, nil); id != nil {
				if fld, _ := schema.Lookup(id.Name); fld.Type == eval.DateTime {
					l.report(f.Value.PosAt(id.Pos().Offset),
						"%s interpolates TEXT(%s), which prints with a space and so adds a scope. Use TEXT(UNIXTIMESTAMP(%s)), or TEXT(DATEVALUE(%s)) when the day is enough",
						f.What, id.Name, id.Name, id.Name)
					continue
				}
				l.report(f.Value.PosAt(id.Pos().Offset),
					"%s interpolates %s without a guard: a value with a space, such as \"Customer Service\", adds a scope. Encode it with URLENCODE(%s), or test it first with IF(REGEX(%s, \"[A-Za-z0-9_]+\"), …)",
					f.What, id.Name, id.Name, id.Name)
			}
		}
	}
}

func checkPrecedence(l *linter) {
	for _, f := range l.formulaFields() {
		t := f.tmpl
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
