package eval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/credscope/credscope/formula"
)

// Provenance: which characters of a Text result come from the formula's
// own literals, and which from merge-field data. One rule decides it, here,
// for both EvalTrace (one evaluation) and Flows (every evaluation):
//
//   - a literal, and any constant, is the formula's own text;
//   - & and + of text keep each operand's characters as they are;
//   - IF, CASE, IFS, BLANKVALUE and NULLVALUE yield one argument unchanged,
//     so the result's characters are that argument's (Func.Selects);
//   - any other function or operator computes its result, so every
//     character of it derives from all the data its arguments derive from,
//     the spaces and other characters it adds itself included;
//   - a merge field is data, and so is a clock function such as NOW().
//
// Tracing is a separate walk over the expressions of a program compiled
// with Options.Trace; the closures Eval runs carry no provenance, so that
// ordinary evaluation costs what it did.

// Traced is a Text result with the origin of each of its characters.
type Traced struct {
	// Value is the result, as Eval returns it.
	Value Value
	// Spans cover Value.Text() in order, each ending where the next starts.
	Spans []Span
}

// Span is a run of a traced text's bytes that share an origin.
type Span struct {
	// Start and End bound the run in bytes.
	Start, End int
	// Sources names the merge fields, and clock functions such as NOW(),
	// whose data the run derives from; nil for text the formula spells out.
	Sources []string
	// Via names the function or conversion that computed the run from its
	// sources, such as "SUBSTITUTE()" or "TEXT()"; "" when the run is a
	// field's own text.
	Via string
}

// Derived reports whether the run comes from merge-field or clock data.
func (s Span) Derived() bool { return len(s.Sources) > 0 }

// EvalTrace evaluates a Text program compiled with Options.Trace for vals
// in env, as Eval does, and reports where each character of the result comes from. It
// fails, rather than guess, when the traced text is not the text Eval
// computes.
func (p *Program) EvalTrace(vals *Values, env Env) (Traced, error) {
	if p.nodes == nil {
		return Traced{}, fmt.Errorf("eval: the program was compiled without Options.Trace")
	}
	if p.root.typ != Text && p.root.typ != Null {
		return Traced{}, fmt.Errorf("eval: the formula is %v, not Text", p.root.typ)
	}
	if vals == nil || vals.schema != p.schema {
		return Traced{}, fmt.Errorf("eval: values are from another schema")
	}
	fr := p.frame(vals, &env)
	defer p.release(fr)
	v := p.root.value(fr)
	v.secret = v.secret || fr.secret
	if err := fr.error(p); err != nil {
		return Traced{}, err
	}
	// Trace with a fresh budget, at the same instant.
	fr.budget = env.budget()
	t := &tracer{p: p, fr: fr}
	for _, seg := range p.tmpl.Segments {
		t.segment(seg)
	}
	if err := fr.error(p); err != nil {
		return Traced{}, err
	}
	if t.failed || t.b.String() != v.str {
		return Traced{}, fmt.Errorf("eval: cannot tell where the characters of %s come from", p.opts.name())
	}
	return Traced{Value: v, Spans: t.spans}, nil
}

// tracer walks a program's expressions during EvalTrace.
type tracer struct {
	p      *Program
	fr     *frame
	b      strings.Builder
	spans  []Span
	failed bool // an expression without a node: nothing can be told
}

// add appends s with its origin, merging it into the last span when that
// has the same origin.
func (t *tracer) add(s string, sources []string, via string) {
	if s == "" {
		return
	}
	start := t.b.Len()
	t.b.WriteString(s)
	if k := len(t.spans) - 1; k >= 0 && t.spans[k].Via == via && slices.Equal(t.spans[k].Sources, sources) {
		t.spans[k].End = t.b.Len()
		return
	}
	t.spans = append(t.spans, Span{Start: start, End: t.b.Len(), Sources: sources, Via: via})
}

// segment traces one template segment; a non-text one prints as TEXT()
// prints it.
func (t *tracer) segment(seg formula.Segment) {
	if seg.Expr == nil {
		t.add(seg.Text, nil, "")
		return
	}
	n := t.p.nodes[seg.Expr]
	switch {
	case n == nil:
		t.failed = true
	case n.typ == Text || n.typ == Null:
		t.text(seg.Expr)
	case n.konst != nil:
		if n.konst.valid {
			t.add(textOf(*n.konst), nil, "")
		}
	default:
		if v := n.value(t.fr); v.valid {
			t.add(textOf(v), t.sources(seg.Expr), "TEXT()")
		}
	}
}

// text traces a Text expression.
func (t *tracer) text(x formula.Expr) {
	n := t.p.nodes[x]
	if n == nil {
		t.failed = true
		return
	}
	if n.konst != nil {
		t.add(n.konst.str, nil, "")
		return
	}
	switch x := x.(type) {
	case *formula.Paren:
		t.text(x.X)
		return
	case *formula.Binary:
		if x.Op == formula.OpConcat || x.Op == formula.OpAdd {
			t.text(x.X)
			t.text(x.Y)
			return
		}
	case *formula.Call:
		if i, ok := t.chosen(x, n, false); ok {
			if i >= 0 {
				t.text(x.Args[i])
			}
			return
		}
	}
	s, _ := n.str(t.fr)
	t.add(s, t.sources(x), via(x))
}

// chosen returns the argument a selecting call yields in this evaluation,
// -1 for none; ok is false when x does not select or the choice cannot be
// told. Isolated, a failing choice does not fail the evaluation.
func (t *tracer) chosen(x *formula.Call, n *node, isolated bool) (i int, ok bool) {
	f, found := lookupFunc(x.Name)
	if !found || f.choices == nil {
		return 0, false
	}
	if n.pick == nil || n.src != x {
		// Compiling chose already, as IF(TRUE, a, b) does: the call's node
		// is an argument's, whose own pick is no answer for this call.
		return sameNode(t.p, x, n, f)
	}
	if !isolated {
		return n.pick(t.fr), true
	}
	// The work is charged: a trace spends at most its own budget.
	saved := t.fr.err
	t.fr.err = nil
	i = n.pick(t.fr)
	failed := t.fr.err != nil
	t.fr.err = saved
	return i, !failed
}

// sameNode finds the argument a call compiled to itself, if any.
func sameNode(p *Program, x *formula.Call, n *node, f *Func) (int, bool) {
	for _, i := range f.choices(len(x.Args)) {
		if i < len(x.Args) && p.nodes[x.Args[i]] == n {
			return i, true
		}
	}
	return 0, false
}

// sources returns the data x's value derives from in this evaluation,
// sorted: the fields it reads and the clock functions it calls, through
// the arguments a selecting call chooses.
func (t *tracer) sources(x formula.Expr) []string {
	var out []string
	t.collect(x, &out)
	slices.Sort(out)
	return slices.Compact(out)
}

func (t *tracer) collect(x formula.Expr, out *[]string) {
	n := t.p.nodes[x]
	if n == nil {
		t.failed = true
		return
	}
	if n.konst != nil {
		return
	}
	switch x := x.(type) {
	case *formula.Ident:
		*out = append(*out, fieldName(t.p.schema, x))
	case *formula.Call:
		if i, ok := t.chosen(x, n, true); ok {
			if i >= 0 {
				t.collect(x.Args[i], out)
			}
			return
		}
		if f, ok := lookupFunc(x.Name); ok && f.Impure {
			*out = append(*out, f.Name+"()")
		}
		for _, a := range x.Args {
			t.collect(a, out)
		}
	default:
		for _, c := range children(x) {
			t.collect(c, out)
		}
	}
}

// children returns the operands of an operator or parenthesis.
func children(x formula.Expr) []formula.Expr {
	switch x := x.(type) {
	case *formula.Paren:
		return []formula.Expr{x.X}
	case *formula.Unary:
		return []formula.Expr{x.X}
	case *formula.Binary:
		return []formula.Expr{x.X, x.Y}
	case *formula.Call:
		return x.Args
	}
	return nil
}

// fieldName returns a field's name as the schema declares it.
func fieldName(s *Schema, x *formula.Ident) string {
	if f, ok := s.Lookup(x.Name); ok {
		return f.Name
	}
	return x.Name
}

// via names what computes x's value: a function call, or an operator.
func via(x formula.Expr) string {
	switch x := x.(type) {
	case *formula.Call:
		return strings.ToUpper(x.Name) + "()"
	case *formula.Binary:
		return "operator '" + x.Op.String() + "'"
	case *formula.Unary:
		return "operator '" + x.Op.String() + "'"
	}
	return ""
}
