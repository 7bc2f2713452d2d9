package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// ExpectKind classifies an expected output.
type ExpectKind int

// The kinds of expected output. Each names the canonical form of
// Expect.Text.
const (
	KindNull     ExpectKind = iota // Text is empty
	KindError                      // Text is what follows "Error:", e.g. "java.lang.ArithmeticException"
	KindNumber                     // Text is a plain decimal that keeps the written scale, e.g. "25.00", "10"
	KindText                       // Text is the output as written
	KindBoolean                    // Text is "true" or "false"
	KindDate                       // Text is "2005-11-15"
	KindDateTime                   // Text is "2005-11-15T17:00:00Z"
	KindTime                       // Text is "17:00:00.000", with at least three fraction digits
)

var kindNames = [...]string{"null", "error", "number", "text", "boolean", "date", "datetime", "time"}

// String returns the kind's name, e.g. "datetime".
func (k ExpectKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("ExpectKind(%d)", int(k))
	}
	return kindNames[k]
}

// Expect is an expected output in a form that can be compared with a
// result.
type Expect struct {
	Kind ExpectKind
	Text string // canonical form; see ExpectKind
	Raw  string // as written in the corpus
}

var (
	javaDateRE  = regexp.MustCompile(`^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d\d) (\d\d):(\d\d):(\d\d) (?:GMT|UTC) (\d+)$`)
	timestampRE = regexp.MustCompile(`^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d+)?$`)
	timeRE      = regexp.MustCompile(`^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?$`)
	decimalRE   = regexp.MustCompile(`^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$`)
)

const months = "JanFebMarAprMayJunJulAugSepOctNovDec"

// ParseExpected interprets an expected output of a case whose result type
// is dataType. Outputs are the Java toString forms of the result:
//
//	null                           KindNull
//	Error: <exception or message>  KindError
//	25.00, -0.5, 1E+1, 0E-32       KindNumber (BigDecimal)
//	true, false                    KindBoolean
//	Tue Nov 15 00:00:00 GMT 2005   KindDate or KindDateTime (java.util.Date)
//	2005-11-15 17:00:00.0          KindDate or KindDateTime (SQL timestamp)
//	17:00:00.000, 00:00:09, 00:00  KindTime (seconds and fraction are
//	                               omitted when zero)
//
// Outputs of Text cases are KindText unless they read "null" or begin with
// "Error:"; a text result that reads so cannot be told apart. For other
// types the form is told from the string itself, since a case's dataType
// may not match what its formula returns (DATETIMEVALUE in a DateOnly case
// prints a date-time). A date prints a time of day as well, so a date form
// is KindDate only in a DateOnly case at midnight; a date-time at midnight
// in a DateOnly case reads as KindDate too. The weekday is ignored: for
// dates before 1582 Java prints the Julian calendar, whose year, month and
// day are what the formula wrote, but whose weekday is not the proleptic
// Gregorian one. A Boolean case prints false for a null result.
//
// A string of no known form is KindText.
func ParseExpected(dataType, raw string) Expect {
	e := Expect{Raw: raw}
	s := Trim(raw)
	switch {
	case s == "null":
		e.Kind = KindNull
		return e
	case strings.HasPrefix(s, "Error:"):
		e.Kind, e.Text = KindError, Trim(strings.TrimPrefix(s, "Error:"))
		return e
	case BaseType(dataType) == "Text":
		e.Kind, e.Text = KindText, s
		return e
	}
	e.Kind, e.Text = KindText, s
	if m := javaDateRE.FindStringSubmatch(s); m != nil {
		mon := strings.Index(months, m[1])/3 + 1
		e.Kind, e.Text = dateOrTime(dataType, m[6], strconv.Itoa(mon), m[2], m[3], m[4], m[5])
	} else if m := timestampRE.FindStringSubmatch(s); m != nil {
		e.Kind, e.Text = dateOrTime(dataType, m[1], m[2], m[3], m[4], m[5], m[6])
	} else if m := timeRE.FindStringSubmatch(s); m != nil {
		frac := strings.TrimRight(m[4], "0")
		frac += strings.Repeat("0", max(0, 3-len(frac)))
		sec := m[3]
		if sec == "" {
			sec = "00"
		}
		e.Kind, e.Text = KindTime, m[1]+":"+m[2]+":"+sec+"."+frac
	} else if s == "true" || s == "false" {
		e.Kind, e.Text = KindBoolean, s
	} else if d, ok := plainDecimal(s); ok {
		e.Kind, e.Text = KindNumber, d
	}
	return e
}

// dateOrTime formats the parts of a date-time, as a date when dataType is
// DateOnly and the time is midnight.
func dateOrTime(dataType, year, month, day, hh, mm, ss string) (ExpectKind, string) {
	y, _ := strconv.Atoi(year)
	mo, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	date := fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	if dataType == "DateOnly" && hh == "00" && mm == "00" && ss == "00" {
		return KindDate, date
	}
	return KindDateTime, date + "T" + hh + ":" + mm + ":" + ss + "Z"
}

// plainDecimal writes a BigDecimal string without an exponent, keeping its
// scale as BigDecimal.toPlainString does: "1E+1" is "10", "8.1E-16" is
// "0.00000000000000081", "25.00" stays as it is.
func plainDecimal(s string) (string, bool) {
	m := decimalRE.FindStringSubmatch(s)
	if m == nil || m[2]+m[3] == "" {
		return "", false
	}
	exp := 0
	if m[4] != "" {
		exp, _ = strconv.Atoi(m[4])
	}
	digits := m[2] + m[3]
	scale := len(m[3]) - exp
	if scale < 0 {
		digits += strings.Repeat("0", -scale)
		scale = 0
	}
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	ip := strings.TrimLeft(digits[:len(digits)-scale], "0")
	if ip == "" {
		ip = "0"
	}
	out := ip
	if scale > 0 {
		out += "." + digits[len(digits)-scale:]
	}
	if m[1] == "-" && strings.Trim(digits, "0") != "" {
		out = "-" + out
	}
	return out, true
}
