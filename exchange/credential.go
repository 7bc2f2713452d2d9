package exchange

import (
	"context"
	"errors"
	"fmt"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// Config is what a Credential needs besides its metadata.
type Config struct {
	// Keystore holds the signing certificate the credential names. A
	// Credential without one can build assertions but not sign them.
	Keystore *Keystore
	// Client exchanges the assertions; nil means a zero Client.
	Client *Client
	// Cache holds the tokens; nil means a cache of the Credential's own.
	Cache *Cache
	// TokenURL, when set, is the token endpoint in place of the
	// credential's AuthProviderUrl, such as a local identity provider's.
	TokenURL string
}

// Credential is a JWT bearer external credential ready to exchange
// assertions for tokens.
type Credential struct {
	// Prepared holds the credential, its principals, the permission sets
	// that grant them, and its compiled formulas.
	Prepared *scope.Prepared
	// External is the external credential.
	External *scope.ExternalCredential
	// Signer builds its assertions.
	Signer *Signer
	// Key is the signing key; nil when no keystore was configured.
	Key *Key
	// TokenURL is the identity provider's token endpoint.
	TokenURL string

	client *Client
	cache  *Cache
}

// New readies external credential c of the prepared project for users
// whose values come from the prepared schema: it checks that c uses the
// JWT bearer flow and that its claims compiled, and loads its signing key.
// The prepared options are the formulas': Now is the clock for iat and
// NOW(), Keys the keys of SIGN().
func New(prep *scope.Prepared, c *scope.ExternalCredential, cfg Config) (*Credential, error) {
	if !c.IsJWTBearer() {
		return nil, &ConfigError{Pos: c.Protocol.Pos, Msg: fmt.Sprintf("%s does not use the JWT bearer flow: want authenticationProtocol Oauth with the AuthProtocolVariant JwtBearer", c.Name)}
	}
	cr := &Credential{Prepared: prep, External: c, client: cfg.Client, cache: cfg.Cache}
	if cr.client == nil {
		cr.client = &Client{}
	}
	if cr.cache == nil {
		cr.cache = &Cache{}
	}
	// The same checks as lint's CS201: what lint passes, New accepts.
	var errs []error
	for _, pr := range scope.JWTBearerProblems(c) {
		errs = append(errs, &ConfigError{Pos: pr.Pos, Msg: pr.Msg})
	}
	switch prm := c.IdPURL(); {
	case cfg.TokenURL != "":
		cr.TokenURL = cfg.TokenURL
		if err := checkEndpoint(cr.TokenURL); err != nil {
			errs = append(errs, err)
		}
	case prm != nil:
		cr.TokenURL = prm.Value.Text
		if err := checkEndpoint(cr.TokenURL); err != nil {
			errs = append(errs, &ConfigError{Pos: prm.Value.TextPos(), Msg: err.Error()})
		}
	}
	var err error
	if cr.Signer, err = NewSigner(prep, c); err != nil {
		errs = append(errs, err)
	}
	if sc := c.SigningCertificate(); cfg.Keystore != nil && sc != nil && sc.Certificate.Text != "" {
		cr.Key, err = cfg.Keystore.Load(sc.Certificate.Text)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return cr, nil
}

// User is the running user of an exchange or a callout: scope's User.
type User = scope.User

// For resolves the principal user reaches and the scope the platform would
// request for them, evaluates the claims, and returns the source of their
// tokens. Env is what the user's formulas are evaluated in, for this
// source's whole life: the clock for iat and NOW(), the time zone, the
// budget and the keys of SIGN(); the zero Env is the defaults, the system
// clock among them. It fails when the user reaches no principal, when the
// scope cannot be composed, or when a claim fails to evaluate.
func (cr *Credential) For(u User, env eval.Env) (*Source, error) {
	if u.Values == nil || u.Values.Schema() != cr.Prepared.Schema() {
		return nil, errors.New("exchange: the user's values are not from the credential's schema")
	}
	comp, err := cr.Prepared.Compose(cr.External, u, env)
	if err != nil {
		return nil, err
	}
	if comp.Principal == nil {
		return nil, fmt.Errorf("%s: the user reaches %w: %s", cr.External.Name, ErrNoPrincipal, comp.Why)
	}
	s := &Source{cred: cr, user: u, env: env, comp: comp}
	s.key = CacheKey{Credential: cr.External.Name, Principal: comp.Principal.Name(), Scope: comp.Scope.Text()}
	// The token is keyed on what is signed for this user, so that a named
	// principal whose claims read $User never serves one user's token to
	// another.
	// The claims are evaluated and checked as an assertion's, and hashed;
	// nothing is signed until the cache misses.
	set := cr.Signer.acquire()
	defer cr.Signer.release(set)
	if err := cr.Signer.evaluate(u, env, set); err != nil {
		return nil, err
	}
	s.key.Claims = cr.cache.digest(s.key.Credential, s.key.Principal, s.key.Scope, set)
	if comp.Principal.PerUser() {
		s.key.User = u.Name
		if s.key.User == "" {
			if v, err := u.Values.Get("$User.Username"); err == nil {
				s.key.User = v.Text()
			}
		}
		if s.key.User == "" {
			// Without an identity, two users would share one per-user token.
			return nil, fmt.Errorf("%s: principal %s is per user, and the user has no name or $User.Username", cr.External.Name, comp.Principal.Name())
		}
	}
	s.slot = cr.cache.slot(s.key)
	return s, nil
}

// Source gives the tokens of one user through one credential.
type Source struct {
	cred *Credential
	user User
	env  eval.Env
	comp *scope.Composition
	key  CacheKey
	slot *slot
}

// Credential returns the credential the tokens come from.
func (s *Source) Credential() *Credential { return s.cred }

// User returns the user the tokens are for.
func (s *Source) User() User { return s.user }

// Env returns what the user's formulas are evaluated in.
func (s *Source) Env() eval.Env { return s.env }

// Principal returns the principal the user reaches.
func (s *Source) Principal() scope.Principal { return *s.comp.Principal }

// Composition returns how the principal and the scope were found.
func (s *Source) Composition() *scope.Composition { return s.comp }

// Scope returns the scope requested; "" when none is, and the identity
// provider's default scopes apply.
func (s *Source) Scope() string { return s.key.Scope }

// CacheKey returns the key the tokens are cached under.
func (s *Source) CacheKey() CacheKey { return s.key }

// Token returns a fresh token, from the cache when it holds one.
func (s *Source) Token(ctx context.Context) (*Token, error) {
	if t := s.cred.cache.fresh(s.slot); t != nil {
		return t, nil
	}
	return s.cred.cache.token(ctx, s.slot, s.exchange)
}

// Invalidate retires t, a token the endpoint refused, so that the next
// Token exchanges a new assertion.
func (s *Source) Invalidate(t *Token) bool { return t != nil && s.slot.token.CompareAndSwap(t, nil) }

// Assertion builds the assertion an exchange would send now, unsigned.
func (s *Source) Assertion() (*Assertion, error) {
	return s.cred.Signer.Assertion(s.user, s.env)
}

// Form returns the form fields of an exchange, holding the given
// assertion.
func (s *Source) Form(assertion string) map[string]string {
	f := map[string]string{"grant_type": GrantType, "assertion": assertion}
	if s.key.Scope != "" {
		f["scope"] = s.key.Scope
	}
	return f
}

// exchange signs a fresh assertion and exchanges it.
func (s *Source) exchange(ctx context.Context) (*Token, error) {
	if s.cred.Key == nil {
		return nil, errors.New("exchange: no signing key: the credential was prepared without a keystore")
	}
	return s.cred.client.Exchange(ctx, Request{URL: s.cred.TokenURL, Scope: s.key.Scope, Assertion: s.sign})
}

func (s *Source) sign() (string, error) {
	a, err := s.Assertion()
	if err != nil {
		return "", err
	}
	return a.Sign(s.cred.Key.Private())
}
