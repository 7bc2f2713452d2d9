package exchange_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var fixedNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func clock() time.Time { return fixedNow }

// atFixedNow evaluates at fixedNow.
var atFixedNow = eval.Env{Now: clock}

// exampleUser loads the example project, prepares it with the clock now
// and returns a user of it.
func exampleUser(t testing.TB, user string) (*scope.Prepared, *eval.Values, []string) {
	t.Helper()
	p, err := scope.Load("../testdata/example")
	if err != nil {
		t.Fatal(err)
	}
	uc, err := scope.ReadUserContext("../testdata/example/users/" + user + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	schema := p.Schema()
	if err := uc.Declare(schema); err != nil {
		t.Fatal(err)
	}
	prep, _ := p.Prepare(schema, eval.Options{})
	vals := prep.NewValues()
	if err := uc.Apply(vals); err != nil {
		t.Fatal(err)
	}
	return prep, vals, uc.PermissionSets
}

func TestAssertionExample(t *testing.T) {
	prep, vals, _ := exampleUser(t, "alice")
	c, _ := prep.Project().ExternalCredential("Acme_Billing")
	s, err := exchange.NewSigner(prep, c)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Assertion(exchange.User{Values: vals}, atFixedNow)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := map[string]any{"alg": "RS512", "typ": "JWT", "kid": "acme-billing-2026"}
	if diff := cmp.Diff(wantHeader, a.Header); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	wantClaims := map[string]any{
		"iss":    "salesforce-acme-billing",
		"sub":    "alice@acme.example",
		"aud":    "https://idp.acme.example/oauth2/token",
		"iat":    json.Number("1767225600"),
		"exp":    json.Number("1767225900"), // the exp formula: now + 300 s
		"tenant": "acme",
		// A custom User field, declared by objects/User/fields in the project.
		"cost_center": "CC-1042",
	}
	if diff := cmp.Diff(wantClaims, a.Claims, cmpopts.IgnoreMapEntries(func(k string, _ any) bool { return k == "jti" })); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	if jti, _ := a.Claims["jti"].(string); !regexp.MustCompile(`^[A-Z2-7]{26}$`).MatchString(jti) {
		t.Errorf("jti %q: want 26 random base32 characters", jti)
	}
	if !a.Expiry.Equal(fixedNow.Add(5*time.Minute)) || !a.IssuedAt.Equal(fixedNow) {
		t.Errorf("iat %v, exp %v", a.IssuedAt, a.Expiry)
	}
	b, err := s.Assertion(exchange.User{Values: vals}, atFixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.Claims["jti"] == b.Claims["jti"] {
		t.Error("two assertions share a jti")
	}
}

func TestAssertionSignVerifies(t *testing.T) {
	prep, vals, _ := exampleUser(t, "alice")
	c, _ := prep.Project().ExternalCredential("Acme_Billing")
	s, err := exchange.NewSigner(prep, c)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Assertion(exchange.User{Values: vals}, eval.Env{})
	if err != nil {
		t.Fatal(err)
	}
	signed, err := a.Sign(keyPair(t, 0).Private)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwt.Parse(signed, func(*jwt.Token) (any, error) { return keyPair(t, 0).Public(), nil },
		jwt.WithValidMethods([]string{"RS512"}), jwt.WithAudience("https://idp.acme.example/oauth2/token"), jwt.WithIssuedAt())
	if err != nil {
		t.Fatalf("signed assertion does not verify: %v", err)
	}
	// exp travels as a JSON number, not a string.
	payload := strings.Split(signed, ".")[1]
	raw, _ := jwt.NewParser().DecodeSegment(payload)
	if !regexp.MustCompile(`"exp":\d+[,}]`).Match(raw) {
		t.Errorf("exp is not a JSON number in %s", raw)
	}
	unsigned, err := a.Unsigned()
	if err != nil || !strings.HasPrefix(signed, unsigned+".") {
		t.Errorf("Unsigned() = %q, %v; want the signed form without its signature", unsigned, err)
	}
	if tok.Header["kid"] != "acme-billing-2026" {
		t.Errorf("kid = %v", tok.Header["kid"])
	}
}

// signerFor compiles a credential with extra body claims.
func signerFor(t testing.TB, spec credSpec) (*exchange.Signer, *eval.Values, error) {
	t.Helper()
	p := &scope.Project{}
	p.LoadFile(credName+scope.ExternalCredentialSuffix, []byte(spec.xml(fakeIdP, fakeIdP)))
	prep, _ := p.Prepare(p.Schema(), eval.Options{})
	vals := prep.NewValues()
	vals.SetText("$User.Username", alice)
	vals.SetText("$User.Department", "Customer Service")
	c, _ := p.ExternalCredential(credName)
	s, err := exchange.NewSigner(prep, c)
	return s, vals, err
}

// everyAssertion are the claims every assertion of the fixture has.
var everyAssertion = map[string]bool{"iss": true, "sub": true, "aud": true, "iat": true, "exp": true, "jti": true}

func TestAssertionClaims(t *testing.T) {
	tests := []struct {
		name  string
		extra map[string]string
		want  map[string]any
	}{
		{"static text", map[string]string{"tenant": "acme"}, map[string]any{"tenant": "acme"}},
		{"text formula", map[string]string{"dept": "{!UPPER($User.Department)}"}, map[string]any{"dept": "CUSTOMER SERVICE"}},
		{"number formula", map[string]string{"level": "{!2 * 21}"}, map[string]any{"level": json.Number("42")}},
		{"boolean formula", map[string]string{"admin": "{!ISBLANK($User.Division)}"}, map[string]any{"admin": true}},
		{"exp as text", map[string]string{"exp": "1767229200"}, map[string]any{"exp": json.Number("1767229200")}},
		{"exp official formula", map[string]string{"exp": `{!Text(FLOOR((NOW() - DATETIMEVALUE( "1970-01-01 00:00:00" )) * 86400 + 120))}`}, map[string]any{"exp": json.Number("1767225720")}},
		{"nbf", map[string]string{"nbf": "{!TEXT(1767225600 - 5)}"}, map[string]any{"nbf": json.Number("1767225595")}},
		{"blank exp keeps the default", map[string]string{"exp": `{!""}`}, map[string]any{"exp": json.Number("1767225720")}},
		{"blank custom claim left out", map[string]string{"division": "{!$User.Division}"}, map[string]any{}},
		{"jti set by a claim", map[string]string{"jti": "fixed"}, map[string]any{"jti": "fixed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, vals, err := signerFor(t, credSpec{Extra: tt.extra})
			if err != nil {
				t.Fatal(err)
			}
			a, err := s.Assertion(exchange.User{Values: vals}, atFixedNow)
			if err != nil {
				t.Fatal(err)
			}
			// Compare the claims the case is about, and any the credential
			// adds besides the ones every assertion has.
			got := map[string]any{}
			for k, v := range a.Claims {
				if _, wanted := tt.want[k]; wanted || !everyAssertion[k] {
					got[k] = v
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAssertionSecretClaim(t *testing.T) {
	s, vals, err := signerFor(t, credSpec{Extra: map[string]string{"key": "{!$Credential.Test_Cred.ApiKey}"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := vals.SetText("$Credential.Test_Cred.ApiKey", "s3cr3t"); err != nil {
		t.Fatal(err)
	}
	a, err := s.Assertion(exchange.User{Values: vals}, atFixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if a.Claims["key"] != "s3cr3t" || !a.Secret["key"] {
		t.Errorf("claim key = %v, secret %v; want the real value, marked secret", a.Claims["key"], a.Secret["key"])
	}
}

// fileRE matches a position in the fixture's credential file.
var fileRE = regexp.MustCompile(`Test_Cred\.externalCredential-meta\.xml:\d+:\d+: `)

func TestAssertionErrors(t *testing.T) {
	tests := []struct {
		name     string
		spec     credSpec
		atSigner bool // the error comes from NewSigner, not Assertion
		want     string
	}{
		{"unknown field", credSpec{Extra: map[string]string{"x": "{!$User.Bogus}"}}, true, "Field $User.Bogus does not exist"},
		{"syntax", credSpec{Extra: map[string]string{"x": "{!1 +}"}}, true, "Syntax error"},
		{"bad algorithm", credSpec{Alg: "HS256"}, true, `signing algorithm "HS256"`},
		{"runtime error", credSpec{Extra: map[string]string{"x": "{!TEXT(DATETIMEVALUE($User.Department))}"}}, false, "in JWT claim x of Test_Cred: "},
		{"exp not a number", credSpec{Exp: "{!$User.Department}"}, false, `the value "Customer Service" is not a number of seconds`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, vals, err := signerFor(t, tt.spec)
			if !tt.atSigner {
				if err != nil {
					t.Fatal(err)
				}
				_, err = s.Assertion(exchange.User{Values: vals}, atFixedNow)
			}
			if err == nil {
				t.Fatal("no error")
			}
			var ce *exchange.ConfigError
			if !errors.As(err, &ce) || !fileRE.MatchString(err.Error()) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q: want a *ConfigError at a file position saying %q", err, tt.want)
			}
		})
	}
}

func TestAssertionErrorPosition(t *testing.T) {
	s, vals, err := signerFor(t, credSpec{Extra: map[string]string{"x": "{!TEXT(DATETIMEVALUE($User.Department))}"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Assertion(exchange.User{Values: vals}, atFixedNow)
	var ce *exchange.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v", err)
	}
	// The claim's value is on its own line, after "<parameterValue>" (25
	// columns); DATETIMEVALUE starts 7 characters in.
	if ce.Pos.Column != 24+1+7 {
		t.Errorf("column %d, want the DATETIMEVALUE call at 32: %v", ce.Pos.Column, err)
	}
	// The same error keeps the formula's own position, through both types.
	var fe *scope.FormulaError
	var ferr *formula.Error
	if !errors.As(err, &fe) || !errors.As(err, &ferr) || ferr != fe.Err || fe.File != ce.Pos {
		t.Fatalf("error %v: want a *scope.FormulaError wrapping a *formula.Error at %v", err, ce.Pos)
	}
	if want := (formula.Pos{Offset: 7, Line: 1, Column: 8}); ferr.Pos != want {
		t.Errorf("formula position %+v, want %+v", ferr.Pos, want)
	}
}

// TestNeedsRegisteredClaims renames each registered claim: New refuses the
// credential with lint's CS201 message, and a Signer made without New
// refuses to build the assertion.
func TestNeedsRegisteredClaims(t *testing.T) {
	for _, name := range scope.RegisteredClaims {
		t.Run(name, func(t *testing.T) {
			xml := strings.Replace(credSpec{}.xml(fakeIdP, fakeIdP), "<parameterName>"+name+"</parameterName>", "<parameterName>x_"+name+"</parameterName>", 1)
			p := &scope.Project{}
			p.LoadFile(credName+scope.ExternalCredentialSuffix, []byte(xml))
			c, _ := p.ExternalCredential(credName)
			want := credName + " uses the JWT bearer flow but has no JwtBodyClaim " + name
			lint := scope.Lint(p, scope.LintOptions{})
			if len(lint) == 0 || !strings.Contains(lint[0].Message, want) || lint[0].Rule != "CS201" {
				t.Errorf("lint: %v, want CS201 %q", lint, want)
			}
			prep, _ := p.Prepare(p.Schema(), eval.Options{})
			_, err := exchange.New(prep, c, exchange.Config{})
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("New: error %v, want %q", err, want)
			}
			s, err := exchange.NewSigner(prep, c)
			if err != nil {
				t.Fatal(err)
			}
			vals := prep.NewValues()
			if err := vals.SetText("$User.Username", "alice@example.org"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Assertion(exchange.User{Values: vals}, atFixedNow); err == nil || !strings.Contains(err.Error(), "has no JwtBodyClaim "+name) {
				t.Errorf("Assertion: error %v, want the missing %s named", err, name)
			}
		})
	}
}

func TestSignerRefusesAlgHeader(t *testing.T) {
	xml := strings.Replace(credSpec{Kid: "k"}.xml(fakeIdP, fakeIdP), "<parameterName>kid</parameterName>", "<parameterName>alg</parameterName>", 1)
	p := &scope.Project{}
	p.LoadFile(credName+scope.ExternalCredentialSuffix, []byte(xml))
	c, _ := p.ExternalCredential(credName)
	prep, _ := p.Prepare(p.Schema(), eval.Options{})
	_, err := exchange.NewSigner(prep, c)
	if err == nil || !strings.Contains(err.Error(), "alg of Test_Cred cannot be set") {
		t.Errorf("error %v, want alg refused", err)
	}
}

func TestAssertionBlankSubject(t *testing.T) {
	s, vals, err := signerFor(t, credSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if err := vals.Unset("$User.Username"); err != nil {
		t.Fatal(err)
	}
	_, err = s.Assertion(exchange.User{Values: vals}, atFixedNow)
	if err == nil || !strings.Contains(err.Error(), "JWT claim sub of Test_Cred: the value is blank for this user") {
		t.Errorf("error %v, want the blank sub named", err)
	}
}

// fakeIdP is the token endpoint of credentials that are never exchanged.
const fakeIdP = "https://idp.test.example/token"
