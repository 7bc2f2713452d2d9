//go:build unix

package cli

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestWriteInterrupted interrupts a process while fmt --write's writer
// holds a temporary file: the file is gone once the process has died of
// the signal. The process is this test binary, run again with
// CREDSCOPE_WRITER_HELPER set (see init).
func TestWriteInterrupted(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "CREDSCOPE_WRITER_HELPER="+dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(out).ReadString('\n')
			if err != nil {
				cmd.Process.Kill()
				t.Fatalf("the helper did not start: %v", err)
			}
			tmp := filepath.Join(dir, line[:len(line)-1])
			if _, err := os.Stat(tmp); err != nil {
				t.Fatalf("the helper's temporary file: %v", err)
			}
			cmd.Process.Signal(sig)
			err = cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("the helper ended with %v; want it killed by %v", err, sig)
			}
			if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("the helper ended with %v; want it killed by %v", exit, sig)
			}
			if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the temporary file is still there: %v", err)
			}
		})
	}
}

// init turns this test binary into the process TestWriteInterrupted
// signals, before any test runs: it starts a write whose temporary file
// exists, prints the file's name, and waits for the signal.
func init() {
	dir := os.Getenv("CREDSCOPE_WRITER_HELPER")
	if dir == "" {
		return
	}
	w := &fileWriter{}
	stop := w.watch()
	defer stop()
	tmp, err := os.CreateTemp(dir, ".Acme.xml.*.tmp")
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(2)
	}
	tmp.Close()
	w.mu.Lock()
	w.tmp = tmp.Name()
	w.mu.Unlock()
	os.Stdout.WriteString(filepath.Base(tmp.Name()) + "\n")
	time.Sleep(30 * time.Second)
	os.Stderr.WriteString("not interrupted\n")
	os.Exit(2)
}
