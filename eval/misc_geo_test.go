package eval

import (
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDistance(t *testing.T) {
	schema := cmMiscSchema(t)
	coords := func(lat, lon string) map[string]Value {
		m := map[string]Value{}
		if lat != "" {
			m["customNumber1__c"] = cmNum(t, lat)
		}
		if lon != "" {
			m["customNumber2__c"] = cmNum(t, lon)
		}
		return m
	}
	const corpusFormula = `DISTANCE(GEOLOCATION(customNumber1__c,customNumber2__c),GEOLOCATION(33.37088,-122.61715),'mi')`
	// Corpus rows of testDistance: inputs, then the formula and
	// formulaNullAsNull results.
	rows := []struct{ lat, lon, zero, blank string }{
		{"", "", "8066.8974274546545", "null"},
		{"0.0", "0.0", "8066.8974274546545", "8066.8974274546545"},
		{"0.0", "", "8066.8974274546545", "runtime: Latitude and longitude must both be null or both be set"},
		{"", "0.0", "8066.8974274546545", "runtime: Latitude and longitude must both be null or both be set"},
		{"43.094722", "-75.275833", "2618.9134586986042", "2618.9134586986042"},
		{"200", "200", "runtime: Latitude out of range: 200.0", "runtime: Latitude out of range: 200.0"},
		{"-200", "-200", "runtime: Latitude out of range: -200.0", "runtime: Latitude out of range: -200.0"},
		{"37.7899", "-122.3969", "305.57560898133903", "305.57560898133903"},
	}
	var zero, blank []cmCase
	for _, r := range rows {
		zero = append(zero, cmCase{src: corpusFormula, set: coords(r.lat, r.lon), want: r.zero})
		blank = append(blank, cmCase{src: corpusFormula, set: coords(r.lat, r.lon), want: r.blank})
	}
	cmRun(t, schema, Options{}, zero)
	cmRun(t, schema, Options{BlankAsBlank: true}, append(blank, []cmCase{
		{src: `DISTANCE(GEOLOCATION(0, 0), GEOLOCATION(0, 0), "km")`, want: "0.0"},
		{src: `DISTANCE(GEOLOCATION(0, 0), GEOLOCATION(0, 180), "km")`, want: "20015.115070354455"},
		{src: `DISTANCE(GEOLOCATION(90, 0), GEOLOCATION(-90, 0), "mi")`, want: "12436.814474917783"},
		{src: `DISTANCE(GEOLOCATION(51.5, 0), GEOLOCATION(51.5, 0.00001), "km")`, want: "0.0006922056714045465"},
		{src: `DISTANCE(GEOLOCATION(customNumber1__c, customNumber2__c), GEOLOCATION(1, 1), "km")`, set: coords("90", "180"), want: "9896.362451453035"},
		{src: `DISTANCE(GEOLOCATION(customNumber1__c, customNumber2__c), GEOLOCATION(1, 1), customjson__c)`, set: coords("1", "1"),
			want: "runtime: Invalid unit for function 'DISTANCE()': use 'mi' or 'km'"},
		{src: `DISTANCE(GEOLOCATION(1, 2), GEOLOCATION(3, 4), "MI")`, want: "compile: Incorrect parameter value for function 'DISTANCE()'. Expected 'mi'/'km', received 'MI'"},
		{src: `DISTANCE(GEOLOCATION(1, 2), GEOLOCATION(3, 4), NULL)`, want: "compile: Incorrect parameter type for function 'DISTANCE()'. Expected Text, received Null"},
		{src: `DISTANCE(GEOLOCATION(1, 2), NULL, "km")`, want: "compile: Incorrect parameter type for function 'DISTANCE()'. Expected Geolocation, received Null"},
		{src: `DISTANCE(1, GEOLOCATION(1, 2), "km")`, want: "compile: Incorrect parameter type for function 'DISTANCE()'. Expected Geolocation, received Number"},
		{src: `GEOLOCATION(91, 0)`, want: "compile: Incorrect parameter value for function 'GEOLOCATION()'. Expected a latitude from -90 to 90, received 91"},
		{src: `GEOLOCATION(0, -180.5)`, want: "compile: Incorrect parameter value for function 'GEOLOCATION()'. Expected a longitude from -180 to 180, received -180.5"},
		{src: `GEOLOCATION(NULL, 0)`, want: "compile: Incorrect parameter type for function 'GEOLOCATION()'. Expected Number, received Null"},
		{src: `GEOLOCATION("1", 0)`, want: "compile: Incorrect parameter type for function 'GEOLOCATION()'. Expected Number, received Text"},
		{src: `DISTANCE(GEOLOCATION(customNumber1__c, 0), GEOLOCATION(0, 0), "km")`, set: coords("1E+400", ""),
			want: "runtime: Latitude out of range: Infinity"},
	}...))
}

// TestGeoCorrectlyRounded compares the double functions with the exactly
// rounded values, computed with mpmath at 400 bits.
func TestGeoCorrectlyRounded(t *testing.T) {
	for _, tt := range []struct{ x, sin, cos float64 }{
		{1e-300, 1e-300, 1.0},
		{1e-08, 1e-08, 1.0},
		{0.1, 0.09983341664682815, 0.9950041652780258},
		{0.5, 0.479425538604203, 0.8775825618903728},
		{0.7520866374519287, 0.6831640443662671, 0.7302649440340985},
		{1.0, 0.8414709848078965, 0.5403023058681398},
		{1.5707963267948966, 1.0, 6.123233995736766e-17},
		{2.0, 0.9092974268256817, -0.4161468365471424},
		{3.0, 0.1411200080598672, -0.9899924966004454},
		{3.141592653589793, 1.2246467991473532e-16, -1.0},
		{-2.5, -0.5984721441039565, -0.8011436155469337},
		{3.14159265358979, 3.2310891488651735e-15, -1.0},
		{0.7853981633974483, 0.7071067811865475, 0.7071067811865476},
	} {
		if s, c := geoSinCos(tt.x); s != tt.sin || c != tt.cos {
			t.Errorf("geoSinCos(%v) = %v, %v; want %v, %v", tt.x, s, c, tt.sin, tt.cos)
		}
	}
	for _, tt := range []struct{ y, want float64 }{
		{1e-300, 1e-300},
		{1e-09, 1e-09},
		{0.25, 0.25268025514207865},
		{0.5, 0.5235987755982989},
		{0.7, 0.775397496610753},
		{0.9999999999999999, 1.5707963118937354},
		{0.33046742917434624, 0.33679878606469316},
		{-0.5, -0.5235987755982989},
		{0.9999999, 1.5703491131957876},
		{1, math.Pi / 2},
	} {
		if got := geoAsin(tt.y); got != tt.want {
			t.Errorf("geoAsin(%v) = %v, want %v", tt.y, got, tt.want)
		}
	}
	if got := geoAsin(1.0000000000000002); !math.IsNaN(got) {
		t.Errorf("geoAsin beyond 1 = %v, want NaN", got)
	}
	for _, ab := range [][2]float64{{3, 4}, {1e-200, 1e-200}, {1e300, 1e300}, {0.1, 0.2}, {0, 0}, {-5, 12}} {
		want := new(big.Float).SetPrec(300).SetFloat64(ab[0])
		want.Mul(want, want)
		b := new(big.Float).SetPrec(300).SetFloat64(ab[1])
		want.Add(want, b.Mul(b, b))
		w, _ := want.Sqrt(want).Float64()
		if got := geoHypot(ab[0], ab[1]); got != w {
			t.Errorf("geoHypot(%v, %v) = %v, want %v", ab[0], ab[1], got, w)
		}
	}
	if got := geoHypot(math.Inf(-1), math.NaN()); !math.IsInf(got, 1) {
		t.Errorf("geoHypot(-Inf, NaN) = %v, want +Inf", got)
	}
}

func TestJavaDoubleText(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {1, "1.0"}, {2.5, "2.5"}, {100, "100.0"},
		{1e-3, "0.001"}, {0.00123, "0.00123"}, {9.99e-4, "9.99E-4"}, {1e7, "1.0E7"}, {9999999.5, "9999999.5"},
		{1.0e-16, "1.0E-16"}, {4.5399929762484854e-5, "4.5399929762484854E-5"}, {2618.9134586986042, "2618.9134586986042"},
		{-123.456, "-123.456"}, {1e21, "1.0E21"}, {1.7976931348623157e308, "1.7976931348623157E308"},
		{5e-324, "4.9E-324"}, {math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"}, {math.NaN(), "NaN"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, javaDoubleText(tt.f)); diff != "" {
			t.Errorf("javaDoubleText(%v) (-want +got):\n%s", tt.f, diff)
		}
	}
}
