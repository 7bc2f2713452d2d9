// Package safefile reads files from trees credscope does not control:
// metadata from pull requests, keystores. It reads only regular files,
// never blocks on a FIFO, never reads past a size limit, and tells whether
// a path stays inside a root.
package safefile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// NotRegularError is a file that is not a regular file.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

// Error names the file and says what it is instead of a file: the one
// sentence credscope refuses a directory, a pipe or a device with.
func (e *NotRegularError) Error() string { return e.Path + " is " + e.Refusal() }

// Refusal is Error without the path, for a message that names the file
// elsewhere: "a named pipe, where a file was expected".
func (e *NotRegularError) Refusal() string {
	return Kind(e.Mode) + ", where a file was expected"
}

// TooLongError is a file longer than the limit it was read with.
type TooLongError struct {
	Path  string
	Limit int
	// Head is the first Limit+1 bytes, so that the caller can point at the
	// first byte past the limit.
	Head []byte
}

// Error names the file and the limit.
func (e *TooLongError) Error() string {
	return fmt.Sprintf("%s is longer than %d bytes", e.Path, e.Limit)
}

// Read reads path, following symbolic links, which must be a regular file
// of at most limit bytes. It opens the file without blocking, so that a
// FIFO cannot stall it, checks the open file rather than the path, so that
// nothing can be swapped in between, and reads one byte past the limit
// rather than trusting a size from stat.
func Read(path string, limit int) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, err
	}
	return readOpen(f, path, limit)
}

// ReadFS reads name from fsys as Read reads a path: a regular file of at
// most limit bytes. Errors name the file path.
func ReadFS(fsys fs.FS, name, path string, limit int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return readOpen(f, path, limit)
}

// readOpen reads an open file, which it closes, checking it is regular and
// at most limit bytes.
func readOpen(f fs.File, path string, limit int) ([]byte, error) {
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Mode: info.Mode()}
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, &TooLongError{Path: path, Limit: limit, Head: data}
	}
	return data, nil
}

// Kind names the kind of a file that is not regular.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// Within reports whether path is root or below it, comparing the paths as
// written: resolve symbolic links in both first.
func Within(path, root string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
