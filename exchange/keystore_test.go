package exchange_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
)

// writeKey writes test key i into dir as name.
func writeKey(t *testing.T, dir string, i int, name string, format exchange.KeyEncoding) {
	t.Helper()
	if err := saveKey(dir, name, keyPair(t, i), format); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestKeystoreLoad(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		// want is a substring of the error, or "" for success.
		want string
	}{
		{"PKCS#8", func(t *testing.T, dir string) { writeKey(t, dir, 0, "Cert", exchange.PKCS8) }, ""},
		{"PKCS#1", func(t *testing.T, dir string) { writeKey(t, dir, 0, "Cert", exchange.PKCS1) }, ""},
		{"no key file", func(t *testing.T, dir string) {
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			os.Remove(filepath.Join(dir, "Cert.key"))
		}, "DIR/Cert.key does not exist: the keystore DIR holds no private key for the signing certificate Cert"},
		{"no certificate", func(t *testing.T, dir string) {
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			os.Remove(filepath.Join(dir, "Cert.crt"))
		}, "DIR/Cert.crt does not exist: the keystore DIR holds no certificate for the signing certificate Cert"},
		{"no keystore", func(t *testing.T, dir string) { os.RemoveAll(dir) },
			"the keystore DIR does not exist; it would hold the private key of Cert as DIR/Cert.key"},
		{"key is not PEM", func(t *testing.T, dir string) {
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			os.WriteFile(filepath.Join(dir, "Cert.key"), []byte("not a key at all"), 0o600)
		}, "Cert.key: no PEM block"},
		{"certificate in the key file", func(t *testing.T, dir string) {
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			copyFile(t, filepath.Join(dir, "Cert.crt"), filepath.Join(dir, "Cert.key"))
		}, "Cert.key: holds a certificate, not a private key"},
		{"key in the certificate file", func(t *testing.T, dir string) {
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			copyFile(t, filepath.Join(dir, "Cert.key"), filepath.Join(dir, "Cert.crt"))
		}, "Cert.crt: holds a private key, not a certificate"},
		{"key of another certificate", func(t *testing.T, dir string) {
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			writeKey(t, dir, 1, "Other", exchange.PKCS8)
			copyFile(t, filepath.Join(dir, "Other.key"), filepath.Join(dir, "Cert.key"))
		}, "it is the key of " + "DIR/Other.crt. The wrong file is DIR/Cert.key"},
		{"certificate of another key", func(t *testing.T, dir string) {
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			writeKey(t, dir, 1, "Other", exchange.PKCS8)
			copyFile(t, filepath.Join(dir, "Other.crt"), filepath.Join(dir, "Cert.crt"))
		}, "it is the certificate of DIR/Other.key. The wrong file is DIR/Cert.crt"},
		{"unrelated key", func(t *testing.T, dir string) {
			writeKey(t, dir, 0, "Cert", exchange.PKCS8)
			writeKey(t, dir, 1, "Other", exchange.PKCS8)
			copyFile(t, filepath.Join(dir, "Other.key"), filepath.Join(dir, "Cert.key"))
			os.Remove(filepath.Join(dir, "Other.crt"))
		}, "DIR/Cert.key does not hold the private key of DIR/Cert.crt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			k, err := exchange.Keystore{Dir: dir}.Load("Cert")
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(k.Warnings) > 0 {
					t.Errorf("warnings %q for a fresh 0600 key", k.Warnings)
				}
				return
			}
			want := strings.ReplaceAll(strings.ReplaceAll(tt.want, "DIR/", dir+string(filepath.Separator)), "DIR", dir)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("error %v, want %q", err, want)
			}
			if strings.Contains(err.Error(), "BEGIN") {
				t.Errorf("error quotes a PEM file: %v", err)
			}
		})
	}
}

func TestKeystoreWarnings(t *testing.T) {
	dir := t.TempDir()
	writeKey(t, dir, 0, "Cert", exchange.PKCS8)
	if err := os.Chmod(filepath.Join(dir, "Cert.key"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	later := func() time.Time { return time.Now().AddDate(2, 0, 0) }
	k, err := exchange.Keystore{Dir: dir, Now: later}.Load("Cert")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		dir + " is readable by group or others (mode 0750); run chmod 700 " + dir,
		filepath.Join(dir, "Cert.key") + " is readable by group or others (mode 0644); run chmod 600 " + filepath.Join(dir, "Cert.key"),
		"Cert.crt expired on",
	}
	if len(k.Warnings) != len(want) {
		t.Fatalf("warnings %q: want the directory's mode, the key's mode and the expiry", k.Warnings)
	}
	for i, w := range want {
		if !strings.Contains(k.Warnings[i], w) {
			t.Errorf("warning %d: %q, want it to hold %q", i, k.Warnings[i], w)
		}
	}
}

func TestKeystoreRefusesPaths(t *testing.T) {
	for _, name := range []string{"../etc/passwd", "a/b", "", "_x"} {
		if _, err := (exchange.Keystore{Dir: t.TempDir()}).Load(name); err == nil {
			t.Errorf("Load(%q) succeeded", name)
		}
	}
}

func TestKeystoreKeyProvider(t *testing.T) {
	dir := t.TempDir()
	writeKey(t, dir, 0, "Cert", exchange.PKCS8)
	var kp eval.KeyProvider = exchange.Keystore{Dir: dir}
	if _, _, err := kp.Certificate("Cert"); err != nil {
		t.Fatal(err)
	}
	if _, err := kp.PrivateKey("Missing"); !errors.Is(err, eval.ErrKeyNotFound) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing key: %v, want ErrKeyNotFound", err)
	}
}

func TestKeyNeverPrints(t *testing.T) {
	dir := t.TempDir()
	writeKey(t, dir, 0, "Cert", exchange.PKCS8)
	k, err := exchange.Keystore{Dir: dir}.Load("Cert")
	if err != nil {
		t.Fatal(err)
	}
	d := k.Private().D.String()
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(format, k)
		if strings.Contains(out, d[:20]) || strings.Contains(out, fmt.Sprintf("%x", k.Private().D.Bytes()[:8])) {
			t.Errorf("%s prints the private key", format)
		}
		if !strings.Contains(out, "Cert (RSA 2048 bits") {
			t.Errorf("%s = %q, want the name and size", format, out)
		}
	}
}
