package exchange

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/redact"
	"github.com/credscope/credscope/scope"
)

// claimEntry is one header field or body claim as the claim formulas set
// it: a name and a tagged value, or a tombstone for a claim a blank value
// removed.
type claimEntry struct {
	name string
	kind byte // 's' text, 'n' number, 'b' boolean ("true" or "false"), 'j' JSON; 0 removed
	text string
}

// value returns the entry's value as an assertion holds it.
func (e claimEntry) value() any {
	switch e.kind {
	case 'n':
		return json.Number(e.text)
	case 'b':
		return e.text == "true"
	}
	return e.text
}

// claimSet is what the claim formulas give for one user, before an
// assertion stamps its iat, exp and jti: the header fields and the body
// claims, each name once, sorted by name. It is what the cache
// key's digest covers and what Assertion turns into maps, so the two
// cannot disagree.
type claimSet struct {
	header, body []claimEntry
	// secret names the claims whose values derive from a secret.
	secret []string
	// omitted names the claims left out because their value was blank.
	omitted []string
	// claims holds the evaluated claims.
	claims []scope.Claim
}

// put sets or, with a tombstone, removes a name in list, which it keeps
// sorted by name.
func put(list []claimEntry, e claimEntry) []claimEntry {
	i := 0
	for i < len(list) && list[i].name < e.name {
		i++
	}
	if i < len(list) && list[i].name == e.name {
		list[i] = e
		return list
	}
	return slices.Insert(list, i, e)
}

// evaluate evaluates the claims of the signer's credential for user u, in
// env, into set, and checks what Assertion checks: that
// every claim evaluates, that a date claim is a number, and that iss, sub
// and aud are present and not blank.
func (s *Signer) evaluate(u User, env eval.Env, set *claimSet) error {
	set.header = append(set.header[:0], claimEntry{"alg", 's', s.method.Alg()}, claimEntry{"typ", 's', "JWT"})
	set.body, set.secret, set.omitted = set.body[:0], set.secret[:0], set.omitted[:0]
	claims, err := s.prep.AppendClaims(set.claims[:0], s.cred, u, env)
	set.claims = claims
	if err != nil {
		// The first failing claim, as the whole assertion fails with it.
		for _, c := range claims {
			if c.Err != nil {
				return configError(c.Err)
			}
		}
		return err
	}
	for _, c := range claims {
		if err := set.add(c); err != nil {
			return err
		}
	}
	for _, name := range scope.RegisteredClaims {
		if set.has(name) {
			continue
		}
		c, ok := bodyClaim(claims, name)
		if !ok {
			return &ConfigError{Pos: s.cred.Protocol.Pos, Msg: fmt.Sprintf("%s has no JwtBodyClaim %s; the identity provider needs iss, sub and aud", s.cred.Name, name)}
		}
		return &ConfigError{Pos: c.Formula.Value.TextPos(), Msg: fmt.Sprintf("in %s: the value is blank for this user; the identity provider needs %s", c.Formula.What, name)}
	}
	return nil
}

// has reports whether the body holds the claim name.
func (set *claimSet) has(name string) bool {
	for _, e := range set.body {
		if e.name == name {
			return e.kind != 0
		}
	}
	return false
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

// add puts one evaluated claim into the header or the body. A blank value
// removes the claim, except a blank date claim, which keeps what it had.
func (set *claimSet) add(c scope.Claim) error {
	v, name := c.Value, c.Name()
	numeric := !c.Header && numericClaims[name]
	list := &set.body
	if c.Header {
		list = &set.header
	}
	if v.IsBlank() {
		if !numeric { // a blank exp or iat keeps its default
			*list = put(*list, claimEntry{name: name})
			set.omitted = append(set.omitted, name)
		}
		return nil
	}
	if v.Secret() {
		set.secret = append(set.secret, name)
	}
	e := claimEntry{name: name, kind: 's', text: valueText(v)}
	switch {
	case numeric:
		e.kind, e.text = 'n', strings.TrimSpace(e.text)
		if !isJSONNumber(e.text) {
			return &ConfigError{Pos: c.Formula.Value.TextPos(), Msg: fmt.Sprintf("in %s: the value %q is not a number of seconds since 1970-01-01", c.Formula.What, redact.Value(e.text, v.Secret()))}
		}
	case v.Type() == eval.Number:
		e.kind = 'n'
	case v.Type() == eval.Boolean:
		e.kind = 'b'
	}
	*list = put(*list, e)
	return nil
}

// numericClaims are the registered claims whose values are seconds since
// 1970-01-01 (RFC 7519 NumericDate).
var numericClaims = map[string]bool{"exp": true, "iat": true, "nbf": true}

// isJSONNumber reports whether s is a number in JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s string) bool {
	digits := func(i int) int { // the end of the digits from i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = digits(i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

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
