package eval

import (
	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// Runtime errors of date and time arithmetic.
const (
	errDateRange    = "Date out of range: years run from 1 to 9999"
	errNegativeTime = "Time out of range: the result is before midnight"
)

var (
	decMsPerDay      = apd.New(msPerDay, 0)
	decSecondsPerDay = apd.New(msPerDay/msPerSecond, 0)
)

// shift adds a Number to, or subtracts it from, a Date, a DateTime or a
// Time, as Salesforce does:
//
//   - Date ± n: n truncated toward zero to whole days;
//   - DateTime ± n: n days, rounded half-up to the second;
//   - Time ± n: n milliseconds, truncated; the result wraps forward past
//     midnight, but one before midnight is an error.
//
// Dates and date-times must stay within years 1 to 9999.
func (c *compiler) shift(x *formula.Binary, t Type, at, num *node, add bool) *node {
	slot := c.decSlot()
	fa, fn := at.i64, num.num
	var step func(fr *frame, base int64, n *apd.Decimal) (int64, bool)
	switch t {
	case Date:
		step = func(fr *frame, base int64, n *apd.Decimal) (int64, bool) {
			days, ok := roundedInt(n, apd.RoundDown)
			if !add {
				days = -days
			}
			if r := base + days; ok && inDateRange(r) {
				return r, true
			}
			fr.fail(x, errDateRange)
			return 0, false
		}
	case DateTime:
		step = func(fr *frame, base int64, n *apd.Decimal) (int64, bool) {
			var secs int64
			_, err := exactCtx.Mul(n, n, decSecondsPerDay)
			ok := err == nil
			if ok {
				secs, ok = roundedInt(n, apd.RoundHalfUp)
			}
			if !add {
				secs = -secs
			}
			if r := base + secs*msPerSecond; ok && inDateTimeRange(r) {
				return r, true
			}
			fr.fail(x, errDateRange)
			return 0, false
		}
	default: // Time
		step = func(fr *frame, base int64, n *apd.Decimal) (int64, bool) {
			// Java's long arithmetic: the count wraps to 64 bits, and so
			// does the sum.
			ms := longValueOf(n)
			if !add {
				ms = -ms
			}
			r := (base + ms) % msPerDay
			if r < 0 {
				fr.fail(x, errNegativeTime)
				return 0, false
			}
			return r, true
		}
	}
	touchN := num.mayFail()
	return &node{typ: t, src: x, i64: func(fr *frame) (int64, bool) {
		base, ok := fa(fr)
		if !ok {
			if touchN { // for its errors: the engine evaluates both operands
				fn(fr, &fr.dec[slot])
			}
			return 0, false
		}
		d := &fr.dec[slot]
		if !fn(fr, d) {
			return 0, false
		}
		return step(fr, base, d)
	}}
}

// difference subtracts two Dates or two DateTimes, giving days (with a
// fraction for DateTimes), or two Times, giving milliseconds from the
// second to the first going forward, between 0 and a day.
func (c *compiler) difference(x *formula.Binary, t Type, a, b *node) *node {
	fa, fb := a.i64, b.i64
	touchB := b.mayFail()
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		p, ok := fa(fr)
		if !ok {
			if touchB { // for its errors: the engine evaluates both operands
				fb(fr)
			}
			return false
		}
		q, ok := fb(fr)
		if !ok {
			return false
		}
		switch t {
		case Date:
			dst.SetInt64(p - q)
		case DateTime:
			dst.SetInt64(p - q)
			if err := numDiv(dst, dst, decMsPerDay); err != nil {
				fr.fail(x, numError(err))
				return false
			}
		default: // Time
			dst.SetInt64((p - q + msPerDay) % msPerDay)
		}
		return true
	}}
}
