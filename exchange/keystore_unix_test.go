//go:build unix

package exchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/credscope/credscope/exchange"
)

// TestKeystoreRefusesSpecialFiles puts a named pipe, a device and a
// directory where a key or certificate belongs: each is refused with a
// clear error, at once, without reading from it. A symbolic link to a
// regular key file is accepted.
func TestKeystoreRefusesSpecialFiles(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"named pipe key", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "Cert.key"))
			if err := syscall.Mkfifo(filepath.Join(dir, "Cert.key"), 0o600); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
		}, "Cert.key is a named pipe, where a file was expected"},
		{"device key", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "Cert.key"))
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "Cert.key")); err != nil {
				t.Fatal(err)
			}
		}, "Cert.key is a device, where a file was expected"},
		{"directory certificate", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "Cert.crt"))
			if err := os.Mkdir(filepath.Join(dir, "Cert.crt"), 0o700); err != nil {
				t.Fatal(err)
			}
		}, "Cert.crt is a directory, where a file was expected"},
		{"huge key", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "Cert.key"), make([]byte, 2<<20), 0o600); err != nil {
				t.Fatal(err)
			}
		}, "Cert.key is over 1048576 bytes"},
		{"symbolic link to a key", func(t *testing.T, dir string) {
			key := filepath.Join(dir, "Cert.key")
			if err := os.Rename(key, filepath.Join(dir, "real.pem")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("real.pem", key); err != nil {
				t.Fatal(err)
			}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			tt.setup(t, dir)
			done := make(chan error, 1)
			go func() {
				_, err := exchange.Keystore{Dir: dir}.Load("Cert")
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Load blocked on the file")
			}
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
