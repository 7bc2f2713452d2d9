package repl

import (
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/chzyer/readline"
	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// Config configures a REPL.
type Config struct {
	// In is read for input. When it is a terminal the REPL is interactive;
	// otherwise In is run as a script.
	In io.Reader
	// Out receives results and Err receives errors. On a terminal, Out
	// should be the same terminal as In.
	Out, Err io.Writer
	// UserFile is a context file describing the running user. Empty means
	// the example user alice.
	UserFile string
	// ProjectDir is an SFDX project whose credentials :scope and :claims
	// use. Empty means the example project when UserFile is empty too, and
	// no project otherwise.
	ProjectDir string
	// Example is the example SFDX project, with context files in users/.
	Example fs.FS
	// Getenv reads NO_COLOR, TERM, XDG_STATE_HOME and HOME. Nil means
	// os.Getenv.
	Getenv func(string) string
	// Version is shown in the banner.
	Version string
	// WriteScope prints what :scope composed. Nil means a plain listing.
	WriteScope func(w io.Writer, results []Composed)
	// Keys supplies the keys SIGN and SIGN_WITH_CERTIFICATE name. Nil
	// means none: they fail, saying no key provider is configured.
	Keys eval.KeyProvider
}

// Composed is one credential's scope for the running user, or the error
// that stopped its composition.
type Composed struct {
	Composition *scope.Composition
	Err         error
}

// FailedError reports that inputs of a script failed. Their errors have
// been printed.
type FailedError struct {
	Failed int
}

// Error says how many inputs failed.
func (e *FailedError) Error() string { return fmt.Sprintf("%d input(s) failed", e.Failed) }

// Run runs the REPL until its input ends or :quit. A script whose inputs
// failed returns a *FailedError; an unreadable user file or project returns
// its error before anything runs.
func Run(cfg Config) error {
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	if f, ok := cfg.In.(*os.File); ok && readline.IsTerminal(int(f.Fd())) {
		s, err := newSession(cfg, isTerminal(cfg.Out) && colorAllowed(cfg.Getenv))
		if err != nil {
			return err
		}
		return s.interactive(f)
	}
	s, err := newSession(cfg, false)
	if err != nil {
		return err
	}
	return s.script(cfg.In)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && readline.IsTerminal(int(f.Fd()))
}

// colorAllowed reports whether the environment allows colour: NO_COLOR
// unset or empty, and a terminal that is not dumb.
func colorAllowed(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}
