package eval

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// The functions that cut, search and pad text. Counts and positions are
// Numbers truncated toward zero and count UTF-16 code units; blank text
// reads as null, and most results are null rather than "".

func lenImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		s, _ := f(fr)
		dst.SetInt64(int64(u16Len(s)))
		return true
	}}
}

// leftRightImpl compiles LEFT, or RIGHT when right is set.
func leftRightImpl(right bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		fs, fn, slot := args[0].str, args[1].num, c.decSlot()
		return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
			s, ok := fs(fr)
			d := &fr.dec[slot]
			if !fn(fr, d) || d.Sign() <= 0 || !ok || s == "" {
				return "", false
			}
			n, _ := decTrunc(d)
			size := u16Len(s)
			switch {
			case n > size:
				return s, true
			case right:
				return u16Slice(s, size-n, size), true
			}
			return u16Slice(s, 0, n), true
		}}
	}
}

// midImpl compiles MID(text, start, count).
func midImpl(c *compiler, x *formula.Call, args []*node) *node {
	fs, fstart, fcount := args[0].str, args[1].num, args[2].num
	a, b := c.decSlot(), c.decSlot()
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, ok := fs(fr)
		ds, dc := &fr.dec[a], &fr.dec[b]
		okStart, okCount := fstart(fr, ds), fcount(fr, dc) // both, for their errors
		if !okStart || !okCount {
			return "", false
		}
		start, sfrac := decTrunc(ds)
		count, _ := decTrunc(dc)
		if dc.Sign() < 0 {
			count = 0
		}
		if cmpDecInt(start, sfrac, 1) < 0 {
			start, sfrac = 1, 0
		}
		if !ok || s == "" || dc.IsZero() || dc.Sign() < 0 {
			return "", false
		}
		size := u16Len(s)
		if cmpDecInt(start, sfrac, size) > 0 {
			return "", false
		}
		return u16Slice(s, start-1, min(start-1+count, size)), true
	}}
}

// substrImpl compiles SUBSTR(text, start[, count]), where a negative start
// counts from the end.
func substrImpl(c *compiler, x *formula.Call, args []*node) *node {
	fs, fstart := args[0].str, args[1].num
	var fcount numFn
	if len(args) == 3 {
		fcount = args[2].num
	}
	a, b := c.decSlot(), c.decSlot()
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, ok := fs(fr)
		ds, dc := &fr.dec[a], &fr.dec[b]
		okStart := fstart(fr, ds)
		if fcount != nil && !fcount(fr, dc) || !okStart { // both, for their errors
			return "", false
		}
		start, sfrac := decTrunc(ds)
		count := 0
		if fcount != nil {
			if count, _ = decTrunc(dc); dc.Sign() < 0 {
				count = 0
			}
		}
		if !ok || s == "" || fcount != nil && (dc.IsZero() || dc.Sign() < 0) {
			return "", false
		}
		size := u16Len(s)
		if cmpDecInt(start, sfrac, size) > 0 || cmpDecInt(start, sfrac, -size) < 0 {
			return "", false
		}
		from, to := start-1, size
		if ds.Sign() < 0 {
			from = size + start
		} else if cmpDecInt(start, sfrac, 1) < 0 {
			from = 0
		}
		if fcount != nil {
			to = from + count
		}
		return u16Slice(s, max(from, 0), min(max(to, 0), size)), true
	}}
}

// findImpl compiles FIND(search, text[, start]): the 1-based position of
// search in text, or 0. It is never null.
func findImpl(c *compiler, x *formula.Call, args []*node) *node {
	fsearch, fs := args[0].str, args[1].str
	var fstart numFn
	if len(args) == 3 {
		fstart = args[2].num
	}
	slot := c.decSlot()
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		search, okSearch := fsearch(fr)
		s, ok := fs(fr)
		from := 0
		if fstart != nil {
			d := &fr.dec[slot]
			hasStart := fstart(fr, d)
			if ok && okSearch {
				if !hasStart {
					fr.fail(x, "Incorrect parameter value for "+fnName(x.Name)+". Expected a start position, received null")
					return false
				}
				from, _ = decTrunc(d)
				from--
			}
		}
		pos := 0
		if ok && okSearch {
			pos = u16Index(s, search, from) + 1
		}
		dst.SetInt64(int64(pos))
		return true
	}}
}

// trimImpl compiles TRIM, which strips spaces (only U+0020) from both ends.
func trimImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, _ := f(fr)
		s = strings.Trim(s, " ")
		return s, s != ""
	}}
}

// reverseImpl compiles REVERSE, which keeps each character whole.
func reverseImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, ok := f(fr)
		if s == "" {
			return s, ok
		}
		b := make([]byte, len(s))
		for i := 0; i < len(s); {
			_, size := decodeUnit(s[i:]) // a lone surrogate moves whole
			copy(b[len(s)-i-size:], s[i:i+size])
			i += size
		}
		return joinPairs(string(b)), true // a low then a high half now pair up, as in Java
	}}
}

// padImpl compiles LPAD, or RPAD when right is set: text cut or padded to
// length units. Without a pad argument the pad is a space; a null pad
// pads with the letters "null", as Salesforce does.
func padImpl(right bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		fs, fn, slot := args[0].str, args[1].num, c.decSlot()
		var fpad strFn
		if len(args) == 3 {
			fpad = args[2].str
		}
		return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
			s, ok := fs(fr)
			d := &fr.dec[slot]
			hasN := fn(fr, d)
			pad, okPad := " ", true
			if fpad != nil {
				pad, okPad = fpad(fr)
			}
			if !hasN || !ok || s == "" {
				return "", false
			}
			n, _ := decTrunc(d)
			if n <= 0 {
				return "", false
			}
			size := u16Len(s)
			if n <= size {
				return u16Slice(s, 0, n), true
			}
			if n > MaxTextLength {
				fr.failLimit(x, fmt.Sprintf("Incorrect parameter value for %s. Expected a length of at most %d, received %s", fnName(x.Name), MaxTextLength, fr.quote(strconv.FormatInt(int64(n), 10), args[1].secret)))
				return "", false
			}
			if !okPad {
				pad = "null"
			}
			if pad == "" {
				fr.fail(x, "Incorrect parameter value for "+fnName(x.Name)+". Expected a pad string, received empty text")
				return "", false
			}
			if !fr.spend(x, n) {
				return "", false
			}
			need, unit := n-size, u16Len(pad)
			fill := strings.Repeat(pad, (need+unit-1)/unit)
			if fpad != nil {
				fill = u16Slice(fill, 0, need)
			}
			if right {
				return s + fill, true
			}
			return fill + s, true
		}}
	}
}

// substituteImpl compiles SUBSTITUTE(text, old, new): every occurrence of
// old replaced, left to right. The result may be "" but not null.
func substituteImpl(c *compiler, x *formula.Call, args []*node) *node {
	fs, fold, fnew := args[0].str, args[1].str, args[2].str
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, ok := fs(fr)
		old, okOld := fold(fr)
		repl, _ := fnew(fr)
		switch {
		case !ok || !okOld:
			return "", false
		case s == "":
			return s, true
		case old == "":
			fr.fail(x, "Empty string pattern to replace")
			return "", false
		}
		n := strings.Count(s, old)
		if n == 0 {
			return s, true
		}
		size := len(s) + n*(len(repl)-len(old))
		if !fr.spend(x, len(s)+size) {
			return "", false
		}
		if size > MaxTextLength {
			// Each occurrence is replaced whole, so characters add up
			// as bytes do.
			if chars := u16Len(s) + n*(u16Len(repl)-u16Len(old)); chars > MaxTextLength {
				fr.failLimit(x, tooLong(fnName(x.Name), chars))
				return "", false
			}
		}
		return strings.ReplaceAll(s, old, repl), true
	}}
}
