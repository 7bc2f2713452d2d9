package eval

import (
	"math"
	"strconv"

	"github.com/cockroachdb/apd/v3"
)

// Salesforce computes SQRT, EXP, LN, LOG and the trigonometric functions in
// IEEE doubles: the argument is converted to the nearest double, the
// function is applied, and the double's shortest decimal form, as Java's
// Double.toString writes it, becomes the result. So SQRT(4) is 2.0 and
// EXP(-10) is 0.000045399929762484854.

// decToFloat returns the double nearest to d.
func decToFloat(d *apd.Decimal) float64 {
	switch d.Form {
	case apd.Infinite:
		if d.Negative {
			return math.Inf(-1)
		}
		return math.Inf(1)
	case apd.NaN, apd.NaNSignaling:
		return math.NaN()
	}
	if d.IsZero() {
		return 0
	}
	// Exact operands and one rounding give the nearest double.
	if d.Coeff.IsUint64() && d.Exponent >= -22 && d.Exponent <= 22 {
		if c := d.Coeff.Uint64(); c < 1<<53 {
			f := float64(c)
			if d.Exponent >= 0 {
				f *= float64pow10[d.Exponent]
			} else {
				f /= float64pow10[-d.Exponent]
			}
			if d.Negative {
				f = -f
			}
			return f
		}
	}
	var buf [64]byte
	f, _ := strconv.ParseFloat(string(d.Append(buf[:0], 'E')), 64)
	return f
}

var float64pow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
}

// setJavaDouble sets d to the finite f as Java's BigDecimal.valueOf(f)
// does: the digits of Double.toString(f), with as many decimal places as
// that string shows. Double.toString writes 10^-3 <= |f| < 10^7 plainly
// and anything else as d.dddE±n, always with at least one digit after the
// point: 2.0, 0.001, 1.0E-16, 2.091659496012996E24.
func setJavaDouble(d *apd.Decimal, f float64) {
	if f == 0 {
		d.SetFinite(0, -1) // 0.0, never -0.0
		return
	}
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	if digitCount(b) == 1 {
		// Java then picks the two-digit decimal nearest to f, which
		// differs only for the least precise subnormals (4.9E-324, not
		// 5E-324); a trailing zero is dropped again below.
		b = strconv.AppendFloat(buf[:0], f, 'e', 1, 64)
	}
	neg := b[0] == '-'
	var coeff int64
	nd := 0
	i := 0
	if neg {
		i = 1
	}
	for ; i < len(b) && b[i] != 'e'; i++ {
		if b[i] == '.' {
			continue
		}
		coeff = coeff*10 + int64(b[i]-'0')
		nd++
	}
	for nd > 1 && coeff%10 == 0 {
		coeff /= 10
		nd--
	}
	exp10 := 0
	for _, c := range b[i+2:] { // after "e±"
		exp10 = exp10*10 + int(c-'0')
	}
	if b[i+1] == '-' {
		exp10 = -exp10
	}
	var frac int // digits after the point in Java's form
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		frac = max(nd-1-exp10, 1)
	} else {
		frac = max(nd-1, 1) - exp10
	}
	for range exp10 - (nd - 1) + frac {
		coeff *= 10
	}
	if neg {
		coeff = -coeff
	}
	d.SetFinite(coeff, int32(-frac))
}

// digitCount counts the mantissa digits of a strconv 'e' format.
func digitCount(b []byte) int {
	n := 0
	for _, c := range b {
		if c == 'e' {
			break
		}
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

// javaLog10 is LOG(): ln(x)/ln(10) in doubles, as Salesforce computes it,
// so LOG(1000) is 2.9999999999999996.
func javaLog10(x float64) float64 { return crLog(x) / math.Ln10 }
