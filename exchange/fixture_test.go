package exchange_test

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/internal/idp"
	"github.com/credscope/credscope/scope"
)

// The test keys are generated once per run; private keys are never
// committed.
var testKeys = sync.OnceValues(func() ([]*exchange.KeyPair, error) {
	var out []*exchange.KeyPair
	for i := range 3 {
		kp, err := exchange.GenerateKeyPair(fmt.Sprintf("test-%d", i), time.Now())
		if err != nil {
			return nil, err
		}
		out = append(out, kp)
	}
	return out, nil
})

func keyPair(t testing.TB, i int) *exchange.KeyPair {
	t.Helper()
	keys, err := testKeys()
	if err != nil {
		t.Fatal(err)
	}
	return keys[i]
}

// Names used by the fixture's credential.
const (
	credName   = "Test_Cred"
	certName   = "Test_JWT"
	issuer     = "credscope-test"
	alice      = "alice@acme.example"
	bob        = "bob@acme.example"
	allowedAll = "billing.read billing.write billing.admin"
)

// credSpec describes the external credential the fixture writes.
type credSpec struct {
	Alg            string // SigningAlgorithm; "" for the default
	Aud            string // the aud claim; "" for the IdP's audience
	Exp            string // the exp claim's value; "" for none
	Kid            string // the kid header claim; "" for none
	Scope          string // credential-level scope
	PrincipalScope string
	PerUser        bool
	Refresh        []int // AdditionalRefreshStatusCodes
	Extra          map[string]string
	// Sub is the sub claim; "" means {!$User.Username}.
	Sub      string
	TokenURL string // "" for the IdP's
}

// xml renders the credential for an IdP at tokenURL that accepts audience.
func (s credSpec) xml(tokenURL, audience string) string {
	var b strings.Builder
	param := func(typ, name, value, group, extra string) {
		if group == "" {
			group = scope.DefaultGroup
		}
		fmt.Fprintf(&b, "    <externalCredentialParameters>\n%s        <parameterGroup>%s</parameterGroup>\n        <parameterName>%s</parameterName>\n        <parameterType>%s</parameterType>\n",
			extra, group, name, typ)
		if value != "" {
			fmt.Fprintf(&b, "        <parameterValue>%s</parameterValue>\n", value)
		}
		b.WriteString("    </externalCredentialParameters>\n")
	}
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <authenticationProtocol>Oauth</authenticationProtocol>\n")
	url := s.TokenURL
	if url == "" {
		url = tokenURL
	}
	aud := s.Aud
	if aud == "" {
		aud = audience
	}
	param("AuthProtocolVariant", "AuthProtocolVariant", "JwtBearer", "", "")
	param("AuthProviderUrl", "AuthProviderUrl", url, "", "")
	param("SigningCertificate", "SigningCertificate", "", "", "        <certificate>"+certName+"</certificate>\n")
	if s.Alg != "" {
		param("AuthParameter", "SigningAlgorithm", s.Alg, "", "")
	}
	if s.Scope != "" {
		param("AuthParameter", "Scope", s.Scope, "", "")
	}
	for _, code := range s.Refresh {
		param("AdditionalRefreshStatusCode", fmt.Sprint(code), fmt.Sprint(code), "", "")
	}
	param("JwtBodyClaim", "iss", issuer, "", "")
	subject := s.Sub
	if subject == "" {
		subject = "{!$User.Username}"
	}
	param("JwtBodyClaim", "sub", subject, "", "")
	param("JwtBodyClaim", "aud", aud, "", "")
	if s.Exp != "" {
		param("JwtBodyClaim", "exp", s.Exp, "", "")
	}
	for name, value := range s.Extra {
		param("JwtBodyClaim", name, value, "", "")
	}
	if s.Kid != "" {
		param("JwtHeaderClaim", "kid", s.Kid, "", "")
	}
	kind := "NamedPrincipal"
	if s.PerUser {
		kind = "PerUserPrincipal"
	}
	param(kind, "Team", "", "Team", "        <sequenceNumber>1</sequenceNumber>\n")
	if s.PrincipalScope != "" {
		param("AuthParameter", "Scope", s.PrincipalScope, "Team", "")
	}
	b.WriteString("    <label>Test</label>\n</ExternalCredential>\n")
	return b.String()
}

const permissionSetXML = `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalCredentialPrincipalAccesses>
        <enabled>true</enabled>
        <externalCredentialPrincipal>Test_Cred-Team</externalCredentialPrincipal>
    </externalCredentialPrincipalAccesses>
    <label>Team Access</label>
</PermissionSet>
`

// namedXML is a named credential for the fixture's resource server.
func namedXML(url string, generate bool) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <generateAuthorizationHeader>%t</generateAuthorizationHeader>
    <label>Test API</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>%s/billing/v2</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <externalCredential>Test_Cred</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <parameterName>X-Acme-User</parameterName>
        <parameterType>HttpHeader</parameterType>
        <parameterValue>{!$User.Username}</parameterValue>
        <sequenceNumber>1</sequenceNumber>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`, generate, url)
}

// startIdP starts an IdP on loopback for the test.
func startIdP(t testing.TB) *idp.IdP {
	t.Helper()
	srv, err := idp.Listen("127.0.0.1:0", idp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// saveKey writes kp into the keystore dir as the certificate name.
// The directory is made private, as a keystore is.
func saveKey(dir, name string, kp *exchange.KeyPair, enc exchange.KeyEncoding) error {
	if err := os.Chmod(dir, 0o700); err != nil {
		return err
	}
	_, err := exchange.Keystore{Dir: dir}.Save(name, kp, exchange.SaveOptions{Encoding: enc, Force: true})
	return err
}

// fixture is an IdP that trusts the test key, a keystore holding it, and a
// project whose credential points at the IdP.
type fixture struct {
	idp      *idp.IdP
	keystore string
	project  *scope.Project
	cred     *exchange.Credential
	prep     *scope.Prepared
	client   *exchange.Client
}

// newFixture starts an IdP that lets the fixture's issuer assert alice and
// bob with the first test key and request allowedAll.
func newFixture(t testing.TB, spec credSpec) *fixture {
	t.Helper()
	f := &fixture{idp: startIdP(t), keystore: t.TempDir()}
	kp := keyPair(t, 0)
	if err := saveKey(f.keystore, certName, kp, exchange.PKCS8); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{alice, bob} {
		f.idp.Trust(issuer, sub, kp.Public(), spec.Kid, strings.Fields(allowedAll)...)
	}
	f.project = &scope.Project{}
	f.project.LoadFile("Test_Cred"+scope.ExternalCredentialSuffix, []byte(spec.xml(f.idp.URL, f.idp.Audience)))
	f.project.LoadFile("Team_Access"+scope.PermissionSetSuffix, []byte(permissionSetXML))
	if len(f.project.Problems) > 0 {
		t.Fatalf("fixture project: %v", f.project.Problems[0])
	}
	f.client = &exchange.Client{Timeout: 5 * time.Second, RetryDelay: 10 * time.Millisecond}
	f.ready(t)
	return f
}

// ready prepares the fixture's project, as it is now, and its credential.
// The users' values may hold the credential's password, which no formula
// of the fixture reads.
func (f *fixture) ready(t testing.TB) {
	t.Helper()
	schema := f.project.Schema()
	if _, err := schema.Declare("$Credential."+credName+".Password", eval.Text, true); err != nil {
		t.Fatal(err)
	}
	f.prep, _ = f.project.Prepare(schema, eval.Options{})
	c, _ := f.project.ExternalCredential(credName)
	var err error
	f.cred, err = exchange.New(f.prep, c, exchange.Config{
		Keystore: &exchange.Keystore{Dir: f.keystore}, Client: f.client})
	if err != nil {
		t.Fatal(err)
	}
}

// user returns a user of the fixture with the permission set that grants
// its principal.
func (f *fixture) user(t testing.TB, username string) exchange.User {
	t.Helper()
	vals := f.prep.NewValues()
	if err := vals.SetText("$User.Username", username); err != nil {
		t.Fatal(err)
	}
	return exchange.User{PermissionSets: []string{"Team_Access"}, Values: vals}
}

// source returns the token source of a user.
func (f *fixture) source(t testing.TB, username string) *exchange.Source {
	t.Helper()
	src, err := f.cred.For(f.user(t, username), eval.Env{})
	if err != nil {
		t.Fatal(err)
	}
	return src
}
