package eval

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// cmKeys is a KeyProvider over keys made for the test.
type cmKeys struct {
	keys  map[string]crypto.Signer
	certs map[string]*x509.Certificate
}

func (k *cmKeys) PrivateKey(name string) (crypto.Signer, error) {
	if name == "broken" {
		return nil, errors.New("vault unreachable")
	}
	s, ok := k.keys[name]
	if !ok {
		return nil, fmt.Errorf("no key %q: %w", name, ErrKeyNotFound)
	}
	return s, nil
}

func (k *cmKeys) Certificate(name string) (*x509.Certificate, crypto.Signer, error) {
	c, ok := k.certs[name]
	if !ok {
		return nil, nil, fmt.Errorf("no certificate %q: %w", name, ErrKeyNotFound)
	}
	return c, k.keys[name], nil
}

var cmSignKeys = sync.OnceValues(func() (*cmKeys, error) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		return nil, err
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Billing"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(0, 0).AddDate(100, 0, 0),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &rsaKey.PublicKey, rsaKey)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &cmKeys{
		keys: map[string]crypto.Signer{
			"jwt_rsa": rsaKey, "jwt_ec": ecKey, "jwt_p384": p384, "jwt_ed": edKey,
			"Billing_Cert": rsaKey, "Mismatched_Cert": other,
		},
		certs: map[string]*x509.Certificate{"Billing_Cert": cert, "Mismatched_Cert": cert},
	}, nil
})

func TestSignVerifies(t *testing.T) {
	keys, err := cmSignKeys()
	if err != nil {
		t.Fatal(err)
	}
	schema := cmCredSchema(t)
	rsaPub := &keys.keys["jwt_rsa"].(*rsa.PrivateKey).PublicKey
	ecPub := &keys.keys["jwt_ec"].(*ecdsa.PrivateKey).PublicKey
	const msg = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9"
	sum256 := sha256.Sum256([]byte(msg))
	sum512 := sha512.Sum512([]byte(msg))
	verifyRSA := func(h crypto.Hash, digest []byte) func([]byte) error {
		return func(sig []byte) error { return rsa.VerifyPKCS1v15(rsaPub, h, digest, sig) }
	}
	verifyJOSE := func(sig []byte) error {
		if len(sig) != 64 {
			return fmt.Errorf("JOSE signature of %d bytes, want 64", len(sig))
		}
		r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
		if !ecdsa.Verify(ecPub, sum256[:], r, s) {
			return errors.New("ES256 signature does not verify")
		}
		return nil
	}
	verifyDER := func(sig []byte) error {
		if !ecdsa.VerifyASN1(ecPub, sum256[:], sig) {
			return errors.New("ECDSA-SHA256 signature does not verify")
		}
		return nil
	}
	tests := []struct {
		src    string
		verify func([]byte) error
	}{
		{`SIGN("RSA-SHA256", BLOB(Text__c), "jwt_rsa")`, verifyRSA(crypto.SHA256, sum256[:])},
		{`SIGN("RS256", Text__c, "jwt_rsa")`, verifyRSA(crypto.SHA256, sum256[:])},
		{`SIGN("SHA256withRSA", Text__c, "jwt_rsa")`, verifyRSA(crypto.SHA256, sum256[:])},
		{`SIGN("rsa-sha512", Text__c, "jwt_rsa")`, verifyRSA(crypto.SHA512, sum512[:])},
		{`SIGN("ES256", Text__c, "jwt_ec")`, verifyJOSE},
		{`SIGN("ECDSA-SHA256", BLOB(Text__c), "jwt_ec")`, verifyDER},
		{`SIGN_WITH_CERTIFICATE("RSA-SHA256", Text__c, "Billing_Cert")`, verifyRSA(crypto.SHA256, sum256[:])},
	}
	for _, tt := range tests {
		prog, err := Compile(tt.src, schema, Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if prog.Type() != Blob {
			t.Errorf("%s: type %v, want Blob", tt.src, prog.Type())
		}
		vals := schema.NewValues()
		vals.SetText("Text__c", msg)
		v, err := prog.Eval(vals, Env{Keys: keys})
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if err := tt.verify(v.Bytes()); err != nil {
			t.Errorf("%s: %v", tt.src, err)
		}
	}
}

func TestSignErrors(t *testing.T) {
	keys, err := cmSignKeys()
	if err != nil {
		t.Fatal(err)
	}
	schema := cmCredSchema(t)
	secretName := map[string]Value{"$Credential.myExternalCredential.Username": TextValue("jwt_nope")}
	tests := []struct {
		src  string
		keys KeyProvider
		set  map[string]Value
		want string
	}{
		{src: `SIGN("RSA-SHA256", "x", "jwt_rsa")`, want: "runtime: Key 'jwt_rsa' is unavailable: no key provider is configured for function 'SIGN()'"},
		{src: `SIGN("RSA-SHA256", "x", "missing")`, keys: keys, want: "runtime: Key 'missing' does not exist for function 'SIGN()'"},
		{src: `SIGN("RSA-SHA256", "x", "broken")`, keys: keys, want: "runtime: Key 'broken' could not be loaded for function 'SIGN()'"},
		{src: `SIGN("RSA-SHA256", "x", Text__c)`, keys: keys, want: "runtime: Key name is blank for function 'SIGN()'"},
		{src: `SIGN("RSA-SHA256", "x", "jwt_ec")`, keys: keys, want: "runtime: Key 'jwt_ec' is an ECDSA key; the algorithm needs an RSA key for function 'SIGN()'"},
		{src: `SIGN("ES256", "x", "jwt_rsa")`, keys: keys, want: "runtime: Key 'jwt_rsa' is an RSA key; the algorithm needs an ECDSA P-256 key for function 'SIGN()'"},
		{src: `SIGN("ES256", "x", "jwt_p384")`, keys: keys, want: "runtime: Key 'jwt_p384' is not on curve P-256 for function 'SIGN()'"},
		{src: `SIGN("RS256", "x", "jwt_ed")`, keys: keys, want: "runtime: Key 'jwt_ed' is neither an RSA nor an ECDSA key for function 'SIGN()'"},
		{src: `SIGN("RS256", "x", $Credential.myExternalCredential.Username)`, keys: keys, set: secretName,
			want: "runtime: Key '" + Redacted + "' does not exist for function 'SIGN()'"},
		{src: `SIGN_WITH_CERTIFICATE("RS256", "x", "Nope")`, keys: keys, want: "runtime: Certificate 'Nope' does not exist for function 'SIGN_WITH_CERTIFICATE()'"},
		{src: `SIGN_WITH_CERTIFICATE("RS256", "x", "Mismatched_Cert")`, keys: keys, want: "runtime: Certificate 'Mismatched_Cert' does not match its private key for function 'SIGN_WITH_CERTIFICATE()'"},
		{src: `SIGN("HS256", "x", "jwt_rsa")`, keys: keys, want: "compile: Unsupported algorithm 'HS256' for function 'SIGN()'. Use RSA-SHA256, RSA-SHA384, RSA-SHA512, ECDSA-SHA256 or ES256"},
		{src: `SIGN(Alg__c, "x", "jwt_rsa")`, keys: keys, set: map[string]Value{"Alg__c": TextValue("PS256")},
			want: "runtime: Unsupported algorithm 'PS256' for function 'SIGN()'. Use RSA-SHA256, RSA-SHA384, RSA-SHA512, ECDSA-SHA256 or ES256"},
		{src: `SIGN("RS256", "x", 1)`, keys: keys, want: "compile: Incorrect parameter type for function 'SIGN()'. Expected Text, received Number"},
		{src: `SIGN("RS256", "x")`, keys: keys, want: "compile: Incorrect number of parameters for function 'SIGN()'. Expected 3, received 2"},
		// A null input signs nothing.
		{src: `SIGN("RS256", Text__c, "jwt_rsa")`, keys: keys, want: "null"},
		{src: `IFERROR(BASE64ENCODE(SIGN("RS256", "x", "missing")), "unsigned")`, keys: keys, want: "unsigned"},
	}
	for _, tt := range tests {
		got, _ := cmEval(t, tt.src, schema, Options{}, Env{Keys: tt.keys}, tt.set)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.src, diff)
		}
		if strings.Contains(got, "BEGIN") || strings.Contains(got, "vault") {
			t.Errorf("%s: message shows key material or provider details: %s", tt.src, got)
		}
	}
}

// TestSignNotFolded checks that a signature is made at evaluation, with the
// provider's current key, never at compile time.
func TestSignNotFolded(t *testing.T) {
	keys, err := cmSignKeys()
	if err != nil {
		t.Fatal(err)
	}
	schema := cmCredSchema(t)
	prog, err := Compile(`BASE64ENCODE(SIGN("RS256", "constant input", "rotating"))`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prog.Eval(schema.NewValues(), Env{Keys: keys}); err == nil {
		t.Fatal("signing with a key the provider lacks succeeded")
	}
	keys2 := &cmKeys{keys: map[string]crypto.Signer{"rotating": keys.keys["jwt_rsa"]}}
	prog, err = Compile(`SIGN("RS256", "constant input", "rotating")`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if prog.root.konst != nil {
		t.Error("SIGN was folded into a constant")
	}
	v, err := prog.Eval(schema.NewValues(), Env{Keys: keys2})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("constant input"))
	if err := rsa.VerifyPKCS1v15(&keys.keys["jwt_rsa"].(*rsa.PrivateKey).PublicKey, crypto.SHA256, sum[:], v.Bytes()); err != nil {
		t.Error(err)
	}
}
