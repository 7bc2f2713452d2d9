package scope

import "testing"

// TestStripFlowRefs checks that only the braces of references go, each
// character staying where it was.
func TestStripFlowRefs(t *testing.T) {
	tests := []struct{ in, want string }{
		{`IF({!varA} > 1, "a", "b")`, `IF(  varA  > 1, "a", "b")`},
		{`{!$Record.Name} & "{!kept}"`, `  $Record.Name  & "{!kept}"`},
		{`'it''s {!x}' & {!y}`, `'it''s {!x}' &   y `},
		{`/* {!c} */ {!d}`, `/* {!c} */   d `},
		{`"\"{!e}" & {!f}`, `"\"{!e}" & {!f}`[:11] + `  f `},
		{`{!unclosed`, `  unclosed`},
		{`a } b`, `a } b`},
	}
	for _, tt := range tests {
		if got := stripFlowRefs(tt.in); got != tt.want || len(got) != len(tt.in) {
			t.Errorf("stripFlowRefs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
