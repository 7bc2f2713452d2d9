package eval

import (
	"math/bits"

	"github.com/cockroachdb/apd/v3"
)

// Conversions of Numbers to machine integers with the semantics of Java's
// BigDecimal, which the date and time functions rely on.

var bigTen = apd.NewBigInt(10)

// longValueOf returns d truncated toward zero and wrapped to 64 bits, as
// BigDecimal.longValue does: 2^64 + 5 gives 5.
func longValueOf(d *apd.Decimal) int64 {
	if d.Form != apd.Finite || d.Coeff.Sign() == 0 {
		return 0
	}
	var low uint64
	switch e := d.Exponent; {
	case e == 0:
		low = low64(&d.Coeff)
	case e > 0:
		if e >= 64 { // 10^e is a multiple of 2^64
			return 0
		}
		low = low64(&d.Coeff)
		for ; e > 0; e-- {
			low *= 10 // wrapping, which keeps the low 64 bits exact
		}
	default:
		if int64(-e) > d.NumDigits() {
			return 0
		}
		var p, q apd.BigInt
		p.Exp(bigTen, apd.NewBigInt(int64(-e)), nil)
		q.Quo(&d.Coeff, &p)
		low = low64(&q)
	}
	if d.Negative {
		low = -low
	}
	return int64(low)
}

// intValueOf returns d truncated toward zero and wrapped to 32 bits, as
// BigDecimal.intValue does.
func intValueOf(d *apd.Decimal) int32 { return int32(longValueOf(d)) }

// low64 returns the low 64 bits of |b|.
func low64(b *apd.BigInt) uint64 {
	var v uint64
	for i, w := range b.Bits() {
		if i*bits.UintSize >= 64 {
			break
		}
		v |= uint64(w) << (i * bits.UintSize)
	}
	return v
}

// maxShiftDigits bounds the integer part of a day or second count added to
// a date: anything wider is far outside years 1 to 9999.
const maxShiftDigits = 15

// roundedInt rounds d to an integer with mode and reports whether it has at
// most maxShiftDigits digits.
func roundedInt(d *apd.Decimal, mode apd.Rounder) (int64, bool) {
	if d.Form != apd.Finite {
		return 0, false
	}
	if d.Coeff.Sign() == 0 {
		return 0, true
	}
	if d.NumDigits()+int64(d.Exponent) > maxShiftDigits {
		return 0, false
	}
	ctx := apd.Context{Precision: maxShiftDigits + 2, MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Rounding: mode}
	var r apd.Decimal
	if _, err := ctx.Quantize(&r, d, 0); err != nil {
		return 0, false
	}
	n, err := r.Int64()
	return n, err == nil
}
