package scope

import (
	"fmt"
	"strings"
)

// Problem is a fault in a credential's metadata, at its position.
type Problem struct {
	Pos Pos
	Msg string
}

// RegisteredClaims are the JWT claims the JWT bearer flow requires (RFC
// 7523 §3): the issuer, the subject and the audience.
var RegisteredClaims = []string{"iss", "sub", "aud"}

// JWTBearerProblems returns what an OAuth credential lacks for the JWT
// bearer flow: an AuthProtocolVariant, or an AuthProvider for the browser
// flow, then for JwtBearer the token
// endpoint (AuthProviderUrl), a signing certificate and the iss, sub and
// aud claims. Lint (CS201) and the token exchange both call it, so that a
// credential lint passes is one the exchange accepts.
func JWTBearerProblems(c *ExternalCredential) []Problem {
	if !strings.EqualFold(c.Protocol.Text, "Oauth") {
		return nil
	}
	at := c.Protocol.Pos
	variant := c.first(TypeAuthProtocolVariant)
	if variant == nil {
		// The browser flow has no variant; it names an auth provider.
		if c.first(TypeAuthProvider) != nil {
			return nil
		}
		return []Problem{{at, fmt.Sprintf("%s uses OAuth but has neither an AuthProtocolVariant parameter (for the JWT bearer flow, JwtBearer) nor an AuthProvider parameter (for the browser flow)", c.Name)}}
	}
	if variant.Value.Text != "JwtBearer" {
		return nil
	}
	var out []Problem
	if c.IdPURL() == nil {
		out = append(out, Problem{at, fmt.Sprintf("%s uses the JWT bearer flow but has no AuthProviderUrl parameter, the identity provider's token endpoint", c.Name)})
	}
	switch sc := c.SigningCertificate(); {
	case sc == nil:
		out = append(out, Problem{at, fmt.Sprintf("%s uses the JWT bearer flow but has no SigningCertificate parameter", c.Name)})
	case sc.Certificate.Text == "":
		out = append(out, Problem{sc.Pos, fmt.Sprintf("the SigningCertificate parameter of %s names no <certificate>", c.Name)})
	}
	for _, name := range RegisteredClaims {
		if !c.hasBodyClaim(name) {
			out = append(out, Problem{at, fmt.Sprintf("%s uses the JWT bearer flow but has no JwtBodyClaim %s; the identity provider needs iss, sub and aud", c.Name, name)})
		}
	}
	return out
}

// hasBodyClaim reports whether the credential has a JwtBodyClaim name.
func (c *ExternalCredential) hasBodyClaim(name string) bool {
	for _, p := range c.ParametersOf(TypeJwtBodyClaim) {
		if p.Name.Text == name {
			return true
		}
	}
	return false
}
