package corpus

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseInputTime reads the value of a DateOnly or DateTime input field.
// The corpus writes such values as colon-separated numbers,
// year:month:day:hour:minute:second, optionally followed by a time zone
// name, e.g. "2004:12:31:11:32:00" or "2004:02:28:23:34:00:PST". As in the
// harness, missing parts default to 2004, January, 1 and midnight, empty
// parts are skipped, out-of-range parts roll over into the next unit, and
// a date-only value drops the time of day. Without a zone the value is in
// UTC, the zone the harness ran in.
//
// The result is in the named zone. Blank values mean null and are not
// accepted here.
func ParseInputTime(raw string, dateOnly bool) (time.Time, error) {
	var toks []string
	for _, t := range strings.Split(Trim(raw), ":") {
		if t != "" {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return time.Time{}, errors.New("corpus: blank date input")
	}
	n := [6]int{2004, 1, 1, 0, 0, 0}
	for i := 0; i < len(n) && i < len(toks); i++ {
		v, err := strconv.Atoi(toks[i])
		if err != nil {
			return time.Time{}, fmt.Errorf("corpus: date input %q: %w", raw, err)
		}
		n[i] = v
	}
	loc := time.UTC
	if len(toks) > 6 {
		var err error
		if loc, err = loadZone(toks[6]); err != nil {
			return time.Time{}, fmt.Errorf("corpus: date input %q: %w", raw, err)
		}
	}
	if dateOnly {
		n[3], n[4], n[5] = 0, 0, 0
	}
	return time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], 0, loc), nil
}

// loadZone resolves a zone name the way Java's TimeZone.getTimeZone does
// for the names the corpus uses, including Java's three-letter aliases.
func loadZone(name string) (*time.Location, error) {
	switch name {
	case "GMT", "UTC":
		return time.UTC, nil
	case "PST":
		name = "America/Los_Angeles"
	}
	return time.LoadLocation(name)
}

// BaseType returns the harness type that a field dataType stands for:
// "email", "phone", "textarea" and "url" are Text, and "number",
// "currency" and "percent" are Double, Currency and Percent. Other names
// are returned unchanged.
func BaseType(dataType string) string {
	switch dataType {
	case "email", "phone", "textarea", "url":
		return "Text"
	case "number":
		return "Double"
	case "currency":
		return "Currency"
	case "percent":
		return "Percent"
	}
	return dataType
}

// IsBlank reports whether the harness reads input value v of a field of
// type dataType as blank (null): an empty value always, and for number
// fields also a value that trims to nothing or reads "NULL" in any case.
func IsBlank(dataType, v string) bool {
	if v == "" {
		return true
	}
	switch BaseType(dataType) {
	case "Double", "Currency", "Percent", "Integer":
		t := Trim(v)
		return t == "" || strings.EqualFold(t, "NULL")
	}
	return false
}
