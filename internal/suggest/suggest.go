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

// MaxNames is the most names Near looks through. Salesforce lets an object
// have 800 fields and a picklist 5,000 values; a list of more, such as a
// picklist of 100,000 values, is no list a person chooses from, and
// looking through it for each misspelling would make lint's time the
// product of the misspellings and the names.
const MaxNames = 10_000

// Near returns up to three names close to word, ignoring case: those
// within a small edit distance, nearest first; none among more than
// MaxNames names. The distance allowed grows with the length of the
// word's last dotted part, so that $User.Foo is not near $User.Fax.
func Near(word string, names []string) []string {
	w := strings.ToLower(word)
	if w == "" || len(names) > MaxNames {
		return nil
	}
	last := w[strings.LastIndexByte(w, '.')+1:]
	limit := max(1, min(3, len(last)/3))
	type near struct {
		name string
		d    int
	}
	var found []near
	var rows []int
	for _, n := range names {
		folded := n
		if !isASCII(n) {
			folded = strings.ToLower(n)
		}
		if d := distance(w, folded, limit, &rows); d <= limit {
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

// distance is the edit distance between a and b, in bytes, or limit+1
// when it is greater than limit: insertions, deletions, substitutions and
// transpositions of neighbours each count one. b is compared as
// strings.ToLower would give it when it is ASCII, and a must be lower
// case. It fills three rows of rows, which it grows, only within limit of
// the diagonal, and gives up as soon as two rows exceed limit, so that a word compared with many long names
// costs time linear in the names and allocates nothing once rows is big
// enough.
func distance(a, b string, limit int, rows *[]int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1 // each missing byte costs one
	}
	n := len(b) + 1
	if cap(*rows) < 3*n {
		*rows = make([]int, 3*n)
	}
	r := (*rows)[:3*n]
	prev2, prev, cur := r[:n], r[n:2*n], r[2*n:]
	for j := range prev {
		prev[j] = j
	}
	// Only the cells within limit of the diagonal can be within limit;
	// those just outside the band hold limit+1, for their neighbours.
	over := 0 // rows in a row whose every cell exceeds limit
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[0] = i
		if lo > 1 {
			cur[lo-1] = limit + 1
		}
		least := limit + 1
		if lo == 1 {
			least = i
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == lower(b[j-1]) {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == lower(b[j-2]) && a[i-2] == lower(b[j-1]) {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			least = min(least, d)
		}
		if hi < len(b) {
			cur[hi+1] = limit + 1
		}
		// A cell is at least its row's least cell, or one more than the
		// least of the row two above (a transposition): two rows beyond
		// limit put every later row beyond it.
		if least > limit {
			if over++; over == 2 {
				return limit + 1
			}
		} else {
			over = 0
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}

// lower is an ASCII byte in lower case.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func abs(n int) int { return max(n, -n) }

// isASCII reports whether s is ASCII, which lower folds as strings.ToLower
// does.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
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
