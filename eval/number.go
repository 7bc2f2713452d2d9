package eval

import (
	"math"
	"math/bits"
	"strconv"

	"github.com/cockroachdb/apd/v3"
)

// Decimal contexts, after Salesforce's engine, which computes with Java
// BigDecimals: + - * / and MOD round half-up to 39 significant digits and
// otherwise follow Java's scale rules; FLOOR and CEILING first round to 33
// digits.
var (
	// exactCtx adds, subtracts and multiplies without rounding.
	exactCtx = apd.Context{
		Precision:   0,
		MaxExponent: apd.MaxExponent,
		MinExponent: apd.MinExponent,
		Rounding:    apd.RoundHalfUp,
		Traps:       apd.DefaultTraps,
	}
	// quoCtx is Java's MathContext(39, HALF_UP), the precision of every
	// arithmetic operator.
	quoCtx = apd.Context{
		Precision:   39,
		MaxExponent: apd.MaxExponent,
		MinExponent: apd.MinExponent,
		Rounding:    apd.RoundHalfUp,
		Traps:       apd.DefaultTraps,
	}
	// quoDownCtx truncates a 39-digit quotient, for MOD.
	quoDownCtx = apd.Context{
		Precision:   39,
		MaxExponent: apd.MaxExponent,
		MinExponent: apd.MinExponent,
		Rounding:    apd.RoundDown,
		Traps:       apd.DefaultTraps,
	}
	// externalCtx is the 33-digit precision Salesforce rounds to before
	// FLOOR, CEILING and the like, so that 1/3*3 floors to 1.
	externalCtx = apd.Context{
		Precision:   33,
		MaxExponent: apd.MaxExponent,
		MinExponent: apd.MinExponent,
		Rounding:    apd.RoundHalfUp,
		Traps:       apd.DefaultTraps,
	}
)

// internalDigits is the precision of the arithmetic operators.
const internalDigits = 39

// evalError is an error whose text is the message a formula user sees.
type evalError string

func (e evalError) Error() string { return string(e) }

const (
	errDivideByZero       evalError = "Division by zero"
	errDivisionUndefined  evalError = "Division undefined"
	errDivisionImpossible evalError = "Division impossible"
	errOutOfRange         evalError = "Number out of range"
	errPowerRange         evalError = "Out of range argument to POWER() function"
)

// numError returns the user-facing message for a failed decimal operation.
func numError(err error) string {
	if e, ok := err.(evalError); ok {
		return string(e)
	}
	return string(errOutOfRange)
}

// The arithmetic operators. Each sets d to the result and returns an
// evalError on failure. d may alias x or y. No result is a negative zero.

func numAdd(d, x, y *apd.Decimal) error {
	if a, b, ok := wholeInts(x, y); ok {
		if s, ok := addInt64(a, b); ok {
			d.SetFinite(s, 0)
			return nil
		}
	}
	return addRounded(d, x, y, false)
}

func numSub(d, x, y *apd.Decimal) error {
	if a, b, ok := wholeInts(x, y); ok && b != math.MinInt64 {
		if s, ok := addInt64(a, -b); ok {
			d.SetFinite(s, 0)
			return nil
		}
	}
	return addRounded(d, x, y, true)
}

// wholeInts returns x and y as int64s when both are integers of scale 0
// that fit: the common case of counts and lengths, where exact int64
// arithmetic gives Java's result (scale 0, fewer than 39 digits) without
// the decimal context's work.
func wholeInts(x, y *apd.Decimal) (int64, int64, bool) {
	if x.Form != apd.Finite || y.Form != apd.Finite || x.Exponent != 0 || y.Exponent != 0 ||
		!x.Coeff.IsInt64() || !y.Coeff.IsInt64() {
		return 0, 0, false
	}
	a, b := x.Coeff.Int64(), y.Coeff.Int64()
	if x.Negative {
		a = -a
	}
	if y.Negative {
		b = -b
	}
	return a, b, true
}

func addInt64(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

// addRounded adds or subtracts at 39 digits. As Java does, an operand that
// lies wholly below the last digit the result can keep is first replaced
// by a one in a lower place: the rounded result is the same, and the work
// no longer grows with the distance between the exponents.
func addRounded(d, x, y *apd.Decimal, sub bool) error {
	var sticky apd.Decimal
	if x.Exponent != y.Exponent && !x.IsZero() && !y.IsZero() {
		big, small := x, y
		if x.Exponent < y.Exponent {
			big, small = y, x
		}
		bigScale := -int64(big.Exponent)
		ulpScale := bigScale - big.NumDigits() + internalDigits
		smallHigh := -int64(small.Exponent) - small.NumDigits() + 1
		if smallHigh > bigScale+2 && smallHigh > ulpScale+2 {
			sticky.SetFinite(1, -int32(max(bigScale, ulpScale)+3))
			sticky.Negative = small.Negative
			if small == x {
				x = &sticky
			} else {
				y = &sticky
			}
		}
	}
	var err error
	if sub {
		_, err = quoCtx.Sub(d, x, y)
	} else {
		_, err = quoCtx.Add(d, x, y)
	}
	return finish(d, err)
}

func numMul(d, x, y *apd.Decimal) error {
	if a, b, ok := wholeInts(x, y); ok {
		if hi, lo := bits.Mul64(uint64(absInt64(a)), uint64(absInt64(b))); hi == 0 && lo <= math.MaxInt64 && a != math.MinInt64 && b != math.MinInt64 {
			p := int64(lo)
			if (a < 0) != (b < 0) {
				p = -p
			}
			d.SetFinite(p, 0)
			return nil
		}
	}
	_, err := quoCtx.Mul(d, x, y)
	return finish(d, err)
}

func absInt64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func numDiv(d, x, y *apd.Decimal) error { return divide(&quoCtx, d, x, y) }

// divide is Java's BigDecimal.divide(y, MathContext): an inexact quotient
// has all the context's digits; an exact one is stripped of trailing zeros
// down to, but not below, the ideal exponent x.Exponent-y.Exponent.
func divide(ctx *apd.Context, d, x, y *apd.Decimal) error {
	if y.IsZero() {
		if x.IsZero() {
			return errDivisionUndefined
		}
		return errDivideByZero
	}
	ideal := int64(x.Exponent) - int64(y.Exponent)
	if ctx.Precision >= 20 && quoExactSmall(d, x, y, ideal) {
		return nil
	}
	res, err := ctx.Quo(d, x, y)
	if err != nil {
		return errOutOfRange
	}
	if !res.Inexact() {
		stripTo(d, ideal)
	}
	return finish(d, nil)
}

// quoExactSmall is the common case of divide without big integers: when
// both coefficients fit in 64 bits and x/y is a terminating decimal of at
// most 20 digits, it sets d to x/y with Java's scale and reports true.
func quoExactSmall(d, x, y *apd.Decimal, ideal int64) bool {
	if !x.Coeff.IsUint64() || !y.Coeff.IsUint64() || x.IsZero() {
		return false
	}
	xc, yc := x.Coeff.Uint64(), y.Coeff.Uint64()
	g := gcd(xc, yc)
	num, den := xc/g, yc/g
	// The quotient terminates if den is 2^a·5^b; then
	// x/y = num·(10^k/den)·10^-k with k = max(a, b).
	a, b, t := 0, 0, den
	for t%2 == 0 {
		t /= 2
		a++
	}
	for t%5 == 0 {
		t /= 5
		b++
	}
	k := max(a, b)
	if t != 1 || k >= len(pow10) {
		return false
	}
	hi, q := bits.Mul64(num, pow10[k]/den)
	exp := ideal - int64(k)
	if hi != 0 || exp < apd.MinExponent+40 || ideal > apd.MaxExponent-40 {
		return false
	}
	for exp < ideal && q%10 == 0 {
		q /= 10
		exp++
	}
	d.Form = apd.Finite
	d.Negative = x.Negative != y.Negative
	d.Coeff.SetUint64(q)
	d.Exponent = int32(exp)
	return true
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// stripTo removes trailing zeros from d while its exponent is below ideal.
func stripTo(d *apd.Decimal, ideal int64) {
	if d.IsZero() {
		if ideal >= apd.MinExponent && ideal <= apd.MaxExponent {
			d.Exponent = int32(ideal)
		}
		return
	}
	if int64(d.Exponent) >= ideal {
		return
	}
	d.Reduce(d)
	if over := int64(d.Exponent) - ideal; over > 0 {
		mulPow10(&d.Coeff, over)
		d.Exponent = int32(ideal)
	}
}

// numRem is Java's BigDecimal.remainder(y, MathContext(39)): x minus the
// integral quotient times y, computed exactly, with the quotient's scale
// chosen as Java chooses it, since that sets the scale of the result.
func numRem(d, x, y *apd.Decimal) error {
	if y.IsZero() {
		if x.IsZero() {
			return errDivisionUndefined
		}
		return errDivideByZero
	}
	if cmpAbs(x, y) < 0 {
		d.Set(x)
		return finish(d, nil)
	}
	preferred := int64(y.Exponent) - int64(x.Exponent) // as a scale
	// Java takes the integral part of a 39-digit quotient rounded toward
	// zero. With at most 39 integral digits that is the integral quotient
	// itself; with more, the quotient has a positive exponent and is
	// complete only if what is left is smaller than y.
	var q, t apd.Decimal
	if _, err := quoCtx.QuoInteger(&q, x, y); err != nil {
		if err := divide(&quoDownCtx, &q, x, y); err != nil {
			return err
		}
		if q.Exponent <= 0 {
			return errDivisionImpossible
		}
		if _, err := exactCtx.Mul(&t, &q, y); err != nil {
			return errOutOfRange
		}
		if _, err := exactCtx.Sub(&t, x, &t); err != nil {
			return errOutOfRange
		}
		if cmpAbs(&t, y) >= 0 {
			return errDivisionImpossible
		}
	}
	if sq := -int64(q.Exponent); preferred > sq {
		if room := internalDigits - q.NumDigits(); room > 0 {
			pad := min(room, preferred-sq)
			mulPow10(&q.Coeff, pad)
			q.Exponent -= int32(pad)
		}
	} else {
		// Strip zeros down to the preferred scale.
		stripTo(&q, -preferred)
	}
	if _, err := exactCtx.Mul(&t, &q, y); err != nil {
		return errOutOfRange
	}
	_, err := exactCtx.Sub(d, x, &t)
	return finish(d, err)
}

// finish maps an apd failure to an evalError and clears the sign of a
// zero, since Java has no negative zero.
func finish(d *apd.Decimal, err error) error {
	if err != nil {
		return errOutOfRange
	}
	if d.Form != apd.Finite {
		return errOutOfRange
	}
	if d.Negative && d.IsZero() {
		d.Negative = false
	}
	return nil
}

// cmpAbs compares |x| and |y|.
func cmpAbs(x, y *apd.Decimal) int {
	xn, yn := x.Negative, y.Negative
	x.Negative, y.Negative = false, false
	c := x.Cmp(y)
	x.Negative, y.Negative = xn, yn
	return c
}

var pow10 = [...]uint64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// mulPow10 multiplies b by 10^n, n >= 0.
func mulPow10(b *apd.BigInt, n int64) {
	var f apd.BigInt
	if n > 2*19 { // one multiplication, not n/19 of them
		f.Exp(apd.NewBigInt(10), apd.NewBigInt(n), nil)
		b.Mul(b, &f)
		return
	}
	for n > 0 {
		k := min(n, 19)
		f.SetUint64(pow10[k])
		b.Mul(b, &f)
		n -= k
	}
}

// plainExponent rewrites a positive exponent into the coefficient, as Java's
// new BigDecimal(x.toPlainString()) does, so that d has a scale >= 0.
func plainExponent(d *apd.Decimal) {
	if d.Exponent <= 0 {
		return
	}
	if !d.IsZero() {
		mulPow10(&d.Coeff, int64(d.Exponent))
	}
	d.Exponent = 0
}

// formatNumber renders a Number result as Salesforce prints a formula
// result: rounded half-up to 32 decimal places (see roundScale), in plain
// notation, never with an exponent or a negative zero.
func formatNumber(d *apd.Decimal) string {
	if d.Form != apd.Finite {
		return d.String()
	}
	var r apd.Decimal
	r.Set(d)
	roundScale(&r, resultScale, apd.RoundHalfUp)
	var buf [48]byte
	return string(r.Append(buf[:0], 'f'))
}

// resultScale is the number of decimal places of a formula's Number result.
const resultScale = 32

// formatNumberText renders d as TEXT() does: trailing zeros stripped, plain
// notation, "0" for any zero.
func formatNumberText(d *apd.Decimal) string {
	if d.IsZero() {
		return "0"
	}
	// Whole numbers, the usual case (TEXT(FLOOR(…)), claims, counts), print
	// through strconv, which allocates nothing below 100.
	if d.Exponent == 0 && d.Form == apd.Finite {
		if n, err := d.Int64(); err == nil {
			return strconv.FormatInt(n, 10)
		}
	}
	var r apd.Decimal
	r.Reduce(d)
	var buf [48]byte
	return string(r.Append(buf[:0], 'f'))
}
