package exchange

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"strings"

	"github.com/credscope/credscope/eval"
)

// Elided stands for the parts of an assertion a Preview leaves out.
const (
	ElidedSignature = "<signature elided>"
	ElidedClaims    = "<claims elided: they hold secret values>"
)

// JWT is an assertion's header and claims, safe to print: the values of
// claims that derive from a secret are redacted.
type JWT struct {
	// Header and Claims are the assertion's, with secret values redacted.
	Header, Claims map[string]any
	// Omitted names the claims left out because they were blank.
	Omitted []string
}

// Redacted returns the assertion's header and claims with the values that
// derive from a secret redacted.
func (a *Assertion) Redacted() JWT {
	j := JWT{Header: maps.Clone(a.Header), Claims: maps.Clone(a.Claims), Omitted: a.Omitted}
	for name := range a.Secret {
		if _, ok := j.Header[name]; ok {
			j.Header[name] = eval.Redacted
		}
		if _, ok := j.Claims[name]; ok {
			j.Claims[name] = eval.Redacted
		}
	}
	return j
}

// WriteText prints the header and the claims as indented JSON, keys in
// order and numeric dates as numbers, then the claims left out: what
// credscope token --dry-run and the REPL's :claims show.
func (j JWT) WriteText(w io.Writer) error {
	for _, part := range []struct {
		title string
		v     map[string]any
	}{{"JWT header", j.Header}, {"JWT claims", j.Claims}} {
		var js strings.Builder
		enc := json.NewEncoder(&js)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(part.v); err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "%s:\n  %s", part.title, js.String()); err != nil {
			return err
		}
	}
	if len(j.Omitted) > 0 {
		if _, err := fmt.Fprintf(w, "left out, blank for this user: %s\n", strings.Join(j.Omitted, ", ")); err != nil {
			return err
		}
	}
	return nil
}

// Preview is what an exchange would send, safe to print: claims that
// derive from a secret are redacted and the signature is elided.
type Preview struct {
	// URL is the token endpoint.
	URL string
	// JWT is the assertion's header and claims.
	JWT
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
	p := &Preview{URL: s.cred.TokenURL, JWT: a.Redacted()}
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
