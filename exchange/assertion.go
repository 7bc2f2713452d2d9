package exchange

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"maps"
	"strconv"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/golang-jwt/jwt/v5"
)

// DefaultLifetime is how long an assertion is valid when no claim sets its
// exp: Salesforce's two minutes.
const DefaultLifetime = 2 * time.Minute

// Assertion is a JWT assertion before signing: its header and claims as
// they will be sent.
type Assertion struct {
	// Header holds alg, typ and the JwtHeaderClaims.
	Header map[string]any
	// Claims holds iss, sub, aud, iat, exp, jti and the other JwtBodyClaims.
	// Numeric date claims are json.Number.
	Claims map[string]any
	// Secret names the claims whose values derive from a secret, such as a
	// $Credential parameter; they print redacted.
	Secret map[string]bool
	// Omitted names the claims left out because their value was blank.
	Omitted []string
	// IssuedAt and Expiry are the iat and exp claims.
	IssuedAt, Expiry time.Time

	method jwt.SigningMethod
}

// Assertion evaluates the claims for user u, in env, and returns the
// assertion: iat now, exp now plus DefaultLifetime
// unless a claim sets it, and a random jti unless a claim sets it. Env's
// clock (time.Now when nil) is the clock of iat and of NOW() in the
// claims. A claim that fails to evaluate fails the whole assertion, with
// its position.
func (s *Signer) Assertion(u User, env eval.Env) (*Assertion, error) {
	var set claimSet
	if err := s.evaluate(u, env, &set); err != nil {
		return nil, err
	}
	now := time.Now()
	if env.Now != nil {
		now = env.Now()
	}
	a := &Assertion{
		Header: make(map[string]any, len(set.header)),
		Claims: make(map[string]any, len(set.body)+3),
		Secret: make(map[string]bool, len(set.secret)),
		method: s.method,
	}
	a.Claims["iat"] = json.Number(strconv.FormatInt(now.Unix(), 10))
	a.Claims["exp"] = json.Number(strconv.FormatInt(now.Add(DefaultLifetime).Unix(), 10))
	a.Claims["jti"] = rand.Text()
	for _, m := range [...]struct {
		to      map[string]any
		entries []claimEntry
	}{{a.Header, set.header}, {a.Claims, set.body}} {
		for _, e := range m.entries {
			if e.kind == 0 {
				delete(m.to, e.name)
			} else {
				m.to[e.name] = e.value()
			}
		}
	}
	for _, name := range set.secret {
		a.Secret[name] = true
	}
	a.Omitted = set.omitted
	a.IssuedAt = numericTime(a.Claims["iat"])
	a.Expiry = numericTime(a.Claims["exp"])
	return a, nil
}

// numericTime reads a NumericDate claim.
func numericTime(v any) time.Time {
	n, ok := v.(json.Number)
	if !ok {
		return time.Time{}
	}
	f, err := n.Float64()
	if err != nil {
		return time.Time{}
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC()
}

// Sign signs the assertion with key and returns its compact form.
func (a *Assertion) Sign(key *rsa.PrivateKey) (string, error) { return a.token().SignedString(key) }

// Unsigned returns the assertion's first two segments, header and claims,
// as they would be signed.
func (a *Assertion) Unsigned() (string, error) { return a.token().SigningString() }

func (a *Assertion) token() *jwt.Token {
	t := jwt.NewWithClaims(a.method, jwt.MapClaims(a.Claims))
	maps.Copy(t.Header, a.Header)
	return t
}
