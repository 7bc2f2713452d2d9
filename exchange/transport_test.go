package exchange_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/internal/idp"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// calloutFixture is a fixture with a resource server and an HTTP client
// for alice through a named credential pointing at it.
type calloutFixture struct {
	*fixture
	api    *idp.Resource
	client *http.Client
}

func newCalloutFixture(t *testing.T, spec credSpec, generate bool) *calloutFixture {
	t.Helper()
	f := newFixture(t, spec)
	api := f.idp.API()
	f.project.LoadFile("Test_API"+scope.NamedCredentialSuffix, []byte(namedXML(api.URL, generate)))
	f.ready(t)
	named, ok := f.project.NamedCredential("Test_API")
	if !ok {
		t.Fatalf("no named credential: %v", f.project.Problems)
	}
	client, err := exchange.NewHTTPClient(named, f.source(t, alice))
	if err != nil {
		t.Fatal(err)
	}
	return &calloutFixture{fixture: f, api: api, client: client}
}

// do sends a request and decodes the echo.
func (f *calloutFixture) do(t *testing.T, req *http.Request) (int, idp.Echo) {
	t.Helper()
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e idp.Echo
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, e
}

func newRequest(t *testing.T, method, url, body string) *http.Request {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestTransportCallout(t *testing.T) {
	f := newCalloutFixture(t, credSpec{Scope: "billing.read"}, true)
	for _, url := range []string{"/invoices?status=open", "callout:Test_API/invoices?status=open", f.api.URL + "/billing/v2/invoices?status=open"} {
		status, e := f.do(t, newRequest(t, http.MethodGet, url, ""))
		got := idp.Echo{Method: e.Method, Path: e.Path, Query: e.Query, Subject: e.Subject, Scopes: e.Scopes, Headers: e.Headers}
		want := idp.Echo{Method: "GET", Path: "/billing/v2/invoices", Query: "status=open", Subject: alice,
			Scopes: []string{"billing.read"}, Headers: map[string]string{"X-Acme-User": alice}}
		if diff := cmp.Diff(want, got); status != 200 || diff != "" {
			t.Errorf("%s: status %d, echo (-want +got):\n%s", url, status, diff)
		}
	}
	if n := f.idp.Requests(); n != 1 {
		t.Errorf("%d exchanges for three callouts, want 1", n)
	}
}

func TestTransportRefreshAndReplay(t *testing.T) {
	tests := []struct {
		name      string
		refresh   []int
		refuse    int
		body      bool // the request's body can be replayed
		status    int
		exchanges int
		requests  int
	}{
		{"401", nil, 401, true, 200, 2, 2},
		{"configured 403", []int{403}, 403, true, 200, 2, 2},
		{"403 not configured", nil, 403, true, 403, 1, 1},
		{"401 with a body that cannot replay", nil, 401, false, 401, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCalloutFixture(t, credSpec{Refresh: tt.refresh}, true)
			f.api.RefuseFirst(tt.refuse)
			req := newRequest(t, http.MethodPost, "/invoices", `{"amount":42}`)
			if !tt.body {
				req.GetBody = nil
			}
			status, e := f.do(t, req)
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
			if status == 200 && e.Body != `{"amount":42}` {
				t.Errorf("replayed body %q", e.Body)
			}
			got := [2]int{f.idp.Issued(), f.api.Requests()}
			if want := [2]int{tt.exchanges, tt.requests}; got != want {
				t.Errorf("exchanges, API requests = %v, want %v", got, want)
			}
		})
	}
}

func TestTransportRefreshesOnce(t *testing.T) {
	tests := []struct {
		name               string
		refused, idpFails  int
		status             int
		exchanges, callout int
	}{
		{"the new token is refused too", 2, 0, 401, 2, 2},
		{"the new exchange fails", 1, 1, 401, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCalloutFixture(t, credSpec{}, true)
			f.api.Refuse(401, tt.refused)
			if _, err := f.source(t, alice).Token(t.Context()); err != nil { // the token the API refuses
				t.Fatal(err)
			}
			for range tt.idpFails {
				f.idp.FailNext(400)
			}
			status, _ := f.do(t, newRequest(t, http.MethodGet, "/a", ""))
			got := [3]int{status, f.idp.Issued(), f.api.Requests()}
			if want := [3]int{tt.status, tt.exchanges, tt.callout}; got != want {
				t.Errorf("status, exchanges, API requests = %v, want %v", got, want)
			}
		})
	}
}

func TestTransportWithoutAuthorizationHeader(t *testing.T) {
	f := newCalloutFixture(t, credSpec{}, false)
	status, _ := f.do(t, newRequest(t, http.MethodGet, "/invoices", ""))
	if status != 401 || f.idp.Requests() != 0 {
		t.Errorf("status %d, %d exchanges: want no token sent or fetched", status, f.idp.Requests())
	}
}

func TestTransportRefusesOtherHosts(t *testing.T) {
	f := newCalloutFixture(t, credSpec{}, true)
	for _, url := range []string{
		"http://127.0.0.2:1/steal",
		f.api.URL + "/other/path",
		"callout:Other_API/x",
	} {
		_, err := f.client.Do(newRequest(t, http.MethodGet, url, ""))
		if err == nil {
			t.Errorf("%s: sent", url)
		}
	}
	if f.api.Requests() != 0 || f.idp.Requests() != 0 {
		t.Errorf("%d API requests, %d exchanges: want none", f.api.Requests(), f.idp.Requests())
	}
}

func TestTransportConcurrentRefresh(t *testing.T) {
	f := newCalloutFixture(t, credSpec{}, true)
	if _, err := f.source(t, alice).Token(t.Context()); err != nil {
		t.Fatal(err)
	}
	f.api.RefuseFirst(401) // every caller holds the refused token
	const n = 20
	statuses := make([]int, n)
	reqs := make([]*http.Request, n)
	for i := range reqs {
		reqs[i] = newRequest(t, http.MethodPost, "/invoices", "x")
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			resp, err := f.client.Do(reqs[i])
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Errorf("callout %d: status %d", i, s)
		}
	}
	if got := f.idp.Issued(); got != 2 {
		t.Errorf("%d tokens issued for %d callouts refused with one token, want 2", got, n)
	}
}

// TestTransportRedirects has the resource server answer 302s. A Location
// is resolved against the absolute URL the request went to, and followed
// only within the endpoint: /steal is not read as /billing/v2/steal, and
// neither /steal nor another host is ever sent a request.
func TestTransportRedirects(t *testing.T) {
	elsewhere := startIdP(t).API()
	tests := []struct {
		name     string
		location string // the Location of the 302, relative to the endpoint's host
		want     string // the path of the echo, or "" when the redirect is refused
	}{
		{"relative under the endpoint", "invoices?status=paid", "/billing/v2/invoices"},
		{"absolute path under the endpoint", "/billing/v2/invoices", "/billing/v2/invoices"},
		{"absolute path outside the endpoint", "/steal", ""},
		{"dot segments climbing out", "../../steal", ""},
		{"another host", elsewhere.URL + "/billing/v2/invoices", ""},
		{"scheme-relative to another host", "//" + strings.TrimPrefix(elsewhere.URL, "http://") + "/billing/v2/x", ""},
		{"another scheme on the same host", "https://" + "127.0.0.1/billing/v2/invoices", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCalloutFixture(t, credSpec{Scope: "billing.read"}, true)
			req := newRequest(t, http.MethodGet, "/start?redirect="+url.QueryEscape(tt.location), "")
			resp, err := f.client.Do(req)
			paths := f.api.Paths()
			if tt.want == "" {
				if err == nil {
					resp.Body.Close()
					t.Fatalf("followed the redirect to %s; paths %v", tt.location, paths)
				}
				if !strings.Contains(err.Error(), "not following the redirect") {
					t.Errorf("error %q: want it to say the redirect is not followed", err)
				}
				if diff := cmp.Diff([]string{"/billing/v2/start"}, paths); diff != "" {
					t.Errorf("paths requested (-want +got):\n%s", diff)
				}
				if n := elsewhere.Requests(); n != 0 {
					t.Errorf("%d requests reached the other host", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e idp.Echo
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
				t.Fatal(err)
			}
			if e.Path != tt.want || e.Subject != alice {
				t.Errorf("echo of %s for %s; want %s for %s", e.Path, e.Subject, tt.want, alice)
			}
		})
	}
}

// TestTransportLocationIsAbsolute checks the Transport on its own, under a
// client that follows everything: the Location it hands back is absolute,
// so that /steal is asked for as itself and refused.
func TestTransportLocationIsAbsolute(t *testing.T) {
	f := newCalloutFixture(t, credSpec{Scope: "billing.read"}, true)
	tr := f.client.Transport
	resp, err := tr.RoundTrip(newRequest(t, http.MethodGet, "/start?redirect=%2Fsteal", ""))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got, want := resp.Header.Get("Location"), f.api.URL+"/steal"; got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	follows := &http.Client{Transport: tr}
	if _, err := follows.Do(newRequest(t, http.MethodGet, "/start?redirect=%2Fsteal", "")); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("a client following every redirect: error %v, want a refusal", err)
	}
	for _, p := range f.api.Paths() {
		if p != "/billing/v2/start" {
			t.Errorf("the server was asked for %s", p)
		}
	}
}

// TestTransportSecretCopyOverHTTP copies a $Credential value into the
// field a header formula reads: secrecy follows the value, so the header
// is refused over plain http, and nothing is sent.
func TestTransportSecretCopyOverHTTP(t *testing.T) {
	f := newFixture(t, credSpec{Sub: integration})
	f.project.LoadFile("Test_API"+scope.NamedCredentialSuffix, []byte(namedXML("http://api.example.invalid", false)))
	f.ready(t)
	named, _ := f.project.NamedCredential("Test_API")
	u := f.user(t, alice)
	if err := u.Values.SetText("$Credential.Test_Cred.Password", "hunter2"); err != nil {
		t.Fatal(err)
	}
	secret, err := u.Values.Get("$Credential.Test_Cred.Password")
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Values.Set("$User.Username", secret); err != nil {
		t.Fatal(err)
	}
	src, err := f.cred.For(u, eval.Env{})
	if err != nil {
		t.Fatal(err)
	}
	client, err := exchange.NewHTTPClient(named, src)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Do(newRequest(t, http.MethodGet, "/invoices", ""))
	var ce *exchange.ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "header X-Acme-User of Test_API carries a secret value, which is never sent over http") {
		t.Fatalf("error %v, want the header refused", err)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("the error shows the secret: %v", err)
	}
}
