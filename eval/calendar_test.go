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
