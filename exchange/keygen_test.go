package exchange_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/credscope/credscope/exchange"
)

func TestGenerateKeyPair(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	kp, err := exchange.GenerateKeyPair("Acme_JWT", now)
	if err != nil {
		t.Fatal(err)
	}
	c := kp.Certificate
	if c.Subject.CommonName != "Acme_JWT" || !c.NotBefore.Equal(now.Add(-time.Hour)) || !c.NotAfter.Equal(now.AddDate(1, 0, 0)) {
		t.Errorf("certificate %q valid %v to %v, want Acme_JWT from an hour before %v for a year", c.Subject.CommonName, c.NotBefore, c.NotAfter, now)
	}
	if kp.Private.N.BitLen() != exchange.KeyBits || !kp.Public().Equal(c.PublicKey) {
		t.Errorf("a %d-bit key, matching its certificate: %v", kp.Private.N.BitLen(), kp.Public().Equal(c.PublicKey))
	}
	if err := c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature); err != nil {
		t.Errorf("not self-signed: %v", err)
	}
}

func TestKeystoreSave(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	ks := exchange.Keystore{Dir: dir}
	first, second := keyPair(t, 0), keyPair(t, 1)
	if w, err := ks.Save("Cert", first, exchange.SaveOptions{}); err != nil || len(w) > 0 {
		t.Fatalf("Save: warnings %q, error %v", w, err)
	}
	if runtime.GOOS != "windows" {
		for path, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, "Cert.key"): 0o600, filepath.Join(dir, "Cert.crt"): 0o644} {
			if info, err := os.Stat(path); err != nil || info.Mode().Perm() != want {
				t.Errorf("%s: mode %v (%v), want %04o", path, info.Mode().Perm(), err, want)
			}
		}
	}
	loaded := func() *exchange.Key {
		t.Helper()
		k, err := ks.Load("Cert")
		if err != nil {
			t.Fatal(err)
		}
		if len(k.Warnings) > 0 {
			t.Errorf("warnings %q", k.Warnings)
		}
		return k
	}
	if k := loaded(); !k.Private().Equal(first.Private) {
		t.Error("Load does not return the key saved")
	}

	// Without Force the certificate is kept.
	_, err := ks.Save("Cert", second, exchange.SaveOptions{})
	if !errors.Is(err, exchange.ErrExists) || !strings.Contains(err.Error(), filepath.Join(dir, "Cert.key")+" exists") {
		t.Errorf("Save over a certificate: %v, want ErrExists naming Cert.key", err)
	}
	if k := loaded(); !k.Private().Equal(first.Private) {
		t.Error("Save without Force replaced the key")
	}
	os.Remove(filepath.Join(dir, "Cert.key"))
	if _, err := ks.Save("Cert", second, exchange.SaveOptions{}); !errors.Is(err, exchange.ErrExists) {
		t.Errorf("Save over a lone certificate: %v, want ErrExists", err)
	}

	// Force replaces both files, in PKCS#1 here.
	if _, err := ks.Save("Cert", second, exchange.SaveOptions{Force: true, Encoding: exchange.PKCS1}); err != nil {
		t.Fatal(err)
	}
	if k := loaded(); !k.Private().Equal(second.Private) {
		t.Error("Save with Force kept the old key")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "Cert.key")); !strings.HasPrefix(string(data), "-----BEGIN RSA PRIVATE KEY-----") {
		t.Error("PKCS#1 key not written as RSA PRIVATE KEY")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".credscope-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	for _, name := range []string{"", "1Cert", "../Cert", "Cert-2"} {
		if _, err := ks.Save(name, first, exchange.SaveOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "a certificate name holds only") {
			t.Errorf("Save(%q): %v, want the name refused", name, err)
		}
	}
}

func TestKeystoreSaveWarnsOfAnOpenDirectory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := exchange.Keystore{Dir: dir}.Save("Cert", keyPair(t, 0), exchange.SaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := dir + " is readable by group or others (mode 0755); run chmod 700 " + dir
	if len(w) != 1 || w[0] != want {
		t.Errorf("warnings %q, want [%q]", w, want)
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o755 {
		t.Errorf("Save changed the mode of an existing directory to %v", info.Mode().Perm())
	}
}
