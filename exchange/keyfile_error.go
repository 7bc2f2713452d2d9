package exchange

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FileError is a key or certificate of a keystore that cannot be read: it
// does not exist, or its file may not be read.
type FileError struct {
	// Path is the file.
	Path string
	// Certificate is the name of the signing certificate it is part of.
	Certificate string
	// Key reports whether the file is the private key, not the
	// certificate.
	Key bool
	// Err is the error of reading it.
	Err error
}

// Error says which file of which certificate cannot be read, and why.
func (e *FileError) Error() string {
	what := "the certificate"
	if e.Key {
		what = "the private key"
	}
	dir := filepath.Dir(e.Path)
	switch {
	case errors.Is(e.Err, fs.ErrNotExist) && !isDir(dir):
		return fmt.Sprintf("the keystore %s does not exist; it would hold %s of %s as %s", dir, what, e.Certificate, e.Path)
	case errors.Is(e.Err, fs.ErrNotExist):
		return fmt.Sprintf("%s does not exist: the keystore %s holds no %s for the signing certificate %s", e.Path, dir, what[len("the "):], e.Certificate)
	case errors.Is(e.Err, fs.ErrPermission):
		return fmt.Sprintf("%s, %s of %s, may not be read (permission denied)", e.Path, what, e.Certificate)
	}
	return fmt.Sprintf("%s, %s of %s, cannot be read: %v", e.Path, what, e.Certificate, errors.Unwrap(e.Err))
}

// Unwrap returns the error of reading the file.
func (e *FileError) Unwrap() error { return e.Err }

// Missing reports whether the file does not exist.
func (e *FileError) Missing() bool { return errors.Is(e.Err, fs.ErrNotExist) }

// fileError makes err, the error of reading a keystore file, a FileError
// when the file could not be opened; other errors, about its contents, are
// returned as they are.
func fileError(err error, path, cert string, key bool) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &FileError{Path: path, Certificate: cert, Key: key, Err: err}
	}
	return err
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
