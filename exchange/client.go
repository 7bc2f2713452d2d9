package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/credscope/credscope/internal/redact"
)

// GrantType is the RFC 7523 grant type.
const GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"

// Defaults of a Client.
const (
	DefaultTimeout    = 30 * time.Second
	DefaultRetryDelay = 250 * time.Millisecond
)

// maxResponse bounds the token endpoint's answer that is read.
const maxResponse = 1 << 20

// Client exchanges assertions for access tokens at a token endpoint. The
// zero Client is ready to use.
type Client struct {
	// HTTP sends the requests; nil means a client of its own. Redirects are
	// never followed: an assertion goes only to the URL configured.
	HTTP *http.Client
	// Timeout bounds each attempt; zero means DefaultTimeout.
	Timeout time.Duration
	// RetryDelay is the pause before the one retry that a network error or
	// a 5xx answer earns; zero means DefaultRetryDelay.
	RetryDelay time.Duration
	// Now returns the current time, for the token's expiry; nil means
	// time.Now.
	Now func() time.Time
}

// Request is one token exchange.
type Request struct {
	// URL is the token endpoint.
	URL string
	// Scope is the scope to request; "" sends no scope, so the identity
	// provider's default scopes apply.
	Scope string
	// Assertion returns a signed assertion. It is called once per attempt,
	// so that a retry sends a fresh jti.
	Assertion func() (string, error)
}

// Exchange posts the assertion and returns the token. It retries once, on
// a network error or a 5xx answer. An error answer is an *Error; no answer
// at all is a *TransportError; an assertion that cannot be built is
// returned as is, and then nothing was sent.
func (c *Client) Exchange(ctx context.Context, r Request) (*Token, error) {
	if err := checkEndpoint(r.URL); err != nil {
		return nil, err
	}
	const attempts = 2
	var last error
	for i := 1; i <= attempts; i++ {
		if i > 1 {
			if err := sleep(ctx, c.retryDelay()); err != nil {
				return nil, &TransportError{URL: r.URL, Attempts: i - 1, Err: err}
			}
		}
		assertion, err := r.Assertion()
		if err != nil {
			return nil, err
		}
		tok, retry, err := c.attempt(ctx, r, assertion)
		if err == nil {
			return tok, nil
		}
		if te, ok := err.(*TransportError); ok {
			te.Attempts = i
		}
		last = err
		if !retry || ctx.Err() != nil {
			break
		}
	}
	return nil, last
}

// attempt makes one request. Retry reports whether another attempt may
// succeed.
func (c *Client) attempt(ctx context.Context, r Request, assertion string) (tok *Token, retry bool, err error) {
	form := url.Values{"grant_type": {GrantType}, "assertion": {assertion}}
	if r.Scope != "" {
		form.Set("scope", r.Scope)
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, r.URL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, ctx.Err() == nil, c.transportError(ctx, actx, r.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, ctx.Err() == nil, c.transportError(ctx, actx, r.URL, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, resp.StatusCode >= 500, errorResponse(resp, body, assertion)
	}
	tok, err = c.parseToken(body, r.Scope)
	return tok, false, err
}

func (c *Client) transportError(ctx, actx context.Context, u string, err error) error {
	te := &TransportError{URL: u, Err: err}
	if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		te.After = c.timeout()
	}
	return te
}

// tokenResponse is an RFC 6749 §5.1 answer.
type tokenResponse struct {
	AccessToken string          `json:"access_token"`
	TokenType   string          `json:"token_type"`
	ExpiresIn   json.RawMessage `json:"expires_in"`
	Scope       *string         `json:"scope"`
}

func (c *Client) parseToken(body []byte, requested string) (*Token, error) {
	// The assertion was sent: an unusable answer is the identity
	// provider's failure, reported as an *Error like a refusal.
	var tr tokenResponse
	if err := json.Unmarshal(body, &tr); err != nil {
		return nil, &Error{Status: http.StatusOK, Description: redact.External(fmt.Sprintf("the token endpoint answered 200 but not with a JSON token: %v", err))}
	}
	switch {
	case tr.AccessToken == "":
		return nil, &Error{Status: http.StatusOK, Description: "the token endpoint answered 200 without an access_token"}
	case !strings.EqualFold(tr.TokenType, "bearer"):
		return nil, &Error{Status: http.StatusOK, Description: fmt.Sprintf("the token endpoint issued a token of type %q; only Bearer tokens are supported", redact.External(tr.TokenType, tr.AccessToken))}
	}
	now := c.now()
	tok := &Token{access: tr.AccessToken, Type: "Bearer", Received: now, RequestedScope: requested, Scope: requested}
	if tr.Scope != nil {
		// The granted scope prints; it must not carry escape sequences.
		tok.Scope = strings.Join(strings.Fields(redact.Printable(*tr.Scope)), " ")
	}
	switch n, ok := expiresIn(tr.ExpiresIn); {
	case ok:
		tok.Expiry = now.Add(time.Duration(n) * time.Second)
	case len(tr.ExpiresIn) > 0 && string(tr.ExpiresIn) != "null":
		// 0, a negative number or a non-number: never "no expiry".
		tok.Expiry = now
		tok.ExpiryProblem = fmt.Sprintf("expires_in %s is not a positive number of seconds; the token is treated as expired", redact.Value(string(tr.ExpiresIn), false))
	}
	return tok, nil
}

// maxExpiresIn bounds a token's lifetime, so that a huge expires_in cannot
// overflow a time.Duration: ten years.
const maxExpiresIn = 10 * 365 * 24 * 3600

// expiresIn reads expires_in, which some servers send as a string or with a
// fraction.
func expiresIn(raw json.RawMessage) (int64, bool) {
	s := strings.Trim(string(raw), `"`)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f > 0) {
		return 0, false
	}
	return int64(math.Min(f, maxExpiresIn)), true
}

// errorResponse reads an RFC 6749 §5.2 error, or describes an answer that
// is not one. Every text from the answer goes through redact.External,
// which also masks the assertion should the identity provider echo it.
func errorResponse(resp *http.Response, body []byte, assertion string) *Error {
	var er struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
		URI         string `json:"error_uri"`
	}
	e := &Error{Status: resp.StatusCode}
	if json.Unmarshal(body, &er) == nil && er.Error != "" {
		e.Code = redact.External(er.Error, assertion)
		e.Description = redact.External(er.Description, assertion)
		e.URI = redact.External(er.URI, assertion)
		return e
	}
	if loc := resp.Header.Get("Location"); resp.StatusCode/100 == 3 && loc != "" {
		e.Description = "a redirect to " + redact.External(loc, assertion) + ", which is not followed with an assertion"
		return e
	}
	e.Description = redact.External(string(body), assertion)
	return e
}

// checkEndpoint refuses a token endpoint that would expose the assertion:
// it must be https, or http on a loopback address.
func checkEndpoint(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("token endpoint %q is not an absolute URL", raw)
	}
	return checkScheme(u, "an assertion")
}

func (c *Client) httpClient() *http.Client {
	hc := http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if c.HTTP != nil {
		hc.Transport, hc.Jar = c.HTTP.Transport, c.HTTP.Jar
	}
	return &hc
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c *Client) retryDelay() time.Duration {
	if c.RetryDelay > 0 {
		return c.RetryDelay
	}
	return DefaultRetryDelay
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
