package scope

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// MaxFileSize bounds one metadata file, in bytes: 10 MiB. A credential,
// named credential or permission set file is a few kilobytes; the limit
// leaves room for the largest permission sets while keeping a hostile file
// from holding the loader's memory.
const MaxFileSize = 10 << 20

// readFile reads one metadata file. It opens without blocking, so that a
// FIFO cannot stall the loader, refuses anything but a regular file, and
// reads at most MaxFileSize bytes. A refusal is an *XMLError, positioned
// in the file.
func readFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &XMLError{Pos: Pos{File: path, Line: 1, Col: 1},
			Msg: fmt.Sprintf("not a regular file (%s); credscope reads only regular files", FileKind(info.Mode()))}
	}
	// Read one byte past the limit: stat alone would trust a size that can
	// change while the file is read.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &XMLError{Pos: newLineIndex(data).pos(path, MaxFileSize),
			Msg: fmt.Sprintf("the file is longer than %d bytes, the most credscope reads", MaxFileSize)}
	}
	return data, nil
}

// FileKind names the kind of a file that is not a regular file, for
// messages: "a named pipe", "a directory" and the like.
func FileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "mode " + m.String()
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
	rel, err := filepath.Rel(r.real, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
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
