package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDateArithmetic(t *testing.T) {
	dateNum := func(d, n string) map[string]string { return dtIn("d1__c", d, "n1__c", n) }
	dtNum := func(dt, n string) map[string]string { return dtIn("dt1__c", dt, "n1__c", n) }
	cases := []dateCase{
		// testAddDate rows: the number is truncated to whole days.
		{"d1__c + n1__c", dateNum("", "40"), "null", ""},
		{"d1__c + n1__c", dateNum("2005-12-31", "4.00"), "2006-01-04", ""},
		{"d1__c + n1__c", dateNum("2000-02-28", "3.5"), "2000-03-02", ""},
		{"d1__c + n1__c", dateNum("2000-02-28", "3.6"), "2000-03-02", ""},
		{"d1__c + n1__c", dateNum("2000-02-28", "40000"), "2109-09-04", ""},
		{"d1__c + n1__c", dateNum("3999-01-01", "0.23456"), "3999-01-01", ""},
		{"n1__c + d1__c", dateNum("2000-02-28", "365"), "2001-02-27", ""},
		{"d1__c - n1__c", dateNum("2000-02-28", "-0.9"), "2000-02-28", ""},
		{"d1__c + n1__c", dateNum("2004-12-31", ""), "2004-12-31", "null"},
		// testSubDate rows.
		{"d1__c - d2__c", dtIn("d1__c", "2004-12-31", "d2__c", "2004-12-01"), "30", ""},
		{"d1__c - d2__c", dtIn("d1__c", "2004-02-28", "d2__c", "2005-02-28"), "-366", ""},
		{"d1__c - d2__c", dtIn("d1__c", "3998-02-27", "d2__c", "2997-02-27"), "365607", ""},
		{"d1__c - d2__c", dtIn("d1__c", "1999-12-31"), "null", ""},
		// testAddDateTime and testSubDateTimeGivingDateTime rows: days
		// rounded half-up to the second.
		{"dt1__c + n1__c", dtNum("2004-12-31 11:32:00", "3.50"), "2005-01-03 23:32:00Z", ""},
		{"dt1__c + n1__c", dtNum("2004-02-28 10:34:00", "4.10"), "2004-03-03 12:58:00Z", ""},
		{"dt1__c + n1__c", dtNum("2009-02-07 10:00:00", "0.16666"), "2009-02-07 13:59:59Z", ""},
		{"dt1__c + n1__c", dtNum("2009-02-07 10:00:00", "0.166666"), "2009-02-07 14:00:00Z", ""},
		{"dt1__c + n1__c", dtNum("2009-02-07 10:00:00", "0.16596644"), "2009-02-07 13:59:00Z", ""},
		{"dt1__c + n1__c", dtNum("2009-02-07 10:00:00", "100.16597"), "2009-05-18 13:59:00Z", ""},
		{"dt1__c - n1__c", dtNum("2009-02-07 10:00:00", "0.16666"), "2009-02-07 06:00:01Z", ""},
		{"dt1__c - n1__c", dtNum("2004-02-29 07:34:00", "1.00"), "2004-02-28 07:34:00Z", ""},
		{"dt1__c - n1__c", dtNum("2009-02-07 10:00:00", "100.16597"), "2008-10-30 06:01:00Z", ""},
		{"n1__c + dt1__c", dtNum("2004-02-28 23:34:00", "0.40"), "2004-02-29 09:10:00Z", ""},
		{"dt1__c + n1__c", dtNum("2004-12-31 11:32:00", ""), "2004-12-31 11:32:00Z", "null"},
		// testAddDateTimeMinutes rows.
		{"dt1__c + (n1__c / (24 * 60))", dtNum("2009-02-07 10:00:00", "239.5"), "2009-02-07 13:59:30Z", ""},
		{"dt1__c + (n1__c / (24 * 60))", dtNum("2009-02-07 10:00:00", "239.999"), "2009-02-07 14:00:00Z", ""},
		{"dt1__c + (n1__c / (24 * 60))", dtNum("2009-02-07 10:00:00", "240.99"), "2009-02-07 14:00:59Z", ""},
		{"dt1__c + (n1__c / (24 * 60))", dtNum("2009-02-07 10:00:00", "123456789"), "2243-11-02 07:09:00Z", ""},
		// testSubDateTime rows.
		{"dt1__c - dt2__c", dtIn("dt1__c", "2004-12-31 11:00:00", "dt2__c", "2004-12-25 11:00:00"), "6", ""},
		{"dt1__c - dt2__c", dtIn("dt1__c", "2004-02-28 11:00:00", "dt2__c", "2004-02-27 02:00:00"), "1.375", ""},
		{"dt1__c - dt2__c", dtIn("dt1__c", "2004-02-28 11:00:00", "dt2__c", "2004-03-01 02:00:00"), "-1.625", ""},
		{"dt1__c - dt2__c", dtIn("dt1__c", "2004-12-31 11:30:00", "dt2__c", "2004-12-31 11:00:00"), "0.02083333333333333333333333333333", ""},
		{"FLOOR((dt1__c - dt2__c) * 1440 * 60)", dtIn("dt1__c", "2004-12-31 12:00:01", "dt2__c", "2004-12-30 12:00:00"), "86401", ""},
		// Years run from 1 to 9999.
		{"DATE(9999, 12, 31) + 1", nil, "error: " + errDateRange, ""},
		{"DATE(1, 1, 1) - 1", nil, "error: " + errDateRange, ""},
		{"DATE(2000, 1, 1) + n1__c", dtIn("n1__c", "1E30"), "error: " + errDateRange, ""},
		{"DATETIMEVALUE(DATE(9999, 12, 31)) + 0.9999", nil, "9999-12-31 23:59:51Z", ""},
		{"DATETIMEVALUE(DATE(9999, 12, 31)) + 1", nil, "error: " + errDateRange, ""},
		{"DATETIMEVALUE(DATE(2000, 1, 1)) - n1__c", dtIn("n1__c", "1E300"), "error: " + errDateRange, ""},
	}
	runDateCases(t, cases)
}

func TestTimeArithmetic(t *testing.T) {
	text := func(s string) map[string]string { return dtIn("t1__c", s) }
	timeNum := func(s, n string) map[string]string { return dtIn("t1__c", s, "n1__c", n) }
	twoTimes := func(a, b string) map[string]string { return dtIn("t1__c", a, "t2__c", b) }
	const sum = "TIMEVALUE(t1__c) + n1__c"
	const diff = "TIMEVALUE(t2__c) - TIMEVALUE(t1__c)"
	runDateCases(t, []dateCase{
		// testAddTimeValueWithValidInValid and testAddBigTimeValue rows:
		// the time wraps forward past midnight.
		{"TIMEVALUE(t1__c) + 7200000", text("10:34:55.666"), "12:34:55.666", ""},
		{"TIMEVALUE(t1__c) + 7200000", text("23:56:45.898"), "01:56:45.898", ""},
		{"TIMEVALUE(t1__c) + 93600000", text("23:59:59.999"), "01:59:59.999", ""},
		{"TIMEVALUE(t1__c) + 7200000", text("01:66:29.345"), "error: Invalid time format: \"01:66:29.345\"", ""},
		// testSubtractTimeValueWithValidInValid and testSubtractBigTimeValue
		// rows: but not backward.
		{"TIMEVALUE(t1__c) - 7200000", text("10:34:55.666"), "08:34:55.666", ""},
		{"TIMEVALUE(t1__c) - 7200000", text("01:14:23.345"), "error: " + errNegativeTime, ""},
		{"TIMEVALUE(t1__c) - 180000000", text("23:59:59.999"), "error: " + errNegativeTime, ""},
		// testAddHoursWithTwoCustFields rows.
		{sum, timeNum("10:34:55.666", "10800000"), "13:34:55.666", ""},
		{sum, timeNum("23:56:45.898", "-3600000"), "22:56:45.898", ""},
		{sum, timeNum("01:14:23.345", ""), "01:14:23.345", "null"},
		{sum, timeNum("00:00:00.789", "-6300000"), "error: " + errNegativeTime, ""},
		{sum, timeNum("10:34:55.666", "1080000000"), "22:34:55.666", ""},
		{sum, timeNum("01:34:55.666", "-1441800000"), "error: " + errNegativeTime, ""},
		{sum, timeNum("00:00:00.001", "-2"), "error: " + errNegativeTime, ""},
		{sum, timeNum("11:59:59.999", "2"), "12:00:00.001", ""},
		{sum, timeNum("11:59:59.999", "2.9"), "12:00:00.001", ""},
		{"n1__c + TIMEVALUE(t1__c)", timeNum("11:59:59.999", "2"), "error: Incorrect parameter type for operator '+'. Expected Number, Date, DateTime, received Time", ""},
		// Java's long arithmetic: 2^64 + 5 milliseconds is 5.
		{sum, timeNum("11:59:59.999", "18446744073709551621"), "12:00:00.004", ""},
		// testSubtractTwoTimeFields rows: milliseconds forward from the
		// second time to the first.
		{diff, twoTimes("10:34:55.666", "23:59:59.999"), "48304333", ""},
		{diff, twoTimes("23:59:59.999", "10:34:55.666"), "38095667", ""},
		{diff, twoTimes("00:00:29.345", "00:00:29.245"), "86399900", ""},
		{diff, twoTimes("00:00:29.245", "00:00:29.345"), "100", ""},
		{diff, twoTimes("01:00:00.000", ""), "null", ""},
		{diff, twoTimes("", "01:00:00.000"), "null", ""},
	})
}

func TestAddMonths(t *testing.T) {
	dtNum := func(dt, n string) map[string]string { return dtIn("dt1__c", dt, "n1__c", n) }
	dateNum := func(d, n string) map[string]string { return dtIn("d1__c", d, "n1__c", n) }
	const fdt = "ADDMONTHS(dt1__c, n1__c)"
	const fd = "ADDMONTHS(d1__c, n1__c)"
	cases := []dateCase{
		{fdt, dtNum("2004-12-31 11:32:00", "NULL"), "2004-12-31 11:32:00Z", "null"},
		{fd, dateNum("2004-12-31", "NULL"), "2004-12-31", "null"},
		{fdt, dtNum("", "1"), "null", ""},
		// testAddMonthsDateTime rows.
		{fdt, dtNum("2004-12-31 11:32:00", "3.00"), "2005-03-31 11:32:00Z", ""},
		{fdt, dtNum("2004-02-28 10:34:00", "4.50"), "2004-06-28 10:34:00Z", ""},
		{fdt, dtNum("2004-02-28 23:34:00", "0.40"), "2004-02-28 23:34:00Z", ""},
		{fdt, dtNum("2004-02-29 07:34:00", "1.00"), "2004-03-31 07:34:00Z", ""},
		{fdt, dtNum("2009-02-07 10:00:00", "100.16597"), "2017-06-07 10:00:00Z", ""},
		// Java's intValue keeps the low 32 bits.
		{fdt, dtNum("2009-02-07 10:00:00", "4294967297"), "2009-03-07 10:00:00Z", ""},
		{fd, dateNum("2009-02-07", "1E9"), "error: " + errDateRange, ""},
		{fd, dateNum("9999-12-31", "-1"), "9999-11-30", ""},
		{fd, dateNum("9999-11-30", "1"), "9999-12-31", ""},
		{"ADDMONTHS(DATE(1, 1, 31), -1)", nil, "error: " + errDateRange, ""},
		{"ADDMONTHS(DATE(1, 2, 28), -1)", nil, "0001-01-31", ""},
		// In 1582 Java clamps the day to the month the date spills into.
		{"ADDMONTHS(DATE(1582, 10, 30), -8)", nil, "1582-03-02", ""},
		{"ADDMONTHS(DATE(1582, 11, 11), -1)", nil, "1582-10-21", ""},
		{"ADDMONTHS(DATE(1582, 9, 30), 1)", nil, "1582-10-31", ""},
		{"ADDMONTHS(DATE(1500, 1, 31), 1)", nil, "1500-02-29", ""},
	}
	// testAddMonths and testAddMonthsDate rows: a month's last day stays
	// the last day of a month.
	for _, r := range []struct{ date, n, want string }{
		{"2004-12-31", "-12.00", "2003-12-31"},
		{"2004-12-31", "12.00", "2005-12-31"},
		{"2004-12-31", "-1.00", "2004-11-30"},
		{"2004-12-31", "1.00", "2005-01-31"},
		{"2004-12-31", "2.00", "2005-02-28"},
		{"2004-12-31", "-3.00", "2004-09-30"},
		{"2004-12-31", "0.50", "2004-12-31"},
		{"2004-12-31", "-0.50", "2004-12-31"},
		{"2004-02-29", "-12.00", "2003-02-28"},
		{"2004-02-29", "12.00", "2005-02-28"},
		{"2004-02-29", "-1.00", "2004-01-31"},
		{"2004-02-29", "2.00", "2004-04-30"},
		{"2004-02-29", "-3.00", "2003-11-30"},
		{"2004-03-29", "-1.00", "2004-02-29"},
		{"2004-03-29", "-3.00", "2003-12-29"},
		{"2004-03-30", "-1.00", "2004-02-29"},
		{"2004-03-30", "1.00", "2004-04-30"},
		{"2004-03-30", "3.00", "2004-06-30"},
	} {
		cases = append(cases,
			dateCase{fd, dateNum(r.date, r.n), r.want, ""},
			dateCase{fdt, dtNum(r.date+" 07:34:00", r.n), r.want + " 07:34:00Z", ""},
		)
	}
	runDateCases(t, cases)
}

func TestFromUnixTime(t *testing.T) {
	const f = "FROMUNIXTIME(n1__c)"
	num := func(n string) map[string]string { return dtIn("n1__c", n) }
	runDateCases(t, []dateCase{
		// testFromUnixTime rows.
		{f, num("0"), "1970-01-01 00:00:00Z", ""},
		{f, num("1"), "1970-01-01 00:00:01Z", ""},
		{f, num("-5"), "1969-12-31 23:59:55Z", ""},
		{f, num("-885730575"), "1941-12-07 11:43:45Z", ""},
		{f, num("1638902645"), "2021-12-07 18:44:05Z", ""},
		{f, num(""), "1970-01-01 00:00:00Z", "null"},
		{"UNIXTIMESTAMP(FROMUNIXTIME(n1__c))", num("1.9999"), "1", ""},
		{"TIMEVALUE(FROMUNIXTIME(n1__c))", num("1.2345"), "00:00:01.234", ""},
		{f, num("1E20"), "error: " + errDateRange, ""},
		{f, num("-62135769601"), "error: " + errDateRange, ""},
		{"DATEVALUE(FROMUNIXTIME(n1__c))", num("-62135769600"), "0001-01-01", ""},
	})
}

func TestFormatDuration(t *testing.T) {
	num := func(n string) map[string]string { return dtIn("n1__c", n) }
	numFlag := func(n, b string) map[string]string { return dtIn("n1__c", n, "b1__c", b) }
	const days = "FORMATDURATION(n1__c, b1__c)"
	cases := []dateCase{
		// testFormatDurationSeconds rows.
		{"FORMATDURATION(n1__c)", num(""), "00:00:00", "null"},
		{"FORMATDURATION(n1__c)", num("0.0"), "00:00:00", ""},
		{"FORMATDURATION(n1__c)", num(".99"), "00:00:00", ""},
		{"FORMATDURATION(n1__c)", num("86400"), "24:00:00", ""},
		{"FORMATDURATION(n1__c)", num("1000000"), "277:46:40", ""},
		{"FORMATDURATION(n1__c)", num("-1000000"), "277:46:40", ""},
		{"FORMATDURATION(n1__c)", num("29.59"), "00:00:29", ""},
		// testFormatDurationSecondsBool rows.
		{days, numFlag("", ""), "00:00:00", "null"},
		{days, numFlag("", "TRUE"), "0:00:00:00", "null"},
		{days, numFlag("0.0", "TRUE"), "0:00:00:00", ""},
		{days, numFlag("24", "TRUE"), "0:00:00:24", ""},
		{days, numFlag("86400", "TRUE"), "1:00:00:00", ""},
		{days, numFlag("86400", "FALSE"), "24:00:00", ""},
		{days, numFlag("1000000", "TRUE"), "11:13:46:40", ""},
		{days, numFlag("-1000000", "TRUE"), "11:13:46:40", ""},
		{days, numFlag("29.99", "TRUE"), "0:00:00:29", ""},
		{"FORMATDURATION(n1__c, TRUE)", num(""), "0:00:00:00", "null"},
		{"FORMATDURATION(n1__c, FALSE)", num("1000000"), "277:46:40", ""},
		// testFormatDurationTime rows: the seconds between two times.
		{"FORMATDURATION(TIMEVALUE(t2__c), TIMEVALUE(t1__c))", dtIn("t1__c", "10:34:55.666", "t2__c", "23:59:59.999"), "13:25:04", ""},
		{"FORMATDURATION(TIMEVALUE(t2__c), TIMEVALUE(t1__c))", dtIn("t1__c", "00:00:29.345", "t2__c", "00:00:29.245"), "00:00:00", ""},
		{"FORMATDURATION(TIMEVALUE(t2__c), TIMEVALUE(t1__c))", dtIn("t1__c", "01:00:00.000", "t2__c", "00:00:29.590"), "00:59:30", ""},
		{"FORMATDURATION(TIMEVALUE(t2__c), TIMEVALUE(t1__c))", dtIn("t1__c", "01:00:00.000"), "null", ""},
		// testFormatDurationDateTime rows: always with days.
		{"FORMATDURATION(dt2__c, dt1__c)", dtIn("dt1__c", "2004-12-31 11:32:00", "dt2__c", "2004-12-31 11:30:00"), "0:00:02:00", ""},
		{"FORMATDURATION(dt2__c, dt1__c)", dtIn("dt1__c", "2004-02-28 10:34:00", "dt2__c", "2008-02-28 10:34:00"), "1461:00:00:00", ""},
		{"FORMATDURATION(dt2__c, dt1__c)", dtIn("dt1__c", "2004-02-28 10:34:00", "dt2__c", "2004-03-01 00:00:00"), "1:13:26:00", ""},
		{"FORMATDURATION(dt2__c, dt1__c)", dtIn("dt1__c", "3999-02-28 10:34:00", "dt2__c", "1780-02-28 10:34:00"), "810473:00:00:00", ""},
		{"FORMATDURATION(dt2__c, dt1__c)", dtIn("dt1__c", "2004-02-28 10:34:00"), "null", ""},
		// A NULL in the two-argument form is accepted.
		{"FORMATDURATION(90, NULL)", nil, "00:01:30", ""},
		{"FORMATDURATION(NULL, TRUE)", nil, "null", ""},
		{`FORMATDURATION("a", NULL)`, nil, "null", ""},
		{`FORMATDURATION(DATEVALUE("x"), NULL)`, nil, "error: Invalid year for DATEVALUE function", ""},
		// Java's longValue wraps, and Math.abs of the most negative long
		// is negative.
		{"FORMATDURATION(18446744073709551621)", nil, "00:00:05", ""},
		{"FORMATDURATION(-9223372036854775808)", nil, "-2562047788015215:-30:-8", ""},
		// Check errors.
		{"FORMATDURATION()", nil, "error: Incorrect number of parameters for function 'FORMATDURATION()'. Expected 1, received 0", ""},
		{"FORMATDURATION(1, TRUE, 1)", nil, "error: Incorrect number of parameters for function 'FORMATDURATION()'. Expected 2, received 3", ""},
		{"FORMATDURATION(NULL)", nil, "error: Incorrect parameter type for function 'FORMATDURATION()'. Expected Number, received Null", ""},
		{"FORMATDURATION(1, 1)", nil, "error: Incorrect parameter type for function 'FORMATDURATION()'. Expected Boolean, received Number", ""},
		{"FORMATDURATION(NOW(), TIMENOW())", nil, "error: Incorrect parameter type for function 'FORMATDURATION()'. Expected DateTime, received Time", ""},
		{`formatduration("a", "b")`, nil, "error: Incorrect parameter type for function 'formatduration()'. Expected Number, Time, DateTime, received Text", ""},
	}
	runDateCases(t, cases)
}

func TestDateCheckErrors(t *testing.T) {
	argType := func(name string) string { return "error: Incorrect argument type for function '" + name + "()'." }
	runDateCases(t, []dateCase{
		{"DAY(NOW())", nil, "error: Incorrect parameter type for function 'DAY()'. Expected Date, received DateTime", ""},
		{"HOUR(NOW())", nil, "error: Incorrect parameter type for function 'HOUR()'. Expected Time, received DateTime", ""},
		{"DATE(1, 2)", nil, "error: Incorrect number of parameters for function 'DATE()'. Expected 3, received 2", ""},
		{`DATE("2000", 1, 1)`, nil, "error: Incorrect parameter type for function 'DATE()'. Expected Number, received Text", ""},
		{"TODAY(1)", nil, "error: Incorrect number of parameters for function 'TODAY()'. Expected 0, received 1", ""},
		{"DAY(NULL)", nil, "null", ""},
		{"DATE(NULL, 1, 1)", nil, "null", ""},
		{"DATEVALUE(DATE(2000, 1, 1))", nil, argType("DATEVALUE"), ""},
		{"DATEVALUE(NULL)", nil, argType("DATEVALUE"), ""},
		{"DATEVALUE()", nil, "error: Incorrect number of parameters for function 'DATEVALUE()'. Expected 1, received 0", ""},
		{"DATETIMEVALUE(1)", nil, argType("DATETIMEVALUE"), ""},
		{"TIMEVALUE(TODAY())", nil, argType("TIMEVALUE"), ""},
		{"ISOWEEK(TIMENOW())", nil, argType("ISOWEEK"), ""},
		{"ISOYEAR(NULL)", nil, argType("ISOYEAR"), ""},
		{"UNIXTIMESTAMP(1)", nil, argType("UNIXTIMESTAMP"), ""},
		{`ADDMONTHS(TODAY(), "1")`, nil, argType("ADDMONTHS"), ""},
		{"ADDMONTHS(1, 1)", nil, argType("ADDMONTHS"), ""},
		{"addmonths(TODAY())", nil, "error: Incorrect number of parameters for function 'addmonths()'. Expected 2, received 1", ""},
		{"FROMUNIXTIME(NOW())", nil, "error: Incorrect parameter type for function 'FROMUNIXTIME()'. Expected Number, received DateTime", ""},
		{"TODAY() + TODAY()", nil, "error: Incorrect parameter type for operator '+'. Expected Number, received Date", ""},
		{"NOW() - TODAY()", nil, "error: Incorrect parameter type for operator '-'. Expected Number, DateTime, received Date", ""},
	})
}

// A JWT's exp claim, the way credentials compute it.
const expClaim = `Text(FLOOR((NOW() - DATETIMEVALUE("1970-01-01 00:00:00")) * 86400 + 120))`

func TestClock(t *testing.T) {
	runDateCases(t, []dateCase{
		{expClaim, nil, "1767225720", ""},
		{"NOW()", nil, "2026-01-01 00:00:00Z", ""},
		{"TODAY()", nil, "2026-01-01", ""},
		{"TIMENOW()", nil, "00:00:00.000", ""},
		{"UNIXTIMESTAMP(NOW()) - UNIXTIMESTAMP(TODAY())", nil, "0", ""},
		{"YEAR(TODAY())", nil, "2026", ""},
	})

	// The clock is read once per evaluation, never at compile time.
	schema := dateTestSchema(t)
	now := time.Date(2026, 3, 4, 23, 30, 15, 250e6, time.UTC)
	calls := 0
	prog, err := Compile("TEXT(NOW()) & ' ' & TEXT(TODAY()) & ' ' & TEXT(TIMENOW()) & ' ' & TEXT(NOW() - NOW())", schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Errorf("compiling read the clock %d times", calls)
	}
	for _, want := range []string{
		"2026-03-04 23:30:15Z 2026-03-04 23:30:15.250 0",
		"2026-03-05 00:30:15Z 2026-03-05 00:30:15.250 0",
	} {
		got, err := prog.EvalText(schema.NewValues(), Env{Now: func() time.Time { calls++; return now }})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		now = now.Add(time.Hour)
	}
	if calls != 2 {
		t.Errorf("two evaluations read the clock %d times, want 2", calls)
	}

	// TODAY is the day in the user's time zone; NOW and TIMENOW are GMT.
	tokyo := time.FixedZone("JST", 9*3600)
	got := evalDateIn(t, "TEXT(TODAY()) & ' ' & TEXT(TIMENOW())", nil, Options{}, Env{
		Location: tokyo,
		Now:      func() time.Time { return time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC) },
	})
	if diff := cmp.Diff("2026-03-05 20:00:00.000", got); diff != "" {
		t.Errorf("TODAY in JST (-want +got):\n%s", diff)
	}
}

func TestDateFunctionExamples(t *testing.T) {
	for _, f := range dateFuncs() {
		got := evalDate(t, f.Example, nil, Options{})
		want := strings.Trim(f.Want, `"`)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", f.Name, f.Example, diff)
		}
	}
}
