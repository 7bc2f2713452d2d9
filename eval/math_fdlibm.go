package eval

import "math"

// ATAN, ATAN2, ASIN and ACOS follow Salesforce's platform, whose library
// computes them with the algorithms of fdlibm (Sun's freely distributable
// libm): rational or polynomial approximations around a few breakpoints,
// with π/2 split into a head and a tail. They are not always correctly
// rounded, and the results here match that library bit for bit. Every
// product that feeds a sum is converted explicitly to float64 so that no
// architecture fuses the two into one rounding.

func f64(bits uint64) float64 { return math.Float64frombits(bits) }

// hiWord and loWord return the upper and lower 32 bits of x.
func hiWord(x float64) int32     { return int32(math.Float64bits(x) >> 32) }
func loWord(x float64) uint32    { return uint32(math.Float64bits(x)) }
func clearLow(x float64) float64 { return f64(math.Float64bits(x) &^ 0xffffffff) }

var (
	piHi     = f64(0x400921FB54442D18) // π rounded
	piLo     = f64(0x3CA1A62633145C07) // π − piHi
	halfPiHi = f64(0x3FF921FB54442D18)
	halfPiLo = f64(0x3C91A62633145C07)
	qPiHi    = f64(0x3FE921FB54442D18) // π/4 rounded

	// atan of 0.5, 1, 1.5 and ∞, each as a head and a tail.
	atanHi = [4]float64{f64(0x3FDDAC670561BB4F), f64(0x3FE921FB54442D18), f64(0x3FEF730BD281F69B), f64(0x3FF921FB54442D18)}
	atanLo = [4]float64{f64(0x3C7A2B7F222F65E2), f64(0x3C81A62633145C07), f64(0x3C7007887AF0CBBD), f64(0x3C91A62633145C07)}

	// Coefficients of the odd polynomial for atan on [-7/16, 7/16].
	atanT = [11]float64{
		f64(0x3FD555555555550D), f64(0xBFC999999998EBC4), f64(0x3FC24924920083FF),
		f64(0xBFBC71C6FE231671), f64(0x3FB745CDC54C206E), f64(0xBFB3B0F2AF749A6D),
		f64(0x3FB10D66A0D03D51), f64(0xBFADDE2D52DEFD9A), f64(0x3FA97B4B24760DEB),
		f64(0xBFA2B4442C6A6C2F), f64(0x3F90AD3AE322DA11),
	}

	// Coefficients of the rational approximation shared by asin and acos.
	asinP = [6]float64{
		f64(0x3FC5555555555555), f64(0xBFD4D61203EB6F7D), f64(0x3FC9C1550E884455),
		f64(0xBFA48228B5688F3B), f64(0x3F49EFE07501B288), f64(0x3F023DE10DFDF709),
	}
	asinQ = [4]float64{f64(0xC0033A271C8A2D4B), f64(0x40002AE59C598AC8), f64(0xBFE6066C1B8D0159), f64(0x3FB3B8C5B12E9282)}
)

// fdAtan is fdlibm's atan.
func fdAtan(x float64) float64 {
	hx := hiWord(x)
	ix := hx & 0x7fffffff
	id := -1
	switch {
	case ix >= 0x44100000: // |x| >= 2^66, or NaN
		if math.IsNaN(x) {
			return x
		}
		if hx > 0 {
			return atanHi[3] + atanLo[3]
		}
		return -atanHi[3] - atanLo[3]
	case ix < 0x3fdc0000: // |x| < 0.4375
		if ix < 0x3e200000 { // |x| < 2^-29
			return x
		}
	default:
		x = math.Abs(x)
		switch {
		case ix < 0x3fe60000: // 7/16 <= |x| < 11/16
			id = 0
			x = (float64(2.0*x) - 1.0) / (2.0 + x)
		case ix < 0x3ff30000: // 11/16 <= |x| < 19/16
			id = 1
			x = (x - 1.0) / (x + 1.0)
		case ix < 0x40038000: // 19/16 <= |x| < 39/16
			id = 2
			x = (x - 1.5) / (1.0 + float64(1.5*x))
		default: // 39/16 <= |x| < 2^66
			id = 3
			x = -1.0 / x
		}
	}
	z := float64(x * x)
	w := float64(z * z)
	t := atanT
	s1 := float64(z * (t[0] + float64(w*(t[2]+float64(w*(t[4]+float64(w*(t[6]+float64(w*(t[8]+float64(w*t[10])))))))))))
	s2 := float64(w * (t[1] + float64(w*(t[3]+float64(w*(t[5]+float64(w*(t[7]+float64(w*t[9])))))))))
	if id < 0 {
		return x - float64(x*(s1+s2))
	}
	z = atanHi[id] - ((float64(x*(s1+s2)) - atanLo[id]) - x)
	if hx < 0 {
		return -z
	}
	return z
}

// fdAtan2 is fdlibm's atan2(y, x).
func fdAtan2(y, x float64) float64 {
	if math.IsNaN(x) || math.IsNaN(y) {
		return x + y
	}
	hx, hy := hiWord(x), hiWord(y)
	ix, iy := hx&0x7fffffff, hy&0x7fffffff
	if x == 1 {
		return fdAtan(y)
	}
	m := (hy>>31)&1 | (hx>>30)&2 // 2·sign(x) + sign(y)
	if y == 0 {
		switch m {
		case 0, 1:
			return y // atan(±0, +anything) = ±0
		case 2:
			return piHi // atan(+0, -anything) = π
		default:
			return -piHi
		}
	}
	if x == 0 {
		if hy < 0 {
			return -halfPiHi
		}
		return halfPiHi
	}
	if math.IsInf(x, 0) {
		if math.IsInf(y, 0) {
			return [4]float64{qPiHi, -qPiHi, 3.0 * qPiHi, -3.0 * qPiHi}[m]
		}
		return [4]float64{0, math.Copysign(0, -1), piHi, -piHi}[m]
	}
	if math.IsInf(y, 0) {
		if hy < 0 {
			return -halfPiHi
		}
		return halfPiHi
	}
	var z float64
	switch k := (iy - ix) >> 20; {
	case k > 60: // |y/x| > 2^60
		z = halfPiHi + float64(0.5*piLo)
	case hx < 0 && k < -60: // |y|/x < -2^60
		z = 0
	default:
		z = fdAtan(math.Abs(y / x))
	}
	switch m {
	case 0:
		return z
	case 1:
		return -z
	case 2:
		return piHi - (z - piLo)
	default:
		return (z - piLo) - piHi
	}
}

// asinRatio is the rational function R(t) of fdlibm's asin and acos.
func asinRatio(t float64) float64 {
	p, q := asinP, asinQ
	num := float64(t * (p[0] + float64(t*(p[1]+float64(t*(p[2]+float64(t*(p[3]+float64(t*(p[4]+float64(t*p[5])))))))))))
	den := 1.0 + float64(t*(q[0]+float64(t*(q[1]+float64(t*(q[2]+float64(t*q[3])))))))
	return num / den
}

// fdAsin is fdlibm's asin.
func fdAsin(x float64) float64 {
	hx := hiWord(x)
	ix := hx & 0x7fffffff
	switch {
	case ix >= 0x3ff00000: // |x| >= 1, or NaN
		if ix == 0x3ff00000 && loWord(x) == 0 {
			return float64(x*halfPiHi) + float64(x*halfPiLo)
		}
		return math.NaN()
	case ix < 0x3fe00000: // |x| < 0.5
		if ix < 0x3e400000 { // |x| < 2^-27
			return x
		}
		return x + float64(x*asinRatio(float64(x*x)))
	}
	// 0.5 <= |x| < 1
	w := 1.0 - math.Abs(x)
	t := float64(w * 0.5)
	r := asinRatio(t)
	s := math.Sqrt(t)
	if ix >= 0x3FEF3333 { // |x| > 0.975
		t = halfPiHi - (float64(2.0*(s+float64(s*r))) - halfPiLo)
	} else {
		w = clearLow(s)
		c := (t - float64(w*w)) / (s + w)
		p := float64(float64(2.0*s)*r) - (halfPiLo - float64(2.0*c))
		q := qPiHi - float64(2.0*w)
		t = qPiHi - (p - q)
	}
	if hx > 0 {
		return t
	}
	return -t
}

// fdAcos is fdlibm's acos.
func fdAcos(x float64) float64 {
	hx := hiWord(x)
	ix := hx & 0x7fffffff
	switch {
	case ix >= 0x3ff00000: // |x| >= 1, or NaN
		if ix == 0x3ff00000 && loWord(x) == 0 {
			if hx > 0 {
				return 0
			}
			return piHi + float64(2.0*halfPiLo)
		}
		return math.NaN()
	case ix < 0x3fe00000: // |x| < 0.5
		if ix <= 0x3c600000 { // |x| < 2^-57
			return halfPiHi + halfPiLo
		}
		r := asinRatio(float64(x * x))
		return halfPiHi - (x - (halfPiLo - float64(x*r)))
	case hx < 0: // -1 < x <= -0.5
		z := float64((1.0 + x) * 0.5)
		s := math.Sqrt(z)
		w := float64(asinRatio(z)*s) - halfPiLo
		return piHi - float64(2.0*(s+w))
	}
	// 0.5 <= x < 1
	z := float64((1.0 - x) * 0.5)
	s := math.Sqrt(z)
	df := clearLow(s)
	c := (z - float64(df*df)) / (s + df)
	w := float64(asinRatio(z)*s) + c
	return float64(2.0 * (df + w))
}
