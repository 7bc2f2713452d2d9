package formula

import (
	"sort"
	"strings"
)

// ReplaceIdents returns src with each identifier (merge field) that with
// names replaced by the text with returns for it; other text is kept as it
// is. Names are matched as with gives them, so with decides about case.
func ReplaceIdents(name, src string, with func(ident string) (string, bool)) (string, error) {
	x, err := Parse(name, src)
	if err != nil {
		return "", err
	}
	var edits []Edit
	Inspect(x, func(e Expr) bool {
		if id, ok := e.(*Ident); ok {
			if s, ok := with(id.Name); ok {
				edits = append(edits, Edit{id.Pos().Offset, id.End().Offset, s})
			}
		}
		return true
	})
	sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	return ApplyEdits(src, edits), nil
}

// Edit replaces the bytes src[Start:End] of a source with Text.
type Edit struct {
	Start, End int
	Text       string
}

// ApplyEdits returns src with each edit made; the edits are in source order
// and do not overlap.
func ApplyEdits(src string, edits []Edit) string {
	var b strings.Builder
	at := 0
	for _, e := range edits {
		b.WriteString(src[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.WriteString(src[at:])
	return b.String()
}
