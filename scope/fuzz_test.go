package scope_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/scope"
)

// FuzzLoadExternalCredential loads arbitrary bytes as an external
// credential, next to the example project's other files, lints it against
// the example project as the previous version, composes its scope for a
// user and, for a JWT bearer credential, previews the token request.
// Nothing may panic, and every finding must point inside the file it names.
// The user's secret, fuzzSecret, is not a valid pattern and holds quotes and
// spaces, and $User.Division holds a copy of it: no output (lint findings
// and their JSON, composition errors and results, the exchange's errors,
// the Preview and its JSON, the assertion's decoded segments) may show it
// or an obvious derivation of it.
func FuzzLoadExternalCredential(f *testing.F) {
	example := filepath.Join("..", "testdata", "example")
	prev, err := scope.Load(example)
	if err != nil {
		f.Fatal(err)
	}
	type file struct {
		name string
		data []byte
	}
	var others []file
	err = filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(path, scope.ExternalCredentialSuffix):
			f.Add(data)
		case strings.HasPrefix(path, example) && (strings.HasSuffix(path, scope.NamedCredentialSuffix) || strings.HasSuffix(path, scope.PermissionSetSuffix)):
			others = append(others, file{path, data})
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	// Malformed after characters outside ASCII: columns count characters.
	f.Add([]byte("<?xml version=\"1.0\"?>\n<ExternalCredential>\n    <label>Café – Portal</labl>\n</ExternalCredential>\n"))
	// A scope built from the secret.
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>{!&quot;tenant:&quot; &amp; $Credential.Support_Portal.Tenant}</parameterValue>
    </externalCredentialParameters>
    <label>Support Portal</label>
</ExternalCredential>
`))
	// A JWT bearer credential whose scope and claims fail on the secret,
	// or carry it, or its copy.
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>AuthProtocolVariant</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>JwtBearer</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>AuthProviderUrl</parameterName>
        <parameterType>AuthProviderUrl</parameterType>
        <parameterValue>https://support.example.net/oauth/token</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <certificate>Support_Portal_JWT</certificate>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>SigningCertificate</parameterName>
        <parameterType>SigningCertificate</parameterType>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>tickets.read {!IF(REGEX(&quot;x&quot;, $User.Division), &quot;a&quot;, &quot;b&quot;)}</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>iss</parameterName>
        <parameterType>JwtBodyClaim</parameterType>
        <parameterValue>{!IF(REGEX(&quot;x&quot;, $Credential.Support_Portal.Tenant), &quot;a&quot;, &quot;b&quot;)}</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>sub</parameterName>
        <parameterType>JwtBodyClaim</parameterType>
        <parameterValue>{!$User.Division}</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>aud</parameterName>
        <parameterType>JwtBodyClaim</parameterType>
        <parameterValue>{!UPPER($Credential.Support_Portal.Tenant)}</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>kid</parameterName>
        <parameterType>JwtHeaderClaim</parameterType>
        <parameterValue>{!BASE64ENCODE(BLOB($User.Division))}</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterGroup>Sales_Team</parameterGroup>
        <parameterName>Sales_Team</parameterName>
        <parameterType>PerUserPrincipal</parameterType>
        <sequenceNumber>1</sequenceNumber>
    </externalCredentialParameters>
    <label>Support Portal</label>
</ExternalCredential>
`))
	const name = "Support_Portal.externalCredential-meta.xml"
	f.Fuzz(func(t *testing.T, data []byte) {
		// A form of the secret that the file itself holds may show.
		noLeak := func(what, out string) {
			t.Helper()
			if form := leakIn(out, string(data)); form != "" {
				t.Fatalf("%s shows %q of the secret:\n%s", what, form, out)
			}
		}
		p := &scope.Project{}
		contents := map[string][]byte{name: data}
		for _, o := range others {
			p.LoadFile(o.name, o.data)
			contents[o.name] = o.data
		}
		p.LoadFile(name, data)
		findings := scope.Lint(p, scope.LintOptions{Previous: prev})
		for _, fd := range findings {
			src, ok := contents[fd.Pos.File]
			if !ok {
				t.Fatalf("finding in an unknown file: %v", fd)
			}
			checkPos(t, fd, src)
			if fd.Rule == "" || fd.Message == "" {
				t.Errorf("finding without a rule or message: %#v", fd)
			}
			noLeak("a lint finding", fd.String())
		}
		js, err := json.Marshal(findings)
		if err != nil {
			t.Fatal(err)
		}
		noLeak("the findings' JSON", string(js))
		var sets []string
		for _, ps := range p.PermissionSets {
			sets = append(sets, ps.Name)
		}
		for _, c := range p.ExternalCredentials {
			r := p.Resolve(c, sets)
			if r.Principal != nil && r.Principal.Credential != c {
				t.Errorf("Resolve picked principal %s of another credential", r.Principal.Name())
			}
			prep, vals, err := fuzzUser(p)
			if err != nil {
				t.Fatal(err)
			}
			comp, err := prep.Compose(c, scope.User{PermissionSets: sets, Values: vals}, fuzzEnv)
			if err != nil {
				noLeak("the composition error", err.Error())
			} else {
				noLeak("the composed scope", fmt.Sprintf("%v %v %v %q", comp.CredentialScope, comp.PrincipalScope, comp.Scope, comp.Scope))
			}
			previewLeaks(t, prep, c, sets, vals, noLeak)
		}
	})
}

// fuzzSecret is a secret credential parameter of the fuzzed user, copied
// into $User.Division. It is not a valid regular expression, a number or a
// date, and holds quotes and spaces.
const fuzzSecret = `hunter2(SECRET "x y'`

// secretForms are the secret and the derivations of it that a careless
// message could show.
var secretForms = []string{
	fuzzSecret, strings.ToUpper(fuzzSecret), strings.ToLower(fuzzSecret),
	base64.StdEncoding.EncodeToString([]byte(fuzzSecret)), base64.RawURLEncoding.EncodeToString([]byte(fuzzSecret)),
	hex.EncodeToString([]byte(fuzzSecret)), url.QueryEscape(fuzzSecret), strconv.Quote(fuzzSecret),
	"hunter2", "HUNTER2", "SECRET",
}

// leakIn returns the first form of the secret that out shows and input
// does not hold, or "".
func leakIn(out, input string) string {
	for _, f := range secretForms {
		if strings.Contains(out, f) && !strings.Contains(strings.ToLower(input), strings.ToLower(f)) {
			return f
		}
	}
	return ""
}

// previewLeaks prepares a JWT bearer credential's exchange for the user,
// without a keystore, and checks every output: the errors, the Preview,
// its JSON and the decoded segments of the assertion it would send.
func previewLeaks(t *testing.T, prep *scope.Prepared, c *scope.ExternalCredential, sets []string, vals *eval.Values, noLeak func(what, out string)) {
	t.Helper()
	if !c.IsJWTBearer() {
		return
	}
	cred, err := exchange.New(prep, c, exchange.Config{})
	if err != nil {
		noLeak("the credential error", err.Error())
		return
	}
	src, err := cred.For(exchange.User{PermissionSets: sets, Values: vals}, fuzzEnv)
	if err != nil {
		noLeak("the exchange error", err.Error())
		return
	}
	noLeak("the cache key", fmt.Sprintf("%+v", src.CacheKey()))
	pv, err := src.Preview()
	if err != nil {
		noLeak("the preview error", err.Error())
		return
	}
	js, err := json.Marshal(pv)
	if err != nil {
		t.Fatal(err)
	}
	noLeak("the preview's JSON", string(js))
	noLeak("the preview", fmt.Sprintf("%+v", *pv))
	for _, seg := range strings.Split(pv.Form["assertion"], ".") {
		if raw, err := base64.RawURLEncoding.DecodeString(seg); err == nil {
			noLeak("the assertion", string(raw))
		}
	}
}

// fuzzEnv is the evaluation environment of the fuzz targets: a fixed clock.
var fuzzEnv = eval.Env{Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }}

// fuzzUser returns the values of a user with a department that adds a
// scope and a secret with a space, for the project's schema.
func fuzzUser(p *scope.Project) (*scope.Prepared, *eval.Values, error) {
	uc, err := scope.ParseUserContext("fuzz.yaml", []byte(`user: {Username: fuzz@acme.example, Department: Sales admin:all, Email: fuzz@acme.example}
permissions: {Approve_Refunds: true}
credentials: {Support_Portal: {Tenant: `+strconv.Quote(fuzzSecret)+`}}
`))
	if err != nil {
		return nil, nil, err
	}
	schema := p.Schema()
	if err := uc.Declare(schema); err != nil {
		return nil, nil, err
	}
	prep, _ := p.Prepare(schema, eval.Options{})
	vals := prep.NewValues()
	if err := uc.Apply(vals); err != nil {
		return nil, nil, err
	}
	secret, err := vals.Get("$Credential.Support_Portal.Tenant")
	if err != nil {
		return nil, nil, err
	}
	return prep, vals, vals.Set("$User.Division", secret)
}

// checkPos fails unless the finding's line exists in src and its column is
// within the line, or just past its end.
func checkPos(t *testing.T, fd scope.Finding, src []byte) {
	t.Helper()
	lines := bytes.Split(src, []byte("\n"))
	if fd.Pos.Line < 1 || fd.Pos.Line > len(lines) {
		t.Fatalf("%v: line %d is not in the file's %d lines", fd, fd.Pos.Line, len(lines))
	}
	if n := utf8.RuneCount(lines[fd.Pos.Line-1]); fd.Pos.Column < 1 || fd.Pos.Column > n+1 {
		t.Fatalf("%v: column %d is not in line %d, of %d characters", fd, fd.Pos.Column, fd.Pos.Line, n)
	}
}
