package exchange

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// Transport is an http.RoundTripper that makes callouts through a Named
// Credential as one user. It sends each request to the named credential's
// endpoint, sets its formula headers and, when the named credential
// generates the Authorization header, a bearer token from the Source.
//
// When the endpoint answers 401, or one of the external credential's
// AdditionalRefreshStatusCodes, the Transport retires the token, exchanges
// a new assertion once, and replays the request once. The body is replayed
// through the request's GetBody; a request whose body cannot be replayed
// gets the first answer.
//
// Request URLs are relative to the endpoint ("/invoices?status=open"), in
// Salesforce's callout form ("callout:Billing_API/invoices"), or absolute
// under the endpoint. A request for any other URL is refused, so that the
// token never reaches another host.
type Transport struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Trace, when set, is given each request as it is sent, with the
	// token and secret header values redacted.
	Trace func(*http.Request)

	named     *scope.NamedCredential
	source    *Source
	endpoint  *url.URL
	authorize bool
	refresh   []int
	// insecure is set for an endpoint that is not https, which a secret
	// header value must never reach.
	insecure bool
}

// NewTransport prepares callouts through named as the user of src, whose
// credential must be the one named authenticates with.
func NewTransport(named *scope.NamedCredential, src *Source) (*Transport, error) {
	return NewTransportTo("", named, src)
}

// NewTransportTo is NewTransport with endpoint, when not "", in place of
// the named credential's URL, such as a local API's.
func NewTransportTo(endpoint string, named *scope.NamedCredential, src *Source) (*Transport, error) {
	ext, prm := named.ExternalCredentialName()
	cred := src.Credential().External
	switch {
	case prm == nil:
		return nil, &ConfigError{Pos: named.Pos, Msg: named.Name + " names no external credential (no Authentication parameter)"}
	case ext != cred.Name:
		return nil, &ConfigError{Pos: prm.ExternalCredential.Pos, Msg: fmt.Sprintf("%s authenticates with %s, not %s", named.Name, ext, cred.Name)}
	}
	t := &Transport{named: named, source: src, authorize: named.GeneratesAuthorizationHeader(), refresh: cred.RefreshStatusCodes()}
	raw := named.URL()
	if endpoint != "" {
		raw = endpoint
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		if endpoint != "" {
			return nil, fmt.Errorf("the endpoint URL %q is not an absolute URL", raw)
		}
		return nil, &ConfigError{Pos: named.Pos, Msg: fmt.Sprintf("%s: the endpoint URL %q is not an absolute URL", named.Name, raw)}
	}
	schemeErr := checkScheme(u, "a bearer token")
	if schemeErr != nil && t.authorize {
		if endpoint != "" {
			return nil, schemeErr
		}
		return nil, &ConfigError{Pos: named.Pos, Msg: named.Name + ": " + schemeErr.Error()}
	}
	t.endpoint, t.insecure = u, schemeErr != nil
	var errs []error
	for _, h := range named.Headers() {
		f := src.Credential().Prepared.Header(h)
		if f == nil {
			return nil, fmt.Errorf("exchange: %s is not of the prepared project", named.Name)
		}
		for _, e := range f.Errs {
			errs = append(errs, configError(e))
		}
		if f.Program != nil && schemeErr != nil && readsSecret(f.Program) {
			// A header carrying a $Credential value is as sensitive as a token.
			errs = append(errs, &ConfigError{Pos: h.Value.Pos, Msg: fmt.Sprintf("header %s of %s carries a $Credential value, which is never sent over %s", h.Name.Text, named.Name, u.Scheme)})
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}

// readsSecret reports whether a program reads a secret field.
func readsSecret(prog *eval.Program) bool {
	for _, f := range prog.Fields() {
		if f.Secret {
			return true
		}
	}
	return false
}

// NewHTTPClient returns an http.Client whose requests go through a
// Transport for named and src. It follows at most maxRedirects redirects,
// each only within the endpoint: same scheme, host and port, and under the
// endpoint's path.
func NewHTTPClient(named *scope.NamedCredential, src *Source) (*http.Client, error) {
	t, err := NewTransport(named, src)
	if err != nil {
		return nil, err
	}
	return t.Client(), nil
}

// Endpoint returns the URL the requests go under.
func (t *Transport) Endpoint() string { return t.endpoint.Redacted() }

// Client returns an http.Client whose requests go through t, following
// redirects as NewHTTPClient's does.
func (t *Transport) Client() *http.Client {
	return &http.Client{Transport: t, CheckRedirect: t.checkRedirect}
}

// maxRedirects bounds the redirects one callout follows.
const maxRedirects = 10

// checkRedirect refuses a redirect that leaves the endpoint, before it is
// sent anywhere.
func (t *Transport) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("exchange: stopped after %d redirects", maxRedirects)
	}
	if !req.URL.IsAbs() {
		return fmt.Errorf("exchange: not following the redirect to %s: its Location is not absolute", req.URL.Redacted())
	}
	if _, err := t.resolve(req.URL); err != nil {
		return fmt.Errorf("exchange: not following the redirect to %s: it leaves %s", req.URL.Redacted(), t.endpoint.Redacted())
	}
	return nil
}

// RoundTrip sends req through the named credential.
//
// A redirect's Location is made absolute, resolved against the URL the
// request was sent to, so that a client following it asks for that URL
// itself: a relative Location such as /steal is never read again under the
// endpoint's path. A Location outside the endpoint is refused when followed,
// like any other request for it; the Client of NewHTTPClient does not
// follow it at all.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.roundTrip(req)
	if err == nil {
		absoluteLocation(resp)
	}
	return resp, err
}

// absoluteLocation resolves a redirect's Location against the URL of the
// request that got it.
func absoluteLocation(resp *http.Response) {
	loc := resp.Header.Get("Location")
	if loc == "" || resp.Request == nil || resp.Request.URL == nil {
		return
	}
	u, err := resp.Request.URL.Parse(loc)
	if err != nil {
		resp.Header.Del("Location") // a client cannot follow it either
		return
	}
	resp.Header.Set("Location", u.String())
}

// roundTrip sends req, and replays it once with a new token when refused.
func (t *Transport) roundTrip(req *http.Request) (*http.Response, error) {
	out, secret, err := t.prepare(req)
	if err != nil {
		closeBody(req)
		return nil, err
	}
	tok, err := t.authorizeRequest(out)
	if err != nil {
		closeBody(req)
		return nil, err
	}
	t.trace(out, secret)
	resp, err := t.base().RoundTrip(out)
	if err != nil || tok == nil || !t.refuses(resp.StatusCode) {
		return resp, err
	}
	t.source.Invalidate(tok)
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return resp, nil // the body is spent and cannot be sent again
	}
	retry := out.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return resp, nil
		}
		retry.Body = body
	}
	if _, err := t.authorizeRequest(retry); err != nil {
		closeBody(retry)
		return resp, nil // keep the refusal: it says more than a failed exchange
	}
	drain(resp)
	t.trace(retry, secret)
	return t.base().RoundTrip(retry)
}

// Preview returns the request RoundTrip would send for req, without
// sending it or fetching a token: its URL on the endpoint, the formula
// headers set and, when the named credential generates it, an
// Authorization header whose token is redacted. Secret header values are
// redacted too.
func (t *Transport) Preview(req *http.Request) (*http.Request, error) {
	out, secret, err := t.prepare(req)
	if err != nil {
		return nil, err
	}
	if t.authorize {
		out.Header.Set("Authorization", "Bearer "+redacted)
	}
	return redactRequest(out, secret), nil
}

// trace hands Trace a redacted copy of req.
func (t *Transport) trace(req *http.Request, secret []string) {
	if t.Trace != nil {
		t.Trace(redactRequest(req, secret))
	}
}

// redactRequest copies req with the token and the secret headers' values
// redacted.
func redactRequest(req *http.Request, secret []string) *http.Request {
	out := req.Clone(req.Context())
	for _, name := range secret {
		out.Header.Set(name, eval.Redacted)
	}
	if out.Header.Get("Authorization") != "" {
		out.Header.Set("Authorization", "Bearer "+redacted)
	}
	return out
}

// prepare copies req with the endpoint's URL and the formula headers, and
// names the headers whose values are secret.
func (t *Transport) prepare(req *http.Request) (*http.Request, []string, error) {
	u, err := t.resolve(req.URL)
	if err != nil {
		return nil, nil, err
	}
	out := req.Clone(req.Context())
	out.URL = u
	out.Host = ""
	headers, err := t.source.Credential().Prepared.Headers(t.named, t.source.User(), t.source.Env())
	if err != nil {
		return nil, nil, configError(err)
	}
	var secret []string
	for _, h := range headers {
		v := h.Value
		if v.IsBlank() {
			out.Header.Del(h.Name())
			continue
		}
		if v.Secret() && t.insecure {
			// Secrecy follows the value: a field the formula reads may hold
			// a copy of a $Credential value.
			return nil, nil, &ConfigError{Pos: h.Formula.Value.Pos, Msg: fmt.Sprintf("header %s of %s carries a secret value, which is never sent over %s", h.Name(), t.named.Name, t.endpoint.Scheme)}
		}
		if v.Secret() {
			secret = append(secret, h.Name())
		}
		out.Header.Set(h.Name(), valueText(v))
	}
	return out, secret, nil
}

// authorizeRequest sets the bearer token, when the named credential
// generates the Authorization header, and returns it.
func (t *Transport) authorizeRequest(req *http.Request) (*Token, error) {
	if !t.authorize {
		return nil, nil
	}
	tok, err := t.source.Token(req.Context())
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken())
	return tok, nil
}

// refuses reports whether status calls for a new token.
func (t *Transport) refuses(status int) bool {
	return status == http.StatusUnauthorized || slices.Contains(t.refresh, status)
}

// resolve maps a request URL onto the endpoint.
func (t *Transport) resolve(u *url.URL) (*url.URL, error) {
	base := t.endpoint
	var path, rawQuery string
	switch {
	case u.Scheme == "callout":
		name, rest, _ := strings.Cut(u.Opaque, "/")
		if name != t.named.Name {
			return nil, fmt.Errorf("exchange: %s is a callout through %s, not %s", u.Redacted(), name, t.named.Name)
		}
		path, rawQuery = "/"+rest, u.RawQuery
	case u.Scheme == "" && u.Host == "":
		path, rawQuery = u.Path, u.RawQuery
	default:
		if u.Scheme != base.Scheme || u.Host != base.Host || !underPath(cleanPath(u.Path), base.Path) {
			return nil, fmt.Errorf("exchange: refusing to send the credentials of %s to %s: it is outside %s", t.named.Name, u.Redacted(), base.Redacted())
		}
		out := *u
		return &out, nil
	}
	out := *base
	out.Path = strings.TrimSuffix(base.Path, "/") + "/" + strings.TrimPrefix(path, "/")
	if path == "" || path == "/" {
		out.Path = base.Path
	}
	out.RawPath = ""
	// Dot segments would climb out of the endpoint once a server resolves them.
	if !underPath(cleanPath(out.Path), base.Path) {
		return nil, fmt.Errorf("exchange: refusing to send the credentials of %s to %s: it is outside %s", t.named.Name, out.Redacted(), base.Redacted())
	}
	if rawQuery != "" {
		out.RawQuery = rawQuery
	}
	return &out, nil
}

// cleanPath resolves dot segments the way a server would.
func cleanPath(p string) string {
	if p == "" {
		return ""
	}
	c := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// underPath reports whether path is base or below it.
func underPath(path, base string) bool {
	base = strings.TrimSuffix(base, "/")
	return path == base || strings.HasPrefix(path, base+"/") || base == ""
}

func (t *Transport) base() http.RoundTripper {
	if t.Base != nil {
		return t.Base
	}
	return http.DefaultTransport
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// drain reads a little of a refused answer and closes it, so that its
// connection can be reused.
func drain(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}
