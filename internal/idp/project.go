package idp

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/scope"
)

// CredentialTrust is what TrustProject made of one external credential.
type CredentialTrust struct {
	// Credential is the external credential's name.
	Credential string
	// Certificate is the signing certificate it names.
	Certificate string
	// Grant trusts the certificate's key; its Key is nil when Err is set.
	Grant Grant
	// Audiences are the aud claim, when it is a constant, and the
	// credential's AuthProviderUrl: the audiences its assertions name.
	Audiences []string
	// Err says why the credential is not trusted; it wraps fs.ErrNotExist
	// when the keystore does not hold the certificate.
	Err error
}

// TrustProject trusts, for each JWT bearer external credential of the
// prepared project, the certificate its SigningCertificate names, read from
// the keystore as NAME.crt: only the certificate, as an identity provider
// holds it. The grant's issuer and key ID are the credential's iss claim
// and kid header when they are constants, and any otherwise; its subject
// is any, since sub is usually the running user's field. scopes are the
// scopes the grant allows; nil allows any, which the IdP then grants as
// requested: the scope the credential composed.
func TrustProject(prep *scope.Prepared, ks exchange.Keystore, scopes []string) []CredentialTrust {
	var out []CredentialTrust
	for _, c := range prep.Project().ExternalCredentials {
		if !c.IsJWTBearer() {
			continue
		}
		t := CredentialTrust{Credential: c.Name}
		sc := c.SigningCertificate()
		if sc == nil || sc.Certificate.Text == "" {
			t.Err = fmt.Errorf("%s names no SigningCertificate", c.Name)
			out = append(out, t)
			continue
		}
		t.Certificate = sc.Certificate.Text
		cert, err := ks.LoadCertificate(t.Certificate)
		if err == nil {
			if pub, ok := cert.PublicKey.(*rsa.PublicKey); ok {
				t.Grant.Key = pub
			} else {
				err = fmt.Errorf("the certificate %s holds a %s key, not RSA", t.Certificate, cert.PublicKeyAlgorithm)
			}
		}
		if err != nil {
			t.Err = err
			out = append(out, t)
			continue
		}
		t.Grant.Issuer = constantClaim(prep, c, scope.TypeJwtBodyClaim, "iss")
		t.Grant.KeyID = constantClaim(prep, c, scope.TypeJwtHeaderClaim, "kid")
		t.Grant.Scopes, t.Grant.AnyScope = scopes, scopes == nil
		if aud := constantClaim(prep, c, scope.TypeJwtBodyClaim, "aud"); aud != "" {
			t.Audiences = append(t.Audiences, aud)
		}
		if u := c.IdPURL(); u != nil && u.Value.Text != "" && !slices.Contains(t.Audiences, u.Value.Text) {
			t.Audiences = append(t.Audiences, u.Value.Text)
		}
		out = append(out, t)
	}
	return out
}

// Missing reports whether the keystore does not hold the certificate.
func (t CredentialTrust) Missing() bool { return errors.Is(t.Err, fs.ErrNotExist) }

// constantClaim returns the value of the claim of that kind and name when
// its formula reads no field; "" when it does, or fails.
func constantClaim(prep *scope.Prepared, c *scope.ExternalCredential, kind, name string) string {
	for _, p := range c.ParametersOf(kind) {
		if p.Name.Text != name {
			continue
		}
		f := prep.Parameter(p)
		if f == nil || f.Program == nil || len(f.Program.Fields()) > 0 {
			return ""
		}
		v, err := f.Eval(prep.NewValues(), eval.Env{})
		if err != nil {
			return ""
		}
		return v.Text()
	}
	return ""
}
