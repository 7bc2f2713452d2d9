package repl

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/credscope/credscope"
)

// seed is the scope formula from Salesforce's documentation.
const seed = `IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Department, "Service")), "session:role:" + $User.Department, "")`

// terminal is a REPL running on a pseudo-terminal.
type terminal struct {
	t      *testing.T
	ptmx   *os.File
	screen *screen
	done   chan error
}

func startTerminal(t *testing.T, env map[string]string) *terminal {
	t.Helper()
	return startTerminalWith(t, env, "test")
}

// startTerminalWith is startTerminal with the version the banner shows.
func startTerminalWith(t *testing.T, env map[string]string, version string) *terminal {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("opening a pseudo-terminal: %v", err)
	}
	const width, height = 100, 60
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: width, Rows: height}); err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, ptmx: ptmx, screen: newScreen(width, height), done: make(chan error, 1)}
	go func() { _, _ = io.Copy(term.screen, ptmx) }()
	cfg := Config{In: tty, Out: tty, Err: tty, Example: credscope.Example(), Version: version,
		Getenv: func(k string) string { return env[k] }}
	go func() { term.done <- Run(cfg) }()
	t.Cleanup(func() {
		tty.Close()
		ptmx.Close()
	})
	return term
}

// typeKeys sends keystrokes as a person types them.
func (term *terminal) typeKeys(keys string) {
	term.t.Helper()
	if _, err := term.ptmx.WriteString(keys); err != nil {
		term.t.Fatal(err)
	}
}

// leave types keys that end the REPL, and waits until it has.
func (term *terminal) leave(keys string) {
	term.t.Helper()
	term.typeKeys(keys)
	select {
	case err := <-term.done:
		if err != nil {
			term.t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		term.t.Fatalf("%q did not end the REPL; the screen shows:\n%s", keys, term.screen.text())
	}
}

// waitFor waits until the screen satisfies ok.
func (term *terminal) waitFor(what string, ok func(*screen) bool) {
	term.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok(term.screen) {
		if time.Now().After(deadline) {
			term.t.Fatalf("timed out waiting for %s; the screen shows:\n%s", what, term.screen.text())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitLine waits until the cursor's line reads want.
func (term *terminal) waitLine(want string) {
	term.t.Helper()
	term.waitFor("the line "+want, func(s *screen) bool { return s.cursorLine() == want })
}

// waitText waits until the screen shows want.
func (term *terminal) waitText(want string) {
	term.t.Helper()
	term.waitFor(want, func(s *screen) bool { return strings.Contains(s.text(), want) })
}

// cancelWithCtrlD opens a continued entry, cancels it with Ctrl-D, and
// checks that the REPL says so and stays, evaluating the next entry.
func (term *terminal) cancelWithCtrlD() {
	term.t.Helper()
	term.typeKeys("IF(TRUE,\r")
	term.waitLine("credscope(")
	term.typeKeys("\x04")
	term.waitText("(Ctrl-D cancelled the open entry; on an empty line it leaves)")
	term.waitLine("credscope>")
	term.typeKeys("2 + 2\r")
	term.waitText("4 : Number")
}

func TestTerminal(t *testing.T) {
	state := t.TempDir()
	term := startTerminal(t, map[string]string{"XDG_STATE_HOME": state, "TERM": "xterm"})

	term.waitText("User:    alice@acme.example")
	term.waitText(":help")
	term.waitLine("credscope>")

	// TAB completes a function, with its parenthesis; Ctrl-C clears the line.
	term.typeKeys("CONT\t")
	term.waitLine("credscope> CONTAINS(")
	term.typeKeys("\x03")
	term.waitLine("credscope>")

	// TAB completes a merge field of the schema.
	term.typeKeys("$User.Dep\t")
	term.waitLine("credscope> $User.Department")
	term.typeKeys("\x03")
	term.waitLine("credscope>")

	// Ctrl-C abandons a continued entry.
	term.typeKeys("IF(TRUE,\r")
	term.waitLine("credscope(")
	term.typeKeys("\x03")
	term.waitLine("credscope>")
	term.typeKeys("1 + 1\r")
	term.waitText("2 : Number")

	// So does Ctrl-D on a continuation line, which leaves only from a
	// fresh line.
	term.cancelWithCtrlD()

	// :set takes a formula; the seed formula, typed over two lines, uses it.
	term.typeKeys(`:set $User.Department = "Service"` + "\r")
	term.waitText(`$User.Department = "Service"`)
	half := strings.Index(seed, `CONTAINS($User.Department, "Service")`)
	term.typeKeys(seed[:half] + "\r")
	term.waitLine("credscope(")
	term.typeKeys(seed[half:] + "\r")
	term.waitText(`"session:role:Service" : Text`)
	term.waitLine("credscope>")

	// An error shows a caret under the fault as typed.
	term.typeKeys(`CONTAINS(1, "a")` + "\r")
	term.waitText("Incorrect parameter type for function 'CONTAINS()'. Expected Text, received Number")
	lines, _ := term.screen.lines()
	typed := -1
	for i, l := range lines {
		if l == `credscope> CONTAINS(1, "a")` {
			typed = i
		}
	}
	if typed < 0 || typed+1 >= len(lines) {
		t.Fatalf("the erroneous line is not on the screen:\n%s", term.screen.text())
	}
	if got, want := strings.Index(lines[typed+1], "^"), strings.Index(lines[typed], "1"); got != want || strings.TrimSpace(lines[typed+1]) != "^" {
		t.Errorf("caret at column %d, want %d under the 1:\n%s\n%s", got, want, lines[typed], lines[typed+1])
	}

	// A Text result a credential would refuse as a scope prints, then a
	// warning names the field, its value and the character.
	term.typeKeys(`:set $User.Department = "Customer Service"` + "\r")
	term.typeKeys(`"session:role:" + $User.Department` + "\r")
	term.waitText(`"session:role:Customer Service" : Text`)
	term.waitText(`warning: as a scope this would be refused: $User.Department = "Customer Service" contains a space`)

	// On a terminal without NO_COLOR the prompt is in colour.
	if !strings.Contains(term.screen.output(), "\x1b[1;34mcredscope>") {
		t.Errorf("the prompt is not in colour: %q", term.screen.output())
	}

	// Ctrl-D leaves.
	term.waitLine("credscope>")
	term.leave("\x04")

	// The history holds each entry on one line.
	data, err := os.ReadFile(filepath.Join(state, "credscope", "history"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`:set $User.Department = "Service"`, seed, `CONTAINS(1, "a")`} {
		if !strings.Contains(string(data), want+"\n") {
			t.Errorf("the history lacks %s:\n%s", want, data)
		}
	}
}

func TestTerminalNoColor(t *testing.T) {
	term := startTerminal(t, map[string]string{"XDG_STATE_HOME": t.TempDir(), "NO_COLOR": "1"})
	term.waitLine("credscope>")
	term.typeKeys("1 + 1\r")
	term.waitText("2 : Number")

	// The note of a cancelled entry, too, is without colour.
	term.cancelWithCtrlD()
	term.leave(":quit\r")
	if out := term.screen.output(); regexp.MustCompile(`\x1b\[[0-9;]*m`).MatchString(out) {
		t.Errorf("colour despite NO_COLOR: %q", out)
	}
}

// TestTerminalHistoryStaysPrivate starts the REPL on a history past
// readline's limit, which readline writes anew through a temporary file
// with the default mode, and checks that the file is readable by its owner
// only once the REPL is up and after every entry saved.
func TestTerminalHistoryStaysPrivate(t *testing.T) {
	state := t.TempDir()
	path := filepath.Join(state, "credscope", "history")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var old strings.Builder
	for i := range historyLimit + 5 {
		fmt.Fprintf(&old, "%d + 1\n", i)
	}
	if err := os.WriteFile(path, []byte(old.String()), 0o600); err != nil {
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
	term := startTerminal(t, map[string]string{"XDG_STATE_HOME": state, "NO_COLOR": "1"})
	term.waitLine("credscope>")
	if got := mode(); got != 0o600 {
		t.Errorf("once the REPL is up the history has mode %04o, want 0600", got)
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the history's directory: %v; want mode 0700", err)
	}
	for i, entry := range []string{"2 + 2", "3 + 3"} {
		// Whatever widened the mode in between, the next save narrows it.
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		term.typeKeys(entry + "\r")
		term.waitText(fmt.Sprintf("%d : Number", 4+2*i))
		term.waitLine("credscope>")
		if got := mode(); got != 0o600 {
			t.Errorf("after saving %q the history has mode %04o, want 0600", entry, got)
		}
	}
	term.leave(":quit\r")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n > historyLimit+3 {
		t.Errorf("the history holds %d lines; readline did not write it anew", n)
	}
}

// TestBannerVersion: a development build's long pseudo-version is shortened,
// so that no line of the banner wraps at 100 columns.
func TestBannerVersion(t *testing.T) {
	term := startTerminalWith(t, map[string]string{"XDG_STATE_HOME": t.TempDir(), "TERM": "xterm", "NO_COLOR": "1"},
		"v0.0.0-20261202113305-abcdef123456+dirty")
	term.waitLine("credscope>")
	lines, _ := term.screen.lines()
	title := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "credscope devel abcdef1: ") {
			title = i
		}
		if len([]rune(l)) >= 100 {
			t.Errorf("line %d fills the 100 columns, so it wraps: %q", i, l)
		}
	}
	if title < 0 || !strings.HasSuffix(lines[title], "External Credentials do.") {
		t.Errorf("no banner title with the short version on one line:\n%s", term.screen.text())
	}
	for _, tt := range []struct{ in, want string }{
		{"v1.2.3", "v1.2.3"},
		{"v1.2.4-0.20261202113305-abcdef123456", "devel abcdef1"},
		{"v1.2.3-rc.1.0.20261202113305-abcdef123456+dirty", "devel abcdef1"},
		{"v1.2.3-a-very-long-prerelease-name", "v1.2.3-a-very-long-prer…"},
		{"", ""},
	} {
		if got := bannerVersion(tt.in); got != tt.want {
			t.Errorf("bannerVersion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTerminalObject completes an object's fields through relationships on
// a terminal: TAB spells the word as the model does.
func TestTerminalObject(t *testing.T) {
	term := startTerminal(t, map[string]string{"XDG_STATE_HOME": t.TempDir(), "NO_COLOR": "1"})
	term.waitLine("credscope>")
	term.typeKeys(":object opp\t")
	term.waitLine("credscope> :object Opportunity")
	term.typeKeys("\r")
	term.waitText("Formulas are formula fields of Opportunity")
	term.typeKeys("LEN(account.ow\t")
	term.waitLine("credscope> LEN(Account.Owner")
	term.typeKeys(".mana\t")
	term.waitLine("credscope> LEN(Account.Owner.Manager")
	term.typeKeys(".ema\t")
	term.waitLine("credscope> LEN(Account.Owner.Manager.Email")
	term.typeKeys(")\r")
	term.waitText("0 : Number")
	term.leave(":quit\r")
}
