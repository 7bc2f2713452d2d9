package eval

import (
	"math"

	"github.com/cockroachdb/apd/v3"
)

// powerDigits is the precision of x^n in Salesforce's engine.
const powerDigits = 18

// powerLimit is the largest |n| Java's BigDecimal.pow accepts.
const powerLimit = 999_999_999

// numPow is the ^ operator: x^n for an integral n, rounded to 18
// significant digits by Java's BigDecimal.pow(n, MathContext(18, HALF_UP))
// algorithm (ANSI X3.274), which rounds every intermediate product, so
// 3^40 is 12157665459056928800, not exact. Results above about 10^64 are
// refused before any work is done, and results below 1E-39 are zero.
func numPow(d, x, y *apd.Decimal) error {
	n, ok := javaIntExact(y)
	if !ok || n < -powerLimit || n > powerLimit {
		return errPowerRange
	}
	if powerTooLarge(x, n) {
		return errPowerRange
	}
	if n == 0 {
		d.SetInt64(1)
		return nil
	}
	small := x.IsZero() || int64(x.Exponent)+x.NumDigits() <= 0 // |x| < 1
	if err := javaPow(d, x, n); err != nil {
		// The result left the decimal range. The size guard has already
		// refused every large result, so it was a tiny one: zero.
		if (n > 0) == small {
			d.SetInt64(0)
			return nil
		}
		return errPowerRange
	}
	// |d| < 1E-39 is zero.
	if d.IsZero() || int64(d.Exponent)+d.NumDigits()-1 < -internalDigits {
		d.SetInt64(0)
	}
	return nil
}

// powerTooLarge is Salesforce's guard log10(|x|)*n > 64, in binary floating
// point as the original computes it, so that 0^-1 is refused and 0^0 is
// not (NaN compares false).
func powerTooLarge(x *apd.Decimal, n int32) bool {
	lx := math.Log(math.Abs(decToFloat(x)))
	t := lx / math.Ln10 * float64(n)
	if math.Abs(t-64) > 1e-6 {
		return t > 64
	}
	// Near the limit the last bit matters: use correctly rounded
	// logarithms, as the original's library gives.
	t = crLog(math.Abs(decToFloat(x))) / math.Ln10 * float64(n)
	return t > 64
}

// javaPow computes x^n, n != 0, as Java's BigDecimal.pow(n, mc) does for a
// precision of 18: square-and-multiply over the bits of |n| at a working
// precision of 18 + digits(|n|) + 1, a reciprocal at that precision for a
// negative n, and a final rounding to 18 digits.
func javaPow(d, x *apd.Decimal, n int32) error {
	mag := int64(n)
	if mag < 0 {
		mag = -mag
	}
	work := quoCtx
	work.Precision = uint32(powerDigits + decimalDigits(mag) + 1)
	var acc, base apd.Decimal
	base.Set(x)
	acc.SetInt64(1)
	seen := false
	for bit := 30; bit >= 0; bit-- {
		if mag&(1<<bit) != 0 {
			seen = true
			if _, err := work.Mul(&acc, &acc, &base); err != nil {
				return err
			}
		}
		if bit > 0 && seen {
			if _, err := work.Mul(&acc, &acc, &acc); err != nil {
				return err
			}
		}
	}
	if n < 0 {
		var inv apd.Decimal
		if err := divide(&work, &inv, decOne, &acc); err != nil {
			return err
		}
		acc.Set(&inv)
	}
	final := quoCtx
	final.Precision = powerDigits
	if _, err := final.Round(d, &acc); err != nil {
		return err
	}
	return finish(d, nil)
}

// decimalDigits returns the number of decimal digits of n > 0.
func decimalDigits(n int64) int {
	k := 1
	for n >= 10 {
		n /= 10
		k++
	}
	return k
}
