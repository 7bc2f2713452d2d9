package eval

import (
	"math"
	"math/big"
	"sync"
)

// Correctly rounded exp, ln, sin, cos and tan of a double, which is what
// Salesforce's platform library returns for them (Go's math package is off
// by one bit for some arguments). Each is evaluated by its Taylor series in
// binary floating point of seriesBits bits and rounded once to a double.
// Arguments are reduced with enough bits of π and ln 2 for every finite
// double, so the work is bounded: a few microseconds, up to about 1,300
// bits for the reduction of SIN(1E308).

// seriesBits is the working precision of the series.
const seriesBits = 192

// constBits is the precision of π and ln 2: enough to reduce 2^1024 modulo
// π/2 and keep seriesBits+64 bits.
const constBits = 1600

// seriesTerms bounds every series; the slowest, sin and cos on |r| <= π/4,
// need about 48 terms.
const seriesTerms = 64

// bigConsts holds the constants of the series, computed once.
type bigConsts struct {
	pi, ln2 *big.Float
	invFact [seriesTerms + 1]*big.Float // 1/n!
	invOdd  [seriesTerms]*big.Float     // 1/(2k+1)
}

var bigMath = sync.OnceValue(func() *bigConsts {
	c := &bigConsts{}
	const frac = constBits + 32
	one := new(big.Int).Lsh(big.NewInt(1), frac)
	// atanSum returns Σ (±)1/((2k+1)·n^(2k+1)) in fixed point, alternating
	// for atan(1/n) and not for atanh(1/n).
	atanSum := func(n int64, alternate bool) *big.Int {
		sum, t := new(big.Int), new(big.Int)
		nn := big.NewInt(n * n)
		term := new(big.Int).Quo(one, big.NewInt(n))
		for k := int64(0); term.Sign() != 0; k++ {
			t.Quo(term, big.NewInt(2*k+1))
			if alternate && k%2 == 1 {
				sum.Sub(sum, t)
			} else {
				sum.Add(sum, t)
			}
			term.Quo(term, nn)
		}
		return sum
	}
	fixed := func(v *big.Int) *big.Float {
		f := new(big.Float).SetPrec(constBits).SetInt(v)
		return f.SetMantExp(f, -frac)
	}
	// Machin: π = 16·atan(1/5) − 4·atan(1/239); ln 2 = 2·atanh(1/3).
	pi := new(big.Int).Mul(atanSum(5, true), big.NewInt(16))
	pi.Sub(pi, new(big.Int).Mul(atanSum(239, true), big.NewInt(4)))
	c.pi = fixed(pi)
	c.ln2 = fixed(new(big.Int).Lsh(atanSum(3, false), 1))
	f := new(big.Float).SetPrec(seriesBits).SetInt64(1)
	for n := range c.invFact {
		if n > 0 {
			f.Quo(f, new(big.Float).SetInt64(int64(n)))
		}
		c.invFact[n] = new(big.Float).Copy(f)
	}
	for k := range c.invOdd {
		c.invOdd[k] = new(big.Float).SetPrec(seriesBits).Quo(big.NewFloat(1), big.NewFloat(float64(2*k+1)))
	}
	return c
})

func newFloat() *big.Float { return new(big.Float).SetPrec(seriesBits) }

// negligible reports whether adding t no longer changes sum.
func negligible(t, sum *big.Float) bool {
	return t.Sign() == 0 || sum.Sign() != 0 && t.MantExp(nil) < sum.MantExp(nil)-seriesBits-8
}

// crExp returns e^x correctly rounded.
func crExp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 710:
		return math.Inf(1)
	case x < -746:
		return 0
	case x == 0:
		return 1
	}
	c := bigMath()
	// e^x = 2^k · e^r with r = x − k·ln 2, |r| <= ln 2 / 2.
	k := int64(math.Round(x / math.Ln2))
	kl := new(big.Float).SetPrec(seriesBits + 16).SetInt64(k)
	kl.Mul(kl, c.ln2)
	r := newFloat().SetFloat64(x)
	r.Sub(r, kl)
	sum := newFloat().SetInt64(1)
	pow, term := newFloat().Set(r), newFloat()
	for n := 1; n <= seriesTerms; n++ {
		term.Mul(pow, c.invFact[n])
		sum.Add(sum, term)
		if negligible(term, sum) {
			break
		}
		pow.Mul(pow, r)
	}
	sum.SetMantExp(sum, int(k))
	f, _ := sum.Float64()
	return f
}

// crLog returns the natural logarithm of x correctly rounded.
func crLog(x float64) float64 {
	switch {
	case x != x || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	case x == 1:
		return 0
	}
	c := bigMath()
	// ln x = e·ln 2 + ln m with m in [√½, √2), and
	// ln m = 2·atanh(s) = 2·Σ s^(2k+1)/(2k+1) with s = (m−1)/(m+1).
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	bm := newFloat().SetFloat64(m)
	s := newFloat().Sub(bm, big.NewFloat(1))
	s.Quo(s, bm.Add(bm, big.NewFloat(1)))
	s2 := newFloat().Mul(s, s)
	sum, pow, term := newFloat().Set(s), newFloat().Set(s), newFloat()
	for k := 1; k < seriesTerms; k++ {
		pow.Mul(pow, s2)
		term.Mul(pow, c.invOdd[k])
		sum.Add(sum, term)
		if negligible(term, sum) {
			break
		}
	}
	sum.SetMantExp(sum, 1)
	if e != 0 {
		el := new(big.Float).SetPrec(seriesBits + 16).SetInt64(int64(e))
		sum.Add(sum, el.Mul(el, c.ln2))
	}
	f, _ := sum.Float64()
	return f
}

// reduceHalfPi returns r and q such that x = k·π/2 + r with |r| <= π/4
// and q = k mod 4.
func reduceHalfPi(x float64) (*big.Float, int) {
	if math.Abs(x) < 0.78 {
		return newFloat().SetFloat64(x), 0
	}
	// The subtraction cancels up to the exponent of x plus about 62 bits
	// (the closest a double comes to a multiple of π/2), so carry that many
	// more.
	wp := uint(seriesBits + 64)
	if e := math.Ilogb(x); e > 0 {
		wp += uint(e)
	}
	halfPi := new(big.Float).SetPrec(wp).Set(bigMath().pi)
	halfPi.SetMantExp(halfPi, -1)
	t := new(big.Float).SetPrec(wp).SetFloat64(x)
	t.Quo(t, halfPi)
	half := big.NewFloat(0.5)
	if t.Sign() < 0 {
		half.Neg(half)
	}
	k, _ := t.Add(t, half).Int(nil) // rounded to nearest
	p := new(big.Float).SetPrec(wp + 64).SetInt(k)
	p.Mul(p, halfPi)
	r := new(big.Float).SetPrec(wp + 64).SetFloat64(x)
	r.Sub(r, p)
	q := int(new(big.Int).And(k, big.NewInt(3)).Int64())
	return newFloat().Set(r), q
}

// sinCos returns sin r and cos r for |r| <= π/4.
func sinCos(r *big.Float) (s, c *big.Float) {
	inv := &bigMath().invFact
	s, c = newFloat().Set(r), newFloat().SetInt64(1)
	pow, term := newFloat().Set(r), newFloat()
	sDone, cDone := false, false
	for n := 2; n <= seriesTerms && !(sDone && cDone); n++ {
		pow.Mul(pow, r) // r^n
		term.Mul(pow, inv[n])
		if n%4 == 2 || n%4 == 3 {
			term.Neg(term)
		}
		if n%2 == 0 {
			c.Add(c, term)
			cDone = negligible(term, c)
		} else {
			s.Add(s, term)
			sDone = negligible(term, s)
		}
	}
	return s, c
}

// crTrig returns sin x, cos x and tan x, correctly rounded.
func crTrig(x float64) (sin, cos, tan float64) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return math.NaN(), math.NaN(), math.NaN()
	case x == 0:
		return x, 1, x
	}
	r, q := reduceHalfPi(x)
	s, c := sinCos(r)
	switch q {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s, c = s.Neg(s), c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	t := newFloat().Quo(s, c)
	sin, _ = s.Float64()
	cos, _ = c.Float64()
	tan, _ = t.Float64()
	return sin, cos, tan
}
