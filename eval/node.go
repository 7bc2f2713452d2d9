package eval

import (
	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// The compiled form of an expression is a node holding one typed closure,
// chosen by the node's type. Every closure reports validity separately from
// the value, so a null never needs boxing.
type (
	strFn  func(*frame) (string, bool)     // Text and Blob
	numFn  func(*frame, *apd.Decimal) bool // Number: writes into dst
	boolFn func(*frame) (bool, bool)       // Boolean
	intFn  func(*frame) (int64, bool)      // Date, DateTime, Time
	geoFn  func(*frame) (Geo, bool)        // Geolocation
)

// node is a checked, compiled expression.
type node struct {
	typ Type
	src formula.Expr // for error positions
	str strFn
	num numFn
	bl  boolFn
	i64 intFn
	geo geoFn
	// konst holds the value when the node is a constant, for folding.
	konst *Value
	// zoned marks a node whose value depends on the evaluation's time zone
	// (Env.Location) besides its operands, such as DATEVALUE of a
	// date-time: it is never folded into a constant.
	zoned bool
	// parts are the operands of a text concatenation, so that a chain of
	// them compiles to one node.
	parts []strFn
	// secret is set when the value derives from a secret field.
	secret bool
	// pick, set on IF, CASE, IFS, BLANKVALUE and NULLVALUE when compiling
	// with Options.Trace, returns the index of the argument the call
	// yields, or -1 for none.
	pick func(*frame) int
}

// nullNode returns a node of type t whose value is always null. With t Null
// it serves every type, which is how NULL fits anywhere.
func nullNode(src formula.Expr, t Type) *node {
	return &node{
		typ: t, src: src,
		str:   func(*frame) (string, bool) { return "", false },
		num:   func(*frame, *apd.Decimal) bool { return false },
		bl:    func(*frame) (bool, bool) { return false, false },
		i64:   func(*frame) (int64, bool) { return 0, false },
		geo:   func(*frame) (Geo, bool) { return Geo{}, false },
		konst: &Value{typ: t},
	}
}

// invalidNode stands for an expression that failed to check, so checking
// can go on and report further errors.
func invalidNode(src formula.Expr) *node {
	n := nullNode(src, Invalid)
	n.konst = nil
	return n
}

// constNode returns a node that always yields v.
func constNode(src formula.Expr, v Value) *node {
	n := &node{typ: v.typ, src: src, konst: &v, secret: v.secret}
	if !v.valid {
		nn := nullNode(src, v.typ)
		nn.konst = &v
		return nn
	}
	switch v.typ {
	case Text, Blob:
		if v.str == "" { // Salesforce reads an empty literal as null
			nn := nullNode(src, v.typ)
			nn.konst = &v
			return nn
		}
		s := v.str
		n.str = func(*frame) (string, bool) { return s, true }
	case Number:
		d := new(apd.Decimal).Set(&v.num)
		n.num = func(_ *frame, dst *apd.Decimal) bool { dst.Set(d); return true }
	case Boolean:
		b := v.b
		n.bl = func(*frame) (bool, bool) { return b, true }
	case Date, DateTime, Time:
		i := v.i64
		n.i64 = func(*frame) (int64, bool) { return i, true }
	case Geolocation:
		g := v.geo
		n.geo = func(*frame) (Geo, bool) { return g, true }
	}
	return n
}

// value evaluates n into a Value.
func (n *node) value(fr *frame) Value {
	if n.typ == Number {
		return n.numValue(fr)
	}
	v := Value{typ: n.typ, secret: n.secret}
	switch n.typ {
	case Text, Blob, Picklist, MultiPicklist:
		v.str, v.valid = n.str(fr)
	case Boolean:
		v.b, v.valid = n.bl(fr)
	case Date, DateTime, Time:
		v.i64, v.valid = n.i64(fr)
	case Geolocation:
		v.geo, v.valid = n.geo(fr)
	}
	return v
}

// numValue evaluates a Number node into a Value. It is apart from value
// because the decimal's address, passed to the node, moves the Value to
// the heap: only a number pays for that.
func (n *node) numValue(fr *frame) Value {
	v := Value{typ: Number, secret: n.secret}
	v.valid = n.num(fr, &v.num)
	return v
}

// isConst reports whether n's value is known at compile time.
func (n *node) isConst() bool { return n.konst != nil }

// mayFail reports whether evaluating n can raise an error: constants and
// field reads cannot. Salesforce's engine evaluates both operands of an
// operator, and every argument of CASE, BLANKVALUE and NULLVALUE, even where
// the result does not need them; nodes that may fail are evaluated for their
// errors alone in those places.
func (n *node) mayFail() bool {
	_, field := n.src.(*formula.Ident)
	return !n.isConst() && !field
}

// valueNode builds a node of type t from a function that computes a whole
// Value; for the rare functions where typed closures buy nothing.
func valueNode(t Type, src formula.Expr, f func(*frame) Value) *node {
	n := &node{typ: t, src: src}
	switch t {
	case Text, Blob, Picklist, MultiPicklist:
		n.str = func(fr *frame) (string, bool) { v := f(fr); return v.str, v.valid }
	case Number:
		n.num = func(fr *frame, dst *apd.Decimal) bool {
			v := f(fr)
			if v.valid {
				dst.Set(&v.num)
			}
			return v.valid
		}
	case Boolean:
		n.bl = func(fr *frame) (bool, bool) { v := f(fr); return v.b, v.valid }
	case Date, DateTime, Time:
		n.i64 = func(fr *frame) (int64, bool) { v := f(fr); return v.i64, v.valid }
	case Geolocation:
		n.geo = func(fr *frame) (Geo, bool) { v := f(fr); return v.geo, v.valid }
	default:
		return nullNode(src, t)
	}
	return n
}
