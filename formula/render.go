package formula

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// renderWidth is the most columns of a source line an error shows; a longer
// line is cut to a window around the fault.
const renderWidth = 100

// RuneWidth returns the number of terminal columns r takes: two for East
// Asian wide and fullwidth characters, which include most emoji, none for
// combining marks and format characters, one otherwise.
func RuneWidth(r rune) int {
	switch {
	case r == 0, unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// Width returns the number of terminal columns s takes.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += RuneWidth(r)
	}
	return n
}

// Window returns a part of line no wider than room columns that holds the
// byte offset at, with "…" where it was cut, and the display column of at
// within it. A line that fits is returned whole.
func Window(line string, at, room int) (shown string, col int) {
	at = min(max(at, 0), len(line))
	if Width(line) <= room {
		return line, Width(line[:at])
	}
	room = max(room-2, 8) // for the ellipses
	// Walk left from at for half the room, then right for the rest, then
	// left again for any room the line's end left over.
	start, end, used := at, at, 0
	grow := func(limit int) {
		for start > 0 {
			r, n := utf8.DecodeLastRuneInString(line[:start])
			if used+RuneWidth(r) > limit {
				return
			}
			start -= n
			used += RuneWidth(r)
		}
	}
	grow(room / 2)
	for end < len(line) {
		r, n := utf8.DecodeRuneInString(line[end:])
		if used+RuneWidth(r) > room {
			break
		}
		end += n
		used += RuneWidth(r)
	}
	grow(room)
	shown, col = line[start:end], Width(line[start:at])
	if start > 0 {
		shown, col = "…"+shown, col+1
	}
	if end < len(line) {
		shown += "…"
	}
	return shown, col
}

// caretLine writes the source line of e, cut to renderWidth around the
// fault, and under it a caret at the fault's display column with tildes
// under the rest of its span on that line.
func (e *Error) caretLine(b *strings.Builder) {
	at, past := columnOffset(e.Line, e.Pos.Column)
	span := 1
	if e.End.IsValid() && e.End.Line == e.Pos.Line && e.End.Column > e.Pos.Column {
		end, endPast := columnOffset(e.Line, e.End.Column)
		span = max(1, Width(e.Line[at:end])+endPast-past)
	}
	line := e.Line
	if Width(line) > renderWidth {
		// Indentation is the first thing a long line can spare.
		if cut := len(line) - len(strings.TrimLeft(line, " \t")); at >= cut {
			line, at = line[cut:], at-cut
		}
	}
	shown, col := Window(line, at, renderWidth)
	b.WriteString("\n    ")
	b.WriteString(shown)
	b.WriteString("\n    ")
	// Copy tabs from the line so the caret lines up in any tab width.
	prefix := prefixOfWidth(shown, col)
	for _, r := range prefix {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", RuneWidth(r)))
		}
	}
	b.WriteString(strings.Repeat(" ", col-Width(prefix)+past))
	b.WriteByte('^')
	if room := Width(shown) - col - 1; at < len(line) && span-1 > room {
		span = room + 1
	}
	b.WriteString(strings.Repeat("~", max(span-1, 0)))
}

// columnOffset returns the byte offset in line of the 1-based rune column
// col, and how many columns col lies past the line's end.
func columnOffset(line string, col int) (off, past int) {
	n := 1
	for i := range line {
		if n >= col {
			return i, 0
		}
		n++
	}
	return len(line), max(col-n, 0)
}

// prefixOfWidth returns the longest prefix of s no wider than w columns.
func prefixOfWidth(s string, w int) string {
	used := 0
	for i, r := range s {
		if used+RuneWidth(r) > w {
			return s[:i]
		}
		used += RuneWidth(r)
	}
	return s
}
