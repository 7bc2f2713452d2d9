package eval

import "fmt"

// Calendar arithmetic on day numbers, independent of time.Time so that it is
// cheap and has no range surprises.
//
// A Date is a day number (days since 1970-01-01) and a DateTime a count of
// milliseconds since 1970-01-01T00:00:00Z: true instants. Salesforce's
// engine names those instants with Java's GregorianCalendar, a hybrid that
// is Julian before 1582-10-15 and Gregorian from then on, so the civil
// dates of formulas (DATE, DAY, MONTH, YEAR, DATEVALUE, printing) go
// through civilDays and civilDate. daysFromCivil and civilFromDays are the
// proleptic Gregorian calendar of the time package and of ISO weeks.

const (
	msPerSecond = 1000
	msPerMinute = 60 * msPerSecond
	msPerHour   = 60 * msPerMinute
	msPerDay    = 24 * msPerHour
)

// gregorianStart is the day number of 1582-10-15, the first Gregorian day;
// the day before it is 1582-10-04 in the Julian calendar.
const gregorianStart = -141427

// The range of Salesforce's dates: 0001-01-01 (Julian) to 9999-12-31.
const (
	minDay = -719164
	maxDay = 2932896
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar.
func daysFromCivil(y, m, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = int(yoe + era*400)
	if m <= 2 {
		y++
	}
	return y, m, d
}

// julianDays returns the day number of y-m-d in the Julian calendar.
func julianDays(y, m, d int) int64 {
	a := int64((14 - m) / 12)
	yy := int64(y) + 4800 - a
	mm := int64(m) + 12*a - 3
	jdn := int64(d) + (153*mm+2)/5 + 365*yy + floorDiv(yy, 4) - 32083
	return jdn - 2440588
}

// julianDate is the inverse of julianDays.
func julianDate(z int64) (y, m, d int) {
	c := z + 2440588 + 32082
	dd := floorDiv(4*c+3, 1461)
	e := c - floorDiv(1461*dd, 4)
	mm := (5*e + 2) / 153
	d = int(e - (153*mm+2)/5 + 1)
	m = int(mm + 3 - 12*(mm/10))
	y = int(dd - 4800 + mm/10)
	return y, m, d
}

// civilDate names a day as Java's GregorianCalendar does: Julian before
// 1582-10-15, Gregorian from then on.
func civilDate(days int64) (y, m, d int) {
	if days < gregorianStart {
		return julianDate(days)
	}
	return civilFromDays(days)
}

// civilDays is the inverse of civilDate. A day of the ten that the switch
// to the Gregorian calendar skipped (1582-10-05 to 1582-10-14) is read as
// Java's lenient calendar reads it, in the Julian calendar.
func civilDays(y, m, d int) int64 {
	if g := daysFromCivil(y, m, d); g >= gregorianStart {
		return g
	}
	return julianDays(y, m, d)
}

// isLeap reports whether y is a leap year: Julian rules before 1582,
// Gregorian from then on.
func isLeap(y int) bool {
	if y < 1582 {
		return floorMod(int64(y), 4) == 0
	}
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// daysIn returns the length of month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validDate reports whether y-m-d is a real calendar day in Salesforce's
// range of years 1 to 9999: it exists in the calendar of its time, which
// leaves out 1582-10-05 to 1582-10-14.
func validDate(y, m, d int) bool {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return false
	}
	return !(y == 1582 && m == 10 && d > 4 && d < 15)
}

// inDateRange reports whether a day number lies in years 1 to 9999.
func inDateRange(days int64) bool { return days >= minDay && days <= maxDay }

// inDateTimeRange reports whether an instant lies in years 1 to 9999.
func inDateTimeRange(ms int64) bool {
	return ms >= minDay*msPerDay && ms < (maxDay+1)*msPerDay
}

// dayOfYear returns the day's position in its year, from 1. In 1582 the
// count runs from the Julian 1 January, so 15 October is day 278.
func dayOfYear(days int64) int64 {
	y, _, _ := civilDate(days)
	return days - civilDays(y, 1, 1) + 1
}

// weekday returns the day of the week, 1 for Sunday to 7 for Saturday.
func weekday(days int64) int64 { return floorMod(days+4, 7) + 1 }

// isoWeek returns the ISO-8601 week-based year and week of a day, in the
// proleptic Gregorian calendar as java.time counts them.
func isoWeek(days int64) (year, week int64) {
	monday := floorMod(days+3, 7) // 0 on Monday; 1970-01-01 was a Thursday
	thursday := days - monday + 3
	y, _, _ := civilFromDays(thursday)
	return int64(y), (thursday-daysFromCivil(y, 1, 1))/7 + 1
}

// formatDate renders as TEXT() does: 2005-11-15.
func formatDate(days int64) string {
	y, m, d := civilDate(days)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// formatDateTime renders as TEXT() does: 2005-11-15 17:00:00Z.
func formatDateTime(ms int64) string {
	days := floorDiv(ms, msPerDay)
	return formatDate(days) + " " + formatTime(floorMod(ms, msPerDay))[:8] + "Z"
}

// formatTime renders as TEXT() does: 17:00:00.000.
func formatTime(ms int64) string {
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/msPerHour, ms/msPerMinute%60, ms/msPerSecond%60, ms%1000)
}
