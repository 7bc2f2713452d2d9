package idp_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/internal/idp"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const example = "../../testdata/example"

// flow is the example project with a keystore that holds Acme_Billing's
// certificate, and a server that trusts what TrustProject found.
type flow struct {
	prep     *scope.Prepared
	keystore exchange.Keystore
	trust    []idp.CredentialTrust
	srv      *idp.IdP
}

func newFlow(t *testing.T, scopes []string) *flow {
	t.Helper()
	p, err := scope.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	schema := p.Schema()
	f := &flow{keystore: exchange.Keystore{Dir: filepath.Join(t.TempDir(), "keys")}}
	// alice's and bob's files declare the fields the formulas read.
	for _, name := range []string{"alice", "bob"} {
		uc, err := scope.ReadUserContext(filepath.Join(example, "users", name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := uc.Declare(schema); err != nil {
			t.Fatal(err)
		}
	}
	f.prep, _ = p.Prepare(schema, eval.Options{})
	kp, err := exchange.GenerateKeyPair("Acme_Billing_JWT", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.keystore.Save("Acme_Billing_JWT", kp, exchange.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	f.trust = idp.TrustProject(f.prep, f.keystore, scopes)
	var audiences []string
	for _, tr := range f.trust {
		audiences = append(audiences, tr.Audiences...)
	}
	f.srv, err = idp.Listen("127.0.0.1:0", idp.Options{Audiences: audiences})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.srv.Close)
	for _, tr := range f.trust {
		if tr.Err == nil {
			f.srv.Allow(tr.Grant)
		}
	}
	return f
}

// source is the token source of an example user through a credential,
// exchanging at the server.
func (f *flow) source(t *testing.T, user, credential string) *exchange.Source {
	t.Helper()
	uc, err := scope.ReadUserContext(filepath.Join(example, "users", user+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	vals := f.prep.NewValues()
	if err := uc.Apply(vals); err != nil {
		t.Fatal(err)
	}
	c, _ := f.prep.Project().ExternalCredential(credential)
	cred, err := exchange.New(f.prep, c, exchange.Config{Keystore: &f.keystore, TokenURL: f.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	src, err := cred.For(exchange.User{PermissionSets: uc.PermissionSets, Values: vals}, eval.Env{})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestTrustProject(t *testing.T) {
	f := newFlow(t, nil)
	type trust struct {
		Credential, Certificate string
		Grant                   idp.Grant
		Audiences               []string
		Missing                 bool
	}
	var got []trust
	for _, tr := range f.trust {
		got = append(got, trust{tr.Credential, tr.Certificate, tr.Grant, tr.Audiences, tr.Missing()})
	}
	want := []trust{
		{"Acme_Billing", "Acme_Billing_JWT",
			idp.Grant{Issuer: "salesforce-acme-billing", KeyID: "acme-billing-2026", AnyScope: true},
			[]string{"https://idp.acme.example/oauth2/token"}, false},
		{"Support_Portal", "Support_Portal_JWT", idp.Grant{}, nil, true},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(idp.Grant{}, "Key")); diff != "" {
		t.Errorf("trust (-want +got):\n%s", diff)
	}
	if f.trust[0].Grant.Key == nil {
		t.Error("no key trusted for Acme_Billing")
	}
}

// TestFlow exchanges the example users' assertions at the server, which
// accepts the credential's own aud, and calls its API through the named
// credential.
func TestFlow(t *testing.T) {
	f := newFlow(t, nil)
	ctx := context.Background()
	for _, tt := range []struct{ user, scope string }{
		{"alice", "billing.read refunds.approve billing.write billing.admin"},
		{"bob", "billing.read billing.self"},
	} {
		src := f.source(t, tt.user, "Acme_Billing")
		tok, err := src.Token(ctx)
		if err != nil {
			t.Fatalf("%s: %v", tt.user, err)
		}
		if tok.Scope != tt.scope || tok.ScopeChanged() {
			t.Errorf("%s: granted %q, want %q", tt.user, tok.Scope, tt.scope)
		}
		nc, _ := f.prep.Project().NamedCredential("Billing_API")
		tr, err := exchange.NewTransportTo(f.srv.API().URL+"/billing/v2", nc, src)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "/invoices?status=open", nil)
		resp, err := tr.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var echo idp.Echo
		err = json.NewDecoder(resp.Body).Decode(&echo)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, %v", tt.user, resp.StatusCode, err)
		}
		want := idp.Echo{Method: "GET", Path: "/billing/v2/invoices", Query: "status=open",
			Subject: tt.user + "@acme.example", Scopes: strings.Fields(tt.scope)}
		if diff := cmp.Diff(want, echo, cmpopts.IgnoreFields(idp.Echo{}, "Headers")); diff != "" {
			t.Errorf("%s: echo (-want +got):\n%s", tt.user, diff)
		}
	}
	if got := [3]int{f.srv.Requests(), f.srv.Issued(), f.srv.API().Requests()}; got != [3]int{2, 2, 2} {
		t.Errorf("token requests, tokens issued, API requests = %v, want 2 each", got)
	}
}

// TestFlowRefused: the scopes the server was told bound what it grants;
// an assertion whose key it does not trust, or a token it did not issue,
// is refused.
func TestFlowRefused(t *testing.T) {
	f := newFlow(t, []string{"billing.read", "billing.self"})
	ctx := context.Background()
	if _, err := f.source(t, "bob", "Acme_Billing").Token(ctx); err != nil {
		t.Errorf("bob, within the scopes: %v", err)
	}
	var ee *exchange.Error
	if _, err := f.source(t, "alice", "Acme_Billing").Token(ctx); !errors.As(err, &ee) || ee.Code != "invalid_scope" {
		t.Errorf("alice, beyond the scopes: %v, want invalid_scope", err)
	}
	// Another key under the trusted certificate's name.
	other, err := exchange.GenerateKeyPair("Acme_Billing_JWT", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.keystore.Save("Acme_Billing_JWT", other, exchange.SaveOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.source(t, "bob", "Acme_Billing").Token(ctx); !errors.As(err, &ee) || ee.Code != "invalid_grant" {
		t.Errorf("an untrusted key: %v, want invalid_grant", err)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.srv.API().URL+"/x", nil)
	req.Header.Set("Authorization", "Bearer ory_at_forged.forged")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a forged token: status %d, want 401", resp.StatusCode)
	}
}

// TestShutdown stops the server, and nothing answers after.
func TestShutdown(t *testing.T) {
	srv, err := idp.Listen("127.0.0.1:0", idp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Post(srv.URL, "application/x-www-form-urlencoded", nil); err == nil {
		t.Error("the server answers after Shutdown")
	}
}
