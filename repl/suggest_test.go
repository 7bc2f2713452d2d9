package repl

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSuggest(t *testing.T) {
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
		if diff := cmp.Diff(tt.want, suggest(tt.word, names)); diff != "" {
			t.Errorf("suggest(%q) (-want +got):\n%s", tt.word, diff)
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
		if got := andList(tt.words); got != tt.want {
			t.Errorf("andList(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}
