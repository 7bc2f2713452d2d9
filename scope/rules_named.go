package scope

import (
	"net/url"
	"strings"
)

// Rules of named credentials, legacy and current: CS8xx.

func checkEndpoints(l *linter) {
	for _, n := range l.p.NamedCredentials {
		l.checkHTTPS(n.Endpoint(), "the endpoint of "+n.Name)
		l.checkHTTPS(n.Legacy.AuthTokenEndpointURL, "the authTokenEndpointUrl of "+n.Name)
	}
}

// checkHTTPS reports a URL that is not absolute, or uses plain http to
// another machine.
func (l *linter) checkHTTPS(v Value, what string) {
	raw := strings.TrimSpace(v.Text)
	if !v.Set || raw == "" || strings.Contains(raw, "{!") {
		return
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || !u.IsAbs() || u.Host == "":
		l.reportAs(Error, v.TextPos(), "%s, %q, is not an absolute URL", what, raw)
	case strings.EqualFold(u.Scheme, "http") && !isLoopback(u.Hostname()):
		l.report(v.TextPos(), "%s uses plain http: callouts, and the credentials they carry, travel unencrypted. Use https", what)
	}
}

func checkSecretsInMetadata(l *linter) {
	for _, n := range l.p.NamedCredentials {
		for _, f := range n.Legacy.set() {
			// The value is a secret: the finding never shows it.
			if v := f.field(&n.Legacy); f.secret && v.Text != "" {
				l.report(v.Pos, "<%s> of %s keeps a secret in the metadata, where everyone who can read the repository has it. Salesforce never retrieves it: remove the element and set the value in Setup", f.name, n.Name)
			}
		}
	}
}

func checkLegacyAuth(l *linter) {
	for _, n := range l.p.NamedCredentials {
		lg := &n.Legacy
		principal, protocol := oneOf(lg.PrincipalType.Text, legacyPrincipalTypes), oneOf(lg.Protocol.Text, legacyProtocols)
		switch {
		case protocol == "Oauth" && lg.AuthProvider.Text == "":
			l.report(lg.Protocol.Pos, "%s authenticates with OAuth but names no <authProvider>; the %s principal's tokens come from an auth provider", n.Name, orDefault(principal, "NamedUser"))
		case principal == "PerUser" && (protocol == "" || protocol == "NoAuthentication"):
			l.reportAs(Warning, lg.PrincipalType.Pos, "%s has principal type PerUser but no authentication protocol, so each user has nothing to authenticate with; use Anonymous, or a protocol", n.Name)
		}
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func checkNamedCredentialType(l *linter) {
	for _, n := range l.p.NamedCredentials {
		typ := oneOf(n.Type.Text, namedCredentialTypes)
		switch {
		case n.Type.Set && typ == "":
			l.report(n.Type.TextPos(), "namedCredentialType %q is not Legacy, SecuredEndpoint or PrivateEndpoint", n.Type.Text)
			continue
		case !n.Type.Set && len(n.Parameters) > 0:
			l.report(n.Pos, "%s has namedCredentialParameters but no <namedCredentialType>; Salesforce requires SecuredEndpoint, or PrivateEndpoint, for a named credential with parameters", n.Name)
			continue
		case typ == "Legacy" && len(n.Parameters) > 0:
			l.report(n.Type.TextPos(), "%s is a Legacy named credential, which has no namedCredentialParameters; use SecuredEndpoint with an external credential", n.Name)
			continue
		}
		if !n.IsLegacy() {
			for _, f := range n.Legacy.set() {
				l.reportAs(Warning, f.field(&n.Legacy).Pos, "<%s> is a field of legacy named credentials, which a %s named credential ignores", f.name, typ)
			}
			continue
		}
		for _, req := range []struct {
			name string
			v    Value
		}{{"endpoint", n.Legacy.Endpoint}, {"principalType", n.Legacy.PrincipalType}, {"protocol", n.Legacy.Protocol}} {
			if !req.v.Set {
				l.report(n.Pos, "the legacy named credential %s has no <%s>", n.Name, req.name)
			}
		}
	}
}

// checkLegacyValues reports legacy principal types and protocols that
// Salesforce does not define.
func checkLegacyValues(l *linter) {
	for _, n := range l.p.NamedCredentials {
		lg := &n.Legacy
		if lg.PrincipalType.Set && oneOf(lg.PrincipalType.Text, legacyPrincipalTypes) == "" {
			l.report(lg.PrincipalType.TextPos(), "unknown principalType %q; Salesforce knows %s", lg.PrincipalType.Text, strings.Join(legacyPrincipalTypes, ", "))
		}
		if lg.Protocol.Set && oneOf(lg.Protocol.Text, legacyProtocols) == "" {
			l.report(lg.Protocol.TextPos(), "unknown protocol %q; Salesforce knows %s", lg.Protocol.Text, strings.Join(legacyProtocols, ", "))
		}
	}
}
