package repl

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/credscope/credscope/scope"
)

// cmdSave writes the running user, as :set left them, to a context file
// that :user and --user read. The file is made with mode 0600, since it
// holds the $Credential parameters, and never replaces an existing one.
func (s *session) cmdSave(a arg) error {
	if a.text == "" {
		return s.usage("save")
	}
	var b bytes.Buffer
	written, left, err := scope.WriteUserContext(&b, s.vals, s.permissionSets())
	if err != nil {
		return err
	}
	f, err := os.OpenFile(a.text, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return &hintError{err: fmt.Errorf("%s exists; :save never replaces a file", a.text), hint: "choose another name, or remove the file first"}
	}
	if err != nil {
		return err
	}
	_, err = f.Write(b.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", a.text, err)
	}
	msg := fmt.Sprintf("saved %s to %s: %d field(s), %d permission set(s)", s.userName(), a.text, written, len(s.permissionSets()))
	if left > 0 {
		msg += fmt.Sprintf("; %d field(s) holding a secret copied from $Credential left out", left)
	}
	s.out.println(msg)
	return nil
}
