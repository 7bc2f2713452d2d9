package repl

import (
	"sort"
	"strings"
)

// suggest returns up to three names close to word, ignoring case: those
// within a small edit distance, nearest first. The distance allowed grows
// with the length of the word's last dotted part, so that $User.Foo is not
// near $User.Fax.
func suggest(word string, names []string) []string {
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
