//go:build unix

package cli

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestInputFileIsFIFO gives a named pipe, with no writer, as --user and as
// --record: each is refused with the sentence for a file of the wrong kind
// rather than read, which would wait for a writer forever. The deadline
// only guards the test against hanging; it is not a measure of speed.
func TestInputFileIsFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Status int
		Stderr string
	}
	want := result{exitUsage, "credscope: " + fifo + " is a named pipe, where a file was expected\n"}
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"--user", []string{"eval", "--user", fifo, "1"}},
		{"--record", []string{"eval", "--object", "Account", "--record", fifo, "Name"}},
		{"--prior", []string{"eval", "--object", "Account", "--context", "validation-rule", "--prior", fifo, "ISNEW()"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			done := make(chan result, 1)
			go func() {
				status, _, stderr := runCLI(t, "", tt.args...)
				done <- result{status, stderr}
			}()
			select {
			case got := <-done:
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			case <-ctx.Done():
				// Open and close the writing end, so that the blocked
				// reader sees the end of the pipe and the goroutine ends.
				if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
				t.Fatalf("credscope %v still waits on the named pipe", tt.args)
			}
		})
	}
}
