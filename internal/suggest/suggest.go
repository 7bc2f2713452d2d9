// Package suggest finds the names near a misspelt one, for the "did you
// mean" hints of the command line, the REPL and the linter.
package suggest

import (
	"errors"
	"sort"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
)

// Near returns up to three names close to word, ignoring case: those
// within a small edit distance, nearest first. The distance allowed grows
// with the length of the word's last dotted part, so that $User.Foo is not
// near $User.Fax.
func Near(word string, names []string) []string {
	w := strings.ToLower(word)
	if w == "" {
		return nil
	}
	last := w[strings.LastIndexByte(w, '.')+1:]
	limit := max(1, min(3, len(last)/3))
	type near struct {
		name string
		d    int
	}
	var found []near
	for _, n := range names {
		if d := distance(w, strings.ToLower(n)); d <= limit {
			found = append(found, near{n, d})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].d < found[j].d })
	var out []string
	for i := 0; i < len(found) && i < 3; i++ {
		out = append(out, found[i].name)
	}
	return out
}

// DidYouMean is "did you mean A, B or C?" for the names near word, or ""
// when none is.
func DidYouMean(word string, names []string) string {
	near := Near(word, names)
	if len(near) == 0 {
		return ""
	}
	return "did you mean " + join(near, "or") + "?"
}

// AndList joins words as "a, b and c".
func AndList(words []string) string { return join(words, "and") }

func join(words []string, last string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + last + " " + words[len(words)-1]
}

// What a misspelt name in a formula is.
const (
	Function = "function"
	Field    = "field"
)

// Misspelt returns the name, and whether it is a Function or a Field, that
// a formula error, or the first error of a formula error list, reports as
// unknown.
func Misspelt(err error) (kind, name string, ok bool) {
	var msg string
	var list formula.ErrorList
	var one *formula.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		msg = list[0].Msg
	case errors.As(err, &one):
		msg = one.Msg
	default:
		return "", "", false
	}
	if name, ok := between(msg, "Unknown function ", ". Check spelling."); ok {
		return Function, name, true
	}
	if name, ok := between(msg, "Field ", " does not exist. Check spelling."); ok {
		return Field, name, true
	}
	return "", "", false
}

// between returns the text of s between prefix and suffix.
func between(s, prefix, suffix string) (string, bool) {
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, suffix) || len(s) < len(prefix)+len(suffix) {
		return "", false
	}
	return s[len(prefix) : len(s)-len(suffix)], true
}

// distance is the edit distance between a and b, in bytes: insertions,
// deletions, substitutions and transpositions of neighbours each count one.
func distance(a, b string) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(a)][len(b)]
}

// Sentence starts a hint, such as DidYouMean's, with a capital, to follow
// another sentence.
func Sentence(hint string) string {
	if hint == "" || hint[0] < 'a' || hint[0] > 'z' {
		return hint
	}
	return string(hint[0]-'a'+'A') + hint[1:]
}

// Formula is DidYouMean for the unknown function or field that a formula
// error reports, among the functions or the fields of schema; "" when err
// reports none or nothing is near.
func Formula(err error, schema *eval.Schema) string {
	kind, name, ok := Misspelt(err)
	switch {
	case !ok:
		return ""
	case kind == Function:
		return DidYouMean(name, Functions())
	}
	return DidYouMean(name, Fields(schema))
}

// Functions lists the names of the formula functions.
func Functions() []string {
	fs := eval.Functions()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// Fields lists the names of a schema's merge fields.
func Fields(s *eval.Schema) []string {
	fields := s.Fields()
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
}
