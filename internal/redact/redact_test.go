package redact

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValue(t *testing.T) {
	long := strings.Repeat("é", MaxRunes+5)
	tests := []struct {
		name, in string
		secret   bool
		want     string
	}{
		{"plain", "Sales", false, "Sales"},
		{"secret", `hunter2(SECRET "x y'`, true, Mask},
		{"secret blank", "", true, Mask},
		{"newline forging a line", "a\ncredscope: ok", false, `a\ncredscope: ok`},
		{"escape sequence", "\x1b]0;title\x07x", false, `\x1b]0;title\ax`},
		{"bidi override", "abc\u202edef", false, `abc\u202edef`},
		{"invalid byte", "a\xffb", false, "a\ufffdb"},
		{"long", long, false, strings.Repeat("é", MaxRunes) + "…"},
		{"exactly the limit", long[:2*MaxRunes], false, long[:2*MaxRunes]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Value(tt.in, tt.secret)); diff != "" {
				t.Errorf("Value(%q, %v) (-want +got):\n%s", tt.in, tt.secret, diff)
			}
		})
	}
}

func TestExternal(t *testing.T) {
	const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz"
	tests := []struct {
		name, in string
		hide     []string
		want     string
	}{
		{"plain", "invalid audience", nil, "invalid audience"},
		{"forged line", "bad\ncredscope: token ok\r\nmore", nil, "bad credscope: token ok more"},
		{"CSI and OSC", "\x1b[31mred\x1b[0m \x1b]8;;https://evil/\x07link\x1b]8;;\x1b\\ \x1b]0;t\x1b\\end", nil, "red link end"},
		{"C1 controls", "a\u009b31mb\u0085c", nil, "a31mb c"},
		{"bidi", "ok\u202egnp.exe", nil, "okgnp.exe"},
		{"echoed assertion", "assertion " + jwt + " is expired", nil, "assertion " + Mask + " is expired"},
		{"unsigned token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJib2IifQ.", nil, Mask},
		{"host names stay", "see login.example.com for help", nil, "see login.example.com for help"},
		{"hidden value", "no user s3cr3t-tenant here", []string{"s3cr3t-tenant"}, "no user " + Mask + " here"},
		{"short hide ignored", "a b c", []string{"b"}, "a b c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, External(tt.in, tt.hide...)); diff != "" {
				t.Errorf("External(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestPrintable(t *testing.T) {
	in := "billing.read\x1b]0;owned\x07 eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln\u202e\nrefunds.approve"
	want := "billing.read eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln refunds.approve"
	if diff := cmp.Diff(want, Printable(in)); diff != "" {
		t.Errorf("Printable (-want +got):\n%s", diff)
	}
}

func TestExternalCap(t *testing.T) {
	for _, in := range []string{strings.Repeat("a", 10_000), strings.Repeat("€", 1_000), strings.Repeat(" x", 5_000)} {
		got := External(in)
		if len(got) > MaxExternal {
			t.Errorf("External of %d bytes gave %d bytes, over %d", len(in), len(got), MaxExternal)
		}
		if !strings.HasSuffix(got, "…") {
			t.Errorf("a cut text does not end in …: %q", got[len(got)-10:])
		}
		if !strings.HasPrefix(in, strings.TrimSuffix(got, "…")) && !strings.HasPrefix(strings.TrimSpace(in), strings.TrimSuffix(got, "…")) {
			t.Errorf("External of %q… is not its start", in[:10])
		}
	}
}

// FuzzExternal checks, for any text, that the result is short, holds no
// control character, and never holds a hidden value.
func FuzzExternal(f *testing.F) {
	f.Add("x\x1b[2Jy", "s3cr3t-tenant")
	f.Add("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.sig", "abcd")
	f.Fuzz(func(t *testing.T, s, hide string) {
		got := External(s+hide+s, hide)
		if len(got) > MaxExternal {
			t.Fatalf("%d bytes", len(got))
		}
		for _, r := range got {
			if unsafeRune(r) || r == '\n' || r == '\r' {
				t.Fatalf("%q holds %U", got, r)
			}
		}
		if len(hide) >= 4 && strings.TrimSpace(hide) == hide && !strings.ContainsFunc(hide, func(r rune) bool { return unsafeRune(r) || r == ' ' || r == '\x1b' }) && strings.Contains(got, hide) {
			t.Fatalf("%q shows the hidden %q", got, hide)
		}
	})
}
