package eval

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/asn1"
	"errors"
	"math/big"

	"github.com/credscope/credscope/formula"
)

// signAlgorithm is a signature algorithm SIGN accepts.
type signAlgorithm struct {
	hash  crypto.Hash
	ecdsa bool // ECDSA on P-256, else RSA PKCS #1 v1.5
	jose  bool // an ECDSA signature as r||s (RFC 7518), else ASN.1 DER
}

// signNames maps the normalised spellings of each algorithm: Salesforce's
// (RSA-SHA256), JOSE's (RS256) and Java's (SHA256withRSA).
var signNames = map[string]signAlgorithm{
	"RSASHA256": {hash: crypto.SHA256}, "RS256": {hash: crypto.SHA256}, "SHA256WITHRSA": {hash: crypto.SHA256},
	"RSASHA384": {hash: crypto.SHA384}, "RS384": {hash: crypto.SHA384}, "SHA384WITHRSA": {hash: crypto.SHA384},
	"RSASHA512": {hash: crypto.SHA512}, "RS512": {hash: crypto.SHA512}, "SHA512WITHRSA": {hash: crypto.SHA512},
	"ECDSASHA256":     {hash: crypto.SHA256, ecdsa: true},
	"SHA256WITHECDSA": {hash: crypto.SHA256, ecdsa: true},
	"ES256":           {hash: crypto.SHA256, ecdsa: true, jose: true},
}

const signUse = "RSA-SHA256, RSA-SHA384, RSA-SHA512, ECDSA-SHA256 or ES256"

// signImpl compiles SIGN, or SIGN_WITH_CERTIFICATE when cert is set. The
// key is looked up by name in Env.Keys at each evaluation, so keys can
// rotate without recompiling. A null input gives null; a blank key name is
// an error.
func signImpl(cert bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		alg := algorithmCheck(c, x, args[0], signNames, signUse)
		if alg == nil {
			return nil
		}
		fin, fkey := args[1].str, args[2].str
		secretName := args[2].secret
		return &node{typ: Blob, src: x, str: func(fr *frame) (string, bool) {
			a, ok := alg(fr)
			if !ok {
				return "", false
			}
			in, ok := fin(fr)
			if !ok || in == "" {
				return "", false
			}
			name, _ := fkey(fr)
			if name == "" {
				fr.fail(x, signError(x, cert, "", "name is blank"))
				return "", false
			}
			if !fr.spend(x, len(in)) {
				return "", false
			}
			sig, msg := signWithKey(fr.env.Keys, cert, name, a, in)
			if msg != "" {
				fr.fail(x, signError(x, cert, fr.quote(name, secretName), msg))
				return "", false
			}
			return sig, true
		}}
	}
}

// signError words a signing failure; it names the key, never its material.
func signError(x *formula.Call, cert bool, name, msg string) string {
	what := "Key"
	if cert {
		what = "Certificate"
	}
	if name != "" {
		what += " '" + name + "'"
	}
	return what + " " + msg + " for " + fnName(x.Name)
}

// signWithKey signs in with the key of that name, which is not blank. On
// failure it returns the end of a message that signError completes.
func signWithKey(keys KeyProvider, cert bool, name string, a signAlgorithm, in string) (string, string) {
	if keys == nil {
		return "", "is unavailable: no key provider is configured"
	}
	var signer crypto.Signer
	var err error
	if cert {
		crt, s, e := keys.Certificate(name)
		signer, err = s, e
		if err == nil && crt != nil && s != nil {
			pub, ok := s.Public().(interface{ Equal(crypto.PublicKey) bool })
			if !ok || !pub.Equal(crt.PublicKey) {
				return "", "does not match its private key"
			}
		}
	} else {
		signer, err = keys.PrivateKey(name)
	}
	switch {
	case errors.Is(err, ErrKeyNotFound) || err == nil && signer == nil:
		return "", "does not exist"
	case err != nil:
		return "", "could not be loaded"
	}
	size := 0
	switch pub := signer.Public().(type) {
	case *rsa.PublicKey:
		if a.ecdsa {
			return "", "is an RSA key; the algorithm needs an ECDSA P-256 key"
		}
	case *ecdsa.PublicKey:
		if !a.ecdsa {
			return "", "is an ECDSA key; the algorithm needs an RSA key"
		}
		if pub.Curve != elliptic.P256() {
			return "", "is not on curve P-256"
		}
		size = 32
	default:
		return "", "is neither an RSA nor an ECDSA key"
	}
	digest := digestOf(a.hash, in)
	sig, err := signer.Sign(rand.Reader, digest, a.hash)
	if err != nil {
		return "", "could not sign"
	}
	if a.jose {
		if sig, err = joseSignature(sig, size); err != nil {
			return "", "gave a malformed signature"
		}
	}
	return string(sig), ""
}

func digestOf(h crypto.Hash, in string) []byte {
	switch h {
	case crypto.SHA384:
		sum := sha512.Sum384([]byte(in))
		return sum[:]
	case crypto.SHA512:
		sum := sha512.Sum512([]byte(in))
		return sum[:]
	}
	sum := sha256.Sum256([]byte(in))
	return sum[:]
}

// joseSignature turns an ASN.1 DER ECDSA signature into JOSE's fixed-size
// r||s form.
func joseSignature(der []byte, size int) ([]byte, error) {
	var rs struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &rs)
	if err != nil || len(rest) > 0 || rs.R.Sign() <= 0 || rs.S.Sign() <= 0 ||
		rs.R.BitLen() > size*8 || rs.S.BitLen() > size*8 {
		return nil, errors.New("malformed ECDSA signature")
	}
	out := make([]byte, 2*size)
	rs.R.FillBytes(out[:size])
	rs.S.FillBytes(out[size:])
	return out, nil
}
