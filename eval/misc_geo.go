package eval

import (
	"math"
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/redact"
)

func geolocationFunc() *Func {
	return &Func{
		Name: "GEOLOCATION", Category: "Location",
		Doc:     "Returns the location at latitude (-90 to 90) and longitude (-180 to 180), in decimal degrees. Both null give null; only one null is an error. A location can only be passed to DISTANCE.",
		Example: `DISTANCE(GEOLOCATION(37.7899, -122.3969), GEOLOCATION(33.37088, -122.61715), "mi")`, Want: "305.57560898133903",
		Sigs: []Sig{{Params: []Param{p("latitude", Number), p("longitude", Number)}, Result: Geolocation, impl: geolocationImpl}},
	}
}

func distanceFunc() *Func {
	return &Func{
		Name: "DISTANCE", Category: "Location",
		Doc:     `Returns the great-circle distance between two locations in unit "mi" or "km", as Salesforce computes it in doubles; null when a location is null.`,
		Example: `DISTANCE(GEOLOCATION(43.094722, -75.275833), GEOLOCATION(33.37088, -122.61715), "mi")`, Want: "2618.9134586986042",
		Sigs: []Sig{{Params: []Param{p("location1", Geolocation), p("location2", Geolocation), p("unit", Text)}, Result: Number, impl: distanceImpl}},
	}
}

// exactArgType reports an argument that is not exactly of type t; unlike
// the generic check, a NULL literal is rejected too.
func (c *compiler) exactArgType(x *formula.Call, arg *node, t Type) bool {
	if arg.typ != t {
		c.typeError(arg, fnName(x.Name), t)
		return false
	}
	return true
}

// geoLimits are the bounds of a latitude and a longitude.
var geoLimits = [2]struct {
	what     string
	min, max float64
}{{"Latitude", -90, 90}, {"Longitude", -180, 180}}

// geolocationImpl compiles GEOLOCATION. A constant coordinate out of range
// is reported now.
func geolocationImpl(c *compiler, x *formula.Call, args []*node) *node {
	for i, a := range args {
		if !c.exactArgType(x, a, Number) {
			return nil
		}
		if a.konst != nil && a.konst.valid {
			lim := geoLimits[i]
			if f := decToFloat(&a.konst.num); !(f >= lim.min && f <= lim.max) {
				c.errorf(a.src.Pos(), "Incorrect parameter value for %s. Expected a %s from %g to %g, received %s",
					fnName(x.Name), strings.ToLower(lim.what), lim.min, lim.max, redact.Value(formatNumberText(&a.konst.num), a.secret))
				return nil
			}
		}
	}
	flat, flon := args[0].num, args[1].num
	a, b := c.decSlot(), c.decSlot()
	return &node{typ: Geolocation, src: x, geo: func(fr *frame) (Geo, bool) {
		lat, lon := &fr.dec[a], &fr.dec[b]
		okLat, okLon := flat(fr, lat), flon(fr, lon)
		var g Geo
		for i, ok := range [2]bool{okLat, okLon} {
			if !ok {
				continue
			}
			f := decToFloat(lat)
			if i == 1 {
				f = decToFloat(lon)
			}
			if lim := geoLimits[i]; !(f >= lim.min && f <= lim.max) {
				fr.fail(x, lim.what+" out of range: "+fr.quote(javaDoubleText(f), args[i].secret))
				return Geo{}, false
			}
			if i == 0 {
				g.Lat = f
			} else {
				g.Lon = f
			}
		}
		if okLat != okLon {
			fr.fail(x, "Latitude and longitude must both be null or both be set")
			return Geo{}, false
		}
		return g, okLat
	}}
}

// distanceImpl compiles DISTANCE. A constant location's Cartesian
// coordinates are computed once.
func distanceImpl(c *compiler, x *formula.Call, args []*node) *node {
	if !c.exactArgType(x, args[0], Geolocation) || !c.exactArgType(x, args[1], Geolocation) || !c.exactArgType(x, args[2], Text) {
		return nil
	}
	if k := args[2].konst; k != nil && geoDiameter(k.str) == 0 {
		c.errorf(args[2].src.Pos(), "Incorrect parameter value for %s. Expected 'mi'/'km', received '%s'", fnName(x.Name), redact.Value(k.str, args[2].secret))
		return nil
	}
	p1, p2 := geoPoint(args[0]), geoPoint(args[1])
	fu := args[2].str
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		a, ok1 := p1(fr)
		b, ok2 := p2(fr)
		u, _ := fu(fr)
		diameter := geoDiameter(u)
		if diameter == 0 {
			fr.fail(x, "Invalid unit for "+fnName(x.Name)+": use 'mi' or 'km'")
			return false
		}
		if !ok1 || !ok2 {
			return false
		}
		d := diameter * geoAsin(float64(geoHypot(geoHypot(a[0]-b[0], a[1]-b[1]), a[2]-b[2])/2))
		if math.IsNaN(d) || math.IsInf(d, 0) {
			fr.fail(x, string(errOutOfRange))
			return false
		}
		setJavaDouble(dst, d)
		return true
	}}
}

// geoDiameter returns the Earth's mean diameter in unit, or 0 for a unit
// that is neither mi nor km. Salesforce compares units exactly.
func geoDiameter(unit string) float64 {
	switch unit {
	case "mi":
		return 2 * 3958.761
	case "km":
		return 2 * 6371.009
	}
	return 0
}

// geoPoint returns a function giving a location as a point on the unit
// sphere, precomputed when the location is constant.
func geoPoint(n *node) func(*frame) ([3]float64, bool) {
	if k := n.konst; k != nil {
		xyz, ok := geoXYZ(k.geo), k.valid
		return func(*frame) ([3]float64, bool) { return xyz, ok }
	}
	f := n.geo
	return func(fr *frame) ([3]float64, bool) {
		g, ok := f(fr)
		if !ok {
			return [3]float64{}, false
		}
		return geoXYZ(g), true
	}
}

// degToRad is Java's Math.toRadians factor.
const degToRad = 0.017453292519943295

// geoXYZ maps a location to the unit sphere, with Java's double operations
// in Java's order; the conversions to float64 keep the compiler from fusing
// a multiplication and an addition, which Java never does.
func geoXYZ(g Geo) [3]float64 {
	lat, lon := float64(g.Lat*degToRad), float64(g.Lon*degToRad)
	sinLat, cosLat := geoSinCos(lat)
	sinLon, cosLon := geoSinCos(lon)
	return [3]float64{float64(sinLon * cosLat), float64(cosLon * cosLat), sinLat}
}

// javaDoubleText renders f as Java's Double.toString does: the shortest
// digits that read back as f, plain with at least one decimal from 10^-3 to
// 10^7, otherwise as d.dddE±n.
func javaDoubleText(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	digits, exp := javaDoubleDigits(f, -1)
	if f >= 1e-3 && f < 1e7 {
		if exp < 0 {
			return sign + "0." + strings.Repeat("0", -exp-1) + digits
		}
		for len(digits) < exp+2 {
			digits += "0"
		}
		return sign + digits[:exp+1] + "." + digits[exp+1:]
	}
	if len(digits) == 1 {
		// Java shows a decimal here too: the two digits nearest the value,
		// so 4.9E-324 rather than 5.0E-324.
		digits, exp = javaDoubleDigits(f, 1)
	}
	return sign + digits[:1] + "." + digits[1:] + "E" + strconv.Itoa(exp)
}

// javaDoubleDigits returns the significant digits of f > 0, the shortest that
// read back as f when prec is -1, and its decimal exponent.
func javaDoubleDigits(f float64, prec int) (string, int) {
	e := strconv.FormatFloat(f, 'e', prec, 64) // d.ddde±XX
	i := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[i+1:])
	digits := e[:1]
	if i > 2 {
		digits += e[2:i]
	}
	return digits, exp
}
