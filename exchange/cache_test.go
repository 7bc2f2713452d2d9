package exchange_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// integration is the subject of a named principal that signs the same
// assertion for every user.
const integration = "integration@acme.example"

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestCacheExpiryWithSkew(t *testing.T) {
	f := newFixture(t, credSpec{})
	clk := &fakeClock{t: time.Now()}
	f.client.Now = clk.Now
	cache := &exchange.Cache{Now: clk.Now, Skew: time.Minute}
	c, _ := f.project.ExternalCredential(credName)
	cred, err := exchange.New(f.prep, c, exchange.Config{Keystore: &exchange.Keystore{Dir: f.keystore}, Client: f.client, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	src, err := cred.For(f.user(t, alice), eval.Env{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := src.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		advance time.Duration
		same    bool
	}{
		{58 * time.Minute, true},  // 2 minutes left: still fresh
		{time.Minute, false},      // within the minute of skew: exchange again
		{-59 * time.Minute, true}, // the new token is fresh
	}
	for _, s := range steps {
		clk.Advance(s.advance)
		tok, err := src.Token(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if (tok == first) != s.same {
			t.Errorf("after %v: same token %v, want %v", s.advance, tok == first, s.same)
		}
		first = tok
	}
	if got := f.idp.Requests(); got != 2 {
		t.Errorf("%d exchanges, want 2", got)
	}
}

// TestCacheKeys has alice and then bob take a token, and checks which keys
// they were cached under: a token is shared only when what is signed for
// the two users is the same.
func TestCacheKeys(t *testing.T) {
	tests := []struct {
		name      string
		spec      credSpec
		want      []exchange.CacheKey // without their Claims digests
		exchanges int
	}{
		{"named principal shares one token", credSpec{Scope: "billing.read", Sub: integration},
			[]exchange.CacheKey{{Credential: credName, Principal: "Team", Scope: "billing.read"}}, 1},
		// A named principal whose sub reads $User signs a different
		// assertion for each user: bob must never get alice's token.
		{"named principal whose claims read $User", credSpec{Scope: "billing.read"},
			[]exchange.CacheKey{
				{Credential: credName, Principal: "Team", Scope: "billing.read"},
				{Credential: credName, Principal: "Team", Scope: "billing.read"},
			}, 2},
		{"a header claim is signed too", credSpec{Scope: "billing.read", Sub: integration, Kid: `{!IF($User.Username = "` + alice + `", "k1", "k2")}`},
			[]exchange.CacheKey{
				{Credential: credName, Principal: "Team", Scope: "billing.read"},
				{Credential: credName, Principal: "Team", Scope: "billing.read"},
			}, 2},
		{"per-user principal has a token per user", credSpec{Scope: "billing.read", PerUser: true},
			[]exchange.CacheKey{
				{Credential: credName, Principal: "Team", User: alice, Scope: "billing.read"},
				{Credential: credName, Principal: "Team", User: bob, Scope: "billing.read"},
			}, 2},
		{"the scope is part of the key", credSpec{Scope: `{!IF($User.Username = "` + alice + `", "billing.admin", "billing.read")}`},
			[]exchange.CacheKey{
				{Credential: credName, Principal: "Team", Scope: "billing.admin"},
				{Credential: credName, Principal: "Team", Scope: "billing.read"},
			}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.spec)
			for _, kid := range []string{"k1", "k2"} {
				f.idp.Trust(issuer, integration, keyPair(t, 0).Public(), kid, strings.Fields(allowedAll)...)
				f.idp.Trust(issuer, alice, keyPair(t, 0).Public(), kid, strings.Fields(allowedAll)...)
			}
			f.idp.Trust(issuer, integration, keyPair(t, 0).Public(), "", strings.Fields(allowedAll)...)
			keys := map[exchange.CacheKey]bool{}
			var got []exchange.CacheKey
			tokens := map[string]bool{}
			for _, u := range []string{alice, bob} {
				src := f.source(t, u)
				tok, err := src.Token(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				tokens[tok.AccessToken()] = true
				k := src.CacheKey()
				if len(k.Claims) != 64 {
					t.Errorf("Claims %q: want a hex SHA-256 digest", k.Claims)
				}
				if !keys[k] {
					keys[k] = true
					got = append(got, k)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(exchange.CacheKey{}, "Claims")); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
			if len(tokens) != tt.exchanges {
				t.Errorf("%d distinct tokens for alice and bob, want %d", len(tokens), tt.exchanges)
			}
			if n := f.idp.Requests(); n != tt.exchanges {
				t.Errorf("%d exchanges, want %d", n, tt.exchanges)
			}
		})
	}
}

func TestCacheInvalidate(t *testing.T) {
	var cache exchange.Cache
	var calls atomic.Int32
	fetch := func(context.Context) (*exchange.Token, error) {
		calls.Add(1)
		return &exchange.Token{Type: "Bearer"}, nil
	}
	k := exchange.CacheKey{Credential: "C", Principal: "P"}
	a, _ := cache.Token(context.Background(), k, fetch)
	if cache.Invalidate(k, &exchange.Token{}) {
		t.Error("Invalidate dropped a token it was not given")
	}
	if !cache.Invalidate(k, a) {
		t.Fatal("Invalidate kept the token")
	}
	b, _ := cache.Token(context.Background(), k, fetch)
	if cache.Invalidate(k, a) {
		t.Error("a stale token retired its replacement")
	}
	if a == b || calls.Load() != 2 {
		t.Errorf("%d fetches, same token %v; want a new one", calls.Load(), a == b)
	}
}

func TestCacheErrorsAreNotCached(t *testing.T) {
	var cache exchange.Cache
	calls := 0
	fail := errors.New("refused")
	fetch := func(context.Context) (*exchange.Token, error) { calls++; return nil, fail }
	k := exchange.CacheKey{Credential: "C"}
	for range 2 {
		if _, err := cache.Token(context.Background(), k, fetch); !errors.Is(err, fail) {
			t.Fatalf("error %v", err)
		}
	}
	if calls != 2 || cache.Len() != 0 {
		t.Errorf("%d fetches, %d cached; want each miss to try again", calls, cache.Len())
	}
}

func TestCacheWaiterCancels(t *testing.T) {
	var cache exchange.Cache
	release := make(chan struct{})
	fetch := func(ctx context.Context) (*exchange.Token, error) {
		<-release
		return &exchange.Token{Type: "Bearer"}, ctx.Err()
	}
	k := exchange.CacheKey{Credential: "C"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := cache.Token(ctx, k, fetch); done <- err }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled waiter: %v", err)
	}
	close(release)
	// The exchange went on, detached from the caller that gave up.
	tok, err := cache.Token(context.Background(), k, fetch)
	if err != nil || tok == nil {
		t.Fatalf("after the flight: %v", err)
	}
}

func TestTokenRedacted(t *testing.T) {
	f := newFixture(t, credSpec{Scope: "billing.read"})
	tok, err := f.source(t, alice).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	secret := tok.AccessToken()
	var log strings.Builder
	slog.New(slog.NewJSONHandler(&log, nil)).Info("got", "token", tok)
	js, _ := json.Marshal(tok)
	wrapped, _ := json.Marshal(struct{ T *exchange.Token }{tok})
	outputs := map[string]string{
		"%v": fmt.Sprintf("%v", tok), "%+v": fmt.Sprintf("%+v", tok), "%#v": fmt.Sprintf("%#v", tok),
		"%s": fmt.Sprintf("%s", tok), "%q": fmt.Sprintf("%q", tok), "String": tok.String(),
		"slog": log.String(), "json": string(js), "json field": string(wrapped),
		"in a struct": fmt.Sprintf("%+v", struct{ T *exchange.Token }{tok}),
	}
	for how, out := range outputs {
		if strings.Contains(out, secret) || strings.Contains(out, secret[len(secret)/2:]) {
			t.Errorf("%s prints the token: %s", how, out)
		}
	}
	if !strings.Contains(outputs["%v"], "Bearer token [redacted]") {
		t.Errorf("%%v = %q", outputs["%v"])
	}
}

// TestClaimsDigest checks what the digest covers: everything signed but
// the per-assertion claims.
func TestClaimsDigest(t *testing.T) {
	var c exchange.Cache
	header := map[string]any{"alg": "RS256", "typ": "JWT"}
	base := map[string]any{"iss": "i", "sub": alice, "aud": "a", "iat": json.Number("1"), "exp": json.Number("2"), "jti": "x"}
	digest := func(cred, principal, scope string, h, claims map[string]any) string {
		t.Helper()
		d, err := c.ClaimsDigest(cred, principal, scope, h, claims)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	with := func(m map[string]any, k string, v any) map[string]any {
		out := map[string]any{}
		for key, val := range m {
			out[key] = val
		}
		out[k] = v
		return out
	}
	d0 := digest("C", "P", "s", header, base)
	same := []map[string]any{
		with(with(base, "iat", json.Number("99")), "jti", "y"),
		with(base, "exp", json.Number("100")),
		with(base, "nbf", json.Number("5")),
	}
	for _, claims := range same {
		if d := digest("C", "P", "s", header, claims); d != d0 {
			t.Errorf("claims %v: the digest changed with a per-assertion claim", claims)
		}
	}
	differs := map[string]string{
		"sub":        digest("C", "P", "s", header, with(base, "sub", bob)),
		"custom":     digest("C", "P", "s", header, with(base, "tenant", "acme")),
		"header":     digest("C", "P", "s", with(header, "kid", "k2"), base),
		"scope":      digest("C", "P", "s t", header, base),
		"principal":  digest("C", "Q", "s", header, base),
		"credential": digest("D", "P", "s", header, base),
	}
	for what, d := range differs {
		if d == d0 {
			t.Errorf("a different %s gives the same digest", what)
		}
	}
	var other exchange.Cache
	if d, _ := other.ClaimsDigest("C", "P", "s", header, base); d == d0 {
		t.Error("two caches give the same digest: the digest is not keyed")
	}
}

// TestCacheKeyDigestsTheAssertion checks that the claims digest of a
// user's cache key, computed without building an assertion, is
// ClaimsDigest of the assertion that would be signed for them.
func TestCacheKeyDigestsTheAssertion(t *testing.T) {
	tests := []struct {
		name string
		spec credSpec
	}{
		{"plain", credSpec{}},
		{"kid header", credSpec{Kid: "k1", Scope: "a b"}},
		{"typed claims", credSpec{Extra: map[string]string{"n": "{!2 * 21}", "b": "{!ISBLANK($User.Division)}", "t": "{!UPPER($User.Username)}"}}},
		{"blank claims", credSpec{Extra: map[string]string{"division": "{!$User.Division}", "jti": `{!""}`, "exp": `{!""}`}}},
		{"date claims", credSpec{Exp: "{!TEXT(1767225600 + 60)}", Extra: map[string]string{"nbf": " 1767225595 ", "jti": "fixed"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &scope.Project{}
			p.LoadFile(credName+scope.ExternalCredentialSuffix, []byte(tt.spec.xml(fakeIdP, fakeIdP)))
			p.LoadFile("Team_Access"+scope.PermissionSetSuffix, []byte(permissionSetXML))
			prep, findings := p.Prepare(p.Schema(), eval.Options{})
			if len(findings) > 0 {
				t.Fatal(findings[0])
			}
			c, _ := p.ExternalCredential(credName)
			cache := &exchange.Cache{}
			cred, err := exchange.New(prep, c, exchange.Config{Cache: cache})
			if err != nil {
				t.Fatal(err)
			}
			vals := prep.NewValues()
			if err := vals.SetText("$User.Username", alice); err != nil {
				t.Fatal(err)
			}
			src, err := cred.For(exchange.User{PermissionSets: []string{"Team_Access"}, Values: vals}, atFixedNow)
			if err != nil {
				t.Fatal(err)
			}
			a, err := src.Assertion()
			if err != nil {
				t.Fatal(err)
			}
			k := src.CacheKey()
			want, err := cache.ClaimsDigest(k.Credential, k.Principal, k.Scope, a.Header, a.Claims)
			if err != nil {
				t.Fatal(err)
			}
			if k.Claims != want {
				t.Errorf("the key's digest %s is not the assertion's %s (header %v, claims %v)", k.Claims, want, a.Header, a.Claims)
			}
		})
	}
}
