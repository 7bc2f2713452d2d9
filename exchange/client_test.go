package exchange_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/internal/redact"
	"github.com/google/go-cmp/cmp"
)

// hostileIdP answers every token request with status and body, and counts
// the requests.
func hostileIdP(t *testing.T, status int, header map[string]string, body string) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// sentAssertion is the assertion the tests send: three base64url segments.
const sentAssertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZUBhY21lLmV4YW1wbGUifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU"

// TestIdPErrorTextIsCleaned feeds the client error answers an attacker
// controlling the identity provider, or a proxy before it, could send: the
// error text reaches the terminal without escape sequences or line breaks,
// at most redact.MaxExternal bytes, and without the assertion or anything
// that looks like a token.
func TestIdPErrorTextIsCleaned(t *testing.T) {
	long := strings.Repeat("A", 100_000)
	tests := []struct {
		name   string
		status int
		header map[string]string
		body   string
		want   string // the start of Error()
	}{
		{"forged lines and escapes", 400, nil,
			`{"error":"invalid_grant","error_description":"bad\ncredscope: token ok\r\u001b[2J\u001b]0;owned\u0007 done"}`,
			"token endpoint refused the assertion: invalid_grant: bad credscope: token ok done [HTTP 400]"},
		{"echoed assertion", 400, nil,
			`{"error":"invalid_grant","error_description":"assertion ` + sentAssertion + ` rejected"}`,
			"token endpoint refused the assertion: invalid_grant: assertion ******** rejected [HTTP 400]"},
		{"other token", 400, nil,
			`{"error":"invalid_grant","error_description":"see eyJraWQiOiJ4In0.eyJzdWIiOiJib2IifQ.sig-of-bob"}`,
			"token endpoint refused the assertion: invalid_grant: see ******** [HTTP 400]"},
		{"uncapped description", 400, nil,
			`{"error":"invalid_grant","error_description":"` + long + `"}`,
			"token endpoint refused the assertion: invalid_grant: AAAA"},
		{"control characters in the code and uri", 400, nil,
			`{"error":"invalid_grant\nx","error_uri":"https://idp.example/\u001b[31merr"}`,
			"token endpoint refused the assertion: invalid_grant x (see https://idp.example/err) [HTTP 400]"},
		{"not JSON", 502, nil, "<html>\x1b[2J" + sentAssertion + "</html>",
			"token endpoint refused the assertion: HTTP 502 Bad Gateway: <html>********</html>"},
		{"redirect", 302, map[string]string{"Location": "https://evil.example/\u202e?a=" + sentAssertion}, "",
			"token endpoint refused the assertion: HTTP 302 Found: a redirect to https://evil.example/?a=********, which is not followed with an assertion"},
		{"malformed header", 302, map[string]string{"Location": "https://evil.example/\x1b[2J?a=" + sentAssertion}, "",
			"token request to http://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := hostileIdP(t, tt.status, tt.header, tt.body)
			c := &exchange.Client{RetryDelay: time.Millisecond}
			_, err := c.Exchange(context.Background(), exchange.Request{URL: srv.URL, Assertion: func() (string, error) { return sentAssertion, nil }})
			var e *exchange.Error
			var te *exchange.TransportError
			if !errors.As(err, &e) && !errors.As(err, &te) {
				t.Fatalf("got %v, want an *exchange.Error or *exchange.TransportError", err)
			}
			if e == nil {
				e = &exchange.Error{}
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.want) {
				t.Errorf("got  %q\nwant %q…", msg, tt.want)
			}
			if strings.ContainsAny(msg, "\x1b\x07\r\n") || strings.Contains(msg, sentAssertion) {
				t.Errorf("the error holds a control character or the assertion: %q", msg)
			}
			for _, part := range []string{e.Code, e.Description, e.URI} {
				if len(part) > redact.MaxExternal {
					t.Errorf("a part of %d bytes, over %d", len(part), redact.MaxExternal)
				}
			}
		})
	}
}

// TestExpiresIn checks that an expires_in of 0, below 0 or not a number
// makes the token expired, never one that does not expire.
func TestExpiresIn(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		raw         string // the expires_in member, "" for none
		wantExpiry  time.Time
		wantProblem bool
	}{
		{raw: `3600`, wantExpiry: now.Add(time.Hour)},
		{raw: `"3600"`, wantExpiry: now.Add(time.Hour)},
		{raw: `59.9`, wantExpiry: now.Add(59 * time.Second)},
		{raw: ``},
		{raw: `null`},
		{raw: `0`, wantExpiry: now, wantProblem: true},
		{raw: `"0"`, wantExpiry: now, wantProblem: true},
		{raw: `-30`, wantExpiry: now, wantProblem: true},
		{raw: `"soon"`, wantExpiry: now, wantProblem: true},
		{raw: `true`, wantExpiry: now, wantProblem: true},
		{raw: `{"s":1}`, wantExpiry: now, wantProblem: true},
		{raw: `"NaN"`, wantExpiry: now, wantProblem: true},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			body := `{"access_token":"tok","token_type":"Bearer"`
			if tt.raw != "" {
				body += `,"expires_in":` + tt.raw
			}
			srv, n := hostileIdP(t, 200, nil, body+"}")
			cache := &exchange.Cache{Now: func() time.Time { return now }}
			c := &exchange.Client{Now: func() time.Time { return now }}
			fetch := func(ctx context.Context) (*exchange.Token, error) {
				return c.Exchange(ctx, exchange.Request{URL: srv.URL, Assertion: func() (string, error) { return sentAssertion, nil }})
			}
			key := exchange.CacheKey{Credential: "C", Principal: "P"}
			tok, err := cache.Token(context.Background(), key, fetch)
			if err != nil {
				t.Fatal(err)
			}
			got := struct {
				Expiry  time.Time
				Problem bool
			}{tok.Expiry, tok.ExpiryProblem != ""}
			want := struct {
				Expiry  time.Time
				Problem bool
			}{tt.wantExpiry, tt.wantProblem}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("token (-want +got):\n%s", diff)
			}
			// An expired token is never served again from the cache.
			if _, err := cache.Token(context.Background(), key, fetch); err != nil {
				t.Fatal(err)
			}
			wantRequests := int64(1)
			if tt.wantProblem {
				wantRequests = 2
			}
			if n.Load() != wantRequests {
				t.Errorf("%d exchanges for two uses, want %d", n.Load(), wantRequests)
			}
		})
	}
}

// TestGrantedScopeIsPrintable checks that a granted scope, which prints,
// carries no escape sequence or control character from the answer.
func TestGrantedScopeIsPrintable(t *testing.T) {
	srv, _ := hostileIdP(t, 200, nil, `{"access_token":"tok","token_type":"Bearer","expires_in":60,"scope":"billing.read\u001b]0;owned\u0007 \u001b[2Jbilling.write\r\ncredscope: ok"}`)
	tok, err := (&exchange.Client{}).Exchange(context.Background(), exchange.Request{URL: srv.URL, Scope: "billing.read", Assertion: func() (string, error) { return sentAssertion, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("billing.read billing.write credscope: ok", tok.Scope); diff != "" {
		t.Errorf("granted scope (-want +got):\n%s", diff)
	}
}
