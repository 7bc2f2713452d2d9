package engine

import (
	"errors"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// Credential is the scope preview of one external credential.
type Credential struct {
	Name       string      `json:"name"`
	Principals []Principal `json:"principals"`
	// Principal is the principal the user reaches, "" for none; Why says
	// why.
	Principal string `json:"principal,omitempty"`
	Why       string `json:"why,omitempty"`
	// CredentialScope, PrincipalScope and Scope are the evaluated scopes.
	CredentialScope string `json:"credentialScope"`
	PrincipalScope  string `json:"principalScope"`
	Scope           string `json:"scope"`
	// Error is why the scope was not composed.
	Error string `json:"error,omitempty"`
	// Refusal, set when merge-field data would widen the scope, points at
	// the offending character.
	Refusal *Refusal `json:"refusal,omitempty"`
}

// Principal is one principal of a credential.
type Principal struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Sequence string `json:"sequence"`
	// Scope is its scope formula, as written.
	Scope   string `json:"scope,omitempty"`
	Reached bool   `json:"reached,omitempty"`
}

// Refusal is an injection refusal: the level's evaluated text and the
// character in it, in UTF-16 code units.
type Refusal struct {
	// Level is "credential" or "principal".
	Level string `json:"level"`
	Text  string `json:"text"`
	From  int    `json:"from"`
	To    int    `json:"to"`
	Field string `json:"field"`
	Char  string `json:"char"`
}

// compose previews every credential's scope for the user, in env.
func compose(pp *scope.Prepared, u scope.User, env eval.Env) []Credential {
	var out []Credential
	for _, c := range pp.Project().ExternalCredentials {
		cred := Credential{Name: c.Name, Principals: []Principal{}}
		comp, err := pp.Compose(c, u, env)
		if comp != nil {
			if comp.Principal != nil {
				cred.Principal = comp.Principal.Name()
			}
			cred.Why = comp.Why
			cred.CredentialScope = display(comp.CredentialScope)
			cred.PrincipalScope = display(comp.PrincipalScope)
			cred.Scope = display(comp.Scope)
		}
		for _, p := range c.Principals() {
			pr := Principal{Name: p.Name(), Type: p.Type.Text, Sequence: p.SequenceNumber.Text, Reached: p.Name() == cred.Principal}
			if sp := c.ScopeParameter(p.Name()); sp != nil {
				pr.Scope = sp.Value.Text
			}
			cred.Principals = append(cred.Principals, pr)
		}
		if err != nil {
			cred.Scope = ""
			cred.Error = err.Error()
			var inj *scope.InjectionError
			if errors.As(err, &inj) && comp != nil {
				cred.Refusal = refusal(inj, comp)
			}
		}
		out = append(out, cred)
	}
	return out
}

// refusal finds the refused character in the evaluated level it is in:
// inside the field's value where the level holds it, else its first
// occurrence.
func refusal(e *scope.InjectionError, comp *scope.Composition) *Refusal {
	char := string(e.Char)
	for _, level := range []struct {
		name string
		v    eval.Value
	}{{"principal", comp.PrincipalScope}, {"credential", comp.CredentialScope}} {
		if level.v.Secret() || level.v.IsNull() {
			continue
		}
		text := level.v.Text()
		at := -1
		if e.Value != "" {
			if i := strings.Index(text, e.Value); i >= 0 {
				if j := strings.Index(e.Value, char); j >= 0 {
					at = i + j
				}
			}
		}
		if at < 0 {
			at = strings.Index(text, char)
		}
		if at >= 0 {
			return &Refusal{Level: level.name, Text: text, From: utf16At(text, at), To: utf16At(text, at+len(char)), Field: e.Field, Char: char}
		}
	}
	return nil
}
