package eval

import (
	"fmt"

	"github.com/credscope/credscope/formula"
)

// checkFormatDuration types and compiles FORMATDURATION, whose forms are
// (seconds), (seconds, include_days), (start Time, end Time) and
// (start DateTime, end DateTime). As in Salesforce, a NULL in the
// two-argument form is accepted whatever the other argument is.
func checkFormatDuration(c *compiler, x *formula.Call, args []*node) *node {
	name := fnName(x.Name)
	switch {
	case len(args) < 1:
		c.arityError(x, "1", len(args))
		return nil
	case len(args) > 2:
		c.arityError(x, "2", len(args))
		return nil
	case len(args) == 1:
		if args[0].typ != Number {
			c.typeError(args[0], name, Number)
			return nil
		}
		return durationNode(c, x, args[0], nil)
	}
	a, b := args[0], args[1]
	if a.typ == Null || b.typ == Null {
		if a.typ != Number {
			// Only a number of seconds has a value; the argument is still
			// evaluated, for its errors.
			return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
				a.value(fr)
				return "", false
			}}
		}
		return durationNode(c, x, a, nil)
	}
	switch a.typ {
	case DateTime, Time:
		if b.typ != a.typ {
			c.typeError(b, name, a.typ)
			return nil
		}
		return spanNode(x, a, b)
	case Number:
		if b.typ != Boolean {
			c.typeError(b, name, Boolean)
			return nil
		}
		return durationNode(c, x, a, b)
	}
	c.typeError(a, name, Number, Time, DateTime)
	return nil
}

// durationNode formats a Number of seconds, truncated, with days when
// includeDays (which may be nil) is TRUE.
func durationNode(c *compiler, x *formula.Call, secs, includeDays *node) *node {
	slot := c.decSlot()
	fs := secs.num
	var fd boolFn
	if includeDays != nil {
		fd = includeDays.bl
	}
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		d := &fr.dec[slot]
		ok := fs(fr, d)
		days := false
		if fd != nil {
			b, valid := fd(fr)
			days = b && valid
		}
		if !ok {
			return "", false
		}
		return formatDuration(longValueOf(d), days), true
	}}
}

// spanNode formats the time from start to end, two Times or two
// DateTimes; date-times always show days.
func spanNode(x *formula.Call, start, end *node) *node {
	fa, fb := start.i64, end.i64
	days := start.typ == DateTime
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		a, okA := fa(fr)
		b, okB := fb(fr)
		if !okA || !okB {
			return "", false
		}
		return formatDuration((b-a)/msPerSecond, days), true
	}}
}

// formatDuration renders a number of seconds, made positive, as H:MM:SS
// with at least two digits of hours, or as D:HH:MM:SS.
func formatDuration(secs int64, days bool) string {
	if secs < 0 {
		secs = -secs // as Java's Math.abs, the most negative long stays negative
	}
	if days {
		return fmt.Sprintf("%d:%02d:%02d:%02d", secs/86400, secs/3600%24, secs/60%60, secs%60)
	}
	return fmt.Sprintf("%02d:%02d:%02d", secs/3600, secs/60%60, secs%60)
}
