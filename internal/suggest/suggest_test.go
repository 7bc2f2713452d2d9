package suggest

import (
	"errors"
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
