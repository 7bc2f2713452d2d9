package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// decTrunc returns d truncated toward zero, as Java's intValue does but
// saturated to the int32 range instead of wrapping, and the sign of the
// part cut off: 0 when d is whole, else d's sign.
func decTrunc(d *apd.Decimal) (int, int) {
	if d.Form != apd.Finite || d.IsZero() {
		return 0, 0
	}
	sign := 1
	if d.Negative {
		sign = -1
	}
	sat := func() (int, int) {
		if sign < 0 {
			return math.MinInt32, sign
		}
		return math.MaxInt32, sign
	}
	nd, e := d.NumDigits(), int64(d.Exponent)
	if nd+e > 10 { // at least 11 integer digits
		return sat()
	}
	if e >= 0 {
		return clampInt32(sign * int(d.Coeff.Int64()) * int(tenPow(e))), 0
	}
	if nd+e <= 0 { // |d| < 1
		return 0, sign
	}
	if nd <= 18 {
		c, p := d.Coeff.Int64(), tenPow(-e)
		frac := 0
		if c%p != 0 {
			frac = sign
		}
		return clampInt32(sign * int(c/p)), frac
	}
	var i, f apd.Decimal
	d.Modf(&i, &f)
	n, err := i.Int64()
	if err != nil {
		return sat()
	}
	frac := 0
	if !f.IsZero() {
		frac = sign
	}
	return clampInt32(int(n)), frac
}

func tenPow(e int64) int64 {
	p := int64(1)
	for ; e > 0; e-- {
		p *= 10
	}
	return p
}

func clampInt32(n int) int { return max(math.MinInt32, min(n, math.MaxInt32)) }

// cmpDecInt compares a decimal, given as decTrunc's result, with k.
func cmpDecInt(t, frac, k int) int {
	switch {
	case t < k:
		return -1
	case t > k:
		return 1
	}
	return frac
}

// javaDecimal reports whether s is a number in the grammar of Java's
// BigDecimal(String), which VALUE and ISNUMBER accept: an optional sign,
// digits with at most one point and at least one digit, and an optional
// exponent. It returns the number in apd's syntax.
func javaDecimal(s string) (string, bool) {
	var b strings.Builder
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		if s[i] == '-' {
			b.WriteByte('-')
		}
		i++
	}
	digits, frac, point := 0, 0, false
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '.' {
			if point {
				return "", false
			}
			point = true
			i++
			continue
		}
		v := digitVal(r)
		if v < 0 {
			break
		}
		b.WriteByte(byte('0' + v))
		digits++
		if point {
			frac++
		}
		i += size
	}
	if digits == 0 {
		return "", false
	}
	var exp int64
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return "", false
		}
		var ok bool
		if exp, ok = javaExponent(s[i+1:]); !ok {
			return "", false
		}
	}
	scale := int64(frac) - exp
	if scale < math.MinInt32 || scale > math.MaxInt32 {
		return "", false // Java: scale out of range
	}
	b.WriteByte('e')
	b.WriteString(strconv.FormatInt(-scale, 10))
	return b.String(), true
}

// javaExponent reads an exponent after the e: an optional sign and at most
// ten significant digits.
func javaExponent(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	var exp int64
	n, sig := 0, 0
	for _, r := range s {
		v := digitVal(r)
		if v < 0 {
			return 0, false
		}
		n++
		if sig > 0 || v != 0 {
			sig++
		}
		if sig > 10 {
			return 0, false
		}
		exp = exp*10 + int64(v)
	}
	if n == 0 {
		return 0, false
	}
	if neg {
		exp = -exp
	}
	return exp, true
}

// digitVal returns the value of a decimal digit in any script, as Java's
// Character.digit does for the BMP, or -1.
func digitVal(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < utf8.RuneSelf || r > 0xFFFF || !unicode.IsDigit(r) {
		return -1
	}
	// Unicode lays out each script's digits as a run of ten from zero.
	for _, rg := range unicode.Nd.R16 {
		if uint16(r) >= rg.Lo && uint16(r) <= rg.Hi {
			return int(uint16(r)-rg.Lo) % 10
		}
	}
	return -1
}

// errNotNumber is VALUE's message, which Salesforce words without the text.
const errNotNumber = "The value 'null' is not a valid number."

// valueImpl compiles VALUE: text to Number, in Java's grammar, rounded to 39
// digits.
func valueImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		s, ok := f(fr)
		if !ok {
			return false
		}
		canon, good := javaDecimal(s)
		if !good {
			fr.fail(x, errNotNumber)
			return false
		}
		// Converting n digits takes time quadratic in n.
		if digits := strings.IndexByte(canon, 'e') - strings.Count(canon[:1], "-"); digits > maxNumberDigits {
			fr.failLimit(x, fmt.Sprintf("Incorrect parameter value for %s. Expected a number of at most %d digits, received %d", fnName(x.Name), maxNumberDigits, digits))
			return false
		}
		if _, _, err := quoCtx.SetString(dst, canon); err != nil {
			fr.fail(x, string(errOutOfRange))
			return false
		}
		if dst.IsZero() {
			dst.Negative = false // Java has no negative zero
		}
		return true
	}}
}

// isNumberImpl compiles ISNUMBER, which takes Text only, not NULL.
func isNumberImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Boolean, src: x, bl: func(fr *frame) (bool, bool) {
		s, ok := f(fr)
		if !ok {
			return false, true
		}
		_, good := javaDecimal(s)
		return good, true
	}}
}

// textImpl compiles TEXT for an argument of type t.
func textImpl(t Type) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		a := args[0]
		n := &node{typ: Text, src: x}
		switch {
		case a.typ == Null:
			return nullNode(x, Text)
		case t == Number:
			f, slot := a.num, c.decSlot()
			n.str = func(fr *frame) (string, bool) {
				d := &fr.dec[slot]
				if !f(fr, d) {
					return "", false
				}
				return formatNumberText(d), true
			}
		default:
			format := formatTime
			switch t {
			case Date:
				format = formatDate
			case DateTime:
				format = formatDateTime
			}
			f := a.i64
			n.str = func(fr *frame) (string, bool) {
				v, ok := f(fr)
				if !ok {
					return "", false
				}
				return format(v), true
			}
		}
		return n
	}
}

// asciiImpl compiles ASCII: the first character's code point.
func asciiImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		s, ok := f(fr)
		if !ok || s == "" {
			return false
		}
		r, _ := decodeUnit(s) // a lone surrogate is its own code
		dst.SetInt64(int64(r))
		return true
	}}
}

// chrImpl compiles CHR: the character of a code point. Zero written without
// decimals, a null and an invalid code point give null.
func chrImpl(c *compiler, x *formula.Call, args []*node) *node {
	f, slot := args[0].num, c.decSlot()
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		d := &fr.dec[slot]
		if !f(fr, d) || d.IsZero() && d.Exponent == 0 {
			return "", false
		}
		cp, _ := decTrunc(d)
		if cp < 0 || cp > unicode.MaxRune {
			return "", false
		}
		if cp >= 0xD800 && cp <= 0xDFFF { // a lone surrogate, as Java keeps it
			return surrogateText(rune(cp)), true
		}
		return string(rune(cp)), true
	}}
}
