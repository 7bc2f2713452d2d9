package difftest

import (
	"strings"
	"testing"
)

// FuzzParseCase checks that reading a case never panics, and that a case
// read back from its own notation is the same case.
func FuzzParseCase(f *testing.F) {
	for _, s := range []string{
		`blank-as-blank {N Number null, T Text "a, \"b\""} IF(N > 1, T, "x")`,
		`{D Date "2020-01-01"} D + 1`, `{`, `{} x`, `LEN("a")`, `{A Boolean "true"`,
		`{P Picklist "a"} prior {P Picklist null} ISCHANGED(P)`, `prior {} ISNEW()`, `prior {`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCase(s)
		if err != nil {
			return
		}
		back, err := ParseCase(c.String())
		if err != nil {
			t.Fatalf("ParseCase(%q) = %s, which does not read back: %v", s, c, err)
		}
		if back.String() != c.String() {
			t.Fatalf("round trip of %q: %s, then %s", s, c, back)
		}
		_, _ = ParseDeviations("fuzz", strings.NewReader("x | . | "+s+" | a | b | engine bug: fuzz"))
	})
}
