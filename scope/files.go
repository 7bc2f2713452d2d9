package scope

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/credscope/credscope/internal/safefile"
)

// MaxFileSize bounds one metadata file, in bytes: 10 MiB. A credential,
// named credential or permission set file is a few kilobytes; the limit
// leaves room for the largest permission sets while keeping a hostile file
// from holding the loader's memory.
const MaxFileSize = 10 << 20

// readFile reads one metadata file: a regular file of at most
// MaxFileSize bytes (see safefile.Read). A refusal is an *XMLError,
// positioned in the file.
func readFile(path string) ([]byte, error) {
	data, err := safefile.Read(path, MaxFileSize)
	var notRegular *safefile.NotRegularError
	var tooLong *safefile.TooLongError
	switch {
	case errors.As(err, &notRegular):
		return nil, &XMLError{Pos: Pos{File: path, Line: 1, Col: 1},
			Msg: fmt.Sprintf("not a regular file (%s); credscope reads only regular files", safefile.Kind(notRegular.Mode))}
	case errors.As(err, &tooLong):
		return nil, &XMLError{Pos: newLineIndex(tooLong.Head).pos(path, MaxFileSize),
			Msg: fmt.Sprintf("the file is longer than %d bytes, the most credscope reads", MaxFileSize)}
	}
	return data, err
}

// projectRoot is a project directory with its symbolic links resolved, for
// telling whether a path stays inside it.
type projectRoot struct {
	dir  string // as given
	real string // with symbolic links resolved
}

func newProjectRoot(dir string) (projectRoot, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return projectRoot{}, err
	}
	real, err = filepath.Abs(real)
	return projectRoot{dir: dir, real: real}, err
}

// contains reports whether path, with its symbolic links resolved, lies
// inside the project. A path that does not resolve is outside.
func (r projectRoot) contains(path string) bool {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return false
	}
	return safefile.Within(real, r.real)
}

// packageDir resolves a packageDirectories path of sfdx-project.json. It
// must be relative and stay inside the project, through symbolic links
// too; otherwise it returns why not.
func (r projectRoot) packageDir(path string) (string, string) {
	native := filepath.FromSlash(path)
	if filepath.IsAbs(native) || filepath.VolumeName(native) != "" || strings.HasPrefix(path, "/") {
		return "", fmt.Sprintf("package directory %q is an absolute path; it must be relative to the project", path)
	}
	clean := filepath.Clean(native)
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Sprintf("package directory %q leaves the project", path)
	}
	full := filepath.Join(r.dir, clean)
	if _, err := os.Lstat(full); err == nil && !r.contains(full) {
		return "", fmt.Sprintf("package directory %q leads outside the project through a symbolic link", path)
	}
	return full, ""
}
