package exchange

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// KeyBits is the size of the RSA keys GenerateKeyPair makes: what
// Salesforce's self-signed certificates use.
const KeyBits = 2048

// KeyPair is an RSA private key and a self-signed certificate for its
// public half, as a keystore holds them.
type KeyPair struct {
	// Private is the key.
	Private *rsa.PrivateKey
	// Certificate is the self-signed certificate of its public half.
	Certificate *x509.Certificate
}

// Public returns the public key.
func (k *KeyPair) Public() *rsa.PublicKey { return &k.Private.PublicKey }

// GenerateKeyPair makes a KeyBits RSA key and a self-signed certificate for
// it whose common name is name, valid from an hour before now, so that a
// clock a little behind accepts it, for a year.
func GenerateKeyPair(name string, now time.Time) (*KeyPair, error) {
	key, err := rsa.GenerateKey(rand.Reader, KeyBits)
	if err != nil {
		return nil, err
	}
	return SelfSign(name, key, now)
}

// SelfSign issues a self-signed certificate for key, as GenerateKeyPair
// does.
func SelfSign(name string, key *rsa.PrivateKey, now time.Time) (*KeyPair, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &KeyPair{Private: key, Certificate: cert}, nil
}

// KeyEncoding is how Save writes a private key.
type KeyEncoding int

// The private key encodings a Keystore reads.
const (
	PKCS8 KeyEncoding = iota // "PRIVATE KEY", what Save writes by default
	PKCS1                    // "RSA PRIVATE KEY"
)

// SaveOptions control Save.
type SaveOptions struct {
	// Encoding is the private key's encoding.
	Encoding KeyEncoding
	// Force replaces a key or certificate of the same name; without it
	// Save refuses to.
	Force bool
}

// ErrExists is what Save's error wraps when the certificate's files exist
// and SaveOptions.Force is not set.
var ErrExists = errors.New("the keystore already holds the certificate")

// Save writes kp into the keystore as the certificate called name:
// NAME.key, mode 0600, and NAME.crt, mode 0644. A keystore directory that
// does not exist is made, mode 0700. The returned warnings name what others
// may read, such as an existing keystore directory of mode 0755, which
// Save leaves as it is.
func (ks Keystore) Save(name string, kp *KeyPair, opts SaveOptions) (warnings []string, err error) {
	if !certName.MatchString(name) {
		return nil, fmt.Errorf("certificate name %q: a certificate name holds only letters, digits and underscores, and starts with a letter, as in Salesforce", name)
	}
	keyFile, certFile := filepath.Join(ks.Dir, name+".key"), filepath.Join(ks.Dir, name+".crt")
	if !opts.Force {
		for _, f := range []string{keyFile, certFile} {
			if _, err := os.Lstat(f); err == nil {
				return nil, fmt.Errorf("%s exists: %w %s", f, ErrExists, name)
			}
		}
	}
	dir := ks.dir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot make the keystore directory %s: %w", dir, errors.Unwrap(err))
	}
	var block *pem.Block
	switch opts.Encoding {
	case PKCS1:
		block = &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(kp.Private)}
	default:
		der, err := x509.MarshalPKCS8PrivateKey(kp.Private)
		if err != nil {
			return nil, err
		}
		block = &pem.Block{Type: "PRIVATE KEY", Bytes: der}
	}
	if err := writeKeystoreFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		return nil, err
	}
	crt := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: kp.Certificate.Raw})
	if err := writeKeystoreFile(certFile, crt, 0o644); err != nil {
		return nil, err
	}
	if info, err := os.Stat(dir); err == nil && runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		warnings = append(warnings, fmt.Sprintf("%s is readable by group or others (mode %04o); run chmod 700 %s", dir, info.Mode().Perm(), dir))
	}
	return warnings, nil
}

// writeKeystoreFile writes data to path through a temporary file in the
// same directory, so that the file has its mode from the start, a reader
// never sees half a key, and a symbolic link at path is replaced, not
// followed.
func writeKeystoreFile(path string, data []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".credscope-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return fmt.Errorf("cannot set the mode of %s: %w", path, errors.Unwrap(err))
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	return nil
}
