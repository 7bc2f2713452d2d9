package eval

import (
	"crypto"
	"crypto/x509"
)

// KeyProvider supplies the private keys and certificates that SIGN and
// SIGN_WITH_CERTIFICATE name. Implementations must be safe for concurrent
// use and must never log key material.
type KeyProvider interface {
	// PrivateKey returns the signing key of that name.
	PrivateKey(name string) (crypto.Signer, error)
	// Certificate returns the certificate of that name and its private key.
	Certificate(name string) (*x509.Certificate, crypto.Signer, error)
}
