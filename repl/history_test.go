package repl

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/chzyer/readline"
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

// TestHistoryStaysPrivate fills a history past readline's limit, so that
// readline writes the file anew through a temporary file, and checks that
// the file is readable by its owner only after opening and after every
// save.
func TestHistoryStaysPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are POSIX")
	}
	dir := filepath.Join(t.TempDir(), "credscope")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "history")
	lines := make([]string, historyLimit+5)
	for i := range lines {
		lines[i] = fmt.Sprintf("%d + 1", i)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mode := func() os.FileMode {
		t.Helper()
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return info.Mode().Perm()
	}
	rl, err := readline.NewEx(&readline.Config{
		HistoryFile: path, HistoryLimit: historyLimit, DisableAutoSaveHistory: true,
		Stdin: io.NopCloser(strings.NewReader("")), Stdout: io.Discard, Stderr: io.Discard,
		FuncIsTerminal: func() bool { return false },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer rl.Close()
	if err := secureHistory(path); err != nil {
		t.Fatal(err)
	}
	if got := mode(); got != 0o600 {
		t.Errorf("after readline opened it, the history has mode %04o, want 0600", got)
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the history's directory: %v, %v; want mode 0700", info.Mode(), err)
	}
	for i := range 3 {
		// Whatever widened the mode in between, a save narrows it again.
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := saveHistory(rl, path, fmt.Sprintf("%d * 2", i)); err != nil {
			t.Fatal(err)
		}
		if got := mode(); got != 0o600 {
			t.Errorf("after save %d the history has mode %04o, want 0600", i, got)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n > historyLimit+3 {
		t.Errorf("the history holds %d lines; readline did not write it anew", n)
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
