package exchange

import (
	"regexp"
	"testing"
)

// jsonNumberRE is JSON's number grammar, the reference for isJSONNumber.
var jsonNumberRE = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

func TestIsJSONNumber(t *testing.T) {
	tests := map[string]bool{
		"0": true, "-0": true, "1767225600": true, "1.5": true, "-2.25e+10": true, "1E5": true, "3e-2": true,
		"": false, "-": false, "01": false, "1.": false, ".5": false, "1e": false, "1e+": false, "+1": false,
		" 1": false, "1 ": false, "0x10": false, "1.5.5": false, "--1": false, "NaN": false, "١": false,
	}
	for s, want := range tests {
		if got := isJSONNumber(s); got != want {
			t.Errorf("isJSONNumber(%q) = %v, want %v", s, got, want)
		}
		if ref := jsonNumberRE.MatchString(s); ref != want {
			t.Errorf("the reference says %v for %q", ref, s)
		}
	}
}

func FuzzIsJSONNumber(f *testing.F) {
	for _, s := range []string{"0", "-12.5e+3", "01", "1e", "", "1767225600"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isJSONNumber(s), jsonNumberRE.MatchString(s); got != want {
			t.Errorf("isJSONNumber(%q) = %v, the grammar says %v", s, got, want)
		}
	})
}
