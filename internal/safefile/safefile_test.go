//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// TestRead: regular files up to the limit are read; a FIFO, a device and a
// directory are refused without blocking, and a longer file after one byte
// past the limit.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(write("target", "abc"), link); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Data string
		Err  string
	}
	tests := []struct {
		name, path string
		want       result
	}{
		{"at the limit", write("four", "abcd"), result{Data: "abcd"}},
		{"through a link", link, result{Data: "abc"}},
		{"past the limit", write("five", "abcde"), result{Err: "too long: abcde"}},
		{"FIFO", fifo, result{Err: "a named pipe"}},
		{"device", "/dev/zero", result{Err: "a device"}},
		{"directory", dir, result{Err: "a directory"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := Read(tt.path, 4)
			got := result{Data: string(data)}
			var notRegular *NotRegularError
			var tooLong *TooLongError
			switch {
			case errors.As(err, &notRegular):
				got.Err = Kind(notRegular.Mode)
			case errors.As(err, &tooLong):
				got.Err = "too long: " + string(tooLong.Head)
			case err != nil:
				got.Err = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"four":  {Data: []byte("abcd")},
		"five":  {Data: []byte("abcde")},
		"fifo":  {Mode: fs.ModeNamedPipe},
		"dir/x": {Data: []byte("x")},
	}
	type result struct {
		Data string
		Err  string
	}
	tests := []struct {
		name string
		want result
	}{
		{"four", result{Data: "abcd"}},
		{"five", result{Err: "p/five is longer than 4 bytes; head abcde"}},
		{"fifo", result{Err: "p/fifo is a named pipe, where a file was expected"}},
		{"dir", result{Err: "p/dir is a directory, where a file was expected"}},
		{"none", result{Err: "open none: file does not exist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := ReadFS(fsys, tt.name, "p/"+tt.name, 4)
			got := result{Data: string(data)}
			var tooLong *TooLongError
			switch {
			case errors.As(err, &tooLong):
				got.Err = err.Error() + "; head " + string(tooLong.Head)
			case err != nil:
				got.Err = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWithin(t *testing.T) {
	for _, tt := range []struct {
		path, root string
		want       bool
	}{
		{"/p", "/p", true},
		{"/p/a/b", "/p", true},
		{"/p/..a", "/p", true},
		{"/pa", "/p", false},
		{"/", "/p", false},
		{"/q/p", "/p", false},
	} {
		if got := Within(tt.path, tt.root); got != tt.want {
			t.Errorf("Within(%q, %q) = %v, want %v", tt.path, tt.root, got, tt.want)
		}
	}
}
