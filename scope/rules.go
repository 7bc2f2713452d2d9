package scope

import (
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/credscope/credscope/internal/suggest"
)

// rules lists every lint rule. IDs are stable: CS0xx files, CS1xx names,
// CS2xx JWT bearer settings, CS3xx principals, CS4xx formulas and scopes,
// CS5xx references, CS6xx unknown input, CS7xx changes between versions,
// CS8xx named credentials.
func rules() []*Rule {
	return []*Rule{
		{ID: "CS001", Name: "malformed-file", Severity: Error, Doc: "A file is not well-formed XML, or not the metadata type its name says.", check: checkProblems},
		// Run checks the suppressions once every other rule has run.
		{ID: UnusedSuppressionRule, Name: "unused-suppression", Severity: Note, Doc: "A credscope:ignore comment sits on the line before an element, names existing rules, and silences a finding of one of them.", check: nil},
		{ID: "CS101", Name: "api-name", Severity: Error, Doc: "Credential and permission set names are developer names, letters, digits and underscores beginning with a letter, without a trailing or double underscore, after an optional namespace prefix (ns__Name); principal names are free text of up to 255 characters, without padding or control characters.", check: checkNames},
		{ID: "CS102", Name: "unique-name", Severity: Error, Doc: "Credential names are unique in the project, and principal names within their credential.", check: checkUnique},
		{ID: "CS201", Name: "jwt-required-parameters", Severity: Error, Doc: "An OAuth credential names its AuthProtocolVariant, or an AuthProvider for the browser flow; with JwtBearer it needs what the token exchange needs: an AuthProviderUrl (the token endpoint), a SigningCertificate naming a certificate, and JwtBodyClaims iss, sub and aud.", check: checkRequired},
		{ID: "CS202", Name: "idp-url", Severity: Error, Doc: "The identity provider URL is absolute https; plain http is allowed only for a loopback host, with a warning.", check: checkIdPURL},
		{ID: "CS203", Name: "signing-algorithm", Severity: Error, Doc: "The signing algorithm is RS256 or RS512.", check: checkAlgorithm},
		{ID: "CS204", Name: "refresh-status-code", Severity: Error, Doc: "An AdditionalRefreshStatusCode is a numeric HTTP status, not 401 (always implied), and not repeated.", check: checkRefreshCodes},
		{ID: "CS205", Name: "jwt-key-url-header", Severity: Warning, Doc: "No jku or x5u JWT header claim: an identity provider that follows one fetches the key that verifies the assertion from a URL, so whoever controls the URL chooses the key.", check: checkKeyURLHeaders},
		{ID: "CS301", Name: "principal-identity-type", Severity: Error, Doc: "A principal is a NamedPrincipal or a PerUserPrincipal.", check: checkIdentityTypes},
		{ID: "CS302", Name: "principal-sequence", Severity: Error, Doc: "A principal's sequence number is a positive integer, unique within its credential.", check: checkSequences},
		{ID: "CS303", Name: "principal-group", Severity: Error, Doc: "Every group-level parameter belongs to an existing principal, whose group is its own name.", check: checkGroups},
		{ID: "CS304", Name: "named-principal-user-claims", Severity: Warning, Doc: "The JWT claims of a credential with a NamedPrincipal do not read $User, $Profile or $UserRole: a named principal's token is shared by every user who reaches it, while such claims sign a different assertion for each.", check: checkSharedTokens},
		{ID: "CS401", Name: "formula", Severity: Error, Doc: "Every formula in a scope, JWT claim or header parses and type-checks; a scope is Text.", check: checkFormulas},
		{ID: "CS402", Name: "scope-token", Severity: Error, Doc: "Static scope text follows RFC 6749: scope tokens of %x21 / %x23-5B / %x5D-7E separated by single spaces.", check: checkScopeTokens},
		{ID: "CS403", Name: "scope-injection", Severity: Warning, Doc: "A scope formula lets merge-field data put a space or a character outside RFC 6749 NQCHAR into the scope, which composition refuses: the field is copied without a REGEX guard, or a function such as SUBSTITUTE or TEXT of a DateTime computes text from it.", check: checkInjection},
		{ID: RecordFormulaRule, Name: "record-formula", Severity: Error, Doc: "Every formula of the project's records, formula fields, default values, validation rules, workflow, approval and assignment criteria, field updates, flow formulas and flow entry conditions, parses and type-checks in its context as a deploy would: its fields exist, its types fit, it returns its metadata's type (a validation rule Boolean), it has at most 3,900 characters and 5,000 compiled, and it calls only functions its context has. A reference into another package's namespace, or through a standard object or field credscope's catalog lacks, is a note.", check: checkRecordFormulas},
		{ID: PicklistValueRule, Name: "picklist-value", Severity: Warning, Doc: "A record formula compares a picklist only with values the picklist has: the text literal of ISPICKVAL, INCLUDES, CASE or TEXT(field) = \"…\" is one of the values the field's metadata, its global value set or, for a standard picklist, the project's standard value set lists, exactly as written. A picklist whose values the project does not give is not checked.", check: checkPicklistValues},
		{ID: "CS404", Name: "exponent-precedence", Severity: Warning, Doc: "Salesforce applies * and / before ^, so 2*3^2 is 36; parenthesise * or / next to ^.", check: checkPrecedence},
		{ID: "CS501", Name: "reference", Severity: Error, Doc: "Named credentials reference existing external credentials; permission sets reference existing credential-principal pairs.", check: checkReferences},
		{ID: "CS601", Name: "unknown-input", Severity: Warning, Doc: "Elements and parameter types credscope does not know.", check: checkUnknown},
		{ID: "CS602", Name: "invented-principals", Severity: Error, Doc: "Principals are externalCredentialParameters entries; a <principals> element is invented by samples and never deploys.", check: checkInvented},
		{ID: "CS801", Name: "endpoint-https", Severity: Warning, Doc: "A named credential's endpoint, and a legacy authTokenEndpointUrl, are absolute https URLs; plain http sends callouts and their credentials unencrypted.", check: checkEndpoints},
		{ID: "CS802", Name: "secret-in-metadata", Severity: Error, Doc: "A legacy named credential keeps no password, OAuth token, refresh token or AWS secret in its metadata; Salesforce never retrieves them, and a repository must not hold them.", check: checkSecretsInMetadata},
		{ID: "CS803", Name: "legacy-auth-provider", Severity: Error, Doc: "A legacy named credential that authenticates with OAuth, for a named or a per-user principal, names its auth provider; a per-user principal needs an authentication protocol.", check: checkLegacyAuth},
		{ID: "CS804", Name: "named-credential-type", Severity: Error, Doc: "A named credential with parameters has namedCredentialType SecuredEndpoint or PrivateEndpoint and no legacy fields; a legacy one has an endpoint, a principalType and a protocol.", check: checkNamedCredentialType},
		{ID: "CS701", Name: "principal-edit", Severity: Error, Doc: "A principal's identity type cannot change; delete and recreate it (lint --against).", check: checkPrincipalEdits},
	}
}

func checkProblems(l *linter) {
	for _, e := range l.p.Problems {
		l.report(e.Pos, "%s", e.Msg)
	}
}

func checkNames(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		if why := validAPIName(c.Name); why != "" {
			l.report(c.Pos, "external credential name %q %s", c.Name, why)
		}
		for _, pr := range c.Principals() {
			if why := validPrincipalName(pr.Parameter.Name.raw()); why != "" {
				l.report(pr.Parameter.Name.Pos, "principal name %q %s", pr.Parameter.Name.raw(), why)
			}
		}
	}
	for _, n := range l.p.NamedCredentials {
		if why := validAPIName(n.Name); why != "" {
			l.report(n.Pos, "named credential name %q %s", n.Name, why)
		}
	}
	for _, ps := range l.p.PermissionSets {
		if why := validAPIName(ps.Name); why != "" {
			l.report(ps.Pos, "permission set name %q %s", ps.Name, why)
		}
	}
}

func checkUnique(l *linter) {
	seen := map[string]Pos{}
	for _, c := range l.p.ExternalCredentials {
		key := strings.ToLower(c.Name)
		if first, dup := seen[key]; dup {
			l.report(c.Pos, "external credential %s is defined twice; the first is at %s", c.Name, first)
		} else {
			seen[key] = c.Pos
		}
		principals := map[string]Pos{}
		for _, pr := range c.Principals() {
			key := strings.ToLower(pr.Name())
			if first, dup := principals[key]; dup {
				l.report(pr.Parameter.Name.Pos, "principal %s is defined twice in %s; the first is at %s", pr.Name(), c.Name, first)
			} else {
				principals[key] = pr.Parameter.Name.Pos
			}
		}
	}
	named := map[string]Pos{}
	for _, n := range l.p.NamedCredentials {
		key := strings.ToLower(n.Name)
		if first, dup := named[key]; dup {
			l.report(n.Pos, "named credential %s is defined twice; the first is at %s", n.Name, first)
		} else {
			named[key] = n.Pos
		}
	}
}

func checkRequired(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		for _, pr := range JWTBearerProblems(c) {
			l.report(pr.Pos, "%s", pr.Msg)
		}
	}
}

func checkIdPURL(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		p := c.IdPURL()
		if p == nil {
			continue
		}
		raw := strings.TrimSpace(p.Value.Text)
		u, err := url.Parse(raw)
		switch {
		case raw == "":
			l.report(p.Value.Pos, "the AuthProviderUrl of %s is empty", c.Name)
		case err != nil || !u.IsAbs() || u.Host == "":
			l.report(p.Value.TextPos(), "the AuthProviderUrl of %s, %q, is not an absolute URL", c.Name, raw)
		case u.Scheme == "https":
		case u.Scheme == "http" && isLoopback(u.Hostname()):
			l.reportAs(Warning, p.Value.TextPos(), "the AuthProviderUrl of %s uses plain http; acceptable only for a local test identity provider", c.Name)
		default:
			l.report(p.Value.TextPos(), "the AuthProviderUrl of %s must use https, not %s", c.Name, u.Scheme)
		}
	}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func checkAlgorithm(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		alg, p := c.SigningAlgorithm()
		if p != nil && alg != "RS256" && alg != "RS512" {
			l.report(p.Value.TextPos(), "signing algorithm %q is not supported; use RS256 (the default) or RS512", alg)
		}
	}
}

func checkRefreshCodes(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		seen := map[int]bool{}
		for _, p := range c.ParametersOf(TypeAdditionalRefreshStatusCode) {
			text := strings.TrimSpace(p.Value.Text)
			at := p.Value.TextPos()
			if text == "" {
				text, at = strings.TrimSpace(p.Name.Text), p.Name.TextPos()
			}
			n, err := strconv.Atoi(text)
			switch {
			case err != nil || n < 100 || n > 599:
				l.report(at, "AdditionalRefreshStatusCode %q is not an HTTP status code", text)
			case n == 401:
				l.reportAs(Warning, at, "AdditionalRefreshStatusCode 401 is redundant: a 401 always refreshes the token")
			case seen[n]:
				l.reportAs(Warning, at, "AdditionalRefreshStatusCode %d is listed twice", n)
			}
			seen[n] = true
		}
	}
}

func checkIdentityTypes(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		for _, p := range c.Parameters {
			t := p.Type.Text
			if t == TypeNamedPrincipal || t == TypePerUserPrincipal || knownParameterTypes[t] {
				continue
			}
			if strings.Contains(strings.ToLower(t), "principal") || strings.EqualFold(t, "NamedUser") || strings.EqualFold(t, "PerUser") {
				l.report(p.Type.TextPos(), "identity type %q is not NamedPrincipal or PerUserPrincipal", t)
			}
		}
	}
}

func checkSequences(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		seen := map[int]string{}
		for _, pr := range c.Principals() {
			if !pr.SequenceNumber.Set {
				l.report(pr.Pos, "principal %s has no sequenceNumber", pr.Name())
				continue
			}
			n, ok := pr.Sequence()
			if !ok || n < 1 {
				l.report(pr.SequenceNumber.TextPos(), "principal %s has sequence number %q; it must be a positive integer", pr.Name(), pr.SequenceNumber.Text)
				continue
			}
			if other, dup := seen[n]; dup {
				l.report(pr.SequenceNumber.TextPos(), "principals %s and %s share sequence number %d; the order between them is undefined", other, pr.Name(), n)
			}
			seen[n] = pr.Name()
		}
	}
}

func checkGroups(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		names := map[string]bool{}
		var list []string
		for _, pr := range c.Principals() {
			names[pr.Name()] = true
			list = append(list, pr.Name())
			if g := pr.Group.Text; g != "" && g != pr.Name() {
				l.reportAs(Warning, pr.Group.TextPos(), "principal %s is in parameter group %q; a principal's group is its own name", pr.Name(), g)
			}
		}
		for _, p := range c.Parameters {
			g := p.Group.Text
			if g == "" || g == DefaultGroup || p.Type.Text == TypeNamedPrincipal || p.Type.Text == TypePerUserPrincipal {
				continue
			}
			if !names[g] {
				what := "parameter " + p.Name.Text
				if p.Name.Text == "Scope" {
					what = "scope"
				}
				l.report(p.Group.TextPos(), "%s belongs to group %q, but %s has no principal of that name%s", what, g, c.Name, nearName(g, list))
			}
		}
	}
}

func checkReferences(l *linter) {
	creds := make([]string, len(l.p.ExternalCredentials))
	for i, c := range l.p.ExternalCredentials {
		creds[i] = c.Name
	}
	for _, n := range l.p.NamedCredentials {
		name, p := n.ExternalCredentialName()
		if p == nil {
			continue
		}
		if _, ok := l.p.ExternalCredential(name); !ok {
			l.report(p.ExternalCredential.TextPos(), "named credential %s references external credential %q, which is not in the project%s", n.Name, name, nearName(name, creds))
		}
	}
	for _, ps := range l.p.PermissionSets {
		for _, a := range ps.Accesses {
			cred, principal, ok := a.Target()
			at := a.Principal.TextPos()
			if !ok {
				l.report(at, "externalCredentialPrincipal %q is not CREDENTIAL-PRINCIPAL", a.Principal.Text)
				continue
			}
			c, found := l.p.ExternalCredential(cred)
			if !found {
				l.report(at, "permission set %s grants %s, but external credential %s is not in the project%s", ps.Name, a.Principal.Text, cred, nearName(cred, creds))
				continue
			}
			if _, found := c.Principal(principal); !found {
				var prs []string
				for _, pr := range c.Principals() {
					prs = append(prs, pr.Name())
				}
				l.report(at, "permission set %s grants %s, but %s has no principal %s%s", ps.Name, a.Principal.Text, cred, principal, nearName(principal, prs))
			}
		}
	}
}

// nearName is "; did you mean …?" for the names near a reference that
// names nothing, or "" when none is near.
func nearName(ref string, names []string) string {
	if h := suggest.DidYouMean(ref, names); h != "" {
		return "; " + h
	}
	return ""
}

func checkUnknown(l *linter) {
	checkLegacyValues(l)
	for _, c := range l.p.ExternalCredentials {
		for _, e := range c.Unknown {
			l.report(e.Pos, "unknown element <%s> in an ExternalCredential", e.Name)
		}
		for _, p := range c.Parameters {
			t := p.Type.Text
			if !p.Type.Set {
				l.reportAs(Error, p.Pos, "parameter %q has no parameterType", p.Name.Text)
			} else if !knownParameterTypes[t] && !strings.Contains(strings.ToLower(t), "principal") {
				l.report(p.Type.TextPos(), "unknown parameterType %q", t)
			}
			// Before API version 58 the element was valid; a project that
			// still deploys with such a version keeps it.
			if p.Principal.Set {
				if v := l.p.APIVersion(c.File); v == 0 || v >= 58 {
					l.report(p.Principal.Pos, "<principal> was removed in API version 58; principals are parameters of type NamedPrincipal or PerUserPrincipal")
				}
			}
		}
	}
	for _, n := range l.p.NamedCredentials {
		for _, e := range n.Unknown {
			l.report(e.Pos, "unknown element <%s> in a NamedCredential", e.Name)
		}
	}
}

// principalShape is the real form of a principal, shown when a file invents
// a <principals> element.
const principalShape = `<externalCredentialParameters>
    <parameterGroup>NAME</parameterGroup>
    <parameterName>NAME</parameterName>
    <parameterType>NamedPrincipal</parameterType>  <!-- or PerUserPrincipal -->
    <sequenceNumber>1</sequenceNumber>
</externalCredentialParameters>`

func checkInvented(l *linter) {
	for _, c := range l.p.ExternalCredentials {
		for _, e := range c.Invented {
			l.report(e.Pos, "<principals> is not ExternalCredential metadata and will not deploy; a principal is written as\n%s", principalShape)
		}
	}
}

func checkPrincipalEdits(l *linter) {
	if l.opts.Previous == nil {
		return
	}
	for _, c := range l.p.ExternalCredentials {
		old, ok := l.opts.Previous.ExternalCredential(c.Name)
		if !ok {
			continue
		}
		for _, pr := range c.Principals() {
			was, ok := old.Principal(pr.Name())
			if ok && was.Type.Text != pr.Type.Text {
				l.report(pr.Type.TextPos(), "principal %s of %s changed identity type from %s to %s; Salesforce cannot edit this: delete the principal and create it again", pr.Name(), c.Name, was.Type.Text, pr.Type.Text)
			}
		}
	}
}
