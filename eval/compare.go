package eval

import (
	"unicode/utf8"

	"github.com/credscope/credscope/formula"
)

// comparison compiles = <> < > <= >=. Text compares with null as "", case
// sensitively; for other types a null operand makes the result null.
func (c *compiler) comparison(x *formula.Binary, a, b *node) *node {
	ta, tb := unify(a.typ, b.typ)
	if ta != tb {
		c.typeError(b, opName(x.Op), ta)
		return nil
	}
	equality := x.Op == formula.OpEq || x.Op == formula.OpNe
	test := cmpTest(x.Op)
	n := &node{typ: Boolean, src: x}
	switch ta {
	case Null:
		n.bl = func(*frame) (bool, bool) { return false, false }
	case Text:
		fa, fb := a.str, b.str
		n.bl = func(fr *frame) (bool, bool) {
			s, _ := fa(fr)
			t, _ := fb(fr)
			// Strings compare by UTF-16 code unit in Salesforce; byte order
			// of UTF-8 agrees except across surrogates, which compareUTF16
			// handles.
			if equality { // null reads as "": never null
				return (s == t) == (x.Op == formula.OpEq), true
			}
			if s == "" || t == "" {
				return false, false
			}
			return test(compareUTF16(s, t)), true
		}
	case Number:
		slot := c.decSlot()
		slot2 := c.decSlot()
		fa, fb := a.num, b.num
		touchB := b.mayFail()
		n.bl = func(fr *frame) (bool, bool) {
			p, q := &fr.dec[slot], &fr.dec[slot2]
			if !fa(fr, p) {
				if touchB { // for its errors: the engine evaluates both operands
					fb(fr, q)
				}
				return false, false
			}
			if !fb(fr, q) {
				return false, false
			}
			return test(p.Cmp(q)), true
		}
	case Boolean:
		if !equality {
			c.typeError(notNull(a, b), opName(x.Op), Number, Text, Date, DateTime, Time)
			return nil
		}
		n.bl = compareWith(a.bl, b.bl, b.mayFail(), boolCmp, test)
	case Date, DateTime, Time:
		n.bl = compareWith(a.i64, b.i64, b.mayFail(), intCmp, test)
	default:
		c.typeError(notNull(a, b), opName(x.Op), Number, Text, Boolean, Date, DateTime, Time)
		return nil
	}
	return n
}

// compareWith builds a comparison of two operands of one type; a null
// operand makes the result null. When the first is null, the second is
// still evaluated for its errors if touchB is set, as the engine evaluates
// both operands.
func compareWith[T any, F ~func(*frame) (T, bool)](fa, fb F, touchB bool, cmp func(T, T) int, test func(int) bool) boolFn {
	return func(fr *frame) (bool, bool) {
		p, ok := fa(fr)
		if !ok {
			if touchB {
				fb(fr)
			}
			return false, false
		}
		q, ok := fb(fr)
		if !ok {
			return false, false
		}
		return test(cmp(p, q)), true
	}
}

func cmpTest(op formula.Op) func(int) bool {
	switch op {
	case formula.OpEq:
		return func(c int) bool { return c == 0 }
	case formula.OpNe:
		return func(c int) bool { return c != 0 }
	case formula.OpLt:
		return func(c int) bool { return c < 0 }
	case formula.OpGt:
		return func(c int) bool { return c > 0 }
	case formula.OpLe:
		return func(c int) bool { return c <= 0 }
	}
	return func(c int) bool { return c >= 0 }
}

func boolCmp(p, q bool) int {
	switch {
	case p == q:
		return 0
	case !p:
		return -1
	}
	return 1
}

func intCmp(p, q int64) int {
	switch {
	case p < q:
		return -1
	case p > q:
		return 1
	}
	return 0
}

// logical compiles AND, OR, && and ||, short-circuiting left to right.
// AND is FALSE when an operand is null; OR skips nulls.
func (c *compiler) logical(x formula.Expr, and bool, args []*node) *node {
	what := "function 'OR()'"
	if and {
		what = "function 'AND()'"
	}
	if b, ok := x.(*formula.Binary); ok {
		what = opName(b.Op)
	}
	fns := make([]boolFn, len(args))
	for i, a := range args {
		if !assignable(a.typ, Boolean) {
			c.typeError(a, what, Boolean)
			return nil
		}
		fns[i] = a.bl
	}
	n := &node{typ: Boolean, src: x}
	if and {
		n.bl = func(fr *frame) (bool, bool) {
			for _, f := range fns {
				if b, ok := f(fr); !b || !ok {
					return false, true
				}
			}
			return true, true
		}
	} else if len(fns) == 2 {
		f, g := fns[0], fns[1]
		n.bl = func(fr *frame) (bool, bool) {
			if b, ok := f(fr); b && ok {
				return true, true
			}
			b, ok := g(fr)
			return b && ok, true
		}
	} else {
		n.bl = func(fr *frame) (bool, bool) {
			for _, f := range fns {
				if b, ok := f(fr); b && ok {
					return true, true
				}
			}
			return false, true
		}
	}
	return n
}

// compareUTF16 orders strings as Java's String.compareTo does, by UTF-16
// code unit. UTF-8 byte order matches code point order, which differs only
// where a supplementary character meets U+E000..U+FFFF.
func compareUTF16(s, t string) int {
	for i, j := 0, 0; ; {
		if i == len(s) || j == len(t) {
			return intCmp(int64(len(s)-i), int64(len(t)-j))
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		q, m := utf8.DecodeRuneInString(t[j:])
		if r != q {
			return intCmp(int64(utf16Key(r)), int64(utf16Key(q)))
		}
		i, j = i+n, j+m
	}
}

// utf16Key maps a rune to the first UTF-16 code unit that encodes it.
func utf16Key(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}
