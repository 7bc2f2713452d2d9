package eval

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parsing of DATEVALUE, DATETIMEVALUE and TIMEVALUE text. Salesforce reads
// these with Java's SimpleDateFormat in non-lenient mode and GMT, patterns
// yyyy-MM-dd, yyyy-MM-dd HH:mm:ss and HH:mm:ss.SSS. Its rules are looser
// than the patterns suggest, and formulas depend on them: spaces and tabs
// may precede any field, a field has any number of digits ("2005-011-005"
// is 2005-11-05, and ".4" is 4 milliseconds), the dates accept trailing
// text, and the numbers are read by Java's DecimalFormat, so a field may
// carry a minus sign, an exponent ("1E1" is 10), "NaN" (0) or any Unicode
// decimal digits.

// dateLayout lists the fields of a pattern in order. Each field is
// preceded by its separator, none for the first.
type dateLayout struct {
	seps   string // one separator byte before each field after the first
	fields int
	whole  bool // the text must end after the last field
}

var (
	dateValueLayout     = dateLayout{seps: "--", fields: 3}
	dateTimeValueLayout = dateLayout{seps: "-- ::", fields: 6}
	timeValueLayout     = dateLayout{seps: "::.", fields: 4, whole: true}
)

// scanFields reads the fields of layout at the start of s into out. It
// fails when a field or separator is missing, or, for a whole layout, when
// text follows.
func scanFields(s string, layout dateLayout, out []int32) bool {
	i := 0
	for f := 0; f < layout.fields; f++ {
		if f > 0 {
			if i >= len(s) || s[i] != layout.seps[f-1] {
				return false
			}
			i++
		}
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		v, next, ok := parseJavaInt(s, i)
		if !ok {
			return false
		}
		out[f], i = v, next
	}
	return !layout.whole || i == len(s)
}

// hasYearPrefix reports whether s matches the regular expression \d{4}-.*
// as Java matches it: four ASCII digits, a hyphen, and no line terminator.
func hasYearPrefix(s string) bool {
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	for _, c := range []byte(s[:4]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return strings.IndexFunc(s[5:], func(r rune) bool {
		return r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029'
	}) < 0
}

// parseDateValue reads DATEVALUE text: yyyy-MM-dd, then anything.
func parseDateValue(s string) (days int64, msg string) {
	if !hasYearPrefix(s) {
		return 0, "Invalid year for DATEVALUE function"
	}
	var f [3]int32
	if !scanFields(s, dateValueLayout, f[:]) || !validDate(int(f[0]), int(f[1]), int(f[2])) {
		return 0, "Unparseable date"
	}
	return civilDays(int(f[0]), int(f[1]), int(f[2])), ""
}

// parseDateTimeValue reads DATETIMEVALUE text: yyyy-MM-dd HH:mm:ss in GMT,
// then anything (a time zone is ignored).
func parseDateTimeValue(s string) (ms int64, msg string) {
	if !hasYearPrefix(s) {
		return 0, "Invalid year for DATEVALUE function"
	}
	var f [6]int32
	if !scanFields(s, dateTimeValueLayout, f[:]) || !validDate(int(f[0]), int(f[1]), int(f[2])) ||
		!validClock(f[3], f[4], f[5], 0) {
		return 0, "Unparseable date"
	}
	days := civilDays(int(f[0]), int(f[1]), int(f[2]))
	return days*msPerDay + int64(f[3])*msPerHour + int64(f[4])*msPerMinute + int64(f[5])*msPerSecond, ""
}

// parseTimeValue reads TIMEVALUE text: exactly HH:mm:ss.SSS, where SSS is
// a whole number of milliseconds.
func parseTimeValue(s string) (ms int64, ok bool) {
	var f [4]int32
	if !scanFields(s, timeValueLayout, f[:]) || !validClock(f[0], f[1], f[2], f[3]) {
		return 0, false
	}
	return int64(f[0])*msPerHour + int64(f[1])*msPerMinute + int64(f[2])*msPerSecond + int64(f[3]), true
}

func validClock(h, m, s, ms int32) bool {
	return h >= 0 && h < 24 && m >= 0 && m < 60 && s >= 0 && s < 60 && ms >= 0 && ms < 1000
}

// parseJavaInt reads a number at s[i:] as SimpleDateFormat's integer-only
// DecimalFormat does and returns its Java intValue(): an optional minus
// sign, then "∞", or decimal digits (leading zeros ignored) with an
// optional exponent E[-]digits; or "NaN". Integral values that fit a long
// wrap to 32 bits; others go through a double, which saturates.
func parseJavaInt(s string, i int) (v int32, next int, ok bool) {
	if strings.HasPrefix(s[i:], "NaN") {
		return 0, i + 3, true
	}
	neg := i < len(s) && s[i] == '-'
	if neg {
		i++
	}
	if strings.HasPrefix(s[i:], "∞") {
		if neg {
			return math.MinInt32, i + len("∞"), true
		}
		return math.MaxInt32, i + len("∞"), true
	}
	// Most fields are a few digits: read them into a small buffer without
	// allocating.
	var buf [20]byte
	digits := buf[:0] // significant digits
	start := i
	for i < len(s) {
		d, size := javaDigit(s, i)
		if d < 0 {
			break
		}
		if d > 0 || len(digits) > 0 {
			digits = append(digits, byte('0'+d))
		}
		i += size
	}
	if i == start {
		return 0, 0, false
	}
	decimalAt := int32(min(len(digits), math.MaxInt32))
	if i < len(s) && s[i] == 'E' {
		if exp, n, ok := parseJavaExponent(s, i+1); ok {
			decimalAt += int32(exp) // Java's int arithmetic, which wraps
			i = n
		}
	}
	if n := len(digits); int(decimalAt) == n && n <= 18 {
		var u int64
		for _, c := range digits {
			u = u*10 + int64(c-'0')
		}
		if neg {
			u = -u
		}
		return int32(u), i, true
	}
	return javaIntOf(neg, strings.TrimRight(string(digits), "0"), int64(decimalAt)), i, true
}

// parseJavaExponent reads the digits of an exponent, with an optional
// minus sign. An exponent beyond the range of a long is not read.
func parseJavaExponent(s string, i int) (exp int64, next int, ok bool) {
	neg := i < len(s) && s[i] == '-'
	if neg {
		i++
	}
	start := i
	var u uint64
	overflow := false
	for i < len(s) {
		d, size := javaDigit(s, i)
		if d < 0 {
			break
		}
		if u > (math.MaxUint64-9)/10 {
			overflow = true
		}
		u = u*10 + uint64(d)
		i += size
	}
	if i == start || overflow || u > math.MaxInt64 {
		return 0, 0, false
	}
	e := int64(u)
	if neg {
		e = -e
	}
	return e, i, true
}

// javaIntOf returns the intValue of the number 0.digits × 10^decimalAt,
// negated when neg; digits has no leading or trailing zeros.
func javaIntOf(neg bool, digits string, decimalAt int64) int32 {
	if digits == "" {
		return 0
	}
	n := int64(len(digits))
	if decimalAt >= n && decimalAt <= 19 {
		// An integer: it is a long when it fits.
		padded := digits + strings.Repeat("0", int(decimalAt-n))
		if u, err := strconv.ParseUint(padded, 10, 64); err == nil && (u <= math.MaxInt64 || neg && u == 1<<63) {
			if neg {
				u = -u
			}
			return int32(int64(u))
		}
	}
	f, _ := strconv.ParseFloat("0."+digits+"e"+strconv.FormatInt(decimalAt, 10), 64)
	if neg {
		f = -f
	}
	switch {
	case f >= math.MaxInt32:
		return math.MaxInt32
	case f <= math.MinInt32:
		return math.MinInt32
	}
	return int32(f)
}

// javaDigit returns the value of the decimal digit at s[i:] and its size in
// bytes, or -1. Like Java's Character.digit it accepts the digits of every
// script, but only in the Basic Multilingual Plane, since Java reads text
// by UTF-16 unit.
func javaDigit(s string, i int) (int, int) {
	if c := s[i]; c < utf8.RuneSelf {
		if c >= '0' && c <= '9' {
			return int(c - '0'), 1
		}
		return -1, 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r > 0xFFFF || !unicode.IsDigit(r) {
		return -1, size
	}
	// Decimal digits come in runs of ten starting at a zero.
	k := 0
	for k < 64 && unicode.IsDigit(r-rune(k)-1) {
		k++
	}
	return k % 10, size
}
