package eval

import (
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// The implementations of the date and time functions.

// i64Map compiles a function of one Date, DateTime or Time argument whose
// result, of type t, is f of the argument; null gives null.
func i64Map(t Type, f func(int64) int64) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		fa := args[0].i64
		if t == Number {
			return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
				v, ok := fa(fr)
				if ok {
					dst.SetInt64(f(v))
				}
				return ok
			}}
		}
		return &node{typ: t, src: x, i64: func(fr *frame) (int64, bool) {
			v, ok := fa(fr)
			if !ok {
				return 0, false
			}
			return f(v), true
		}}
	}
}

// passThrough compiles a conversion of a value to its own type.
func passThrough(c *compiler, x *formula.Call, args []*node) *node {
	return &node{typ: args[0].typ, src: x, i64: args[0].i64}
}

// dateImpl compiles DATE(year, month, day). Every argument is evaluated;
// a null one gives null.
func dateImpl(c *compiler, x *formula.Call, args []*node) *node {
	slot := c.decSlot()
	fy, fm, fd := args[0].num, args[1].num, args[2].num
	return &node{typ: Date, src: x, i64: func(fr *frame) (int64, bool) {
		d := &fr.dec[slot]
		okY := fy(fr, d)
		y := intValueOf(d)
		okM := fm(fr, d)
		m := intValueOf(d)
		okD := fd(fr, d)
		day := intValueOf(d)
		switch {
		case !okY || !okM || !okD:
			return 0, false
		case y < 1 || y > 9999:
			fr.fail(x, "Year out of range in DATE() function")
			return 0, false
		case !validDate(int(y), int(m), int(day)):
			fr.fail(x, "Month or Day out of range in DATE() function")
			return 0, false
		}
		return civilDays(int(y), int(m), int(day)), true
	}}
}

// textParse compiles a conversion of text with parse, which returns the
// value or the message of the runtime error. The message quotes the text,
// masked when it is secret.
func textParse(t Type, parse func(string) (int64, string)) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		fs, secret := args[0].str, args[0].secret
		return &node{typ: t, src: x, i64: func(fr *frame) (int64, bool) {
			s, ok := fs(fr)
			if !ok {
				return 0, false
			}
			v, msg := parse(s)
			if msg != "" {
				if msg != errDateYear {
					msg += ": " + quoteInput(fr.quote(s, secret))
				}
				fr.fail(x, msg)
				return 0, false
			}
			return v, true
		}}
	}
}

// errDateYear is the message of DATEVALUE and DATETIMEVALUE for text that
// does not begin with a four-digit year and a hyphen.
const errDateYear = "Invalid year for DATEVALUE function"

// quoteInput puts in double quotes a text that has been through
// redact.Value.
func quoteInput(shown string) string { return `"` + shown + `"` }

var (
	dateValueText     = textParse(Date, parseDateValue)
	dateTimeValueText = textParse(DateTime, parseDateTimeValue)
	timeValueText     = textParse(Time, func(s string) (int64, string) {
		if ms, ok := parseTimeValue(s); ok {
			return ms, ""
		}
		return 0, "Invalid time format"
	})
)

// dateValueDateTime compiles DATEVALUE of a date-time: its day in the
// evaluation's time zone, which constant folding cannot know.
func dateValueDateTime(c *compiler, x *formula.Call, args []*node) *node {
	fa := args[0].i64
	return &node{typ: Date, src: x, zoned: true, i64: func(fr *frame) (int64, bool) {
		ms, ok := fa(fr)
		if !ok {
			return 0, false
		}
		return floorDiv(ms+zoneOffset(ms, fr.env.location()), msPerDay), true
	}}
}

// zoneOffset returns the offset of loc from GMT at the instant ms, in
// milliseconds.
func zoneOffset(ms int64, loc *time.Location) int64 {
	if loc == time.UTC {
		return 0
	}
	_, off := time.UnixMilli(ms).In(loc).Zone()
	return int64(off) * msPerSecond
}

// addMonthsImpl compiles ADDMONTHS of a Date or a DateTime, whose time of
// day is kept.
func addMonthsImpl(t Type) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		slot := c.decSlot()
		fa, fn := args[0].i64, args[1].num
		return &node{typ: t, src: x, i64: func(fr *frame) (int64, bool) {
			v, okV := fa(fr)
			d := &fr.dec[slot]
			if !fn(fr, d) || !okV {
				return 0, false
			}
			days, tod := v, int64(0)
			if t == DateTime {
				days, tod = floorDiv(v, msPerDay), floorMod(v, msPerDay)
			}
			r, ok := addMonths(days, int64(intValueOf(d)))
			if !ok {
				fr.fail(x, errDateRange)
				return 0, false
			}
			if t == DateTime {
				return r*msPerDay + tod, true
			}
			return r, true
		}}
	}
}

// addMonths adds n months to a day as Java's calendar does, clamping the
// day to the new month's length; the last day of a month stays the last
// day of a month.
func addMonths(days, n int64) (int64, bool) {
	if n == 0 {
		return days, inDateRange(days)
	}
	y, m, d := civilDate(days)
	last := d == daysIn(y, m)
	if last {
		y, m, d = civilDate(days + 1)
	}
	total := int64(y)*12 + int64(m-1) + n
	ny, nm := floorDiv(total, 12), int(floorMod(total, 12))+1
	if ny < -1 || ny > 10000 { // far out of range; the ends may come back
		return 0, false
	}
	// Java clamps the day to the length of the month; in 1582 it takes the
	// length of the month that the unclamped date falls in.
	monthLen := daysIn(int(ny), nm)
	if ny == 1582 {
		y2, m2, _ := civilDate(civilDays(1582, nm, d))
		monthLen = daysIn(y2, m2)
	}
	r := civilDays(int(ny), nm, min(d, monthLen))
	if last {
		r--
	}
	return r, inDateRange(r)
}

// todayImpl compiles TODAY: the day of this evaluation's instant in the
// user's time zone.
func todayImpl(c *compiler, x *formula.Call, _ []*node) *node {
	return &node{typ: Date, src: x, i64: func(fr *frame) (int64, bool) {
		ms := fr.instant().UnixMilli()
		return floorDiv(ms+zoneOffset(ms, fr.env.location()), msPerDay), true
	}}
}

// nowImpl compiles NOW: this evaluation's instant.
func nowImpl(c *compiler, x *formula.Call, _ []*node) *node {
	return &node{typ: DateTime, src: x, i64: func(fr *frame) (int64, bool) {
		return fr.instant().UnixMilli(), true
	}}
}

// timeNowImpl compiles TIMENOW: the time of day of this evaluation's
// instant in GMT.
func timeNowImpl(c *compiler, x *formula.Call, _ []*node) *node {
	return &node{typ: Time, src: x, i64: func(fr *frame) (int64, bool) {
		return floorMod(fr.instant().UnixMilli(), msPerDay), true
	}}
}

// fromUnixTimeImpl compiles FROMUNIXTIME: seconds since the epoch,
// truncated to the millisecond.
func fromUnixTimeImpl(c *compiler, x *formula.Call, args []*node) *node {
	slot := c.decSlot()
	fn := args[0].num
	return &node{typ: DateTime, src: x, i64: func(fr *frame) (int64, bool) {
		d := &fr.dec[slot]
		if !fn(fr, d) {
			return 0, false
		}
		ms, ok := int64(0), d.IsZero()
		if !ok && d.Form == apd.Finite && d.Exponent < maxShiftDigits {
			d.Exponent += 3 // seconds to milliseconds
			ms, ok = roundedInt(d, apd.RoundDown)
		}
		if !ok || !inDateTimeRange(ms) {
			fr.fail(x, errDateRange)
			return 0, false
		}
		return ms, true
	}}
}
