package exchange

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
)

// Token is an access token from the identity provider. The token itself is
// reachable only through AccessToken: every other way of printing or
// encoding a Token shows it redacted.
type Token struct {
	// Type is the token_type, such as Bearer.
	Type string
	// Expiry is when the token expires; zero when the identity provider
	// sent no expires_in, in which case only a refused callout retires it.
	// An expires_in of 0, below 0 or not a number makes Expiry the time
	// the token arrived: it is expired at once, and ExpiryProblem says why.
	Expiry time.Time
	// ExpiryProblem explains an expires_in that could not be used; "" when
	// it was a positive number or absent.
	ExpiryProblem string
	// Scope is the scope granted. It equals RequestedScope unless the
	// identity provider granted a different one.
	Scope string
	// RequestedScope is the scope sent; "" when none was.
	RequestedScope string
	// Received is when the token arrived.
	Received time.Time

	access string
}

// redacted is how a token prints.
const redacted = "[redacted]"

// AccessToken returns the access token itself. Never log it.
func (t *Token) AccessToken() string { return t.access }

// ScopeChanged reports whether the identity provider granted a scope other
// than the one requested.
func (t *Token) ScopeChanged() bool { return !sameScope(t.Scope, t.RequestedScope) }

// sameScope compares two scopes as RFC 6749 does: as sets of tokens.
func sameScope(a, b string) bool {
	x, y := strings.Fields(a), strings.Fields(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}

// String describes the token with the token itself redacted.
func (t *Token) String() string {
	if t == nil {
		return "<nil>"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s token %s", t.Type, redacted)
	if !t.Expiry.IsZero() {
		fmt.Fprintf(&b, " expiring %s", t.Expiry.UTC().Format(time.RFC3339))
	}
	if t.Scope != "" {
		fmt.Fprintf(&b, " for scope %q", t.Scope)
	}
	return b.String()
}

// Format prints the token as String does for every verb, %#v and %+v
// included, so that no format prints the token itself.
func (t *Token) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", t.String())
		return
	}
	fmt.Fprint(f, t.String())
}

// LogValue keeps the token out of structured logs.
func (t *Token) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("type", t.Type),
		slog.String("access_token", redacted),
		slog.Time("expiry", t.Expiry),
		slog.String("scope", t.Scope),
	)
}

// MarshalJSON encodes the token's description, with the token redacted.
func (t *Token) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		AccessToken    string    `json:"access_token"`
		Type           string    `json:"token_type"`
		Expiry         time.Time `json:"expiry,omitzero"`
		ExpiryProblem  string    `json:"expiry_problem,omitempty"`
		Scope          string    `json:"scope,omitempty"`
		RequestedScope string    `json:"requested_scope,omitempty"`
	}{redacted, t.Type, t.Expiry, t.ExpiryProblem, t.Scope, t.RequestedScope})
}

// fresh reports whether the token may still be used at now, skew before
// its expiry. The skew is at most half the token's lifetime, so that a
// short-lived token is still used.
func (t *Token) fresh(now time.Time, skew time.Duration) bool {
	if t.Expiry.IsZero() {
		return true
	}
	if !t.Expiry.After(t.Received) {
		return false
	}
	if life := t.Expiry.Sub(t.Received); skew > life/2 {
		skew = life / 2
	}
	return now.Before(t.Expiry.Add(-skew))
}
