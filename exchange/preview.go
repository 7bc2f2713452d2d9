package exchange

import (
	"maps"
	"strings"

	"github.com/credscope/credscope/eval"
)

// Elided stands for the parts of an assertion a Preview leaves out.
const (
	ElidedSignature = "<signature elided>"
	ElidedClaims    = "<claims elided: they hold secret values>"
)

// Preview is what an exchange would send, safe to print: claims that
// derive from a secret are redacted and the signature is elided.
type Preview struct {
	// URL is the token endpoint.
	URL string
	// Header and Claims are the assertion's, with secret values redacted.
	Header, Claims map[string]any
	// Omitted names the claims left out because they were blank.
	Omitted []string
	// Form holds the form fields, the assertion without its signature.
	Form map[string]string
	// Signed reports whether the assertion was signed, with the
	// credential's key, before its signature was elided.
	Signed bool
}

// Preview builds the assertion an exchange would send now and describes
// the request, without sending it. When the credential has a key, the
// assertion is signed, to prove the key works.
func (s *Source) Preview() (*Preview, error) {
	a, err := s.Assertion()
	if err != nil {
		return nil, err
	}
	p := &Preview{URL: s.cred.TokenURL, Header: maps.Clone(a.Header), Claims: maps.Clone(a.Claims), Omitted: a.Omitted}
	for name := range a.Secret {
		if _, ok := p.Header[name]; ok {
			p.Header[name] = eval.Redacted
		}
		if _, ok := p.Claims[name]; ok {
			p.Claims[name] = eval.Redacted
		}
	}
	unsigned, err := a.Unsigned()
	if err != nil {
		return nil, err
	}
	if s.cred.Key != nil {
		signed, err := a.Sign(s.cred.Key.Private())
		if err != nil {
			return nil, err
		}
		unsigned, p.Signed = signed[:strings.LastIndexByte(signed, '.')], true
	}
	header, payload, _ := strings.Cut(unsigned, ".")
	if len(a.Secret) > 0 {
		payload = ElidedClaims
		if headerSecret(a) {
			header = ElidedClaims
		}
	}
	p.Form = s.Form(header + "." + payload + "." + ElidedSignature)
	return p, nil
}

// headerSecret reports whether a secret value is in the header.
func headerSecret(a *Assertion) bool {
	for name := range a.Secret {
		if _, ok := a.Header[name]; ok {
			return true
		}
	}
	return false
}
