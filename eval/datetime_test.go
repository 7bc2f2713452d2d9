package eval

import (
	"errors"
	"testing"
	"time"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/redact"
	"github.com/google/go-cmp/cmp"
)

// dateTestNow is the clock of the date tests: 2026-01-01T00:00:00Z.
var dateTestNow = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// dateTestSchema declares the fields the date tests read.
func dateTestSchema(t *testing.T) *Schema {
	t.Helper()
	s := EmptySchema()
	for _, f := range []struct {
		name string
		typ  Type
	}{
		{"n1__c", Number}, {"n2__c", Number}, {"n3__c", Number},
		{"t1__c", Text}, {"t2__c", Text},
		{"d1__c", Date}, {"d2__c", Date},
		{"dt1__c", DateTime}, {"dt2__c", DateTime},
		{"b1__c", Boolean},
	} {
		if _, err := s.Declare(f.name, f.typ, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Declare("$Credential.Secret", Text, true); err != nil {
		t.Fatal(err)
	}
	return s
}

// evalDate compiles and evaluates src with the fields set from in, written
// as Values.SetString reads them, and returns the result as Value.String
// prints it, or "error: " and the message.
func evalDate(t *testing.T, src string, in map[string]string, opts Options) string {
	t.Helper()
	return evalDateIn(t, src, in, opts, Env{})
}

// evalDateIn is evalDate in env, whose clock is dateTestNow unless set.
func evalDateIn(t *testing.T, src string, in map[string]string, opts Options, env Env) string {
	t.Helper()
	schema := dateTestSchema(t)
	if env.Now == nil {
		env.Now = func() time.Time { return dateTestNow }
	}
	prog, err := Compile(src, schema, opts)
	if err != nil {
		return "error: " + dateErrorMessage(err)
	}
	vals := schema.NewValues()
	for name, s := range in {
		if err := vals.SetString(name, s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	v, err := prog.Eval(vals, env)
	if err != nil {
		return "error: " + dateErrorMessage(err)
	}
	return v.String()
}

func dateErrorMessage(err error) string {
	var list formula.ErrorList
	var one *formula.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		return list[0].Msg
	case errors.As(err, &one):
		return one.Msg
	}
	return err.Error()
}

// dateCase is a formula, its inputs, and its result when blank numbers read
// as zero (f) and when they stay blank (n, when it differs).
type dateCase struct {
	src string
	in  map[string]string
	f   string
	n   string
}

func runDateCases(t *testing.T, cases []dateCase) {
	t.Helper()
	for _, tc := range cases {
		for _, blank := range []bool{false, true} {
			want := tc.f
			if blank && tc.n != "" {
				want = tc.n
			}
			got := evalDate(t, tc.src, tc.in, Options{BlankAsBlank: blank})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %v (BlankAsBlank=%v) (-want +got):\n%s", tc.src, tc.in, blank, diff)
			}
		}
	}
}

// dtIn builds the inputs of a case from name, value pairs.
func dtIn(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func dtNums(y, m, d string) map[string]string { return dtIn("n1__c", y, "n2__c", m, "n3__c", d) }

const (
	errMonthDay = "error: Month or Day out of range in DATE() function"
	errYear     = "error: Year out of range in DATE() function"
)

func TestDate(t *testing.T) {
	const f = "DATE(n1__c, n2__c, n3__c)"
	runDateCases(t, []dateCase{
		// testDate rows.
		{f, dtNums("2007", "2", "29"), errMonthDay, ""},
		{f, dtNums("2008", "2", "29"), "2008-02-29", ""},
		{f, dtNums("2007", "3", "32"), errMonthDay, ""},
		{f, dtNums("10000", "3", "2"), errYear, ""},
		{f, dtNums("9999", "12", "31"), "9999-12-31", ""},
		{f, dtNums("1000", "3", "2"), "1000-03-02", ""},
		{f, dtNums("2010", "", "29"), errMonthDay, "null"},
		{f, dtNums("2010", "2", ""), errMonthDay, "null"},
		{f, dtNums("", "2", "29"), errYear, "null"},
		{f, dtNums("", "", ""), errYear, "null"},
		{f, dtNums("2010", "0", "2"), errMonthDay, ""},
		{f, dtNums("2009.5", "3", "2"), "2009-03-02", ""},
		{f, dtNums("2009", "3.5", "2"), "2009-03-02", ""},
		{f, dtNums("2009", "12.5", "31.5"), "2009-12-31", ""},
		{f, dtNums("2009", "12", "32.1"), errMonthDay, ""},
		{f, dtNums("2009", "12", "0.9"), errMonthDay, ""},
		{f, dtNums("2009", "0.9", "26"), errMonthDay, ""},
		{f, dtNums("-2009", "2", "3"), errYear, ""},
		{f, dtNums("2009", "-3", "4"), errMonthDay, ""},
		{f, dtNums("-2009.2", "3", "2"), errYear, ""},
		{f, dtNums("0", "2", "2"), errYear, ""},
		{f, dtNums("2016", "2", "29"), "2016-02-29", ""},
		{f, dtNums("2016", "2", "30"), errMonthDay, ""},
		{"DATE(2012, n2__c, n3__c)", dtNums("", "2", "29"), "2012-02-29", ""},
		{"DATE(n1__c, 12, n3__c)", dtNums("2010", "", "29"), "2010-12-29", ""},
		{"DATE(n1__c, 2, 29)", dtNums("1900", "", ""), errMonthDay, ""},
		{"DATE(n1__c, 2, 29)", dtNums("2400", "", ""), "2400-02-29", ""},
		// Java's intValue keeps the low 32 bits.
		{f, dtNums("4294969305", "1", "1"), "2009-01-01", ""},
		// The Julian calendar before 1582-10-15.
		{f, dtNums("1500", "2", "29"), "1500-02-29", ""},
		{f, dtNums("1582", "10", "4"), "1582-10-04", ""},
		{f, dtNums("1582", "10", "10"), errMonthDay, ""},
		{f, dtNums("1582", "10", "15"), "1582-10-15", ""},
		{"WEEKDAY(DATE(1000, 3, 2))", nil, "7", ""},
		{"DATE(1582, 10, 15) - DATE(1582, 10, 4)", nil, "1", ""},
		{"DATE(1582, 10, 4) + 1", nil, "1582-10-15", ""},
		{"DATE(1, 1, 1) - DATE(1970, 1, 1)", nil, "-719164", ""},
	})
}

func TestDateParts(t *testing.T) {
	var cases []dateCase
	// testWeekday, testDayOfYear, testIsoWeekWithDate, testIsoYearWithDate
	// and testUnixTimestampWithDate rows.
	for _, r := range []struct{ date, weekday, dayOfYear, isoWeek, isoYear, unix string }{
		{"2005-12-31", "7", "365", "52", "2005", "1135987200"},
		{"2004-12-31", "6", "366", "53", "2004", "1104451200"},
		{"2004-02-28", "7", "59", "9", "2004", "1077926400"},
		{"2000-02-28", "2", "59", "9", "2000", "951696000"},
		{"1900-01-01", "2", "1", "1", "1900", "-2208988800"},
		{"4000-01-01", "7", "1", "52", "3999", "64060588800"},
		{"2000-01-01", "7", "1", "52", "1999", "946684800"},
		{"3999-01-01", "6", "1", "53", "3998", "64029052800"},
	} {
		d := dtIn("d1__c", r.date)
		cases = append(cases,
			dateCase{"WEEKDAY(d1__c)", d, r.weekday, ""},
			dateCase{"DAYOFYEAR(d1__c)", d, r.dayOfYear, ""},
			dateCase{"ISOWEEK(d1__c)", d, r.isoWeek, ""},
			dateCase{"ISOYEAR(d1__c)", d, r.isoYear, ""},
			dateCase{"UNIXTIMESTAMP(d1__c)", d, r.unix, ""},
			dateCase{"TEXT(d1__c)", d, r.date, ""},
		)
	}
	cases = append(cases,
		dateCase{"WEEKDAY(d1__c)", nil, "null", ""},
		dateCase{"ISOWEEK(d1__c)", nil, "null", ""},
		dateCase{"UNIXTIMESTAMP(d1__c)", nil, "null", ""},
		dateCase{"month(d1__c)", dtIn("d1__c", "2023-02-27"), "2", ""},
		dateCase{"DAY(d1__c) + YEAR(d1__c) + MONTH(d1__c)", dtIn("d1__c", "2004-12-20"), "2036", ""},
		// In 1582 the day of the year counts from the Julian 1 January.
		dateCase{"DAYOFYEAR(DATE(1582, 10, 15))", nil, "278", ""},
		dateCase{"DAYOFYEAR(DATE(1500, 12, 31))", nil, "366", ""},
		// ISO weeks use the proleptic Gregorian calendar.
		dateCase{"ISOWEEK(DATE(1000, 3, 2))", nil, "10", ""},
		// testIsoWeekWithDateTime and testIsoYearWithDateTime rows.
		dateCase{`ISOWEEK(DATETIMEVALUE("2011-1-1 00:00:00"))`, nil, "52", ""},
		dateCase{`ISOYEAR(DATETIMEVALUE("2011-1-1 00:00:00"))`, nil, "2010", ""},
		dateCase{`ISOWEEK(DATETIMEVALUE("2012-2-7 5:22:33"))`, nil, "6", ""},
		dateCase{`ISOYEAR(DATETIMEVALUE("2012-01-01 23:59:59"))`, nil, "2011", ""},
	)
	runDateCases(t, cases)
}

func TestDateValue(t *testing.T) {
	const f = "DATEVALUE(t1__c)"
	text := func(s string) map[string]string { return dtIn("t1__c", s) }
	unparseable := func(s string) string { return "error: Unparseable date: " + quoteInput(redact.Value(s, false)) }
	const badYear = "error: Invalid year for DATEVALUE function"
	runDateCases(t, []dateCase{
		// testDATEVALUEWithString rows.
		{f, text("2005-01-02"), "2005-01-02", ""},
		{f, text("2005-1-2"), "2005-01-02", ""},
		{f, text("9999-01-15"), "9999-01-15", ""},
		{f, text("0001-01-15"), "0001-01-15", ""},
		{f, text("200-01-03"), badYear, ""},
		{f, text("2-1-3"), badYear, ""},
		{f, text("2005-13-02"), unparseable("2005-13-02"), ""},
		{f, text("2005-02-31"), unparseable("2005-02-31"), ""},
		{f, text("2005-03-32"), unparseable("2005-03-32"), ""},
		{f, nil, "null", ""},
		{f, text("crapola"), badYear, ""},
		{f, text("2000-0-2"), unparseable("2000-0-2"), ""},
		{f, text("0000-12-12"), unparseable("0000-12-12"), ""},
		{f, text("2020-11-00"), unparseable("2020-11-00"), ""},
		{f, text("2005-11"), unparseable("2005-11"), ""},
		// A prefix is read; fields have any number of digits and may be
		// preceded by blanks.
		{f, text("2005-11-15 17:00:00"), "2005-11-15", ""},
		{f, text("2005-011-005"), "2005-11-05", ""},
		{f, text("2005- 11-15"), "2005-11-15", ""},
		{f, text("2005-\t11-15"), "2005-11-15", ""},
		{f, text("2005-11-1 5"), "2005-11-01", ""},
		{f, text("2005-11-1.5"), "2005-11-01", ""},
		{f, text(" 2005-11-15"), badYear, ""},
		{f, text("2005-11-15\n"), badYear, ""},
		// Java's number format reads exponents, NaN and any script's digits.
		{f, text("2005-1E1-05"), "2005-10-05", ""},
		{f, text("2005-11-15E-1"), "2005-11-01", ""},
		{f, text("2005-\u0661\u0662-05"), "2005-12-05", ""},
		{f, text("2005-4294967297-01"), "2005-01-01", ""},
		{f, text("2005-NaN-01"), unparseable("2005-NaN-01"), ""},
		// The switch to the Gregorian calendar.
		{f, text("1582-10-04"), "1582-10-04", ""},
		{f, text("1582-10-10"), unparseable("1582-10-10"), ""},
		{f, text("1500-02-29"), "1500-02-29", ""},
		// A secret is not repeated in the message.
		{"DATEVALUE($Credential.Secret)", dtIn("$Credential.Secret", "2005-13-02"), `error: Unparseable date: "********"`, ""},
		// testSubDateTimeGivingDateValue and testAddDateTimeGivingDateValue rows.
		{"DATEVALUE(dt1__c - n1__c)", dtIn("dt1__c", "2004-12-31 11:32:00", "n1__c", "3.50"), "2004-12-27", ""},
		{"DATEVALUE(dt1__c + n1__c)", dtIn("dt1__c", "2004-12-31 11:32:00", "n1__c", "3.60"), "2005-01-04", ""},
		{"DATEVALUE(dt1__c + n1__c)", dtIn("dt1__c", "2004-12-31 23:32:00", "n1__c", "0.50"), "2005-01-01", ""},
	})
	// A date-time's day is taken in the user's time zone.
	pst := time.FixedZone("PST", -8*3600)
	got := evalDateIn(t, `DATEVALUE(DATETIMEVALUE("2005-11-15 03:00:00"))`, nil, Options{}, Env{Location: pst})
	if diff := cmp.Diff("2005-11-14", got); diff != "" {
		t.Errorf("DATEVALUE in PST (-want +got):\n%s", diff)
	}
	// The time zone comes with each evaluation: one program, folded
	// nowhere, serves both.
	schema := NewSchema()
	prog, err := Compile(`TEXT(DATEVALUE(DATETIMEVALUE("2005-11-15 03:00:00")))`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		loc  *time.Location
		want string
	}{{pst, "2005-11-14"}, {nil, "2005-11-15"}, {time.FixedZone("JST", 9*3600), "2005-11-15"}} {
		got, err := prog.EvalText(schema.NewValues(), Env{Location: tc.loc})
		if err != nil || got != tc.want {
			t.Errorf("in %v: %q, %v; want %q", tc.loc, got, err, tc.want)
		}
	}
}

func TestDateTimeValue(t *testing.T) {
	const f = "DATETIMEVALUE(t1__c)"
	text := func(s string) map[string]string { return dtIn("t1__c", s) }
	unparseable := func(s string) string { return "error: Unparseable date: " + quoteInput(redact.Value(s, false)) }
	cases := []dateCase{
		{`DATETIMEVALUE("sample ")`, nil, "error: Invalid year for DATEVALUE function", ""},
		{`DATETIMEVALUE("2005-11-15 17:00:00 ")`, nil, "2005-11-15 17:00:00Z", ""},
		{`DATETIMEVALUE("2005-11-15 17:00:00.123Z")`, nil, "2005-11-15 17:00:00Z", ""},
		{`DATETIMEVALUE("2005-11-15 17:00:00 PST")`, nil, "2005-11-15 17:00:00Z", ""},
		{`DATETIMEVALUE("2005-11-15  17:00:00")`, nil, "2005-11-15 17:00:00Z", ""},
		{`DATETIMEVALUE(DATE(2005, 11, 15))`, nil, "2005-11-15 00:00:00Z", ""},
		{`DATETIMEVALUE("1000-03-02 10:00:00") - DATETIMEVALUE(DATE(1000, 3, 2))`, nil, "0.41666666666666666666666666666667", ""},
		{`TEXT(DATETIMEVALUE('2013-12-31 01:02:03'))`, nil, "2013-12-31 01:02:03Z", ""},
		{f, nil, "null", ""},
		{"DATETIMEVALUE(dt1__c)", dtIn("dt1__c", "2004-12-31 11:32:00"), "2004-12-31 11:32:00Z", ""},
	}
	// testDateTimeValueWithValidInValid rows, with TIMEVALUE, SECOND,
	// MINUTE, HOUR, MILLISECOND and UNIXTIMESTAMP of them.
	for _, r := range []struct{ text, dt, unix string }{
		{"2011-01-29 00:00:09", "2011-01-29 00:00:09Z", "1296259209"},
		{"2011-01-9 00:00:09", "2011-01-09 00:00:09Z", "1294531209"},
		{"2011-1-29 00:00:00", "2011-01-29 00:00:00Z", "1296259200"},
		{"2011-1-1 00:00:00", "2011-01-01 00:00:00Z", "1293840000"},
		{"2011-01-1 1:00:00", "2011-01-01 01:00:00Z", "1293843600"},
		{"2011-1-23 2:22:59", "2011-01-23 02:22:59Z", "1295749379"},
		{"2012-2-7 5:22:33", "2012-02-07 05:22:33Z", "1328592153"},
		{"2011-13-29 00:00:09", "", ""},
		{"2012:02:02", "", ""},
		{"2012-01-01 24:00:00", "", ""},
		{"2012-01-01 23:60:00", "", ""},
		{"2012-01-01 23:00:60", "", ""},
		{"2012-01-01 23:59:59", "2012-01-01 23:59:59Z", "1325462399"},
		{"2012-10-34 00:00:00", "", ""},
		{"2012-02-07 5:2:33", "2012-02-07 05:02:33Z", "1328590953"},
		{"2012-02-07 5:22:3", "2012-02-07 05:22:03Z", "1328592123"},
		{"2005-11-15", "", ""},
		{"2005-11-15T17:00:00", "", ""},
		{"2005-11-15 17:00", "", ""},
	} {
		want := unparseable(r.text)
		if r.text == "2012:02:02" {
			want = "error: Invalid year for DATEVALUE function"
		}
		if r.dt == "" {
			cases = append(cases, dateCase{f, text(r.text), want, ""}, dateCase{"HOUR(TIMEVALUE(" + f + "))", text(r.text), want, ""})
			continue
		}
		tod := r.dt[11:19] + ".000"
		cases = append(cases,
			dateCase{f, text(r.text), r.dt, ""},
			dateCase{"TIMEVALUE(" + f + ")", text(r.text), tod, ""},
			dateCase{"HOUR(TIMEVALUE(" + f + "))", text(r.text), trimZero(tod[0:2]), ""},
			dateCase{"MINUTE(TIMEVALUE(" + f + "))", text(r.text), trimZero(tod[3:5]), ""},
			dateCase{"SECOND(TIMEVALUE(" + f + "))", text(r.text), trimZero(tod[6:8]), ""},
			dateCase{"MILLISECOND(TIMEVALUE(" + f + "))", text(r.text), "0", ""},
			dateCase{"UNIXTIMESTAMP(" + f + ")", text(r.text), r.unix, ""},
		)
	}
	runDateCases(t, cases)
}

// trimZero drops a leading zero: "05" is "5", "00" is "0".
func trimZero(s string) string {
	if len(s) == 2 && s[0] == '0' {
		return s[1:]
	}
	return s
}

func TestTimeValue(t *testing.T) {
	const f = "TIMEVALUE(t1__c)"
	text := func(s string) map[string]string { return dtIn("t1__c", s) }
	bad := func(s string) string { return "error: Invalid time format: " + quoteInput(redact.Value(s, false)) }
	runDateCases(t, []dateCase{
		{`TIMEVALUE("10:40:55.666")`, nil, "10:40:55.666", ""},
		{`Hour(TIMEVALUE("10:40:55.666"))`, nil, "10", ""},
		{`Minute(TIMEVALUE("10:40:55.666"))`, nil, "40", ""},
		{`Second(TIMEVALUE("10:40:55.666"))`, nil, "55", ""},
		{`MilliSecond(TIMEVALUE("10:40:55.666"))`, nil, "666", ""},
		{`MilliSecond(TIMEVALUE("2015-03-17 17:00:00"))`, nil, bad("2015-03-17 17:00:00"), ""},
		{`Hour(TIMEVALUE("10:40:55.666") + 3600000)`, nil, "11", ""},
		// The fraction is a whole number of milliseconds.
		{f, text("1:2:3.4"), "01:02:03.004", ""},
		{f, text("10:40:55.0666"), "10:40:55.666", ""},
		{f, text(" 10:40:55.666"), "10:40:55.666", ""},
		{f, text("10:40:55"), bad("10:40:55"), ""},
		{f, text("10:40:55.6666"), bad("10:40:55.6666"), ""},
		{f, text("24:00:00.000"), bad("24:00:00.000"), ""},
		{f, text("10:40:55.666Z"), bad("10:40:55.666Z"), ""},
		{f, text("10:40:55.666 "), bad("10:40:55.666 "), ""},
		{f, nil, "null", ""},
		{"TIMEVALUE(dt1__c)", dtIn("dt1__c", "2004-12-31 11:32:07"), "11:32:07.000", ""},
		{"TIMEVALUE(TIMEVALUE(t1__c))", text("01:02:03.004"), "01:02:03.004", ""},
		// testUnixTimestampWithTime rows.
		{"UNIXTIMESTAMP(" + f + ")", text("10:34:55.666"), "38095", ""},
		{"UNIXTIMESTAMP(" + f + ")", text("00:00:00.789"), "0", ""},
		{"UNIXTIMESTAMP(" + f + ")", text("23:59:59.999"), "86399", ""},
		{"UNIXTIMESTAMP(" + f + ")", text("01:66:29.345"), bad("01:66:29.345"), ""},
		// testTextTimeValueWithValidInValid rows.
		{"TEXT(" + f + ")", text("00:00:00.000"), "00:00:00.000", ""},
		{"TEXT(" + f + ")", text("23:59:59.999"), "23:59:59.999", ""},
	})
}

// TestDateResultOfDateTime checks a formula whose result must be a date,
// as a Date field's default value: a date-time is taken, and is its day
// in the evaluation's time zone, while a date is no date-time.
func TestDateResultOfDateTime(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src    string
		result Type
		loc    *time.Location
		want   string
	}{
		{"NOW()", Date, nil, "2026-01-01"},
		{"NOW()", Date, la, "2025-12-31"},
		{"IF(true, NOW(), NULL)", Date, nil, "2026-01-01"},
		{"TODAY()", DateTime, nil, "error: Formula result is data type (Date), incompatible with expected data type (DateTime)."},
		{"TIMENOW()", Date, nil, "error: Formula result is data type (Time), incompatible with expected data type (Date)."},
	}
	for _, tt := range tests {
		got := evalDateIn(t, tt.src, nil, Options{Result: tt.result}, Env{Location: tt.loc})
		if got != tt.want {
			t.Errorf("%s as %v in %v = %s, want %s", tt.src, tt.result, tt.loc, got, tt.want)
		}
	}
}
