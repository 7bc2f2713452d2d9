package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"github.com/credscope/credscope/internal/safefile"
)

// plainMessage is err's message with the file-system error inside it, such
// as "stat x: no such file or directory", said as a sentence about the
// path: the one place the command line turns system-call words into what
// went wrong.
func plainMessage(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return msg
	}
	return strings.Replace(msg, pe.Error(), pathSentence(pe), 1)
}

// pathSentence says what is wrong with the path of pe.
func pathSentence(pe *fs.PathError) string {
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		return fmt.Sprintf("%s does not exist", pe.Path)
	case errors.Is(pe.Err, syscall.EISDIR):
		return (&safefile.NotRegularError{Path: pe.Path, Mode: fs.ModeDir}).Error()
	case errors.Is(pe.Err, syscall.ENOTDIR):
		return fmt.Sprintf("%s does not exist: a part of its path is a file, not a directory", pe.Path)
	case errors.Is(pe.Err, fs.ErrPermission):
		return fmt.Sprintf("%s cannot be read: permission denied", pe.Path)
	}
	return fmt.Sprintf("%s cannot be read: %v", pe.Path, pe.Err)
}
