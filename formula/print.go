package formula

import (
	"strings"
)

// Format returns the canonical source form of x: function names and
// keywords in upper case, one space around binary operators, ", " between
// arguments, strings in double quotes, = for == and <> for !=. Comments are
// not part of the tree and are not printed. Parsing the result gives the same
// tree, apart from positions.
func Format(x Expr) string {
	var b strings.Builder
	printExpr(&b, x, 0)
	return b.String()
}

// FormatTemplate returns the canonical form of a template: the static text
// unchanged and each segment as {!canonical expression}.
func FormatTemplate(t *Template) string {
	var b strings.Builder
	for _, s := range t.Segments {
		if s.Expr == nil {
			b.WriteString(s.Text)
			continue
		}
		b.WriteString("{!")
		printExpr(&b, s.Expr, 0)
		b.WriteString("}")
	}
	return b.String()
}

// printExpr prints x in a context that binds at level prec; a binary operator
// looser than that gets parentheses, so that trees built by hand print
// correctly too.
func printExpr(b *strings.Builder, x Expr, prec int) {
	switch x := x.(type) {
	case *NumberLit:
		b.WriteString(x.Raw)
	case *StringLit:
		b.WriteString(Quote(x.Value))
	case *BoolLit:
		if x.Value {
			b.WriteString("TRUE")
		} else {
			b.WriteString("FALSE")
		}
	case *NullLit:
		b.WriteString("NULL")
	case *Ident:
		b.WriteString(x.Name)
	case *Call:
		b.WriteString(strings.ToUpper(x.Name))
		b.WriteByte('(')
		for i, a := range x.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			printExpr(b, a, 0)
		}
		b.WriteByte(')')
	case *Paren:
		b.WriteByte('(')
		printExpr(b, x.X, 0)
		b.WriteByte(')')
	case *Unary:
		b.WriteString(x.Op.String())
		if x.Op == OpNot {
			if _, ok := x.X.(*Paren); !ok {
				b.WriteByte(' ')
			}
		}
		printExpr(b, x.X, precUnary)
	case *Binary:
		p := x.Op.Precedence()
		if p < prec {
			b.WriteByte('(')
		}
		printExpr(b, x.X, p)
		b.WriteByte(' ')
		b.WriteString(x.Op.String())
		b.WriteByte(' ')
		// Left-associative: a right operand at the same level needs parentheses.
		printExpr(b, x.Y, p+1)
		if p < prec {
			b.WriteByte(')')
		}
	}
}

// Quote returns s as a double-quoted formula string literal, which reads
// back as s: only " and \ are escaped, since Salesforce keeps the backslash
// of every other escape. A line break, which no literal can hold, is shown
// as \n or \r, and reads back as a backslash and a letter.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// SExpr returns x as an S-expression, such as
// (IF (CONTAINS $User.Department "Sales") "yes" "no"). Parentheses written in
// the source are implied by the nesting and not shown.
func SExpr(x Expr) string {
	var b strings.Builder
	sexpr(&b, x)
	return b.String()
}

// SExprTemplate returns a template as an S-expression: a formula field as its
// expression, any other field as (TEMPLATE part…).
func SExprTemplate(t *Template) string {
	if t.Kind == Formula {
		return SExpr(t.Segments[0].Expr)
	}
	var b strings.Builder
	b.WriteString("(TEMPLATE")
	for _, s := range t.Segments {
		b.WriteByte(' ')
		if s.Expr == nil {
			b.WriteString(Quote(s.Text))
		} else {
			sexpr(&b, s.Expr)
		}
	}
	b.WriteByte(')')
	return b.String()
}

func sexpr(b *strings.Builder, x Expr) {
	switch x := x.(type) {
	case *Call:
		b.WriteByte('(')
		b.WriteString(strings.ToUpper(x.Name))
		for _, a := range x.Args {
			b.WriteByte(' ')
			sexpr(b, a)
		}
		b.WriteByte(')')
	case *Paren:
		sexpr(b, x.X)
	case *Unary:
		b.WriteByte('(')
		b.WriteString(x.Op.String())
		b.WriteByte(' ')
		sexpr(b, x.X)
		b.WriteByte(')')
	case *Binary:
		b.WriteByte('(')
		b.WriteString(x.Op.String())
		b.WriteByte(' ')
		sexpr(b, x.X)
		b.WriteByte(' ')
		sexpr(b, x.Y)
		b.WriteByte(')')
	default:
		printExpr(b, x, 0)
	}
}
