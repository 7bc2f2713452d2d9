package scope

import (
	"strings"

	"github.com/credscope/credscope/formula"
)

// userPrefixes are the merge-field namespaces that describe the running
// user, and so differ from one user to the next.
var userPrefixes = []string{"$user.", "$profile.", "$userrole."}

// checkSharedTokens warns about a named principal whose JWT claims read the
// running user. A named principal stands for one identity shared by every
// user who reaches it, yet such claims sign a different assertion for each
// user: whichever user came first would decide what the shared token
// asserts. credscope keys its token cache on the claims signed, so it
// never serves one user another's token, but Salesforce's sharing is the
// principal's, and the configuration says two things at once.
func checkSharedTokens(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		var named []string
		for _, pr := range c.Principals() {
			if pr.Type.Text == TypeNamedPrincipal {
				named = append(named, pr.Name())
			}
		}
		if len(named) == 0 {
			continue
		}
		for _, kind := range []string{TypeJwtHeaderClaim, TypeJwtBodyClaim} {
			for _, p := range c.ParametersOf(kind) {
				id := readsUser(l.prepare().Parameter(p))
				if id == nil {
					continue
				}
				what := "JWT claim"
				if kind == TypeJwtHeaderClaim {
					what = "JWT header claim"
				}
				l.report(p.Value.PosAt(id.Pos().Offset),
					"%s %s of %s reads %s, but %s; this claim signs a different assertion for each user. Use a PerUserPrincipal, or keep the running user's fields out of the claims",
					what, p.Name.Text, c.Name, id.Name, namedShared(named))
			}
		}
	}
}

// readsUser returns the first merge field of the running user that a
// credential field's prepared formula reads, or nil; a formula that does
// not parse reads nothing here, since CS401 reports it.
func readsUser(f *Formula) *formula.Ident {
	if f == nil || f.Template == nil {
		return nil
	}
	var found *formula.Ident
	for _, x := range f.Template.Exprs() {
		formula.Inspect(x, func(n formula.Expr) bool {
			if id, ok := n.(*formula.Ident); ok && found == nil && isRunningUserField(id.Name) {
				found = id
			}
			return found == nil
		})
	}
	return found
}

func isRunningUserField(name string) bool {
	lower := strings.ToLower(name)
	for _, p := range userPrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// namedShared says that the named principals share their tokens.
func namedShared(named []string) string {
	if len(named) == 1 {
		return named[0] + " is a NamedPrincipal, whose token every user who reaches it shares"
	}
	return andNames(named) + " are NamedPrincipals, each with one token that every user who reaches it shares"
}

// andNames joins names as "a, b and c".
func andNames(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// keyURLHeaders are the JOSE header parameters that point the verifier at
// a URL to fetch the verification key or certificate from (RFC 7515
// §4.1.2 and §4.1.5).
var keyURLHeaders = map[string]string{"jku": "a JWK Set", "x5u": "an X.509 certificate"}

// checkKeyURLHeaders warns about jku and x5u header claims: an identity
// provider that honours them fetches the key that verifies the assertion
// from wherever the header says, so whoever controls that URL, or can edit
// the claim's formula, chooses the key.
func checkKeyURLHeaders(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		for _, p := range c.ParametersOf(TypeJwtHeaderClaim) {
			what, ok := keyURLHeaders[strings.ToLower(strings.TrimSpace(p.Name.Text))]
			if !ok {
				continue
			}
			l.report(p.Name.TextPos(),
				"JWT header claim %s of %s tells the identity provider to fetch %s from a URL to verify the assertion; one that follows it lets whoever controls the URL choose the key. Register the key with the identity provider, and remove the claim",
				p.Name.Text, c.Name, what)
		}
	}
}
