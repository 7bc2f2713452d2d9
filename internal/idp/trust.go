package idp

import (
	"context"
	"crypto/rsa"
	"slices"
	"sync"

	"github.com/go-jose/go-jose/v3"
	"github.com/ory/fosite"
	"github.com/ory/fosite/storage"
)

// Grant is a key the IdP trusts to sign assertions.
type Grant struct {
	// Issuer is the iss the assertions carry; "" trusts the key for any
	// issuer.
	Issuer string
	// Subject is the sub; "" trusts the key for any subject, as for a
	// credential whose sub is a user's field.
	Subject string
	// KeyID is the kid header; "" trusts the key whatever kid it names.
	KeyID string
	// Key is the public key the assertions are verified with.
	Key *rsa.PublicKey
	// Scopes are the scopes an assertion may request.
	Scopes []string
	// AnyScope lets an assertion request any scope, which the IdP grants.
	AnyScope bool
}

// anyScope stands for every scope in a grant's list: a space never stands
// in a scope token.
const anyScope = " any"

// scopeStrategy is fosite's exact strategy, and anyScope matches all.
func scopeStrategy(allowed []string, scope string) bool {
	return slices.Contains(allowed, anyScope) || fosite.ExactScopeStrategy(allowed, scope)
}

// Allow trusts the key of g, in place of the key of any grant for the
// same issuer, subject and key ID. Call it before the exchanges it is for.
func (i *IdP) Allow(g Grant) {
	s := i.store
	s.mu.Lock()
	defer s.mu.Unlock()
	s.grants = slices.DeleteFunc(s.grants, func(o Grant) bool {
		return o.Issuer == g.Issuer && o.Subject == g.Subject && o.KeyID == g.KeyID
	})
	s.grants = append(s.grants, g)
}

// Trust lets issuer assert subject with key, identified by keyID (the kid
// header, or "" for none), and request scopes.
func (i *IdP) Trust(issuer, subject string, key *rsa.PublicKey, keyID string, scopes ...string) {
	i.Allow(Grant{Issuer: issuer, Subject: subject, KeyID: keyID, Key: key, Scopes: scopes})
}

// trustStore is fosite's memory store, for tokens and used assertion IDs,
// with the IdP's grants as its RFC 7523 keys.
type trustStore struct {
	*storage.MemoryStore
	mu     sync.RWMutex
	grants []Grant
}

func newTrustStore() *trustStore { return &trustStore{MemoryStore: storage.NewMemoryStore()} }

// matching returns the grants for issuer and subject whose key ID is kid;
// any key ID when all is set.
func (s *trustStore) matching(issuer, subject, kid string, all bool) []Grant {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Grant
	for _, g := range s.grants {
		if (g.Issuer == "" || g.Issuer == issuer) && (g.Subject == "" || g.Subject == subject) &&
			(all || g.KeyID == "" || g.KeyID == kid) {
			out = append(out, g)
		}
	}
	return out
}

// GetPublicKey returns the key trusted for an assertion whose kid header
// is kid.
func (s *trustStore) GetPublicKey(_ context.Context, issuer, subject, kid string) (*jose.JSONWebKey, error) {
	for _, g := range s.matching(issuer, subject, kid, false) {
		return &jose.JSONWebKey{Key: g.Key, KeyID: kid, Use: "sig"}, nil
	}
	return nil, fosite.ErrNotFound
}

// GetPublicKeys returns the keys trusted for an assertion without a kid.
func (s *trustStore) GetPublicKeys(_ context.Context, issuer, subject string) (*jose.JSONWebKeySet, error) {
	var set jose.JSONWebKeySet
	for _, g := range s.matching(issuer, subject, "", true) {
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: g.Key, KeyID: g.KeyID, Use: "sig"})
	}
	if len(set.Keys) == 0 {
		return nil, fosite.ErrNotFound
	}
	return &set, nil
}

// GetPublicKeyScopes returns the scopes the grants for the key allow.
func (s *trustStore) GetPublicKeyScopes(_ context.Context, issuer, subject, kid string) ([]string, error) {
	gs := s.matching(issuer, subject, kid, false)
	if len(gs) == 0 {
		return nil, fosite.ErrNotFound
	}
	var out []string
	for _, g := range gs {
		if g.AnyScope {
			out = append(out, anyScope)
		}
		out = append(out, g.Scopes...)
	}
	return out, nil
}
