package formula

import "testing"

func TestReplaceIdents(t *testing.T) {
	with := func(id string) (string, bool) {
		switch id {
		case "a":
			return "(1 + 2)", true
		case "$User.Title":
			return `"x"`, true
		}
		return "", false
	}
	tests := []struct{ src, want string }{
		{`a * b`, `(1 + 2) * b`},
		{`IF(a, "a", $User.Title)`, `IF((1 + 2), "a", "x")`},
		{`/* a */ a`, `/* a */ (1 + 2)`},
		{`b`, `b`},
	}
	for _, tt := range tests {
		got, err := ReplaceIdents("t", tt.src, with)
		if err != nil {
			t.Fatalf("ReplaceIdents(%q): %v", tt.src, err)
		}
		if got != tt.want {
			t.Errorf("ReplaceIdents(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
	if _, err := ReplaceIdents("t", "a +", with); err == nil {
		t.Error("ReplaceIdents of a bad formula succeeded")
	}
}
