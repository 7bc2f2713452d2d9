package formula

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRenderCaret pins where the caret goes under wide characters, emoji,
// combining marks and tabs, and how a long line is cut around the fault.
func TestRenderCaret(t *testing.T) {
	long := strings.Repeat("a", 1500) + " @ " + strings.Repeat("b", 1500)
	tests := []struct {
		name, src, want string
	}{
		{"ascii", `a @ b`, "f:1:3: Syntax error. Found '@'\n    a @ b\n      ^"},
		{"wide", `"日本語" @ b`, "f:1:7: Syntax error. Found '@'\n    \"日本語\" @ b\n             ^"},
		{"emoji", `"🔑🔑" @ b`, "f:1:6: Syntax error. Found '@'\n    \"🔑🔑\" @ b\n           ^"},
		{"combining", "\"e\u0301\" @ b", "f:1:6: Syntax error. Found '@'\n    \"e\u0301\" @ b\n        ^"},
		{"tab", "\t\"日\" @ b", "f:1:6: Syntax error. Found '@'\n    \t\"日\" @ b\n    \t     ^"},
		{"long", long, "f:1:1502: Syntax error. Found '@'\n    …" + strings.Repeat("a", 48) + " @ " +
			strings.Repeat("b", 47) + "…\n     " + strings.Repeat(" ", 49) + "^"},
		{"long start", "@" + long, "f:1:1: Syntax error. Found '@'\n    @" + strings.Repeat("a", 97) + "…\n    ^"},
		{"long end", strings.Repeat("b", 3000) + " +", "f:1:3003: Syntax error. Missing expression\n    …" + strings.Repeat("b", 96) + " +\n     " + strings.Repeat(" ", 98) + "^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f", tt.src)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tt.src)
			}
			if diff := cmp.Diff(tt.want, Render(err)); diff != "" {
				t.Errorf("Render mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRenderSpan pins the tildes under a fault's span: counted in columns,
// and cut where the shown line is cut.
func TestRenderSpan(t *testing.T) {
	tests := []struct {
		name      string
		line      string
		pos, end  int
		wantLines string
	}{
		{"ascii", "abc def", 5, 8, "    abc def\n        ^~~"},
		{"wide", "ab 日本 x", 4, 6, "    ab 日本 x\n       ^~~~"},
		{"past end", "ab", 3, 5, "    ab\n      ^~"},
		{"cut", strings.Repeat("x", 100) + strings.Repeat("y", 200), 101, 301,
			"    …" + strings.Repeat("x", 49) + strings.Repeat("y", 49) + "…\n     " + strings.Repeat(" ", 49) + "^" + strings.Repeat("~", 49)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &Error{Name: "f", Msg: "m", Line: tt.line,
				Pos: Pos{Line: 1, Column: tt.pos}, End: Pos{Line: 1, Column: tt.end}}
			got := strings.SplitN(e.Render(), "\n", 2)[1]
			if diff := cmp.Diff(tt.wantLines, got); diff != "" {
				t.Errorf("Render mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWindow pins the part of a long line shown around a fault.
func TestWindow(t *testing.T) {
	tests := []struct {
		line      string
		col, room int
		shown     string
		at        int
	}{
		{"short", 2, 20, "short", 2},
		{"0123456789abcdefghijklmnopqrstuvwxyz", 30, 12, "…pqrstuvwxy…", 6},
		{"0123456789abcdefghijklmnopqrstuvwxyz", 35, 12, "…qrstuvwxyz", 10},
		{"0123456789abcdefghijklmnopqrstuvwxyz", 2, 12, "0123456789…", 2},
		{"0123456789abcdefghijklmnopqrstuvwxyz", 18, 12, "…defghijklm…", 6},
	}
	for _, tt := range tests {
		shown, at := Window(tt.line, tt.col, tt.room)
		if shown != tt.shown || at != tt.at {
			t.Errorf("Window(%q, %d, %d) = %q, %d; want %q, %d", tt.line, tt.col, tt.room, shown, at, tt.shown, tt.at)
		}
	}
}

// TestErrorWithoutPosition checks that an error with no position prints
// none, rather than 0:0, and no caret.
func TestErrorWithoutPosition(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Msg: "Unknown function HMC. Check spelling."}, "Unknown function HMC. Check spelling."},
		{&Error{Name: "f", Msg: "m", Line: "abc"}, "f: m"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.err.Render()); diff != "" {
			t.Errorf("Render mismatch (-want +got):\n%s", diff)
		}
	}
}
