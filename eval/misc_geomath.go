package eval

import (
	"math"
	"math/big"
)

// Correctly rounded sin, cos, asin and hypot for DISTANCE. Salesforce's
// results are those of the exactly rounded functions, which Go's math
// package misses in the last bit for some inputs, so these evaluate in
// 160-bit binary floating point, which leaves over 100 bits after the
// worst cancellation (sin near π), and round once to a double.

const geoPrec = 160

func geoBig(f float64) *big.Float { return new(big.Float).SetPrec(geoPrec).SetFloat64(f) }

// geoBigSinCos sets sin and cos to the sine and cosine of t, |t| ≤ 4, by their
// Taylor series.
func geoBigSinCos(t, sin, cos *big.Float) {
	t2 := new(big.Float).SetPrec(geoPrec).Mul(t, t)
	term := new(big.Float).SetPrec(geoPrec)
	div := new(big.Float).SetPrec(geoPrec)
	// sine: t - t³/3! + t⁵/5! - …
	sin.SetPrec(geoPrec).Set(t)
	term.Set(t)
	for n := int64(1); ; n++ {
		term.Mul(term, t2)
		term.Quo(term, div.SetInt64(-(2*n)*(2*n+1)))
		if term.Sign() == 0 || term.MantExp(nil) < sin.MantExp(nil)-geoPrec-8 {
			break
		}
		sin.Add(sin, term)
	}
	// cosine: 1 - t²/2! + t⁴/4! - …
	cos.SetPrec(geoPrec).SetInt64(1)
	term.SetInt64(1)
	for n := int64(1); ; n++ {
		term.Mul(term, t2)
		term.Quo(term, div.SetInt64(-(2*n-1)*(2*n)))
		if term.Sign() == 0 || term.MantExp(nil) < -geoPrec-8 {
			break
		}
		cos.Add(cos, term)
	}
}

// geoSinCos returns sin x and cos x rounded to nearest. Beyond |x| ≤ 4, which
// DISTANCE never needs, it falls back to the math package.
func geoSinCos(x float64) (float64, float64) {
	switch {
	case x == 0:
		return x, 1
	case !(math.Abs(x) <= 4):
		return math.Sincos(x)
	}
	s, c := new(big.Float), new(big.Float)
	geoBigSinCos(geoBig(x), s, c)
	sf, _ := s.Float64()
	cf, _ := c.Float64()
	return sf, cf
}

// geoAsin returns asin y rounded to nearest, refining the math package's
// value by Newton's method on sin t = y. It is NaN outside [-1, 1].
func geoAsin(y float64) float64 {
	switch {
	case !(math.Abs(y) <= 1):
		return math.NaN()
	case y == 0:
		return y
	case y == 1:
		return math.Pi / 2
	case y == -1:
		return -math.Pi / 2
	}
	t := geoBig(math.Asin(y))
	yb := geoBig(y)
	s, c := new(big.Float), new(big.Float)
	d := new(big.Float).SetPrec(geoPrec)
	// The start is good to a unit in the last place, and each step squares
	// the error: two steps usually do, more near y = ±1.
	for range 6 {
		geoBigSinCos(t, s, c)
		if c.Sign() == 0 {
			break
		}
		d.Sub(s, yb)
		d.Quo(d, c)
		t.Sub(t, d)
		if d.Sign() == 0 || d.MantExp(nil) < t.MantExp(nil)-geoPrec/2 {
			break
		}
	}
	r, _ := t.Float64()
	return r
}

// geoHypot returns √(a²+b²) rounded to nearest.
func geoHypot(a, b float64) float64 {
	switch {
	case math.IsInf(a, 0) || math.IsInf(b, 0):
		return math.Inf(1)
	case math.IsNaN(a) || math.IsNaN(b):
		return math.NaN()
	}
	x, y := geoBig(a), geoBig(b)
	x.Mul(x, x)
	y.Mul(y, y)
	x.Add(x, y)
	r, _ := x.Sqrt(x).Float64()
	return r
}
