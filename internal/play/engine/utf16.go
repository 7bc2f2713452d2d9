package engine

import (
	"unicode/utf16"
	"unicode/utf8"
)

// utf16At converts byte offset off of s to UTF-16 code units, the unit of
// the browser's strings and of the editor's positions.
func utf16At(s string, off int) int {
	off = min(max(off, 0), len(s))
	n := 0
	for _, r := range s[:off] {
		n += utf16.RuneLen(r)
	}
	return n
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int { return utf16At(s, len(s)) }

// prevRune returns the start of the rune before byte i of s.
func prevRune(s string, i int) int {
	_, w := utf8.DecodeLastRuneInString(s[:i])
	return i - w
}

// nextRune returns the end of the rune at byte i of s.
func nextRune(s string, i int) int {
	_, w := utf8.DecodeRuneInString(s[i:])
	return i + w
}
