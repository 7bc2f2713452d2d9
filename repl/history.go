package repl

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chzyer/readline"
)

// historyLimit is how many entries the history keeps.
const historyLimit = 1000

// historyPath returns where the history lives:
// $XDG_STATE_HOME/credscope/history, or ~/.local/state/credscope/history
// when XDG_STATE_HOME is unset or not absolute.
func historyPath(getenv func(string) string) (string, error) {
	dir := getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(dir) {
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("neither XDG_STATE_HOME nor HOME is set")
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "credscope", "history"), nil
}

// openHistory creates the history file, readable by its owner only, and
// reads its entries. It returns the file's path.
func (s *session) openHistory() (string, error) {
	path, err := historyPath(s.cfg.Getenv)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDONLY, 0o600)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := secureHistory(path); err != nil {
		return "", err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			s.history = append(s.history, line)
		}
	}
	if len(s.history) > historyLimit {
		s.history = s.history[len(s.history)-historyLimit:]
	}
	return path, sc.Err()
}

// secureHistory makes the history file, and the directory that holds it,
// readable by their owner only. Readline writes a history past its limit
// anew, through a temporary file created with the default mode, so the
// mode is checked again after every write. Only a regular file is
// touched: a history path that is a symbolic link is refused.
func secureHistory(path string) error {
	if err := chmodPrivate(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	info, err := os.Lstat(path)
	switch {
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	}
	return chmodPrivate(path, 0o600)
}

// chmodPrivate sets mode on path when its group or other bits are set.
func chmodPrivate(path string, mode os.FileMode) error {
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm()&0o077 == 0 {
		return err
	}
	return os.Chmod(path, mode)
}

// saveHistory appends line to readline's history file and keeps the file
// private.
func saveHistory(rl *readline.Instance, path, line string) error {
	if err := rl.SaveHistory(line); err != nil {
		return err
	}
	if path == "" {
		return nil
	}
	return secureHistory(path)
}

// historyLine returns the line an entry is remembered as: its lines joined
// with spaces. It is empty for an entry that sets a $Credential parameter,
// which must not be written down.
func (s *session) historyLine(e *entry) string {
	parts := make([]string, 0, len(e.lines))
	for _, l := range e.lines {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	line := strings.Join(parts, " ")
	if strings.HasPrefix(line, ":") {
		name, a := splitCommand(line)
		if c, err := s.lookup(name); err == nil && c.name == "set" &&
			strings.HasPrefix(strings.ToLower(a.text), "$credential.") {
			return ""
		}
	}
	return line
}

// remember adds an entry to the history.
func (s *session) remember(line string) {
	if line == "" || len(s.history) > 0 && s.history[len(s.history)-1] == line {
		return
	}
	s.history = append(s.history, line)
}
