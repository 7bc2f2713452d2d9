package difftest

import (
	"strings"

	"github.com/credscope/credscope/eval"
)

// Kind says what an [Expr] node is.
type Kind uint8

// The kinds of generated expression.
const (
	Lit    Kind = iota // Src is the literal as written
	Ref                // Src is a field name
	Call               // Src is a function name, Args its arguments
	Unary              // Src is the operator, Args[0] the operand
	Binary             // Src is the operator, Args the operands
)

// Expr is a generated, typed expression. It keeps the generator's tree so
// that a disagreement can be shrunk node by node.
type Expr struct {
	Kind Kind
	Src  string
	Type eval.Type
	Args []*Expr
	// Bare leaves an operation unparenthesised, so that precedence is
	// tested as well; the generator only sets it where the types still fit
	// whichever way the operators bind.
	Bare bool
}

// String renders the expression as formula source.
func (e *Expr) String() string {
	var b strings.Builder
	e.write(&b)
	return b.String()
}

func (e *Expr) write(b *strings.Builder) {
	switch e.Kind {
	case Lit, Ref:
		b.WriteString(e.Src)
	case Call:
		b.WriteString(e.Src)
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			a.write(b)
		}
		b.WriteByte(')')
	case Unary:
		if !e.Bare {
			b.WriteByte('(')
		}
		b.WriteString(e.Src)
		if e.Src == "NOT" {
			b.WriteByte(' ')
		}
		e.Args[0].write(b)
		if !e.Bare {
			b.WriteByte(')')
		}
	case Binary:
		if !e.Bare {
			b.WriteByte('(')
		}
		e.Args[0].write(b)
		b.WriteByte(' ')
		b.WriteString(e.Src)
		b.WriteByte(' ')
		e.Args[1].write(b)
		if !e.Bare {
			b.WriteByte(')')
		}
	}
}

// clone returns a deep copy of e.
func (e *Expr) clone() *Expr {
	c := *e
	c.Args = make([]*Expr, len(e.Args))
	for i, a := range e.Args {
		c.Args[i] = a.clone()
	}
	return &c
}

// walk calls fn for e and each node below it, parents first.
func (e *Expr) walk(fn func(*Expr)) {
	fn(e)
	for _, a := range e.Args {
		a.walk(fn)
	}
}

// size counts the nodes of e.
func (e *Expr) size() int {
	n := 0
	e.walk(func(*Expr) { n++ })
	return n
}
