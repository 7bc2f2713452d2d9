package eval

import (
	"math"

	"github.com/cockroachdb/apd/v3"
)

var decOne = apd.New(1, 0)

// roundScale rounds d in place to scale decimal places the way Salesforce's
// ROUND, TRUNC and result formatting do. The rounding keeps a number of
// significant digits rather than setting a scale, so it never pads
// (ROUND(0.5, 2) is 0.5), a carry may shorten the scale (ROUND(9.995, 2) is
// 10.0), and a negative scale that leaves no digit gives zero (ROUND(5, -1)
// is 0). Numbers below one are rounded as 1+|d|, so that 0.003 keeps its
// place value. The result has no positive exponent and is never -0.
//
// The precision arithmetic wraps around as Java's int arithmetic does.
func roundScale(d *apd.Decimal, scale int32, mode apd.Rounder) {
	if d.Form != apd.Finite {
		return
	}
	neg := d.Negative
	if d.IsZero() || int64(d.Exponent)+d.NumDigits() <= 0 { // |d| < 1
		p := scale + 1
		if p <= 0 {
			d.SetInt64(0)
			return
		}
		d.Negative = false
		if numAdd(d, d, decOne) != nil {
			return
		}
		roundPrec(d, int64(p), mode)
		if numSub(d, d, decOne) != nil {
			return
		}
		d.Negative = neg && !d.IsZero()
	} else {
		p := int32(d.NumDigits()) + d.Exponent + scale
		if p <= 0 {
			d.SetInt64(0)
			return
		}
		roundPrec(d, int64(p), mode)
	}
	plainExponent(d)
	if d.IsZero() {
		d.Negative = false
	}
}

// roundPrec rounds d in place to p > 0 significant digits, like Java's
// BigDecimal.round(MathContext): digits are only ever removed.
func roundPrec(d *apd.Decimal, p int64, mode apd.Rounder) {
	if p >= d.NumDigits() {
		return
	}
	ctx := apd.Context{Precision: uint32(p), MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Rounding: mode}
	mode.Round(&ctx, d, d, false)
}

// roundInt rounds d in place to an integer with the given rounding, like
// Java's setScale(0, mode).
func roundInt(d *apd.Decimal, mode apd.Rounder) {
	if d.Form != apd.Finite {
		return
	}
	if d.Exponent >= 0 {
		plainExponent(d)
		return
	}
	intDigits := d.NumDigits() + int64(d.Exponent)
	if intDigits < 0 { // |d| < 0.1: the result is 0 or ±1
		neg, nonzero := d.Negative, !d.IsZero()
		d.SetInt64(0)
		if nonzero && mode.ShouldAddOne(&d.Coeff, neg, -1) {
			d.SetInt64(1)
			d.Negative = neg
		}
		return
	}
	ctx := apd.Context{Precision: uint32(intDigits), MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Rounding: mode}
	mode.Round(&ctx, d, d, false)
	plainExponent(d)
	if d.IsZero() {
		d.Negative = false
	}
}

// javaIntExact is Java's BigDecimal.intValueExact(): d as an int32, or false
// when d has a fractional part or lies outside the int32 range.
func javaIntExact(d *apd.Decimal) (int32, bool) {
	if d.Form != apd.Finite {
		return 0, false
	}
	var ip, frac apd.Decimal
	d.Modf(&ip, &frac)
	if !frac.IsZero() {
		return 0, false
	}
	if ip.IsZero() {
		return 0, true
	}
	if ip.Exponent > 10 || !ip.Coeff.IsUint64() {
		return 0, false
	}
	v := ip.Coeff.Uint64()
	for range ip.Exponent {
		if v > math.MaxUint64/10 {
			return 0, false
		}
		v *= 10
	}
	switch {
	case !ip.Negative && v <= math.MaxInt32:
		return int32(v), true
	case ip.Negative && v <= -math.MinInt32:
		return int32(-int64(v)), true
	}
	return 0, false
}
