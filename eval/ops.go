package eval

import (
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// opName renders an operator for Salesforce's "Incorrect parameter type for
// operator '+'" messages.
func opName(op formula.Op) string {
	if op == formula.OpNot {
		return "function 'NOT()'"
	}
	return "operator '" + op.String() + "'"
}

// typeError reports an operand or argument of the wrong type.
func (c *compiler) typeError(arg *node, what string, expected ...Type) {
	if arg.typ == Invalid {
		return // already reported
	}
	if isPicklist(arg.typ) {
		c.picklistError(arg)
		return
	}
	// Like Salesforce, leave the received type out of the expected list.
	names := make([]string, 0, len(expected))
	for _, t := range expected {
		// A picklist parameter goes unnamed beside others, as in
		// Salesforce's message for TEXT.
		if t != arg.typ && !(isPicklist(t) && len(expected) > 1) {
			names = append(names, t.String())
		}
	}
	if len(names) == 0 {
		for _, t := range expected {
			names = append(names, t.String())
		}
	}
	c.errorf(arg.src.Pos(), "Incorrect parameter type for %s. Expected %s, received %v", what, strings.Join(names, ", "), arg.typ)
}

// argTypeError reports an argument whose type the function does not take
// at all, in Salesforce's wording for that case.
func (c *compiler) argTypeError(arg *node, what string) {
	c.errorf(arg.src.Pos(), "Incorrect argument type for %s.", what)
}

func (c *compiler) unary(x *formula.Unary) *node {
	a := c.compile(x.X)
	if a.typ == Invalid || c.rejectPicklistOperands(a) {
		return invalidNode(x)
	}
	switch x.Op {
	case formula.OpNot:
		if !assignable(a.typ, Boolean) {
			c.typeError(a, opName(x.Op), Boolean)
			return invalidNode(x)
		}
		f := a.bl
		return c.fold(&node{typ: Boolean, src: x, secret: a.secret, bl: func(fr *frame) (bool, bool) {
			b, ok := f(fr)
			return !b, ok
		}}, a)
	default:
		if !assignable(a.typ, Number) || a.typ == Null { // -NULL has no type to negate
			c.typeError(a, opName(x.Op), Number)
			return invalidNode(x)
		}
		if x.Op == formula.OpAdd {
			return &node{typ: Number, src: x, num: a.num, konst: a.konst, secret: a.secret}
		}
		f := a.num
		return c.fold(&node{typ: Number, src: x, secret: a.secret, num: func(fr *frame, dst *apd.Decimal) bool {
			if !f(fr, dst) {
				return false
			}
			dst.Neg(dst)
			return true
		}}, a)
	}
}

func (c *compiler) binary(x *formula.Binary) *node {
	a, b := c.compile(x.X), c.compile(x.Y)
	if a.typ == Invalid || b.typ == Invalid || c.rejectPicklistOperands(a, b) {
		return invalidNode(x)
	}
	var n *node
	switch x.Op {
	case formula.OpOr, formula.OpAnd:
		n = c.logical(x, x.Op == formula.OpAnd, []*node{a, b})
	case formula.OpEq, formula.OpNe, formula.OpLt, formula.OpGt, formula.OpLe, formula.OpGe:
		n = c.comparison(x, a, b)
	case formula.OpConcat:
		n = c.concat(x, []*node{a, b})
	case formula.OpAdd, formula.OpSub:
		n = c.additive(x, a, b)
	default:
		n = c.arithmetic(x, a, b)
	}
	if n == nil {
		return invalidNode(x)
	}
	n.secret = a.secret || b.secret
	return c.fold(n, a, b)
}

// fold replaces n by a constant when all its operands are constants and
// evaluating it raises no error. Calls that read the clock, and nodes that
// read the time zone, are never folded: both come with each evaluation.
// All the folds of one compilation share one budget.
func (c *compiler) fold(n *node, args ...*node) *node {
	if n.typ == Invalid || n.konst != nil || n.zoned {
		return n
	}
	for _, a := range args {
		if a.konst == nil {
			return n
		}
	}
	// The folds share scratch decimals, grown by doubling, as evaluations
	// share pooled frames: a fresh set per fold would cost time quadratic
	// in the formula.
	if len(c.foldDec) < c.ndec {
		c.foldDec = make([]apd.Decimal, 2*c.ndec)
	}
	fr := &frame{env: Env{Budget: budgetOr(c.opts.Budget)}, dec: c.foldDec[:c.ndec], budget: c.budget}
	v := n.value(fr)
	c.budget = fr.budget
	if fr.err != nil {
		// Other errors wait for run time, where the branch holding them may
		// never run; a constant beyond the limits is refused now, so that
		// compiling does no more work than evaluating may.
		if fr.overLimit {
			c.limitError(fr.err.at, fr.err.msg)
		}
		return n
	}
	k := constNode(n.src, v)
	k.secret = n.secret
	return k
}

// concat joins text operands; a null joins as "". The result is never null
// but may be blank.
func (c *compiler) concat(x formula.Expr, args []*node) *node {
	secret := false
	for _, a := range args {
		if !assignable(a.typ, Text) {
			c.typeError(a, "operator '&'", Text)
			return nil
		}
		secret = secret || a.secret
	}
	// A chain a & b & c flattens into one node that allocates once.
	var fns []strFn
	for _, a := range args {
		if a.parts != nil && a.konst == nil {
			fns = append(fns, a.parts...)
		} else {
			fns = append(fns, a.str)
		}
	}
	n := &node{typ: Text, src: x, secret: secret, parts: fns}
	if len(fns) == 2 {
		f, g := fns[0], fns[1]
		n.str = func(fr *frame) (string, bool) {
			s, _ := f(fr)
			t, _ := g(fr)
			if !fr.checkSize(x, "operator '&'", len(s)+len(t), s, t) {
				return "", false
			}
			r := s + t
			if len(s) >= 3 && len(t) >= 3 && s[len(s)-3] == 0xED && t[0] == 0xED {
				r = joinPairs(r) // two halves of a surrogate pair meet
			}
			return r, r != ""
		}
		return c.fold(n, args...)
	}
	n.str = func(fr *frame) (string, bool) {
		var parts [8]string
		ss := parts[:0]
		size := 0
		for _, f := range fns {
			s, _ := f(fr)
			ss = append(ss, s)
			size += len(s)
		}
		if !fr.checkSize(x, "operator '&'", size, ss...) {
			return "", false
		}
		var b strings.Builder
		b.Grow(size)
		for _, s := range ss {
			b.WriteString(s)
		}
		return joinPairs(b.String()), size > 0
	}
	return c.fold(n, args...)
}
