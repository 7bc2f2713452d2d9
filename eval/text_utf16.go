package eval

import (
	"strings"
	"unicode/utf8"
)

// Salesforce measures and indexes text in UTF-16 code units, as Java does:
// LEN("😀") is 2. Text here is UTF-8, so these helpers translate unit
// offsets to byte offsets, with a fast path for ASCII, where both agree.
// They never allocate unless an offset splits a surrogate pair: the lone
// half, which UTF-8 cannot hold, becomes U+FFFD. An invalid UTF-8 byte
// counts as one unit and is kept as it is.

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// unitsOf returns how many UTF-16 code units encode r.
func unitsOf(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// u16Len returns the length of s in UTF-16 code units.
func u16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n += unitsOf(r)
	}
	return n
}

// unitToByte returns the byte offset of UTF-16 unit u in s, or len(s) past
// the end. When u falls on the second half of a surrogate pair, it returns
// the offset of that pair's rune and split set.
func unitToByte(s string, u int) (b int, split bool) {
	if u <= 0 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); {
		if n == u {
			return i, false
		}
		if s[i] < utf8.RuneSelf {
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w := unitsOf(r)
		if n+w > u {
			return i, true
		}
		i += size
		n += w
	}
	return len(s), false
}

// byteToUnit returns the number of UTF-16 units in s[:b].
func byteToUnit(s string, b int) int {
	return u16Len(s[:b])
}

// u16Slice returns the units [from, to) of s, clamped to s.
func u16Slice(s string, from, to int) string {
	if from < 0 {
		from = 0
	}
	if to <= from {
		return ""
	}
	if isASCII(s) {
		if from >= len(s) {
			return ""
		}
		return s[from:min(to, len(s))]
	}
	b0, split0 := unitToByte(s, from)
	b1, split1 := unitToByte(s, to)
	if split0 { // starts on a low surrogate: skip its pair
		_, size := utf8.DecodeRuneInString(s[b0:])
		b0 += size
	}
	out := ""
	if b0 < b1 {
		out = s[b0:b1]
	}
	if !split0 && !split1 {
		return out
	}
	var b strings.Builder
	if split0 {
		b.WriteRune(utf8.RuneError)
	}
	b.WriteString(out)
	if split1 {
		b.WriteRune(utf8.RuneError)
	}
	return b.String()
}

// u16Index returns the unit index of the first sub in s at or after unit
// from, or -1, as Java's String.indexOf(sub, from) does.
func u16Index(s, sub string, from int) int {
	b, split := unitToByte(s, from)
	if split { // no match can start on a low surrogate
		_, size := utf8.DecodeRuneInString(s[b:])
		b += size
	}
	i := strings.Index(s[b:], sub)
	if i < 0 {
		return -1
	}
	return byteToUnit(s, b+i)
}
