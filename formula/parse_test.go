package formula

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseShape checks the tree for every operator level, literal form and
// call shape, as S-expressions, which show grouping without positions.
func TestParseShape(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// Precedence, loosest first: || && equality relational additive ^ multiplicative unary.
		{"or-and", `a || b && c`, `(|| a (&& b c))`},
		{"and-eq", `a && b = c`, `(&& a (= b c))`},
		{"eq-rel", `a = b < c`, `(= a (< b c))`},
		{"rel-add", `a < b + c`, `(< a (+ b c))`},
		{"add-pow", `a + b ^ c`, `(+ a (^ b c))`},
		{"pow-mul", `2*3^2`, `(^ (* 2 3) 2)`},
		{"pow-div", `8 ^ 6 / 3`, `(^ 8 (/ 6 3))`},
		{"mul-unary", `-a * -b`, `(* (- a) (- b))`},
		{"unary-binds-tightest", `-2^2`, `(^ (- 2) 2)`},
		// Left associativity at every level.
		{"sub-left", `1 - 2 - 3`, `(- (- 1 2) 3)`},
		{"div-left", `8 / 4 / 2`, `(/ (/ 8 4) 2)`},
		{"pow-left", `2 ^ 3 ^ 2`, `(^ (^ 2 3) 2)`},
		{"or-left", `a || b || c`, `(|| (|| a b) c)`},
		{"eq-left", `a = b <> c`, `(<> (= a b) c)`},
		{"rel-left", `a < b >= c`, `(>= (< a b) c)`},
		// Every spelling of every operator.
		{"eq-spellings", `a == b`, `(= a b)`},
		{"ne-spellings", `a != b <> c`, `(<> (<> a b) c)`},
		{"le-ge-gt", `a <= b > c`, `(> (<= a b) c)`},
		{"concat", `"a" & b + "c"`, `(+ (& "a" b) "c")`},
		{"unary-plus", `+a`, `(+ a)`},
		{"bang", `!a`, `(NOT a)`},
		{"not-keyword", `NOT a`, `(NOT a)`},
		{"not-call-form", `not(a)`, `(NOT a)`},
		{"stacked-unary", `- -!a`, `(- (- (NOT a)))`},
		{"parens-override", `(1 + 2) * 3`, `(* (+ 1 2) 3)`},
		// Literals.
		{"number", `3.14`, `3.14`},
		{"integer", `007`, `007`},
		{"double-quoted", `"Sales"`, `"Sales"`},
		{"single-quoted", `'Sales'`, `"Sales"`},
		// Only \" and \\ are unescaped, as in Salesforce's engine; the other
		// escapes keep their backslash.
		{"escapes", `"a\"b\\c\nd\te\rf\'g"`, `"a\"b\\c\\nd\\te\\rf\\'g"`},
		{"single-quote-escapes", `'it\'s'`, `"it\\'s"`},
		{"single-quote-double-escape", `'say \"hi\"'`, `"say \"hi\""`},
		{"capital-escapes", `"x\Ny\Tz"`, `"x\\Ny\\Tz"`},
		{"booleans", `true && FALSE`, `(&& TRUE FALSE)`},
		{"null", `Null`, `NULL`},
		{"keywords-as-prefix", `TRUEX + nullable__c`, `(+ TRUEX nullable__c)`},
		// Merge fields and calls.
		{"user-field", `$User.Department`, `$User.Department`},
		{"credential-field", `$Credential.My_Cred.Username`, `$Credential.My_Cred.Username`},
		{"custom-field", `custom__c`, `custom__c`},
		{"org-field", `$Organization.Name`, `$Organization.Name`},
		{"call-no-args", `NOW()`, `(NOW)`},
		{"call-case-insensitive", `iF(a, b, c)`, `(IF a b c)`},
		{"call-mixed-case", `Contains($User.Department, "x")`, `(CONTAINS $User.Department "x")`},
		{"nested-calls", `LOWER(TRIM(x))`, `(LOWER (TRIM x))`},
		{"call-args-exprs", `MAX(1 + 2, 3 * 4)`, `(MAX (+ 1 2) (* 3 4))`},
		// Comments and white space.
		{"comment", `1 /* one */ + /* two */ 2`, `(+ 1 2)`},
		{"comment-multiline", "/* a\n b */ a", `a`},
		{"comment-with-stars", `/** x **/ a`, `a`},
		{"newlines-tabs", "IF(\n\ta,\r\n\tb,\n\tc)", `(IF a b c)`},
		{"seed", `IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Department, "Service")), "session:role:" + $User.Department, "")`,
			`(IF (OR (CONTAINS $User.Department "Sales") (CONTAINS $User.Department "Service")) (+ "session:role:" $User.Department) "")`},
		{"exp-claim", `Text(FLOOR((NOW() - DATETIMEVALUE( "1970-01-01 00:00:00" )) * 86400 + 120))`,
			`(TEXT (FLOOR (+ (* (- (NOW) (DATETIMEVALUE "1970-01-01 00:00:00")) 86400) 120)))`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Parse("test", tt.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if diff := cmp.Diff(tt.want, SExpr(x)); diff != "" {
				t.Errorf("Parse(%q) tree mismatch (-want +got):\n%s", tt.src, diff)
			}
			checkPositions(t, tt.src, x)
		})
	}
}

// TestParsePositions checks the positions recorded on nodes, including across
// lines and after multi-byte characters.
func TestParsePositions(t *testing.T) {
	src := "IF(\n  'ä' = 'é',\n  x + 1, /* c */ y)"
	x, err := Parse("test", src)
	if err != nil {
		t.Fatal(err)
	}
	call := x.(*Call)
	eq := call.Args[0].(*Binary)
	add := call.Args[1].(*Binary)
	type span struct{ Pos, End Pos }
	got := []span{
		{call.Pos(), call.End()},
		{eq.X.Pos(), eq.X.End()},
		{eq.OpPos, eq.OpPos},
		{eq.Y.Pos(), eq.Y.End()},
		{add.Pos(), add.End()},
		{call.Args[2].Pos(), call.Args[2].End()},
	}
	want := []span{
		{Pos{Offset: 0, Line: 1, Column: 1}, Pos{Offset: 38, Line: 3, Column: 20}},
		{Pos{Offset: 6, Line: 2, Column: 3}, Pos{Offset: 10, Line: 2, Column: 6}}, // ä is two bytes, one column
		{Pos{Offset: 11, Line: 2, Column: 7}, Pos{Offset: 11, Line: 2, Column: 7}},
		{Pos{Offset: 13, Line: 2, Column: 9}, Pos{Offset: 17, Line: 2, Column: 12}},
		{Pos{Offset: 21, Line: 3, Column: 3}, Pos{Offset: 26, Line: 3, Column: 8}},
		{Pos{Offset: 36, Line: 3, Column: 18}, Pos{Offset: 37, Line: 3, Column: 19}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions mismatch (-want +got):\n%s", diff)
	}
}

// checkPositions asserts that every node lies within the source, starts
// before it ends, and that its text starts where the node says.
func checkPositions(t *testing.T, src string, x Expr) {
	t.Helper()
	Inspect(x, func(n Expr) bool {
		p, e := n.Pos(), n.End()
		if p.Offset < 0 || e.Offset > len(src) || p.Offset >= e.Offset {
			t.Errorf("%T at %v..%v: bad span in %q", n, p, e, src)
			return false
		}
		if want := startPos.advance(src[:p.Offset]); want != p {
			t.Errorf("%T: Pos %+v, but offset %d is at %+v", n, p, p.Offset, want)
		}
		return true
	})
}

func TestParseTemplate(t *testing.T) {
	tests := []struct {
		name, src string
		kind      TemplateKind
		want      string
		exprs     int
	}{
		{"static", `api refresh_token`, Static, `(TEMPLATE "api refresh_token")`, 0},
		{"empty", ``, Static, `(TEMPLATE)`, 0},
		{"braces-without-bang", `a {b} }`, Static, `(TEMPLATE "a {b} }")`, 0},
		{"formula", `{!LOWER($User.Department)}`, Formula, `(LOWER $User.Department)`, 1},
		{"formula-with-space-is-mixed", ` {!a}`, Mixed, `(TEMPLATE " " a)`, 1},
		{"one-segment", `api {!LOWER($User.Department)} refresh_token`, Mixed, `(TEMPLATE "api " (LOWER $User.Department) " refresh_token")`, 1},
		{"several", `{!a} and {!b + 1}{!"}"}`, Mixed, `(TEMPLATE a " and " (+ b 1) "}")`, 3},
		{"brace-in-comment", `{!a /* } */}`, Formula, `a`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm, err := ParseTemplate("test", tt.src)
			if err != nil {
				t.Fatalf("ParseTemplate(%q): %v", tt.src, err)
			}
			got := struct {
				Kind  TemplateKind
				Tree  string
				Exprs int
				Text  string
			}{tm.Kind, SExprTemplate(tm), len(tm.Exprs()), FormatTemplate(tm)}
			want := got
			want.Kind, want.Tree, want.Exprs = tt.kind, tt.want, tt.exprs
			want.Text = strings.ReplaceAll(tt.src, " /* } */", "")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ParseTemplate(%q) mismatch (-want +got):\n%s", tt.src, diff)
			}
			for _, x := range tm.Exprs() {
				checkPositions(t, tt.src, x)
			}
		})
	}
}

func TestParseInput(t *testing.T) {
	tm, err := ParseInput("test", ` IF(a, b, c) `)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`(IF a b c)`, SExprTemplate(tm)); diff != "" || tm.Kind != Formula {
		t.Errorf("bare expression: kind %v, diff:\n%s", tm.Kind, diff)
	}
	tm, err = ParseInput("test", `x {!a}`)
	if err != nil {
		t.Fatal(err)
	}
	if tm.Kind != Mixed {
		t.Errorf("template input: kind %v, want mixed", tm.Kind)
	}
}
