// Package idp is a local OAuth 2.0 authorization server for the JWT bearer
// flow: fosite with its RFC 7523 grant handler, a trust store that maps an
// issuer, a subject and a key ID to a public key and the scopes it may
// request, and a protected API that accepts the tokens it issues and echoes
// each request with the bearer's subject and scope.
//
// It is what `credscope idp` runs, so that a token exchange and a callout
// can be tried on a laptop, and what the tests of the exchange run against.
// It keeps everything in memory and never logs a token or an assertion.
package idp

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/credscope/credscope/internal/redact"
	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
)

// TokenPath is the path of the token endpoint. Every other path is the
// API's.
const TokenPath = "/token"

// Options configure an IdP.
type Options struct {
	// Audiences are the aud values an assertion may carry besides the
	// token endpoint's URL, such as the AuthProviderUrl a credential
	// names while its token URL is overridden.
	Audiences []string
	// TokenLifespan is how long its access tokens live; zero means an hour.
	TokenLifespan time.Duration
	// Log, when set, is told of each token request, without the token or
	// the assertion.
	Log func(Event)
}

// Event is a token request as Options.Log hears of it.
type Event struct {
	// Subject and Scope are the assertion's sub and the scope granted,
	// when a token was issued.
	Subject, Scope string
	// Error is the RFC 6749 error and its description, when the request
	// was refused.
	Error string
}

// IdP is an authorization server whose token endpoint takes RFC 7523
// assertions, and the API its tokens are for, on one listener.
type IdP struct {
	// URL is the token endpoint.
	URL string
	// Audience is the aud the IdP expects: its token endpoint's URL.
	Audience string

	server   *http.Server
	store    *trustStore
	provider fosite.OAuth2Provider
	api      *Resource
	log      func(Event)
	requests atomic.Int64
	issued   atomic.Int64

	mu       sync.Mutex
	delay    time.Duration
	failNext []int
	withheld []string
	lastForm url.Values
	// expiresIn, when set, replaces the expires_in of the answers, as raw
	// JSON; refusal, when set, is the error_description of a 400 answer
	// to every request.
	expiresIn string
	refusal   string
}

// Listen starts an IdP on addr, a host:port such as 127.0.0.1:0 (port 0
// picks a free port). Its token endpoint is URL; every other path is the
// API's. Close or Shutdown stops it.
func Listen(addr string, opts Options) (*IdP, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	idp := &IdP{store: newTrustStore(), log: opts.Log}
	idp.URL = "http://" + ln.Addr().String() + TokenPath
	idp.Audience = idp.URL
	lifespan := opts.TokenLifespan
	if lifespan == 0 {
		lifespan = time.Hour
	}
	secret := make([]byte, 32)
	rand.Read(secret)
	cfg := &fosite.Config{
		GrantTypeJWTBearerCanSkipClientAuth:  true,
		GrantTypeJWTBearerIDOptional:         false,
		GrantTypeJWTBearerIssuedDateOptional: false,
		GrantTypeJWTBearerMaxDuration:        time.Hour,
		TokenURL:                             idp.URL,
		AccessTokenLifespan:                  lifespan,
		GlobalSecret:                         secret,
		ScopeStrategy:                        scopeStrategy,
		AudienceMatchingStrategy:             fosite.DefaultAudienceMatchingStrategy,
	}
	// Set what fosite would otherwise set lazily, and racily, on first use.
	cfg.ClientSecretsHasher = &fosite.BCrypt{Config: cfg}
	cfg.JWKSFetcherStrategy = fosite.NewDefaultJWKSFetcherStrategy()
	// The grant handler checks aud against every URL of the configuration
	// it is given.
	audiences := &audienceConfig{Config: cfg, urls: append([]string{idp.URL}, opts.Audiences...)}
	strategy := compose.NewOAuth2HMACStrategy(cfg)
	cfg.TokenEndpointHandlers.Append(compose.RFC7523AssertionGrantFactory(audiences, idp.store, strategy).(fosite.TokenEndpointHandler))
	cfg.TokenIntrospectionHandlers.Append(compose.OAuth2TokenIntrospectionFactory(cfg, idp.store, strategy).(fosite.TokenIntrospector))
	idp.provider = fosite.NewOAuth2Provider(idp.store, cfg)
	idp.api = newResource(idp, "http://"+ln.Addr().String())
	mux := http.NewServeMux()
	mux.HandleFunc(TokenPath, idp.token)
	mux.Handle("/", idp.api)
	idp.server = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go idp.server.Serve(ln)
	return idp, nil
}

// audienceConfig is fosite's configuration with more than one token URL,
// each an audience an assertion may name.
type audienceConfig struct {
	*fosite.Config
	urls []string
}

// GetTokenURLs returns the audiences the IdP accepts.
func (c *audienceConfig) GetTokenURLs(context.Context) []string { return c.urls }

// Close stops the IdP at once.
func (i *IdP) Close() { i.server.Close() }

// Shutdown stops the IdP once the requests under way are answered, or ctx
// is done.
func (i *IdP) Shutdown(ctx context.Context) error {
	err := i.server.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		i.server.Close()
	}
	return err
}

// API returns the API whose tokens the IdP issues, on the IdP's listener.
func (i *IdP) API() *Resource { return i.api }

// Requests returns how many token requests arrived.
func (i *IdP) Requests() int { return int(i.requests.Load()) }

// Issued returns how many access tokens were issued.
func (i *IdP) Issued() int { return int(i.issued.Load()) }

// The methods below make the IdP misbehave as real ones do, so that the
// client's handling of it can be tried.

// SetDelay makes the token endpoint wait d before answering.
func (i *IdP) SetDelay(d time.Duration) {
	i.mu.Lock()
	i.delay = d
	i.mu.Unlock()
}

// FailNext makes the next token requests fail with these HTTP statuses,
// one each, before fosite sees them.
func (i *IdP) FailNext(statuses ...int) {
	i.mu.Lock()
	i.failNext = append(i.failNext, statuses...)
	i.mu.Unlock()
}

// Withhold makes the IdP leave these scopes out of the tokens it issues,
// though it allows them: the granted scope then differs from the request.
func (i *IdP) Withhold(scopes ...string) {
	i.mu.Lock()
	i.withheld = append(i.withheld, scopes...)
	i.mu.Unlock()
}

// SetExpiresIn makes the IdP answer with this raw JSON as expires_in, such
// as 0, -5 or "soon".
func (i *IdP) SetExpiresIn(raw string) {
	i.mu.Lock()
	i.expiresIn = raw
	i.mu.Unlock()
}

// RefuseWith makes the IdP refuse every request with invalid_grant and
// this error_description, as a hostile or broken IdP might word it.
func (i *IdP) RefuseWith(description string) {
	i.mu.Lock()
	i.refusal = description
	i.mu.Unlock()
}

// LastForm returns the form of the last token request.
func (i *IdP) LastForm() url.Values {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.lastForm
}

func (i *IdP) token(w http.ResponseWriter, r *http.Request) {
	i.requests.Add(1)
	i.mu.Lock()
	delay, fail := i.delay, 0
	if len(i.failNext) > 0 {
		fail, i.failNext = i.failNext[0], i.failNext[1:]
	}
	withheld := slices.Clone(i.withheld)
	expiresIn, refusal := i.expiresIn, i.refusal
	i.mu.Unlock()
	if delay > 0 {
		// Reading the body first lets the server notice a client that
		// gives up.
		r.ParseForm()
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if refusal != "" {
		i.event(Event{Error: "invalid_grant (refused on purpose)"})
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant", "error_description": refusal})
		return
	}
	if fail != 0 {
		i.event(Event{Error: fmt.Sprintf("HTTP %d (failed on purpose)", fail)})
		writeJSON(w, fail, map[string]string{"error": "temporarily_unavailable", "error_description": "The server is failing on purpose."})
		return
	}
	ctx := r.Context()
	ar, err := i.provider.NewAccessRequest(ctx, r, new(fosite.DefaultSession))
	i.mu.Lock()
	i.lastForm = r.PostForm
	i.mu.Unlock()
	if err != nil {
		i.refuse(ctx, w, r, ar, err)
		return
	}
	if req, ok := ar.(*fosite.AccessRequest); ok && len(withheld) > 0 {
		req.GrantedScope = slices.DeleteFunc(slices.Clone(req.GrantedScope), func(s string) bool { return slices.Contains(withheld, s) })
	}
	resp, err := i.provider.NewAccessResponse(ctx, ar)
	if err != nil {
		i.refuse(ctx, w, r, ar, err)
		return
	}
	i.issued.Add(1)
	i.event(Event{Subject: ar.GetSession().GetSubject(), Scope: joinScopes(ar.GetGrantedScopes())})
	if expiresIn == "" {
		i.provider.WriteAccessResponse(ctx, w, ar, resp)
		return
	}
	rec := httptest.NewRecorder()
	i.provider.WriteAccessResponse(ctx, rec, ar, resp)
	var answer map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	answer["expires_in"] = json.RawMessage(expiresIn)
	writeJSON(w, http.StatusOK, answer)
}

// refuse answers a refused request with its RFC 6749 error. The error
// logged never quotes the assertion, should fosite's description do so.
func (i *IdP) refuse(ctx context.Context, w http.ResponseWriter, r *http.Request, ar fosite.AccessRequester, err error) {
	rfc := fosite.ErrorToRFC6749Error(err)
	i.event(Event{Error: redact.External(rfc.ErrorField+": "+rfc.GetDescription(), r.PostForm.Get("assertion"))})
	i.provider.WriteAccessError(ctx, w, ar, err)
}

func (i *IdP) event(e Event) {
	if i.log != nil {
		i.log(e)
	}
}

func joinScopes(s fosite.Arguments) string { return strings.Join(s, " ") }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// introspect checks an access token the IdP issued and returns its
// subject and granted scopes.
func (i *IdP) introspect(ctx context.Context, token string) (subject string, scopes []string, err error) {
	sess := new(fosite.DefaultSession)
	_, ar, err := i.provider.IntrospectToken(ctx, token, fosite.AccessToken, sess)
	if err != nil {
		return "", nil, err
	}
	if s, ok := ar.GetSession().(*fosite.DefaultSession); ok {
		subject = s.Subject
	}
	return subject, ar.GetGrantedScopes(), nil
}
