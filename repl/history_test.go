package repl

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestHistoryPath(t *testing.T) {
	tests := []struct {
		env     map[string]string
		want    string
		wantErr bool
	}{
		{env: map[string]string{"XDG_STATE_HOME": "/state", "HOME": "/home/a"}, want: "/state/credscope/history"},
		{env: map[string]string{"HOME": "/home/a"}, want: "/home/a/.local/state/credscope/history"},
		{env: map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/a"}, want: "/home/a/.local/state/credscope/history"},
		{env: map[string]string{}, wantErr: true},
	}
	for _, tt := range tests {
		got, err := historyPath(func(k string) string { return tt.env[k] })
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("historyPath(%v) = %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
}

func TestHistoryLine(t *testing.T) {
	s := newTestSession(t)
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{`1 + 1`}, `1 + 1`},
		{[]string{`IF(a,`, `   b,`, `   c)`}, `IF(a, b, c)`},
		{[]string{`:set $User.Department = "Sales"`}, `:set $User.Department = "Sales"`},
		{[]string{`:set $Credential.Billing_API.Password = "hunter2"`}, ``},
		{[]string{`:se $credential.Billing_API.Password = "hunter2"`}, ``},
	}
	for _, tt := range tests {
		if got := s.historyLine(newEntry(tt.lines, nil, 1)); got != tt.want {
			t.Errorf("historyLine(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}

// TestHistoryRefusesSymlink checks that a history path that is a symbolic
// link is not followed to change another file's mode.
func TestHistoryRefusesSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are POSIX")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere")
	if err := os.WriteFile(target, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "credscope"), 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "credscope", "history")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := secureHistory(link); err == nil {
		t.Error("no error for a history that is a symbolic link")
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o644 {
		t.Errorf("the link's target changed mode to %04o", info.Mode().Perm())
	}
}
