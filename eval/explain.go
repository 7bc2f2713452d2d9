package eval

import (
	"fmt"
	"strings"

	"github.com/credscope/credscope/formula"
)

// Explanation: "why this value?". Explain walks the expressions of a
// program compiled with Options.Trace, as EvalTrace does, and evaluates
// each sub-expression in the same frame: the same field values, the same
// NOW(), the same null rules. The closures Eval runs record nothing, so a
// program that is never explained evaluates as fast as one compiled
// without Options.Trace.

// ExplainWork is how many times the evaluation budget (Env.Budget) an
// explanation may spend in all. Each step re-evaluates its operands, so an
// explanation does more work than the evaluation; once the budget is spent,
// the steps left show the budget's error.
const ExplainWork = 8

// Step is one sub-expression of an explained evaluation, with its value.
type Step struct {
	// Expr is the sub-expression; nil for a template and its static text.
	Expr formula.Expr
	// Source is the sub-expression as written.
	Source string
	// Start and End bound Source in the formula.
	Start, End formula.Pos
	// Type is the sub-expression's static type.
	Type Type
	// Value is its value in this evaluation. A value derived from a secret
	// is secret, and prints as Redacted.
	Value Value
	// Err is the failure of evaluating it, positioned, if it failed.
	Err error
	// Skipped is set on what the evaluation did not compute: a branch that
	// IF, CASE, IFS, BLANKVALUE, NULLVALUE or IFERROR did not take, the
	// operands of AND, OR, && and || after the one that decided, and
	// everything inside them.
	Skipped bool
	// Steps are its operands, or its arguments, in source order; a
	// parenthesised expression is the step of what it encloses.
	Steps []*Step
}

// Explain evaluates a program compiled with Options.Trace for vals in env,
// as Eval does, and returns every sub-expression with its value. A runtime error
// is no error here: it is the Err of the root step, and of the steps it
// comes from.
func (p *Program) Explain(vals *Values, env Env) (*Step, error) {
	if p.nodes == nil {
		return nil, fmt.Errorf("eval: the program was compiled without Options.Trace")
	}
	if vals == nil || vals.schema != p.schema {
		return nil, fmt.Errorf("eval: values are from another schema")
	}
	fr := p.frame(vals, &env)
	defer p.release(fr)
	fr.budget = ExplainWork * env.budget()
	e := &explainer{p: p, fr: fr, vals: vals}
	if p.tmpl.Kind == formula.Formula {
		return e.step(p.tmpl.Segments[0].Expr, false), nil
	}
	root := &Step{Source: p.src, Type: p.root.typ, End: endOf(p.src)}
	root.Start = formula.Pos{Line: 1, Column: 1}
	root.Value, root.Err = e.eval(p.root)
	for _, seg := range p.tmpl.Segments {
		if seg.Expr == nil {
			root.Steps = append(root.Steps, &Step{Source: seg.Text, Start: seg.Start, End: seg.End, Type: Text, Value: TextValue(seg.Text)})
			continue
		}
		s := e.step(seg.Expr, false)
		root.Value.secret = root.Value.secret || s.Value.secret
		root.Steps = append(root.Steps, s)
	}
	return root, nil
}

// explainer holds the state of one Explain.
type explainer struct {
	p    *Program
	fr   *frame
	vals *Values
}

// eval evaluates n on its own: its failure is its own, and leaves the
// frame's first error as it was.
func (e *explainer) eval(n *node) (Value, error) {
	saved := e.fr.err
	e.fr.err = nil
	v := n.value(e.fr)
	err := e.fr.error(e.p)
	e.fr.err = saved
	if err != nil {
		return Value{typ: n.typ}, err
	}
	return v, nil
}

// step explains x; skipped means the evaluation did not compute it.
func (e *explainer) step(x formula.Expr, skipped bool) *Step {
	if p, ok := x.(*formula.Paren); ok {
		return e.step(p.X, skipped)
	}
	s := &Step{Expr: x, Start: x.Pos(), End: x.End(), Skipped: skipped}
	s.Source = sourceOf(e.p.src, s.Start, s.End)
	n := e.p.nodes[x]
	if n == nil { // not compiled: the operand of a failed check
		s.Type = Invalid
		s.Skipped = true
		return s
	}
	s.Type = n.typ
	s.Value = Value{typ: n.typ}
	if !skipped {
		s.Value, s.Err = e.eval(n)
	}
	secret := n.secret
	if id, ok := x.(*formula.Ident); ok && e.vals.tainted {
		if f, found := e.p.schema.Lookup(id.Name); found && f.slot < len(e.vals.v) {
			secret = secret || e.vals.v[f.slot].secret
		}
	}
	skip := e.skipper(x, n)
	for i, k := range children(x) {
		c := e.step(k, skipped || skip(i, s.Steps))
		secret = secret || c.Value.secret
		s.Steps = append(s.Steps, c)
	}
	s.Value.secret = s.Value.secret || secret
	return s
}

// skipper returns whether x's i-th operand was left uncomputed, given the
// steps of the operands before it.
func (e *explainer) skipper(x formula.Expr, n *node) func(i int, before []*Step) bool {
	none := func(int, []*Step) bool { return false }
	switch x := x.(type) {
	case *formula.Binary:
		switch x.Op {
		case formula.OpAnd:
			return decided(false)
		case formula.OpOr:
			return decided(true)
		}
	case *formula.Call:
		f, ok := lookupFunc(x.Name)
		if !ok {
			return none
		}
		switch f.Name {
		case "AND":
			return decided(false)
		case "OR":
			return decided(true)
		case "IFERROR":
			return func(i int, before []*Step) bool { return i == 1 && before[0].Err == nil }
		}
		if f.choices == nil {
			return none
		}
		t := &tracer{p: e.p, fr: e.fr}
		chosen, ok := t.chosen(x, n, true)
		if !ok {
			return none
		}
		branch := map[int]bool{}
		for _, i := range f.choices(len(x.Args)) {
			branch[i] = true
		}
		ifs := f.Name == "IFS"
		return func(i int, _ []*Step) bool {
			switch {
			case i == chosen:
				return false
			case ifs && chosen >= 0 && i > chosen:
				return true // the conditions after the one that held
			}
			// The tested argument of BLANKVALUE and NULLVALUE is always
			// computed, even when the result is the other one.
			return branch[i] && i != 0
		}
	}
	return none
}

// decided skips every operand after the first whose value decides an AND
// (false or null) or an OR (true).
func decided(or bool) func(i int, before []*Step) bool {
	return func(i int, before []*Step) bool {
		for _, b := range before {
			if b.Skipped || b.Err != nil {
				return true
			}
			// AND stops at false or null, OR at true.
			if b.Value.valid && b.Value.b == or || !or && !b.Value.valid {
				return true
			}
		}
		return false
	}
}

// sourceOf returns the source between two positions, or "" when they do
// not bound a part of it.
func sourceOf(src string, start, end formula.Pos) string {
	if start.Offset < 0 || end.Offset > len(src) || start.Offset > end.Offset {
		return ""
	}
	return src[start.Offset:end.Offset]
}

// endOf returns the position after the whole of src.
func endOf(src string) formula.Pos {
	line, col := 1, 1
	for _, r := range src {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return formula.Pos{Offset: len(src), Line: line, Column: col}
}

// Literal renders v as a formula would spell it, as the REPL shows values:
// text quoted, null as null, and a secret as Redacted. A blank text is
// null, as Salesforce reads an empty text.
func (v Value) Literal() string {
	switch {
	case v.secret:
		return Redacted
	case !v.valid || v.typ == Text && v.str == "":
		return "null"
	case v.typ == Text:
		return formula.Quote(v.str)
	}
	return v.text()
}

// String renders the explanation as an indented tree, one sub-expression a
// line with its value and type, two spaces deeper for each level.
func (s *Step) String() string {
	var b strings.Builder
	s.write(&b, 0)
	return b.String()
}

// maxShown is how many columns of a sub-expression a line of the tree shows.
const maxShown = 60

func (s *Step) write(b *strings.Builder, depth int) {
	b.WriteString(strings.Repeat("  ", depth))
	src := strings.Join(strings.Fields(s.Source), " ")
	static := s.Expr == nil && len(s.Steps) == 0 // a template's text
	if static {
		src = formula.Quote(s.Source)
	}
	if formula.Width(src) > maxShown {
		src = cutTo(src, maxShown-1) + "…"
	}
	b.WriteString(src)
	switch {
	case s.Skipped:
		b.WriteString("  (not evaluated)")
	case s.Err != nil:
		b.WriteString("  error: ")
		if fe, ok := s.Err.(*formula.Error); ok {
			b.WriteString(fe.Msg)
		} else {
			b.WriteString(s.Err.Error())
		}
	case static || isLiteral(s.Expr):
		fmt.Fprintf(b, " : %v", s.Type)
	default:
		fmt.Fprintf(b, " = %s : %v", s.Value.Literal(), s.Type)
	}
	b.WriteByte('\n')
	for _, c := range s.Steps {
		c.write(b, depth+1)
	}
}

// cutTo returns the longest prefix of s that fits in n columns.
func cutTo(s string, n int) string {
	w := 0
	for i, r := range s {
		w += formula.Width(string(r))
		if w > n {
			return s[:i]
		}
	}
	return s
}

// isLiteral reports whether x spells its own value.
func isLiteral(x formula.Expr) bool {
	switch x.(type) {
	case *formula.NumberLit, *formula.StringLit, *formula.BoolLit, *formula.NullLit:
		return true
	}
	return false
}
