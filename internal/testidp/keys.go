package testidp

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// KeyPair is an RSA key and a self-signed certificate for it.
type KeyPair struct {
	// Private is the key.
	Private *rsa.PrivateKey
	// Certificate is the self-signed certificate of its public half.
	Certificate *x509.Certificate
	certDER     []byte
}

// Public returns the public key.
func (k *KeyPair) Public() *rsa.PublicKey { return &k.Private.PublicKey }

// NewKeyPair generates a 2048-bit RSA key and a self-signed certificate
// naming it, valid from an hour ago for a year.
func NewKeyPair(name string) (*KeyPair, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	return SelfSign(name, key)
}

// SelfSign issues a self-signed certificate for key.
func SelfSign(name string, key *rsa.PrivateKey) (*KeyPair, error) {
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &KeyPair{Private: key, Certificate: cert, certDER: der}, nil
}

// KeyFormat is how WriteKeystore encodes the private key.
type KeyFormat int

// The private key encodings.
const (
	PKCS8 KeyFormat = iota
	PKCS1
)

// WriteKeystore writes DIR/NAME.key (mode 0600) and DIR/NAME.crt, as a
// keystore holds them.
func (k *KeyPair) WriteKeystore(dir, name string, format KeyFormat) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := os.Chmod(dir, 0o700); err != nil { // a keystore is private
		return err
	}
	var block *pem.Block
	switch format {
	case PKCS1:
		block = &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k.Private)}
	default:
		der, err := x509.MarshalPKCS8PrivateKey(k.Private)
		if err != nil {
			return err
		}
		block = &pem.Block{Type: "PRIVATE KEY", Bytes: der}
	}
	keyFile := filepath.Join(dir, name+".key")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600); err != nil {
		return err
	}
	// WriteFile keeps the mode of a file that exists.
	if err := os.Chmod(keyFile, 0o600); err != nil {
		return err
	}
	crt := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: k.certDER})
	return os.WriteFile(filepath.Join(dir, name+".crt"), crt, 0o644)
}

// ReadCertificateKey returns the RSA public key of the PEM certificate in
// path.
func ReadCertificateKey(path string) (*rsa.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("%s: no PEM block", path)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%s: not an RSA certificate", path)
	}
	return pub, nil
}
