package formula

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseErrors pins the message and position of each malformed input.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`IF(OR(CONTAINS($User.Department, "Sales"),, "x")`, `1:43: Syntax error. Extra ','`},
		{`IF(a, b`, `1:8: Syntax error. Missing ')'`},
		{`IF(a, b, LOWER(c)`, `1:18: Syntax error. Missing ')'`},
		{`((1)`, `1:5: Syntax error. Missing ')'`},
		{`1 +`, `1:4: Syntax error. Missing expression`},
		{``, `1:1: Syntax error. Missing expression`},
		{`   /* only a comment */ `, `1:25: Syntax error. Missing expression`},
		{`)`, `1:1: Syntax error. Extra ')'`},
		{`(1))`, `1:4: Syntax error. Extra ')'`},
		{`1 - )`, `1:5: Syntax error. Extra ')'`},
		{`1, 2`, `1:2: Syntax error. Extra ','`},
		{`(1, 2)`, `1:3: Syntax error. Extra ','`},
		{`f(,a)`, `1:3: Syntax error. Extra ','`},
		{`f(a,)`, `1:5: Syntax error. Found ')'`},
		{`f(a b)`, `1:5: Syntax error. Found 'b'`},
		{`1 2`, `1:3: Syntax error. Found '2'`},
		{`1 * * 2`, `1:5: Syntax error. Found '*'`},
		{`a = = b`, `1:5: Syntax error. Found '='`},
		{"1 +\n  * 2", `2:3: Syntax error. Found '*'`},
		{`TRUE()`, `1:5: Syntax error. Found '('`},
		{`NOT`, `1:4: Syntax error. Missing expression`},
		{`"abc`, `1:1: Syntax error. Missing '"'`},
		{`'abc`, `1:1: Syntax error. Missing '''`},
		{"\"ab\ncd\"", `1:4: Syntax error. Missing '"'`},
		{`"a\qb"`, `1:3: Syntax error. Found '\q'`},
		{`1 /* open`, `1:3: Syntax error. Missing '*/'`},
		{`a @ b`, `1:3: Syntax error. Found '@'`},
		{`a ; b`, `1:3: Syntax error. Found ';'`},
		{`x[1]`, `1:2: Syntax error. Found '['`},
		{`1.`, `1:2: Syntax error. Found '.'`},
		{`.5`, `1:1: Syntax error. Found '.'`},
		{`a ~ b`, `1:3: Syntax error. Found '~'`},
		{`{!a}`, `1:1: Syntax error. Found '{'`},
		{`a }`, `1:3: Syntax error. Found '}'`},
		{`é`, `1:1: Syntax error. Found 'é'`},
		{"IF(a,\n   b,\n   c d)", `3:6: Syntax error. Found 'd'`},
		{"a\xffb", `1:2: Syntax error. Found invalid UTF-8`},
	}
	if len(tests) < 25 {
		t.Fatalf("only %d malformed inputs", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Parse("", tt.src)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) = %v, want an *Error", tt.src, err)
			}
			if diff := cmp.Diff(tt.want, e.Error()); diff != "" {
				t.Errorf("Parse(%q) error mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`{!a`, `1:4: Syntax error. Missing '}'`},
		{`{!}`, `1:3: Syntax error. Missing expression`},
		{`a {!1 +} b`, `1:8: Syntax error. Missing expression`},
		{"line one\nscope {!LOWER(x}", `2:16: Syntax error. Missing ')'`},
		{`{!a} {!b,}`, `1:9: Syntax error. Extra ','`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := ParseTemplate("", tt.src)
			if err == nil {
				t.Fatalf("ParseTemplate(%q) succeeded", tt.src)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("ParseTemplate(%q) error mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestErrorRender(t *testing.T) {
	_, err := Parse("scope", "IF(a,\n\tb,, c)")
	want := "scope:2:4: Syntax error. Extra ','\n" +
		"    \tb,, c)\n" +
		"    \t  ^"
	if diff := cmp.Diff(want, Render(err)); diff != "" {
		t.Errorf("Render mismatch (-want +got):\n%s", diff)
	}
	list := ErrorList{
		NewError("f", "ab", Pos{Offset: 1, Line: 1, Column: 2}, "first"),
		NewError("f", "ab", Pos{Offset: 0, Line: 1, Column: 1}, "second"),
	}
	if got, want := list.Error(), "f:1:2: first (and 1 more errors)"; got != want {
		t.Errorf("ErrorList.Error() = %q, want %q", got, want)
	}
	if got, want := Render(list), "f:1:2: first\n    ab\n     ^\nf:1:1: second\n    ab\n    ^"; got != want {
		t.Errorf("Render(list) = %q, want %q", got, want)
	}
	if (ErrorList{}).Err() != nil {
		t.Error("empty ErrorList.Err() is not nil")
	}
}

func TestLimits(t *testing.T) {
	long := "1" + strings.Repeat(" + 1", 975) // 3,901 characters
	_, err := Parse("f", long)
	if diff := cmp.Diff("f:1:1: Formula is too long (3901 characters). Maximum length is 3900 characters", errString(err)); diff != "" {
		t.Errorf("too long (-want +got):\n%s", diff)
	}
	if _, err := Parse("f", long[:3900-3]); err != nil {
		t.Errorf("3,897 characters: %v", err)
	}
	// Salesforce counts UTF-16 code units: an emoji is two.
	emoji := `"` + strings.Repeat("😀", 1950) + `"`
	if _, err := Parse("f", emoji); err == nil || !strings.Contains(err.Error(), "(3902 characters)") {
		t.Errorf("emoji string: %v", err)
	}

	deep := strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000)
	_, err = Config{MaxLength: -1}.Parse("f", deep)
	if diff := cmp.Diff("f:1:129: Formula is nested too deeply (more than 128 levels of parentheses)", errString(err)); diff != "" {
		t.Errorf("deep nesting (-want +got):\n%s", diff)
	}
	_, err = Parse("f", deep)
	if err == nil || !strings.Contains(err.Error(), "Formula is too long (200001 characters)") {
		t.Errorf("deep nesting with default limits: %v", err)
	}
	ok := strings.Repeat("(", MaxDepth) + "1" + strings.Repeat(")", MaxDepth)
	if _, err := Parse("f", ok); err != nil {
		t.Errorf("nesting at the limit: %v", err)
	}
	calls := strings.Repeat("ABS(", 200) + "1" + strings.Repeat(")", 200)
	if _, err := Parse("f", calls); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("deeply nested calls: %v", err)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
