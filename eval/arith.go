package eval

import (
	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// unify resolves NULL operands to the other operand's type.
func unify(a, b Type) (Type, Type) {
	switch {
	case a == Null && b != Null:
		return b, b
	case b == Null && a != Null:
		return a, a
	}
	return a, b
}

// additive compiles + and -: numbers, text joining (+ only), and date,
// date-time and time arithmetic.
func (c *compiler) additive(x *formula.Binary, a, b *node) *node {
	ta, tb := unify(a.typ, b.typ)
	add := x.Op == formula.OpAdd
	switch {
	case a.typ == Null || b.typ == Null:
		// Salesforce folds x + NULL to NULL at compile time, text included.
		if !typeIn(ta, []Type{Null, Number, Text, Date, DateTime, Time}) {
			c.typeError(notNull(a, b), opName(x.Op), Number, Date, DateTime)
			return nil
		}
		return nullNode(x, Null)
	case ta == Text && tb == Text && add:
		return c.concat(x, []*node{a, b})
	case ta == Number && tb == Number:
		if add {
			return c.numBinary(x, a, b, numAdd)
		}
		return c.numBinary(x, a, b, numSub)
	case (ta == Date || ta == DateTime || ta == Time) && tb == Number:
		return c.shift(x, ta, a, b, add)
	case ta == Number && (tb == Date || tb == DateTime) && add:
		return c.shift(x, tb, b, a, true)
	case (ta == Date || ta == DateTime || ta == Time) && ta == tb && !add:
		return c.difference(x, ta, a, b)
	}
	if ta == Time && tb == Time && add {
		c.argTypeError(b, opName(x.Op)) // two times have no sum
		return nil
	}
	want := []Type{Number, Date, DateTime, Time}
	if add {
		want = []Type{Number, Text, Date, DateTime, Time}
	}
	if !typeIn(ta, want) {
		c.typeError(a, opName(x.Op), want...)
	} else {
		c.typeError(b, opName(x.Op), compatibleRight(ta, add)...)
	}
	return nil
}

// notNull returns the operand that is not the NULL literal, to blame it
// for a type error.
func notNull(a, b *node) *node {
	if a.typ == Null {
		return b
	}
	return a
}

func typeIn(t Type, ts []Type) bool {
	for _, u := range ts {
		if t == u {
			return true
		}
	}
	return false
}

// compatibleRight lists what may follow a left operand of type t.
func compatibleRight(t Type, add bool) []Type {
	switch t {
	case Text:
		return []Type{Text}
	case Number:
		if add {
			return []Type{Number, Date, DateTime}
		}
		return []Type{Number}
	}
	if add {
		return []Type{Number}
	}
	return []Type{Number, t}
}

// numBinary builds a Number operator from an apd operation. A null operand
// makes the result null, but an error in either operand still fails it.
func (c *compiler) numBinary(x formula.Expr, a, b *node, op func(d, x, y *apd.Decimal) error) *node {
	slot := c.decSlot()
	fa, fb := a.num, b.num
	touchB := b.mayFail()
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		if !fa(fr, dst) {
			if touchB { // for its errors: the engine evaluates both operands
				fb(fr, &fr.dec[slot])
			}
			return false
		}
		t := &fr.dec[slot]
		if !fb(fr, t) {
			return false
		}
		if err := op(dst, dst, t); err != nil {
			fr.fail(x, numError(err))
			return false
		}
		return true
	}}
}

// arithmetic compiles *, / and ^, which take numbers only.
func (c *compiler) arithmetic(x *formula.Binary, a, b *node) *node {
	for _, n := range []*node{a, b} {
		if !assignable(n.typ, Number) {
			c.typeError(n, opName(x.Op), Number)
			return nil
		}
	}
	switch x.Op {
	case formula.OpMul:
		return c.numBinary(x, a, b, numMul)
	case formula.OpDiv:
		return c.numBinary(x, a, b, numDiv)
	}
	return c.numBinary(x, a, b, numPow)
}
