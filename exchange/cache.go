package exchange

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// DefaultSkew is how long before its expiry a cached token is retired.
const DefaultSkew = 30 * time.Second

// CacheKey identifies a cached token.
type CacheKey struct {
	// Credential is the external credential's name.
	Credential string
	// Principal is the principal's name.
	Principal string
	// User identifies the user, for per-user principals only: a named
	// principal's token is shared by every user who reaches it.
	User string
	// Scope is the scope requested.
	Scope string
	// Claims is a digest of what the assertion signs: its header and
	// claims as evaluated for the user, without the claims that change
	// with every assertion (iat, exp, nbf and jti), together with the
	// credential, the principal and the scope. Two users share a token
	// only when the identity provider would be asked the same thing for
	// both: a named principal whose sub reads $User.Username gives each
	// user a token of their own. See Cache.ClaimsDigest.
	Claims string
}

// flightKey is the key's singleflight form.
func (k CacheKey) flightKey() string {
	// Quoting keeps the parts apart whatever characters they hold.
	return strconv.Quote(k.Credential) + strconv.Quote(k.Principal) + strconv.Quote(k.User) + strconv.Quote(k.Scope) + strconv.Quote(k.Claims)
}

// Cache holds access tokens by key and runs at most one exchange per key at
// a time: however many callers miss together, one exchange serves them
// all. A Cache is safe for concurrent use; the zero Cache is ready.
type Cache struct {
	// Skew retires a token this long before it expires (at most half its
	// lifetime); zero means DefaultSkew.
	Skew time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time

	mu     sync.Mutex
	slots  map[CacheKey]*slot
	flight singleflight.Group

	digestOnce sync.Once
	digestKey  []byte    // keys ClaimsDigest; random, never leaves the Cache
	digesters  sync.Pool // of *digester
}

// ClaimsDigest returns the CacheKey.Claims of an assertion: an HMAC-SHA256,
// under a random key of this Cache's own, of a canonical form of the
// credential, the principal, the scope, the header and the claims other
// than iat, exp, nbf and jti. Keying the digest means that a CacheKey,
// printed or logged, lets no one test guesses of a secret claim.
func (c *Cache) ClaimsDigest(credential, principal, scope string, header, claims map[string]any) (string, error) {
	var set claimSet
	var err error
	if set.header, err = entriesOf(header); err != nil {
		return "", err
	}
	if set.body, err = entriesOf(claims); err != nil {
		return "", err
	}
	return c.digest(credential, principal, scope, &set), nil
}

// entriesOf returns the entries of an assertion's header or claims.
func entriesOf(m map[string]any) ([]claimEntry, error) {
	out := make([]claimEntry, 0, len(m))
	for name, v := range m {
		e := claimEntry{name: name}
		switch v := v.(type) {
		case string:
			e.kind, e.text = 's', v
		case json.Number:
			e.kind, e.text = 'n', string(v)
		case bool:
			e.kind, e.text = 'b', strconv.FormatBool(v)
		default:
			data, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			e.kind, e.text = 'j', string(data)
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y claimEntry) int { return strings.Compare(x.name, y.name) })
	return out, nil
}

// digester is the scratch of one digest.
type digester struct {
	mac hash.Hash
	buf []byte
	sum [sha256.Size]byte
}

// digest is ClaimsDigest of a claim set: the one canonical form.
func (c *Cache) digest(credential, principal, scope string, set *claimSet) string {
	c.digestOnce.Do(func() {
		c.digestKey = make([]byte, 32)
		rand.Read(c.digestKey)
	})
	d, _ := c.digesters.Get().(*digester)
	if d == nil {
		d = &digester{mac: hmac.New(sha256.New, c.digestKey)}
	}
	b := d.buf[:0]
	for _, s := range [...]string{credential, principal, scope} {
		b = appendPart(b, s)
	}
	b = appendCanonical(b, set.header, false)
	b = appendCanonical(b, set.body, true)
	d.mac.Reset()
	d.mac.Write(b)
	var text [2 * sha256.Size]byte
	hex.Encode(text[:], d.mac.Sum(d.sum[:0]))
	out := string(text[:])
	clear(b) // the claims' values do not stay behind in the pool
	d.buf = b
	c.digesters.Put(d)
	return out
}

// appendCanonical appends the entries, sorted by name, but those removed
// and, when perAssertion is set, those of the per-assertion claims, each
// as its name, its kind and its text, closed by '}'.
func appendCanonical(b []byte, entries []claimEntry, perAssertion bool) []byte {
	for _, e := range entries {
		if e.kind == 0 || perAssertion && isPerAssertion(e.name) {
			continue
		}
		b = appendPart(append(appendPart(b, e.name), e.kind), e.text)
	}
	return append(b, '}')
}

// appendPart appends s after its length, which keeps every part apart,
// whatever characters it holds.
func appendPart(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	return append(append(b, ':'), s...)
}

// isPerAssertion reports whether a claim changes with every assertion
// (iat, exp, nbf and jti), so that it does not decide which token a user
// gets.
func isPerAssertion(name string) bool {
	switch name {
	case "iat", "exp", "nbf", "jti":
		return true
	}
	return false
}

// slot holds the token of one key. A slot, once made, stays, so a Source
// keeps a pointer to its own and reads it without locking.
type slot struct {
	flightKey string
	token     atomic.Pointer[Token]
}

// slot returns the slot of k, making it when needed.
func (c *Cache) slot(k CacheKey) *slot {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.slots[k]
	if s == nil {
		if c.slots == nil {
			c.slots = map[CacheKey]*slot{}
		}
		s = &slot{flightKey: k.flightKey()}
		c.slots[k] = s
	}
	return s
}

// Token returns the cached token for k when it is fresh. Otherwise it calls
// fetch, once for all the callers waiting on k, caches the token and
// returns it. A caller whose ctx ends stops waiting, but the exchange goes
// on for the others, bounded by the client's own timeout. Errors are not
// cached.
func (c *Cache) Token(ctx context.Context, k CacheKey, fetch func(context.Context) (*Token, error)) (*Token, error) {
	return c.token(ctx, c.slot(k), fetch)
}

func (c *Cache) token(ctx context.Context, s *slot, fetch func(context.Context) (*Token, error)) (*Token, error) {
	if t := c.fresh(s); t != nil {
		return t, nil
	}
	detached := context.WithoutCancel(ctx)
	ch := c.flight.DoChan(s.flightKey, func() (any, error) {
		if t := c.fresh(s); t != nil { // another flight has just landed
			return t, nil
		}
		t, err := fetch(detached)
		if err != nil {
			return nil, err
		}
		s.token.Store(t)
		return t, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*Token), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fresh returns the slot's token when it is fresh, or nil.
func (c *Cache) fresh(s *slot) *Token {
	t := s.token.Load()
	if t == nil || !t.fresh(c.now(), c.skew()) {
		return nil
	}
	return t
}

// Invalidate drops t from the cache when it is still the token cached for
// k, and reports whether it did. A token that another caller has already
// replaced stays replaced, so that many callers refused with the same token
// cause one new exchange, not many.
func (c *Cache) Invalidate(k CacheKey, t *Token) bool {
	return t != nil && c.slot(k).token.CompareAndSwap(t, nil)
}

// Len returns the number of tokens cached, fresh or not.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range c.slots {
		if s.token.Load() != nil {
			n++
		}
	}
	return n
}

func (c *Cache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Cache) skew() time.Duration {
	if c.Skew > 0 {
		return c.Skew
	}
	return DefaultSkew
}
