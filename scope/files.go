package scope

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

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
	return refused(path, data, err)
}

// readFSFile reads one file of fsys as readFile reads one of the OS, naming
// it path.
func readFSFile(fsys fs.FS, name, path string) ([]byte, error) {
	data, err := safefile.ReadFS(fsys, name, path, MaxFileSize)
	return refused(path, data, err)
}

// readInputFile reads a user context or record file through safefile, as
// the loader reads metadata: a FIFO, device or directory is refused, at
// once. A file longer than MaxUserContextSize comes back as its first
// MaxUserContextSize+1 bytes, so that the parser refuses it at the first
// byte past the limit, with its position.
func readInputFile(path string) ([]byte, error) {
	data, err := safefile.Read(path, MaxUserContextSize)
	var tooLong *safefile.TooLongError
	if errors.As(err, &tooLong) {
		return tooLong.Head, nil
	}
	return data, err
}

// refused turns safefile's refusals of path into *XMLErrors, positioned in
// the file, and passes the rest through.
func refused(path string, data []byte, err error) ([]byte, error) {
	var notRegular *safefile.NotRegularError
	var tooLong *safefile.TooLongError
	switch {
	case errors.As(err, &notRegular):
		return nil, &XMLError{Pos: Pos{File: path, Line: 1, Column: 1},
			Msg: "this is " + notRegular.Refusal() + "; credscope reads only regular files"}
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
