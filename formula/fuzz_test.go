package formula

import (
	"testing"
)

// FuzzParse checks that no input panics the parser, that every node of a
// successful parse has a sane span, and that printing then parsing gives the
// same tree.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		seedScope,
		`IF(OR(CONTAINS($User.Department, "Sales"),, "x")`,
		`Text(FLOOR((NOW() - DATETIMEVALUE( "1970-01-01 00:00:00" )) * 86400 + 120))`,
		`api {!LOWER($User.Department)} refresh_token`,
		`2*3^2 <> -1 && !(a || b) /* c */`,
		`'it\'s' & "q\"\n"`,
		`CASE(x, "a", 1, "b", 2, 0)`,
		`{!a} {!b}`,
		`NOT NOT TRUE = null`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tm, err := ParseTemplate("fuzz", src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("ParseTemplate(%q) returned %T, want *Error", src, err)
			}
			_ = Render(err)
			return
		}
		for _, x := range tm.Exprs() {
			checkPositions(t, src, x)
			assertRoundTrip(t, src, x)
		}
		printed := FormatTemplate(tm)
		again, err := Config{MaxLength: -1}.ParseTemplate("printed", printed)
		if err != nil {
			t.Fatalf("template %q printed as %q, which does not parse: %v", src, printed, err)
		}
		if again.Kind != tm.Kind || len(again.Segments) != len(tm.Segments) {
			t.Fatalf("template %q printed as %q changes shape", src, printed)
		}
		if x, err := Parse("fuzz", src); err == nil {
			checkPositions(t, src, x)
			assertRoundTrip(t, src, x)
		}
	})
}
