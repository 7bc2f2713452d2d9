package eval

import (
	"crypto"
	"crypto/x509"
	"errors"
)

// KeyProvider supplies the private keys and certificates that SIGN and
// SIGN_WITH_CERTIFICATE name. Implementations must be safe for concurrent
// use and must never log key material.
//
// A formula names keys, never holds them: SIGN's third argument is the name
// of a key, and SIGN_WITH_CERTIFICATE's the developer name of a
// certificate. Error messages name the key and never show key material or
// the provider's own error text; a name that derives from a secret field is
// not shown either.
type KeyProvider interface {
	// PrivateKey returns the signing key of that name, or an error wrapping
	// ErrKeyNotFound when there is none.
	PrivateKey(name string) (crypto.Signer, error)
	// Certificate returns the certificate of that name and its private key,
	// or an error wrapping ErrKeyNotFound when there is none.
	Certificate(name string) (*x509.Certificate, crypto.Signer, error)
}

// ErrKeyNotFound is what a KeyProvider's error wraps when it has no key or
// certificate of the name asked for.
var ErrKeyNotFound = errors.New("key not found")
