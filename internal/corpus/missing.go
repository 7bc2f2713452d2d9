package corpus

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// Missing is the one line that says the corpus is not where Locate looks
// for it from moduleRoot, and where it comes from.
func Missing(moduleRoot string) string {
	if abs, err := filepath.Abs(moduleRoot); err == nil {
		moduleRoot = abs
	}
	return fmt.Sprintf("conformance corpus not found, so TestSalesforceCorpus is skipped: put %s, the test corpus of github.com/salesforce/formula-engine, in %s or in $%s",
		FileName, filepath.Join(moduleRoot, "..", "shared", "conformance", "salesforce-formula-engine"), EnvDir)
}

// SkipMissing skips t with the Missing line for moduleRoot. go test hides
// the output of a package that passes, unless -v, so the line also goes
// to the terminal that runs the tests, when there is one: a plain
// go test ./... says once that the corpus was skipped.
func SkipMissing(t testing.TB, moduleRoot string) {
	t.Helper()
	line := Missing(moduleRoot)
	if !testing.Verbose() {
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			tell(tty, line)
			tty.Close()
		}
	}
	t.Skip(line)
}

// tell writes line to w as the go command writes a package's result.
func tell(w io.Writer, line string) { fmt.Fprintf(w, "note\t%s\n", line) }
