package eval

import (
	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// unifyBranches returns the common type of the results of IF, CASE and the
// like; NULL fits any type. It reports the first result that does not fit.
func (c *compiler) unifyBranches(what string, bs []*node) (Type, bool) {
	t := Null
	for _, b := range bs {
		if b.typ != Null {
			t = b.typ
			break
		}
	}
	for _, b := range bs {
		if !assignable(b.typ, t) {
			c.typeError(b, what, t)
			return Invalid, false
		}
	}
	return t, true
}

// choose builds a node of type t that evaluates the branch pick selects, and
// only that one; a negative pick is null.
func choose(t Type, src formula.Expr, pick func(*frame) int, bs []*node) *node {
	n := &node{typ: t, src: src}
	switch t {
	case Null:
		return nullNode(src, Null)
	case Text, Blob:
		fns := make([]strFn, len(bs))
		for i, b := range bs {
			fns[i] = b.str
		}
		n.str = func(fr *frame) (string, bool) {
			if i := pick(fr); i >= 0 {
				return fns[i](fr)
			}
			return "", false
		}
	case Number:
		fns := make([]numFn, len(bs))
		for i, b := range bs {
			fns[i] = b.num
		}
		n.num = func(fr *frame, dst *apd.Decimal) bool {
			if i := pick(fr); i >= 0 {
				return fns[i](fr, dst)
			}
			return false
		}
	case Boolean:
		fns := make([]boolFn, len(bs))
		for i, b := range bs {
			fns[i] = b.bl
		}
		n.bl = func(fr *frame) (bool, bool) {
			if i := pick(fr); i >= 0 {
				return fns[i](fr)
			}
			return false, false
		}
	case Date, DateTime, Time:
		fns := make([]intFn, len(bs))
		for i, b := range bs {
			fns[i] = b.i64
		}
		n.i64 = func(fr *frame) (int64, bool) {
			if i := pick(fr); i >= 0 {
				return fns[i](fr)
			}
			return 0, false
		}
	case Geolocation:
		fns := make([]geoFn, len(bs))
		for i, b := range bs {
			fns[i] = b.geo
		}
		n.geo = func(fr *frame) (Geo, bool) {
			if i := pick(fr); i >= 0 {
				return fns[i](fr)
			}
			return Geo{}, false
		}
	}
	return n
}

// ifNode is choose for two branches on a condition, without the indirection
// of a pick function on the hot path. A null condition takes the else branch.
func ifNode(t Type, src formula.Expr, cond boolFn, then, els *node) *node {
	n := &node{typ: t, src: src}
	switch t {
	case Null:
		return nullNode(src, Null)
	case Text, Blob:
		a, b := then.str, els.str
		n.str = func(fr *frame) (string, bool) {
			if v, ok := cond(fr); v && ok {
				return a(fr)
			}
			return b(fr)
		}
	case Number:
		a, b := then.num, els.num
		n.num = func(fr *frame, dst *apd.Decimal) bool {
			if v, ok := cond(fr); v && ok {
				return a(fr, dst)
			}
			return b(fr, dst)
		}
	case Boolean:
		a, b := then.bl, els.bl
		n.bl = func(fr *frame) (bool, bool) {
			if v, ok := cond(fr); v && ok {
				return a(fr)
			}
			return b(fr)
		}
	default:
		return choose(t, src, func(fr *frame) int {
			if v, ok := cond(fr); v && ok {
				return 0
			}
			return 1
		}, []*node{then, els})
	}
	return n
}
