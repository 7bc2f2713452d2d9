package eval

import (
	"testing"
	"time"
)

func TestCalendarMatchesTimePackage(t *testing.T) {
	for _, day := range []time.Time{
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1582, 10, 15, 0, 0, 0, 0, time.UTC),
		time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		want := day.Unix() / 86400
		got := daysFromCivil(day.Year(), int(day.Month()), day.Day())
		if got != want {
			t.Errorf("daysFromCivil(%s) = %d, want %d", day.Format(time.DateOnly), got, want)
		}
		y, m, d := civilFromDays(want)
		if y != day.Year() || m != int(day.Month()) || d != day.Day() {
			t.Errorf("civilFromDays(%d) = %d-%d-%d, want %s", want, y, m, d, day.Format(time.DateOnly))
		}
	}
}

// TestCivilDate checks the Julian-Gregorian calendar against day numbers
// from Java's GregorianCalendar.
func TestCivilDate(t *testing.T) {
	for _, tc := range []struct {
		y, m, d int
		days    int64
	}{
		{1, 1, 1, minDay},
		{1000, 3, 2, -354219},
		{1500, 2, 29, -171596},
		{1582, 10, 4, gregorianStart - 1},
		{1582, 10, 15, gregorianStart},
		{1970, 1, 1, 0},
		{9999, 12, 31, maxDay},
	} {
		if got := civilDays(tc.y, tc.m, tc.d); got != tc.days {
			t.Errorf("civilDays(%d-%d-%d) = %d, want %d", tc.y, tc.m, tc.d, got, tc.days)
		}
		y, m, d := civilDate(tc.days)
		if y != tc.y || m != tc.m || d != tc.d {
			t.Errorf("civilDate(%d) = %d-%d-%d, want %d-%d-%d", tc.days, y, m, d, tc.y, tc.m, tc.d)
		}
	}
	for days := int64(minDay); days <= maxDay; days += 17 {
		y, m, d := civilDate(days)
		if !validDate(y, m, d) || civilDays(y, m, d) != days {
			t.Fatalf("day %d: civilDate gives %d-%d-%d, valid %v, back to %d", days, y, m, d, validDate(y, m, d), civilDays(y, m, d))
		}
	}
	// The days the switch to the Gregorian calendar skipped.
	for d := 5; d <= 14; d++ {
		if validDate(1582, 10, d) {
			t.Errorf("1582-10-%02d is valid", d)
		}
	}
}
