package formula

import (
	"fmt"
	"unicode/utf8"
)

// Pos is a position in source text: in a formula, or in a file that holds
// formulas, such as a credential's metadata. It is the one position type of
// every package. Offset is a byte offset from the start of the source,
// counting from 0; Line and Column count from 1, and Column counts
// characters (runes), not bytes. File names the file; it is empty for a
// position in a formula's own text.
type Pos struct {
	File   string `json:"file,omitempty"`
	Offset int    `json:"offset"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// IsValid reports whether p was set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String renders p as LINE:COL, preceded by FILE: when p is in a file. It
// never prints a zero: a position with no column renders as FILE:LINE, and
// one with no line as FILE.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	case p.Line <= 0:
		return p.File
	case p.Column <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// advance returns the position after the text s, which starts at p.
func (p Pos) advance(s string) Pos {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		p.Offset += w
		if r == '\n' {
			p.Line++
			p.Column = 1
		} else {
			p.Column++
		}
	}
	return p
}

// startPos is the position of the first byte of a source.
var startPos = Pos{Offset: 0, Line: 1, Column: 1}
