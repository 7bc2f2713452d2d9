package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/credscope/credscope/scope"
)

// loadPrevious loads the old version of a project for lint --against: a
// directory as it is, or a git revision of the files under paths.
func loadPrevious(against string, paths []string) (*scope.Project, error) {
	if info, err := os.Stat(against); err == nil && info.IsDir() {
		return scope.Load(against)
	}
	current, err := scope.Load(paths...)
	if err != nil {
		return nil, err
	}
	prev := &scope.Project{}
	for i, file := range current.Files {
		dir := filepath.Dir(file)
		top, err := gitOutput(dir, "rev-parse", "--show-toplevel")
		if err != nil {
			return nil, fmt.Errorf("%s is not in a git work tree: %v", file, err)
		}
		// A file missing at the revision is new; a revision that does not
		// exist must not make every file look new.
		if i == 0 {
			if _, err := gitOutput(dir, "rev-parse", "--verify", "--quiet", against+"^{commit}"); err != nil {
				return nil, fmt.Errorf("not a directory, nor a git revision of %s", strings.TrimSpace(string(top)))
			}
		}
		abs, err := filepath.Abs(file)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(strings.TrimSpace(string(top)), abs)
		if err != nil {
			return nil, err
		}
		data, err := gitOutput(dir, "show", against+":"+filepath.ToSlash(rel))
		if err != nil {
			continue // the file is new since that revision
		}
		prev.LoadFile(file, data)
	}
	return prev, nil
}

func gitOutput(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
