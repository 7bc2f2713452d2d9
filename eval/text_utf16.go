package eval

import (
	"strings"
	"unicode/utf8"
)

// Salesforce measures and indexes text in UTF-16 code units, as Java does:
// LEN("😀") is 2. Text here is UTF-8, so these helpers translate unit
// offsets to byte offsets, with a fast path for ASCII, where both agree.
// They never allocate unless an offset splits a surrogate pair. The lone
// half is a real value in Java, LEFT("😀", 1) is the high surrogate U+D83D,
// so it is kept in generalised UTF-8: the three bytes ED A0..BF 80..BF
// that UTF-8 would use for it, one unit long. Joining a high and a low half
// makes the pair again (see joinPairs). An invalid UTF-8 byte counts as one
// unit and is kept as it is.

// decodeUnit decodes the character at the start of s: a rune, or a lone
// surrogate in generalised UTF-8, with its size in bytes.
func decodeUnit(s string) (r rune, size int) {
	if len(s) >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && s[2]&0xC0 == 0x80 {
		return 0xD000 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s)
}

// appendSurrogate appends the generalised UTF-8 form of the surrogate u.
func appendSurrogate(b []byte, u rune) []byte {
	return append(b, 0xED, 0x80|byte(u>>6)&0x3F, 0x80|byte(u)&0x3F)
}

// surrogateText returns the lone surrogate u as text.
func surrogateText(u rune) string { return string(appendSurrogate(nil, u)) }

// halves returns the high and low surrogates of r, which is past the BMP.
func halves(r rune) (hi, lo rune) {
	r -= 0x10000
	return 0xD800 + r>>10, 0xDC00 + r&0x3FF
}

// joinPairs rewrites a high surrogate followed by a low one, as joining two
// halves leaves them, into the character they make, as Java reads them.
func joinPairs(s string) string {
	i := strings.Index(s, "\xED")
	if i < 0 {
		return s
	}
	var b []byte
	last := 0
	for ; i+6 <= len(s); i++ {
		if s[i] != 0xED || s[i+1] < 0xA0 || s[i+1] > 0xAF || s[i+3] != 0xED || s[i+4] < 0xB0 || s[i+4] > 0xBF {
			continue
		}
		hi, _ := decodeUnit(s[i:])
		lo, n := decodeUnit(s[i+3:])
		if n != 3 {
			continue
		}
		b = append(b, s[last:i]...)
		b = utf8.AppendRune(b, 0x10000+(hi-0xD800)<<10+(lo-0xDC00))
		i += 5
		last = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

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
		r, size := decodeUnit(s[i:])
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
		r, size := decodeUnit(s[i:])
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
	var lo, hi rune
	if split0 { // starts on a low surrogate: keep that half of the pair
		r, size := utf8.DecodeRuneInString(s[b0:])
		_, lo = halves(r)
		b0 += size
	}
	if split1 { // ends on a high surrogate
		r, _ := utf8.DecodeRuneInString(s[b1:])
		hi, _ = halves(r)
	}
	out := ""
	if b0 < b1 {
		out = s[b0:b1]
	}
	if !split0 && !split1 {
		return out
	}
	if split0 && split1 && b0 > b1 { // both ends in one pair: MID("😀", 2, 0)
		return ""
	}
	b := make([]byte, 0, len(out)+6)
	if split0 {
		b = appendSurrogate(b, lo)
	}
	b = append(b, out...)
	if split1 {
		b = appendSurrogate(b, hi)
	}
	return string(b)
}

// u16Index returns the unit index of the first sub in s at or after unit
// from, or -1, as Java's String.indexOf(sub, from) does.
func u16Index(s, sub string, from int) int {
	b, split := unitToByte(s, from)
	if split { // no match can start on a low surrogate
		_, size := decodeUnit(s[b:])
		b += size
	}
	i := strings.Index(s[b:], sub)
	if i < 0 {
		return -1
	}
	return byteToUnit(s, b+i)
}
