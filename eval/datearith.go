package eval

import (
	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

var (
	decMsPerDay = apd.New(msPerDay, 0)
)

// shift adds or subtracts a Number to a Date (whole days), a DateTime
// (days, fractions allowed, to the millisecond) or a Time (milliseconds).
func (c *compiler) shift(x *formula.Binary, t Type, at, num *node, add bool) *node {
	slot := c.decSlot()
	fa, fn := at.i64, num.num
	unit := int64(1)
	switch t {
	case Date:
		unit = 0 // whole days
	case DateTime:
		unit = msPerDay
	}
	return &node{typ: t, src: x, i64: func(fr *frame) (int64, bool) {
		base, ok := fa(fr)
		if !ok {
			return 0, false
		}
		d := &fr.dec[slot]
		if !fn(fr, d) {
			return 0, false
		}
		var delta int64
		var err error
		switch unit {
		case 0:
			delta, err = roundToInt(d, apd.RoundDown)
		case 1:
			delta, err = roundToInt(d, apd.RoundHalfUp)
		default:
			if _, e := exactCtx.Mul(d, d, decMsPerDay); e != nil {
				err = e
			} else {
				delta, err = roundToInt(d, apd.RoundHalfUp)
			}
		}
		if err != nil {
			fr.fail(x, string(errOutOfRange))
			return 0, false
		}
		if !add {
			delta = -delta
		}
		r := base + delta
		switch t {
		case Time:
			r = floorMod(r, msPerDay)
		case Date:
			if y, m, dd := civilFromDays(r); !validDate(y, m, dd) {
				fr.fail(x, "Date out of range")
				return 0, false
			}
		}
		return r, true
	}}
}

// difference subtracts two Dates (days), DateTimes (days, with fractions)
// or Times (milliseconds).
func (c *compiler) difference(x *formula.Binary, t Type, a, b *node) *node {
	fa, fb := a.i64, b.i64
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		p, ok := fa(fr)
		if !ok {
			return false
		}
		q, ok := fb(fr)
		if !ok {
			return false
		}
		dst.SetInt64(p - q)
		if t == DateTime {
			if _, err := quoCtx.Quo(dst, dst, decMsPerDay); err != nil {
				fr.fail(x, string(errOutOfRange))
				return false
			}
		}
		return true
	}}
}

// roundToInt rounds d to an integer with the given rounding and returns it
// as an int64.
func roundToInt(d *apd.Decimal, mode apd.Rounder) (int64, error) {
	var r apd.Decimal
	ctx := quoCtx
	ctx.Precision = 100
	ctx.Rounding = mode
	if _, err := ctx.Quantize(&r, d, 0); err != nil {
		return 0, err
	}
	return r.Int64()
}
