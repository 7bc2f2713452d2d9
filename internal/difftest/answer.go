package difftest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/eval"
)

// Answer is one engine's result for a case, in canonical form.
type Answer struct {
	// Err is the error message when evaluation failed; Value is then empty.
	Err string
	// Panic marks a credscope panic, which never agrees with anything.
	Panic bool
	// Value is the canonical form of the result; see [Canonical].
	Value string
}

// TimedOut tells whether the engine's driver gave up on the case, after
// the 5 s of CPU time it allows one: the engine gave no answer.
func (a Answer) TimedOut() bool { return strings.HasPrefix(a.Err, "TIMEOUT") }

// String renders the answer as deviations.txt records it: the canonical
// value, or "error" for any error.
func (a Answer) String() string {
	switch {
	case a.Panic:
		return "panic: " + a.Err
	case a.Err != "":
		return "error"
	}
	return a.Value
}

// Agree reports whether two answers are the same: both errors (whatever
// their messages), or equal canonical values. A timeout agrees with
// nothing.
func Agree(x, y Answer) bool {
	if x.Panic || y.Panic {
		return false
	}
	if x.TimedOut() || y.TimedOut() {
		return false // no answer agrees with an engine that gave none
	}
	if x.Err != "" || y.Err != "" {
		return x.Err != "" && y.Err != ""
	}
	return x.Value == y.Value
}

var timeOfDayRE = regexp.MustCompile(`^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?$`)

// Canonical returns the canonical form of a non-null result of type t as
// either engine prints it; null reports a null result. The forms are:
//
//	Text      Go-quoted; blank and null are both "", as Salesforce text is never null
//	Number    the exact decimal with trailing zeros dropped: 1.50 and 1.5 agree
//	Boolean   true or false; null is false, as a checkbox formula shows it
//	Date      2006-01-02
//	DateTime  2006-01-02T15:04:05.000Z
//	Time      15:04:05.000 (the engine leaves out zero seconds and milliseconds)
//
// Any other null is "null".
func Canonical(t eval.Type, s string, null bool) (string, error) {
	switch {
	case t == eval.Text && null:
		return `""`, nil
	case t == eval.Boolean && null:
		return "false", nil
	case null:
		return "null", nil
	}
	switch t {
	case eval.Text:
		return strconv.Quote(javaText(s)), nil
	case eval.Number:
		var d apd.Decimal
		if _, _, err := d.SetString(s); err != nil {
			return "", fmt.Errorf("number %q: %w", s, err)
		}
		d.Reduce(&d)
		if d.IsZero() {
			d.Negative = false
		}
		return d.Text('f'), nil
	case eval.Time:
		m := timeOfDayRE.FindStringSubmatch(s)
		if m == nil {
			return "", fmt.Errorf("time %q", s)
		}
		sec, ms := m[3], m[4]
		if sec == "" {
			sec = "00"
		}
		for len(ms) < 3 {
			ms += "0"
		}
		return m[1] + ":" + m[2] + ":" + sec + "." + ms, nil
	}
	return s, nil
}

// javaText maps what Java's UTF-8 encoder cannot write, a lone surrogate,
// to '?', as the engine's output shows it. Text from credscope holds a
// lone surrogate as its three-byte generalised UTF-8 form; any other
// invalid byte becomes U+FFFD.
func javaText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+2 < len(s) && s[i] == 0xED && s[i+1] >= 0xA0 && s[i+1] <= 0xBF && s[i+2] >= 0x80 && s[i+2] <= 0xBF {
			b.WriteByte('?')
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// credscopeAnswer renders a credscope value of a formula of type t.
func credscopeAnswer(t eval.Type, v eval.Value) Answer {
	if v.IsNull() {
		s, _ := Canonical(t, "", true)
		return Answer{Value: s}
	}
	var raw string
	switch v.Type() {
	case eval.Number:
		raw = v.String() // rounded to the 32 places of a formula result
	case eval.Boolean:
		raw = strconv.FormatBool(v.Bool())
	case eval.Date:
		raw = javaDate(v.Time())
	case eval.DateTime:
		raw = javaDate(v.Time()) + v.Time().Format("T15:04:05.000Z")
	case eval.Time:
		raw = v.Time().Format("15:04:05.000")
	default:
		raw = cutUnits(javaText(v.Text()), maxText)
	}
	s, err := Canonical(v.Type(), raw, false)
	if err != nil {
		return Answer{Err: err.Error(), Panic: true}
	}
	return Answer{Value: s}
}

// maxText is the length, in UTF-16 units, to which the engine cuts a Text
// result, the 1,300 characters of a formula field's value.
const maxText = 1300

// cutUnits returns the first n UTF-16 units of s.
func cutUnits(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

// gregorianStart is the first day of the Gregorian calendar, 1582-10-15,
// as a Julian day number.
const gregorianStart = 2299161

// javaDate writes the calendar day of t as Java's date formats do: in the
// Julian calendar before 1582-10-15, in the Gregorian one after.
func javaDate(t time.Time) string {
	jdn := int(t.Unix()/86400) + 2440588
	if t.Unix() < 0 && t.Unix()%86400 != 0 {
		jdn--
	}
	if jdn >= gregorianStart {
		return t.Format("2006-01-02")
	}
	c := jdn + 32082
	d := (4*c + 3) / 1461
	e := c - 1461*d/4
	m := (5*e + 2) / 153
	day := e - (153*m+2)/5 + 1
	month := m + 3 - 12*(m/10)
	year := d - 4800 + m/10
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}
