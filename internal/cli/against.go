package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/credscope/credscope/internal/gitfs"
	"github.com/credscope/credscope/internal/safefile"
	"github.com/credscope/credscope/scope"
)

// loadPrevious loads the old version of project p, loaded from paths, for
// lint --against: a directory as it is, or each of p's projects as it was
// at a git revision, read by the loader that reads them now (scope.LoadFS).
// A path in no project is read as the directory it is, or is in.
func loadPrevious(against string, p *scope.Project, paths []string) (*scope.Project, error) {
	if info, err := os.Stat(against); err == nil && info.IsDir() {
		return scope.Load(against)
	}
	var prev *scope.Project
	for _, dir := range projectDirs(p, paths) {
		name := dir // as the paths were given: relative, or absolute
		if wd, err := os.Getwd(); err == nil && !filepath.IsAbs(paths[0]) {
			if rel, err := filepath.Rel(wd, dir); err == nil {
				name = rel
			}
		}
		top, err := gitfs.TopLevel(dir)
		if err != nil {
			return nil, fmt.Errorf("%s is not in a git work tree: %v", name, err)
		}
		fsys, err := gitfs.New(dir, against)
		if errors.Is(err, gitfs.ErrNoRevision) {
			return nil, fmt.Errorf("not a directory, nor a git revision of %s", top)
		}
		if err != nil {
			return nil, err
		}
		old, err := scope.LoadFS(fsys, filepath.ToSlash(name))
		if err != nil {
			return nil, err
		}
		if prev == nil {
			prev = old
			continue
		}
		// The principal-edit rule looks up the old credentials by name.
		prev.ExternalCredentials = append(prev.ExternalCredentials, old.ExternalCredentials...)
	}
	return prev, nil
}

// projectDirs lists the project roots of p, and the directory of each path
// that lies in none of them.
func projectDirs(p *scope.Project, paths []string) []string {
	dirs := slices.Clone(p.Roots)
	for _, path := range paths {
		abs, err := filepath.Abs(path)
		if err != nil {
			continue
		}
		if info, err := os.Stat(abs); err == nil && !info.IsDir() {
			abs = filepath.Dir(abs)
		}
		if !slices.ContainsFunc(p.Roots, func(root string) bool { return safefile.Within(abs, root) }) && !slices.Contains(dirs, abs) {
			dirs = append(dirs, abs)
		}
	}
	return dirs
}
