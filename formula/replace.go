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
	type edit struct {
		from, to int
		text     string
	}
	var edits []edit
	Inspect(x, func(e Expr) bool {
		if id, ok := e.(*Ident); ok {
			if s, ok := with(id.Name); ok {
				edits = append(edits, edit{id.Pos().Offset, id.End().Offset, s})
			}
		}
		return true
	})
	sort.Slice(edits, func(i, j int) bool { return edits[i].from < edits[j].from })
	var b strings.Builder
	at := 0
	for _, e := range edits {
		b.WriteString(src[at:e.from])
		b.WriteString(e.text)
		at = e.to
	}
	b.WriteString(src[at:])
	return b.String(), nil
}
