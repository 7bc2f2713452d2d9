package formula

import (
	"fmt"
	"unicode/utf8"
)

// Pos is a position in source text. Offset is a byte offset from the start of
// the source, counting from 0; Line and Column count from 1, and Column counts
// characters (runes), not bytes.
type Pos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// IsValid reports whether p was set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String renders p as LINE:COL.
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

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
