package suggest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/google/go-cmp/cmp"
)

func TestNear(t *testing.T) {
	names := []string{"CONTAINS", "CASE", "LEFT", "LEN", "$User.Department", "$User.Division"}
	tests := []struct {
		word string
		want []string
	}{
		{"contain", []string{"CONTAINS"}},
		{"$User.Departmnt", []string{"$User.Department"}},
		{"LFT", []string{"LEFT"}},
		{"CONTIANS", []string{"CONTAINS"}},
		{"LNE", []string{"LEN"}},
		{"ZZZZZZ", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Near(tt.word, names)); diff != "" {
			t.Errorf("Near(%q) (-want +got):\n%s", tt.word, diff)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	names := []string{"Acme_Billing", "Support_Portal", "Support_Portals"}
	for _, tt := range []struct{ word, want string }{
		{"support_portal", "did you mean Support_Portal or Support_Portals?"},
		{"acme_biling", "did you mean Acme_Billing?"},
		{"Ledger", ""},
	} {
		if got := DidYouMean(tt.word, names); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestAndList(t *testing.T) {
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := AndList(tt.words); got != tt.want {
			t.Errorf("AndList(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestMisspelt(t *testing.T) {
	schema := eval.NewSchema()
	compile := func(src string) error {
		_, err := eval.Compile(src, schema, eval.Options{})
		return err
	}
	type result struct{ Kind, Name string }
	tests := []struct {
		err  error
		want *result
	}{
		{compile(`CONTIANS("a", "b")`), &result{Function, "CONTIANS"}},
		{compile(`$User.Departmnt`), &result{Field, "$User.Departmnt"}},
		{compile(`1 +`), nil},
		{errors.New("Field $User.X does not exist. Check spelling."), nil}, // not a formula error
		{nil, nil},
	}
	for _, tt := range tests {
		var got *result
		if kind, name, ok := Misspelt(tt.err); ok {
			got = &result{kind, name}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Misspelt(%v) (-want +got):\n%s", tt.err, diff)
		}
	}
}

func TestFunctionsAndFields(t *testing.T) {
	if got := Functions(); len(got) != len(eval.Functions()) || Near("CONTIANS", got)[0] != "CONTAINS" {
		t.Errorf("Functions() = %d names, want the %d of eval.Functions() with CONTAINS", len(got), len(eval.Functions()))
	}
	if got := DidYouMean("$User.Departmnt", Fields(eval.NewSchema())); got != "did you mean $User.Department?" {
		t.Errorf("DidYouMean over Fields(NewSchema()) = %q", got)
	}
}

// fullDistance is the edit distance of distance's doc comment, computed
// over the whole matrix with no limit: the oracle FuzzDistance checks the
// bounded distance against.
func fullDistance(a, b string) int {
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

// FuzzDistance: the bounded distance is the full one when that is within
// the limit, and limit+1 otherwise, whatever the rows left by an earlier
// call.
func FuzzDistance(f *testing.F) {
	for _, s := range [][2]string{{"contains", "CONTIANS"}, {"ab", "ba"}, {"", "abc"}, {"kitten", "sitting"}, {"abcdef", "badcfe"}, {"x", ""}} {
		f.Add(s[0], s[1], uint8(3))
	}
	f.Fuzz(func(t *testing.T, a, b string, limit uint8) {
		a = strings.ToLower(a)
		want := fullDistance(a, strings.ToLower(b))
		rows := []int{7, -1, 99, 3, 0, 42, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5} // stale rows
		for _, limit := range []int{0, 1, 2, 3, int(limit)} {
			got := distance(a, strings.ToLower(b), limit, &rows)
			if want <= limit && got != want || want > limit && got != limit+1 {
				t.Fatalf("distance(%q, %q, %d) = %d; the full distance is %d", a, b, limit, got, want)
			}
		}
	})
}

// BenchmarkNearManyNames looks for a misspelt value among MaxNames names,
// as CS406 does for a picklist of that many values: time must
// stay linear in the names, with no allocation per name.
func BenchmarkNearManyNames(b *testing.B) {
	names := make([]string, MaxNames)
	for i := range names {
		names[i] = fmt.Sprintf("Value Number %d", i%MaxNames)
	}
	b.ReportAllocs()
	for b.Loop() {
		Near("Valeu Nmber 123456", names)
	}
}

// TestNearMaxNames: a misspelt name is found among MaxNames names, and
// nothing is looked for among more.
func TestNearMaxNames(t *testing.T) {
	names := make([]string, MaxNames)
	for i := range names {
		names[i] = fmt.Sprintf("Value_%d", i)
	}
	if got := Near("Valeu_42", names); len(got) == 0 || got[0] != "Value_42" {
		t.Errorf("Near among MaxNames names = %q, want Value_42 first", got)
	}
	if got := Near("Valeu_42", append(names, "Value_x")); got != nil {
		t.Errorf("Near among MaxNames+1 names = %q, want nothing", got)
	}
}
