// Package testidp runs a real OAuth 2.0 authorization server on loopback
// for tests: fosite with its RFC 7523 JWT bearer grant handler, an
// in-memory trust store that maps an issuer and a subject to a public key
// and the scopes it may request, and a protected resource server that
// accepts the tokens the authorization server issues.
//
// It also provides a command, Main, that scripts use to generate keystores
// and to run a command against a server.
package testidp

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-jose/go-jose/v3"
	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/storage"
)

// Options configure an IdP.
type Options struct {
	// Audience is the aud the IdP accepts; "" means its token endpoint URL.
	Audience string
	// TokenLifespan is how long its access tokens live; zero means an hour.
	TokenLifespan time.Duration
}

// IdP is an authorization server whose token endpoint takes RFC 7523
// assertions.
type IdP struct {
	// URL is the token endpoint.
	URL string
	// Audience is the aud the IdP accepts.
	Audience string

	server   *httptest.Server
	store    *storage.MemoryStore
	provider fosite.OAuth2Provider
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

// Start starts an IdP on a loopback port. Close stops it.
func Start(opts Options) *IdP {
	idp := &IdP{store: storage.NewMemoryStore()}
	idp.server = httptest.NewUnstartedServer(http.HandlerFunc(idp.token))
	idp.URL = "http://" + idp.server.Listener.Addr().String() + "/token"
	idp.Audience = opts.Audience
	if idp.Audience == "" {
		idp.Audience = idp.URL
	}
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
		TokenURL:                             idp.Audience,
		AccessTokenLifespan:                  lifespan,
		GlobalSecret:                         secret,
		ScopeStrategy:                        fosite.ExactScopeStrategy,
		AudienceMatchingStrategy:             fosite.DefaultAudienceMatchingStrategy,
	}
	// Set what fosite would otherwise set lazily, and racily, on first use.
	cfg.ClientSecretsHasher = &fosite.BCrypt{Config: cfg}
	cfg.JWKSFetcherStrategy = fosite.NewDefaultJWKSFetcherStrategy()
	idp.provider = compose.Compose(cfg, idp.store, compose.NewOAuth2HMACStrategy(cfg),
		compose.RFC7523AssertionGrantFactory, compose.OAuth2TokenIntrospectionFactory)
	idp.server.Start()
	return idp
}

// Close stops the IdP.
func (i *IdP) Close() { i.server.Close() }

// Trust lets issuer assert subject with key, identified by keyID (the kid
// header, or "" for none), and request scopes. Call it before the
// exchanges it is for.
func (i *IdP) Trust(issuer, subject string, key *rsa.PublicKey, keyID string, scopes ...string) {
	ipk, ok := i.store.IssuerPublicKeys[issuer]
	if !ok {
		ipk = storage.IssuerPublicKeys{Issuer: issuer, KeysBySub: map[string]storage.SubjectPublicKeys{}}
	}
	spk, ok := ipk.KeysBySub[subject]
	if !ok {
		spk = storage.SubjectPublicKeys{Subject: subject, Keys: map[string]storage.PublicKeyScopes{}}
	}
	spk.Keys[keyID] = storage.PublicKeyScopes{Key: &jose.JSONWebKey{Key: key, KeyID: keyID, Use: "sig"}, Scopes: scopes}
	ipk.KeysBySub[subject] = spk
	i.store.IssuerPublicKeys[issuer] = ipk
}

// Requests returns how many token requests arrived.
func (i *IdP) Requests() int { return int(i.requests.Load()) }

// Issued returns how many access tokens were issued.
func (i *IdP) Issued() int { return int(i.issued.Load()) }

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
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant", "error_description": refusal})
		return
	}
	if fail != 0 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(fail)
		w.Write([]byte(`{"error":"temporarily_unavailable","error_description":"The server is failing on purpose."}`))
		return
	}
	ctx := r.Context()
	ar, err := i.provider.NewAccessRequest(ctx, r, new(fosite.DefaultSession))
	i.mu.Lock()
	i.lastForm = r.PostForm
	i.mu.Unlock()
	if err != nil {
		i.provider.WriteAccessError(ctx, w, ar, err)
		return
	}
	if req, ok := ar.(*fosite.AccessRequest); ok && len(withheld) > 0 {
		req.GrantedScope = slices.DeleteFunc(slices.Clone(req.GrantedScope), func(s string) bool { return slices.Contains(withheld, s) })
	}
	resp, err := i.provider.NewAccessResponse(ctx, ar)
	if err != nil {
		i.provider.WriteAccessError(ctx, w, ar, err)
		return
	}
	i.issued.Add(1)
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
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(answer)
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
