package exchange

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/credscope/credscope/scope"
)

// ConfigError is a problem in a credential's metadata or formulas, at a
// position in its XML file. When a ConfigError is returned, nothing was
// sent.
type ConfigError struct {
	// Pos is where the problem is.
	Pos scope.Pos
	// Msg says what it is.
	Msg string
	// Err is the formula error, a *scope.FormulaError, when a formula
	// failed; nil for other problems.
	Err error
}

// Error renders the error as FILE:LINE:COL: MESSAGE.
func (e *ConfigError) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns the formula error, if any.
func (e *ConfigError) Unwrap() error { return e.Err }

// configError makes a formula error of scope, a *scope.FormulaError, a
// ConfigError that wraps it; other errors are returned as they are.
func configError(err error) error {
	var fe *scope.FormulaError
	if !errors.As(err, &fe) {
		return err
	}
	msg := fe.Err.Msg
	if fe.What != "" {
		msg = "in " + fe.What + ": " + msg
	}
	return &ConfigError{Pos: fe.File, Msg: msg, Err: fe}
}

// Error is an error response from the token endpoint (RFC 6749 §5.2).
type Error struct {
	// Code is the error code, such as invalid_grant; "" when the answer
	// was not an RFC 6749 error.
	Code string
	// Description is the error_description.
	Description string
	// URI is the error_uri, a page about the error.
	URI string
	// Status is the HTTP status.
	Status int
}

// Error renders the error with its code, description, URI and status.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("token endpoint refused the assertion: ")
	if e.Code != "" {
		b.WriteString(e.Code)
	} else {
		fmt.Fprintf(&b, "HTTP %d %s", e.Status, http.StatusText(e.Status))
	}
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(e.Description)
	}
	if e.URI != "" {
		fmt.Fprintf(&b, " (see %s)", e.URI)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " [HTTP %d]", e.Status)
	}
	return b.String()
}

// TransportError is a token request that got no usable HTTP answer: a
// refused connection, a timeout or a broken response.
type TransportError struct {
	// URL is the token endpoint.
	URL string
	// Attempts is how many requests were made.
	Attempts int
	// After is the time limit that ran out, when the request timed out.
	After time.Duration
	// Err is the last attempt's error.
	Err error
}

// Error says what failed, and after how many attempts.
func (e *TransportError) Error() string {
	tries := "1 attempt"
	if e.Attempts != 1 {
		tries = fmt.Sprintf("%d attempts", e.Attempts)
	}
	if e.Timeout() {
		return fmt.Sprintf("token request to %s timed out: no answer within %s (%s)", e.URL, e.After, tries)
	}
	// The cause may quote what the server sent, such as a malformed header.
	return fmt.Sprintf("token request to %s failed (%s): %s", e.URL, tries, DescribeNetError(e.Err))
}

// Unwrap returns the underlying error.
func (e *TransportError) Unwrap() error { return e.Err }

// Timeout reports whether the request ran out of time.
func (e *TransportError) Timeout() bool { return e.After > 0 }

// ErrNoPrincipal is what a Source's error wraps when the user reaches no
// principal of the credential.
var ErrNoPrincipal = errors.New("no principal")
