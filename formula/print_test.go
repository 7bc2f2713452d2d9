package formula

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sameTree compares trees apart from positions and the spelling of literals
// and function names, which the canonical printer normalises; assertRoundTrip
// compares the function names through the S-expressions.
var sameTree = cmp.Options{
	cmpopts.IgnoreTypes(Pos{}),
	cmpopts.IgnoreFields(StringLit{}, "Raw"),
	cmpopts.IgnoreFields(BoolLit{}, "Raw"),
	cmpopts.IgnoreFields(NullLit{}, "Raw"),
	cmpopts.IgnoreFields(Call{}, "Name"),
}

func TestFormat(t *testing.T) {
	tests := []struct{ src, want string }{
		{`if(a,b,c)`, `IF(a, b, c)`},
		{`a==b&&c!=d||!e`, `a = b && c <> d || NOT e`},
		{`NOT(a)`, `NOT(a)`},
		{`'it\'s' & "q\"" `, `"it\\'s" & "q\""`},
		{"\"tab\there\"", "\"tab\there\""}, // a raw tab stays raw: \t would keep its backslash
		{`true||false||null`, `TRUE || FALSE || NULL`},
		{`(1+2)*3`, `(1 + 2) * 3`},
		{`2*3^2`, `2 * 3 ^ 2`},
		{`- - 1`, `--1`},
		{`1 /* c */ + 2`, `1 + 2`},
		{`$User.Department&"x"`, `$User.Department & "x"`},
		{`now( )`, `NOW()`},
	}
	for _, tt := range tests {
		x, err := Parse("t", tt.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		if diff := cmp.Diff(tt.want, Format(x)); diff != "" {
			t.Errorf("Format(%q) mismatch (-want +got):\n%s", tt.src, diff)
		}
		assertRoundTrip(t, tt.src, x)
	}
}

// TestFormatHandBuilt checks that the printer adds the parentheses a tree
// built in code needs.
func TestFormatHandBuilt(t *testing.T) {
	one, two, three := &NumberLit{Raw: "1"}, &NumberLit{Raw: "2"}, &NumberLit{Raw: "3"}
	tests := []struct {
		x    Expr
		want string
	}{
		{&Binary{Op: OpMul, X: &Binary{Op: OpAdd, X: one, Y: two}, Y: three}, `(1 + 2) * 3`},
		{&Binary{Op: OpSub, X: one, Y: &Binary{Op: OpSub, X: two, Y: three}}, `1 - (2 - 3)`},
		{&Binary{Op: OpPow, X: &Binary{Op: OpMul, X: one, Y: two}, Y: three}, `1 * 2 ^ 3`},
		{&Binary{Op: OpMul, X: one, Y: &Binary{Op: OpPow, X: two, Y: three}}, `1 * (2 ^ 3)`},
		{&Unary{Op: OpSub, X: &Binary{Op: OpAdd, X: one, Y: two}}, `-(1 + 2)`},
	}
	for _, tt := range tests {
		got := Format(tt.x)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Format mismatch (-want +got):\n%s", diff)
		}
		if _, err := Parse("t", got); err != nil {
			t.Errorf("Format output %q does not parse: %v", got, err)
		}
	}
}

// assertRoundTrip checks that printing x and parsing the result gives x back.
func assertRoundTrip(t testing.TB, src string, x Expr) {
	t.Helper()
	printed := Format(x)
	// The canonical form may be longer than the source (NOT for !), so
	// reparse it without the length limit.
	y, err := Config{MaxLength: -1}.Parse("printed", printed)
	if err != nil {
		t.Fatalf("source %q printed as %q, which does not parse: %v", src, printed, err)
	}
	if sx, sy := SExpr(x), SExpr(y); sx != sy {
		t.Fatalf("source %q printed as %q parses to %s, want %s", src, printed, sy, sx)
	}
	if diff := cmp.Diff(x, y, sameTree); diff != "" {
		t.Fatalf("source %q printed as %q parses to a different tree (-orig +reparsed):\n%s", src, printed, diff)
	}
}
