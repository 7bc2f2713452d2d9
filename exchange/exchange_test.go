package exchange_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// parseAssertion verifies an assertion the IdP received with the test key.
func parseAssertion(t *testing.T, raw string) *jwt.Token {
	t.Helper()
	tok, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return keyPair(t, 0).Public(), nil },
		jwt.WithValidMethods([]string{"RS256", "RS512"}), jwt.WithJSONNumber())
	if err != nil {
		t.Fatalf("assertion does not verify: %v", err)
	}
	return tok
}

func TestExchangeSuccess(t *testing.T) {
	f := newFixture(t, credSpec{Scope: "billing.read", PrincipalScope: "billing.write", Kid: "k1"})
	before := time.Now()
	tok, err := f.source(t, alice).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := struct{ Type, Scope, Requested string }{tok.Type, tok.Scope, tok.RequestedScope}
	want := struct{ Type, Scope, Requested string }{"Bearer", "billing.read billing.write", "billing.read billing.write"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("token (-want +got):\n%s", diff)
	}
	if tok.ScopeChanged() {
		t.Error("ScopeChanged() = true for the scope requested")
	}
	if life := time.Until(tok.Expiry); life < 59*time.Minute || life > time.Hour {
		t.Errorf("token expires in %v, want the IdP's hour", life)
	}
	if tok.AccessToken() == "" {
		t.Fatal("empty access token")
	}

	form := f.idp.LastForm()
	if diff := cmp.Diff([]string{exchange.GrantType}, form["grant_type"]); diff != "" {
		t.Errorf("grant_type (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"billing.read billing.write"}, form["scope"]); diff != "" {
		t.Errorf("scope (-want +got):\n%s", diff)
	}
	a := parseAssertion(t, form.Get("assertion"))
	header := map[string]any{"alg": a.Header["alg"], "typ": a.Header["typ"], "kid": a.Header["kid"]}
	if diff := cmp.Diff(map[string]any{"alg": "RS256", "typ": "JWT", "kid": "k1"}, header); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	claims := a.Claims.(jwt.MapClaims)
	for name, want := range map[string]any{"iss": issuer, "sub": alice, "aud": f.idp.Audience} {
		if claims[name] != want {
			t.Errorf("claim %s = %v, want %v", name, claims[name], want)
		}
	}
	iat, _ := claims.GetIssuedAt()
	exp, _ := claims.GetExpirationTime()
	if iat == nil || exp == nil {
		t.Fatalf("iat %v, exp %v: want both", iat, exp)
	}
	if d := iat.Sub(before.Truncate(time.Second)); d < 0 || d > 5*time.Second {
		t.Errorf("iat %v is not now (%v)", iat.Time, before)
	}
	if d := exp.Sub(iat.Time); d != exchange.DefaultLifetime {
		t.Errorf("exp - iat = %v, want %v", d, exchange.DefaultLifetime)
	}
	if jti, _ := claims["jti"].(string); len(jti) < 16 {
		t.Errorf("jti %q: want a random identifier", jti)
	}
}

func TestExchangeRS512(t *testing.T) {
	f := newFixture(t, credSpec{Alg: "RS512", Scope: "billing.read"})
	if _, err := f.source(t, alice).Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	if alg := parseAssertion(t, f.idp.LastForm().Get("assertion")).Header["alg"]; alg != "RS512" {
		t.Errorf("alg = %v, want RS512", alg)
	}
}

func TestExchangeGrantedScopeDiffers(t *testing.T) {
	f := newFixture(t, credSpec{Scope: "billing.read billing.admin"})
	f.idp.Withhold("billing.admin")
	tok, err := f.source(t, alice).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tok.Scope != "billing.read" || tok.RequestedScope != "billing.read billing.admin" || !tok.ScopeChanged() {
		t.Errorf("granted %q for %q (changed %v); want billing.read for the two scopes", tok.Scope, tok.RequestedScope, tok.ScopeChanged())
	}
}

func TestExchangeNoScope(t *testing.T) {
	f := newFixture(t, credSpec{})
	tok, err := f.source(t, alice).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, sent := f.idp.LastForm()["scope"]; sent {
		t.Error("a scope field was sent for a null scope")
	}
	if tok.RequestedScope != "" || tok.ScopeChanged() {
		t.Errorf("requested %q, changed %v; want none", tok.RequestedScope, tok.ScopeChanged())
	}
}

// expiredExp is an exp claim a minute in the past, in the official
// formula's style.
const expiredExp = `{!TEXT(FLOOR((NOW() - DATETIMEVALUE("1970-01-01 00:00:00")) * 86400 - 60))}`

func TestExchangeRefused(t *testing.T) {
	tests := []struct {
		name string
		spec credSpec
		want *exchange.Error
	}{
		{"expired exp", credSpec{Exp: expiredExp}, &exchange.Error{Code: "invalid_grant", Status: 400}},
		{"wrong aud", credSpec{Aud: "https://elsewhere.example/token"}, &exchange.Error{Code: "invalid_grant", Status: 400}},
		{"disallowed scope", credSpec{Scope: "billing.read payroll.read"}, &exchange.Error{Code: "invalid_scope", Status: 400}},
		{"unknown kid", credSpec{Kid: "other"}, &exchange.Error{Code: "invalid_grant", Status: 400}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := tt.spec
			f := newFixture(t, spec)
			if tt.name == "unknown kid" {
				f.idp.Trust(issuer, alice, keyPair(t, 1).Public(), "other") // not the key that signs
			}
			_, err := f.source(t, alice).Token(context.Background())
			var got *exchange.Error
			if !errors.As(err, &got) {
				t.Fatalf("error %v (%T), want an *exchange.Error", err, err)
			}
			if diff := cmp.Diff(tt.want, &exchange.Error{Code: got.Code, Status: got.Status}); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if got.Description == "" || !strings.Contains(err.Error(), got.Code) {
				t.Errorf("error %q: want the code and a description", err)
			}
			if f.idp.Requests() != 1 {
				t.Errorf("%d token requests; a 400 is not retried", f.idp.Requests())
			}
		})
	}
}

func TestExchangeReplayedJTI(t *testing.T) {
	f := newFixture(t, credSpec{})
	src := f.source(t, alice)
	a, err := src.Assertion()
	if err != nil {
		t.Fatal(err)
	}
	signed, err := a.Sign(src.Credential().Key.Private())
	if err != nil {
		t.Fatal(err)
	}
	req := exchange.Request{URL: f.idp.URL, Assertion: func() (string, error) { return signed, nil }}
	if _, err := f.client.Exchange(context.Background(), req); err != nil {
		t.Fatalf("first use: %v", err)
	}
	_, err = f.client.Exchange(context.Background(), req)
	var e *exchange.Error
	if !errors.As(err, &e) || e.Status != 400 || e.Code != "jti_known" {
		t.Fatalf("replay: %v, want jti_known with HTTP 400", err)
	}
}

func TestExchangeSingleFlight(t *testing.T) {
	f := newFixture(t, credSpec{Scope: "billing.read"})
	f.idp.SetDelay(100 * time.Millisecond) // let every caller arrive during the exchange
	src := f.source(t, alice)
	const n = 100
	toks := make([]*exchange.Token, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			toks[i], errs[i] = src.Token(context.Background())
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if toks[i] != toks[0] {
			t.Fatalf("caller %d got another token", i)
		}
	}
	if got := f.idp.Requests(); got != 1 {
		t.Errorf("%d exchanges for %d concurrent callers, want 1", got, n)
	}
}

func TestExchangeTimeout(t *testing.T) {
	f := newFixture(t, credSpec{})
	f.idp.SetDelay(10 * time.Second)
	f.client.Timeout = 100 * time.Millisecond
	start := time.Now()
	_, err := f.source(t, alice).Token(context.Background())
	var te *exchange.TransportError
	if !errors.As(err, &te) || !te.Timeout() {
		t.Fatalf("error %v, want a timeout", err)
	}
	if te.Attempts != 2 {
		t.Errorf("%d attempts, want 2: one retry", te.Attempts)
	}
	for _, want := range []string{"timed out", f.idp.URL, "100ms"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("gave up after %v", d)
	}
}

func TestExchangeRetriesOnce(t *testing.T) {
	t.Run("5xx then success", func(t *testing.T) {
		f := newFixture(t, credSpec{})
		f.idp.FailNext(503)
		if _, err := f.source(t, alice).Token(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := f.idp.Requests(); got != 2 {
			t.Errorf("%d requests, want 2", got)
		}
	})
	t.Run("5xx twice", func(t *testing.T) {
		f := newFixture(t, credSpec{})
		f.idp.FailNext(503, 502)
		_, err := f.source(t, alice).Token(context.Background())
		var e *exchange.Error
		if !errors.As(err, &e) || e.Status != 502 || e.Code != "temporarily_unavailable" {
			t.Fatalf("error %v, want the second answer, 502", err)
		}
		if got := f.idp.Requests(); got != 2 {
			t.Errorf("%d requests, want 2", got)
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		url := "http://" + l.Addr().String() + "/token"
		l.Close()
		c := &exchange.Client{RetryDelay: time.Millisecond}
		calls := 0
		_, err = c.Exchange(context.Background(), exchange.Request{URL: url, Assertion: func() (string, error) { calls++; return "x.y.z", nil }})
		var te *exchange.TransportError
		if !errors.As(err, &te) || te.Timeout() || te.Attempts != 2 {
			t.Fatalf("error %v, want a refused connection after 2 attempts", err)
		}
		if calls != 2 {
			t.Errorf("assertion built %d times, want a fresh one per attempt", calls)
		}
	})
}

func TestExchangeRefusesPlainHTTP(t *testing.T) {
	c := &exchange.Client{}
	_, err := c.Exchange(context.Background(), exchange.Request{URL: "http://idp.example/token", Assertion: func() (string, error) {
		t.Fatal("an assertion was built for a plain-http endpoint")
		return "", nil
	}})
	if err == nil || !strings.Contains(err.Error(), "plain http") {
		t.Fatalf("error %v, want a refusal of plain http", err)
	}
}

func TestExchangeClaimErrorSendsNothing(t *testing.T) {
	f := newFixture(t, credSpec{Extra: map[string]string{"when": "{!TEXT(DATETIMEVALUE($User.Username))}"}})
	// The claims are evaluated when the source is made, to key its tokens.
	_, err := f.cred.For(f.user(t, alice), eval.Env{})
	var ce *exchange.ConfigError
	if !errors.As(err, &ce) || !fileRE.MatchString(err.Error()) {
		t.Fatalf("error %v, want a *ConfigError at the claim's position", err)
	}
	if n := f.idp.Requests(); n != 0 {
		t.Errorf("%d token requests after a claim failed, want none", n)
	}
}
