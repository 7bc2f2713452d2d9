package exchange

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/safefile"
)

// Keystore is a directory of signing certificates. The certificate named
// NAME is two files: NAME.key, its PEM private key (PKCS#1 or PKCS#8,
// unencrypted), and NAME.crt, its PEM certificate.
//
// A Keystore is an eval.KeyProvider, so SIGN and SIGN_WITH_CERTIFICATE in
// a formula can name its certificates.
type Keystore struct {
	// Dir is the directory.
	Dir string
	// Now returns the current time, to check the certificate's validity
	// period; nil means time.Now.
	Now func() time.Time
}

// Key is a certificate's RSA private key, checked to match the certificate.
// It prints as its name and fingerprint only.
type Key struct {
	// Name is the certificate's name in the keystore.
	Name string
	// KeyFile and CertFile are the files the key and certificate came from.
	KeyFile, CertFile string
	// Certificate is the parsed certificate.
	Certificate *x509.Certificate
	// Warnings are problems that do not stop signing, such as a key file
	// that group or others may read, or an expired certificate.
	Warnings []string
	private  *rsa.PrivateKey
}

// Private returns the private key.
func (k *Key) Private() *rsa.PrivateKey { return k.private }

// Fingerprint returns the SHA-256 fingerprint of the public key, in hex.
func (k *Key) Fingerprint() string { return fingerprint(&k.private.PublicKey) }

// String names the key without showing any key material.
func (k *Key) String() string {
	return fmt.Sprintf("%s (RSA %d bits, public key SHA-256 %s)", k.Name, k.private.N.BitLen(), shortPrint(k.Fingerprint()))
}

// Format prints the key as String does, whatever the verb, so that no
// formatting of a Key ever prints its private half.
func (k *Key) Format(f fmt.State, _ rune) { fmt.Fprint(f, k.String()) }

// certName is the form of a certificate's developer name; it also keeps a
// name from reaching outside the keystore directory.
var certName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// Load reads and checks the certificate called name.
func (ks Keystore) Load(name string) (*Key, error) {
	if !certName.MatchString(name) {
		return nil, fmt.Errorf("signing certificate %q: a certificate name holds only letters, digits and underscores, and starts with a letter", name)
	}
	k := &Key{Name: name,
		KeyFile:  filepath.Join(ks.Dir, name+".key"),
		CertFile: filepath.Join(ks.Dir, name+".crt")}
	var err error
	if k.private, err = readPrivateKey(k.KeyFile); err != nil {
		return nil, fileError(err, k.KeyFile, name, true)
	}
	if k.Certificate, err = readCertificate(k.CertFile); err != nil {
		return nil, fileError(err, k.CertFile, name, false)
	}
	pub, ok := k.Certificate.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%s: the certificate's key is %s, not RSA; the JWT bearer flow signs with RS256 or RS512", k.CertFile, k.Certificate.PublicKeyAlgorithm)
	}
	if !pub.Equal(&k.private.PublicKey) {
		return nil, ks.mismatch(k, pub)
	}
	k.Warnings = ks.warnings(k)
	return k, nil
}

// LoadCertificate reads the certificate called name, NAME.crt, without its
// key: what an identity provider that trusts it holds.
func (ks Keystore) LoadCertificate(name string) (*x509.Certificate, error) {
	if !certName.MatchString(name) {
		return nil, fmt.Errorf("signing certificate %q: a certificate name holds only letters, digits and underscores, and starts with a letter", name)
	}
	path := filepath.Join(ks.Dir, name+".crt")
	c, err := readCertificate(path)
	if err != nil {
		return nil, fileError(err, path, name, false)
	}
	return c, nil
}

// warnings checks the modes of the keystore directory and the key file,
// and the certificate's dates.
func (ks Keystore) warnings(k *Key) []string {
	var out []string
	for _, f := range []struct {
		path string
		mode string
	}{{ks.dir(), "700"}, {k.KeyFile, "600"}} {
		if info, err := os.Stat(f.path); err == nil && runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
			out = append(out, fmt.Sprintf("%s is readable by group or others (mode %04o); run chmod %s %s", f.path, info.Mode().Perm(), f.mode, f.path))
		}
	}
	now := time.Now()
	if ks.Now != nil {
		now = ks.Now()
	}
	switch c := k.Certificate; {
	case now.After(c.NotAfter):
		out = append(out, fmt.Sprintf("%s expired on %s; an identity provider that checks it refuses the assertion", k.CertFile, c.NotAfter.UTC().Format(time.RFC3339)))
	case now.Before(c.NotBefore):
		out = append(out, fmt.Sprintf("%s is not valid before %s", k.CertFile, c.NotBefore.UTC().Format(time.RFC3339)))
	}
	return out
}

// dir returns the keystore's directory, "." when Dir is empty.
func (ks Keystore) dir() string {
	if ks.Dir == "" {
		return "."
	}
	return ks.Dir
}

// maxKeyFile bounds a key or certificate file: PEM keys and certificates
// are a few kilobytes.
const maxKeyFile = 1 << 20

// readKeyFile reads a key or certificate file. It must be a regular file,
// or a symbolic link to one, of at most maxKeyFile bytes: it is opened
// without blocking, so that a named pipe cannot stall the read, and a
// device such as /dev/zero, which would never end it, is refused.
func readKeyFile(path string) ([]byte, error) {
	data, err := safefile.Read(path, maxKeyFile)
	var notRegular *safefile.NotRegularError
	var tooLong *safefile.TooLongError
	switch {
	case errors.As(err, &notRegular):
		return nil, fmt.Errorf("%v; a key or certificate is a PEM file", notRegular)
	case errors.As(err, &tooLong):
		return nil, fmt.Errorf("%s is over %d bytes; a key or certificate is a PEM file of a few kilobytes", path, maxKeyFile)
	}
	return data, err
}

// mismatch explains a key that does not match its certificate and names
// the wrong file: the key, unless another certificate in the keystore is
// the key's and another key is the certificate's.
func (ks Keystore) mismatch(k *Key, certPub *rsa.PublicKey) error {
	keyPrint, certPrint := k.Fingerprint(), fingerprint(certPub)
	if other := ks.find("*.crt", k.CertFile, func(path string) bool {
		c, err := readCertificate(path)
		return err == nil && k.private.PublicKey.Equal(c.PublicKey)
	}); other != "" {
		return fmt.Errorf("%s does not match %s: it is the key of %s. The wrong file is %s: put the key of %s there", k.KeyFile, k.CertFile, other, k.KeyFile, k.CertFile)
	}
	if other := ks.find("*.key", k.KeyFile, func(path string) bool {
		p, err := readPrivateKey(path)
		return err == nil && p.PublicKey.Equal(certPub)
	}); other != "" {
		return fmt.Errorf("%s does not match %s: it is the certificate of %s. The wrong file is %s: put the certificate of %s there", k.CertFile, k.KeyFile, other, k.CertFile, k.KeyFile)
	}
	return fmt.Errorf("%s does not hold the private key of %s: the key's public key has SHA-256 fingerprint %s, the certificate's %s. The wrong file is %s: put the key the certificate was issued for there",
		k.KeyFile, k.CertFile, shortPrint(keyPrint), shortPrint(certPrint), k.KeyFile)
}

// maxSiblings bounds the files mismatch reads to find the right pair.
const maxSiblings = 64

// find returns the first file matching pattern in the keystore, other than
// skip, for which match holds.
func (ks Keystore) find(pattern, skip string, match func(string) bool) string {
	paths, _ := filepath.Glob(filepath.Join(ks.Dir, pattern))
	for i, path := range paths {
		if i == maxSiblings {
			break
		}
		if path != skip && match(path) {
			return path
		}
	}
	return ""
}

// PrivateKey returns the private key of the certificate called name, for
// SIGN. It implements eval.KeyProvider.
func (ks Keystore) PrivateKey(name string) (crypto.Signer, error) {
	k, err := ks.Load(name)
	if err != nil {
		return nil, keyProviderError(err)
	}
	return k.private, nil
}

// Certificate returns the certificate called name and its private key, for
// SIGN_WITH_CERTIFICATE. It implements eval.KeyProvider.
func (ks Keystore) Certificate(name string) (*x509.Certificate, crypto.Signer, error) {
	k, err := ks.Load(name)
	if err != nil {
		return nil, nil, keyProviderError(err)
	}
	return k.Certificate, k.private, nil
}

var _ eval.KeyProvider = Keystore{}

func keyProviderError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %w", eval.ErrKeyNotFound, err)
	}
	return err
}

// readPrivateKey reads an RSA private key from a PEM file. Its errors name
// the file and never quote its contents.
func readPrivateKey(path string) (*rsa.PrivateKey, error) {
	data, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("%s: no PEM block; want a PEM private key (PKCS#1 or PKCS#8)", path)
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		if _, encrypted := block.Headers["DEK-Info"]; encrypted {
			return nil, fmt.Errorf("%s: the key is encrypted; credscope reads unencrypted keys only", path)
		}
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: not a valid PKCS#1 RSA private key", path)
		}
		return k, nil
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: not a valid PKCS#8 private key", path)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("%s: the key is %T, not RSA; the JWT bearer flow signs with RS256 or RS512", path, k)
		}
		return rk, nil
	case "ENCRYPTED PRIVATE KEY":
		return nil, fmt.Errorf("%s: the key is encrypted; credscope reads unencrypted keys only", path)
	case "CERTIFICATE":
		return nil, fmt.Errorf("%s: holds a certificate, not a private key; the certificate goes in the .crt file", path)
	}
	return nil, fmt.Errorf("%s: a PEM %q block; want \"PRIVATE KEY\" (PKCS#8) or \"RSA PRIVATE KEY\" (PKCS#1)", path, block.Type)
}

// readCertificate reads the first certificate of a PEM file.
func readCertificate(path string) (*x509.Certificate, error) {
	data, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	switch {
	case block == nil:
		return nil, fmt.Errorf("%s: no PEM block; want a PEM certificate", path)
	case bytes.Contains([]byte(block.Type), []byte("PRIVATE KEY")):
		return nil, fmt.Errorf("%s: holds a private key, not a certificate; the key goes in the .key file", path)
	case block.Type != "CERTIFICATE":
		return nil, fmt.Errorf("%s: a PEM %q block; want \"CERTIFICATE\"", path, block.Type)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: not a valid X.509 certificate: %v", path, err)
	}
	return c, nil
}

// fingerprint is the SHA-256 of a public key's PKIX encoding, in hex.
func fingerprint(pub *rsa.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "?"
	}
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}

// shortPrint abbreviates a fingerprint for messages.
func shortPrint(fp string) string {
	if len(fp) > 16 {
		return fp[:16] + "…"
	}
	return fp
}
