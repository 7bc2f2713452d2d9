package exchange

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/redact"
	"github.com/credscope/credscope/scope"
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

// numericClaims are the registered claims whose values are seconds since
// 1970-01-01 (RFC 7519 NumericDate).
var numericClaims = map[string]bool{"exp": true, "iat": true, "nbf": true}

// Assertion evaluates the claims for the user whose values are vals and
// returns the assertion: iat now, exp now plus DefaultLifetime unless a
// claim sets it, and a random jti unless a claim sets it. A claim that
// fails to evaluate fails the whole assertion, with its position.
func (s *Signer) Assertion(vals *eval.Values) (*Assertion, error) {
	claims, err := s.prep.Claims(s.cred, vals)
	if err != nil {
		// The first failing claim, as the whole assertion fails with it.
		for _, c := range claims {
			if c.Err != nil {
				return nil, configError(c.Err)
			}
		}
		return nil, err
	}
	now := s.now()
	a := &Assertion{
		Header: map[string]any{"alg": s.method.Alg(), "typ": "JWT"},
		Claims: map[string]any{
			"iat": json.Number(strconv.FormatInt(now.Unix(), 10)),
			"exp": json.Number(strconv.FormatInt(now.Add(DefaultLifetime).Unix(), 10)),
			"jti": rand.Text(),
		},
		Secret: map[string]bool{},
		method: s.method,
	}
	for _, c := range claims {
		m := a.Claims
		if c.Header {
			m = a.Header
		}
		if err := a.set(m, c); err != nil {
			return nil, err
		}
	}
	for _, name := range scope.RegisteredClaims {
		if _, ok := a.Claims[name]; ok {
			continue
		}
		c, ok := bodyClaim(claims, name)
		if !ok {
			return nil, &ConfigError{Pos: s.cred.Protocol.Pos, Msg: fmt.Sprintf("%s has no JwtBodyClaim %s; the identity provider needs iss, sub and aud", s.cred.Name, name)}
		}
		return nil, &ConfigError{Pos: c.Formula.Value.TextPos(), Msg: fmt.Sprintf("in %s: the value is blank for this user; the identity provider needs %s", c.Formula.What, name)}
	}
	a.IssuedAt = numericTime(a.Claims["iat"])
	a.Expiry = numericTime(a.Claims["exp"])
	return a, nil
}

// bodyClaim returns the body claim of that name.
func bodyClaim(claims []scope.Claim, name string) (scope.Claim, bool) {
	for _, c := range claims {
		if !c.Header && c.Name() == name {
			return c, true
		}
	}
	return scope.Claim{}, false
}

// set puts one evaluated claim into m, the header or the claims.
func (a *Assertion) set(m map[string]any, c scope.Claim) error {
	v, name := c.Value, c.Name()
	numeric := !c.Header && numericClaims[name]
	if v.IsBlank() {
		if !numeric { // a blank exp or iat keeps its default
			delete(m, name)
			a.Omitted = append(a.Omitted, name)
		}
		return nil
	}
	if v.Secret() {
		a.Secret[name] = true
	}
	text := valueText(v)
	switch {
	case numeric:
		text = strings.TrimSpace(text)
		if !jsonNumber.MatchString(text) {
			return &ConfigError{Pos: c.Formula.Value.TextPos(), Msg: fmt.Sprintf("in %s: the value %q is not a number of seconds since 1970-01-01", c.Formula.What, redact.Value(text, v.Secret()))}
		}
		m[name] = json.Number(text)
	case v.Type() == eval.Number:
		m[name] = json.Number(text)
	case v.Type() == eval.Boolean:
		m[name] = v.Bool()
	default:
		m[name] = text
	}
	return nil
}

// jsonNumber is the JSON number grammar.
var jsonNumber = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

// valueText renders a value as TEXT() would, even a secret one: the
// assertion must carry the real value.
func valueText(v eval.Value) string {
	switch v.Type() {
	case eval.Text:
		return v.Text()
	case eval.Blob:
		return base64.StdEncoding.EncodeToString(v.Bytes())
	case eval.Number:
		return v.Decimal().Text('f')
	case eval.Boolean:
		return strconv.FormatBool(v.Bool())
	}
	if !v.Secret() {
		return v.String()
	}
	switch v.Type() {
	case eval.Date:
		return v.Time().Format(time.DateOnly)
	case eval.DateTime:
		return v.Time().Format("2006-01-02 15:04:05")
	}
	return v.Text()
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
