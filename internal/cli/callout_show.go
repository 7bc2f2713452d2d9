package cli

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/internal/redact"
)

// httpToken is the form of an HTTP method (RFC 9110 §5.6.2).
var httpToken = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

// writeHeaders prints headers sorted by name, each line after prefix. The
// values are cleaned: an answer's headers come from the server.
func writeHeaders(w io.Writer, prefix string, h http.Header) {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range h[name] {
			fmt.Fprintf(w, "%s%s: %s\n", prefix, redact.Printable(name), redact.External(v))
		}
	}
}

// writeBodyNote says how large a request's body is, without printing it.
func writeBodyNote(w io.Writer, prefix string, body []byte, h http.Header) {
	if body != nil {
		fmt.Fprintf(w, "%s(a body of %d bytes, %s)\n", prefix, len(body), h.Get("Content-Type"))
	}
}

// verboseTransport prints the status and headers of each answer.
type verboseTransport struct{ w io.Writer }

// RoundTrip sends req with the default transport and prints the answer.
func (v verboseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(v.w, "< %s %s\n", resp.Proto, resp.Status)
	writeHeaders(v.w, "< ", resp.Header)
	return resp, nil
}

// calloutFailure reports a callout that got no answer, in a sentence
// that names what failed. Credential and formula problems keep their
// status; the rest failed on the way.
func calloutFailure(w io.Writer, t *exchange.Transport, req *http.Request, err error) error {
	status := exitExchange
	var ce *exchange.ConfigError
	if errors.As(err, &ce) {
		status = exitFormula
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = calloutError(t, req, ue)
	}
	return failure(w, status, err)
}

// calloutError turns the error of an HTTP client into a sentence: the
// errors of the exchange and of the transport's checks are their own;
// network errors name the request and what failed.
func calloutError(t *exchange.Transport, req *http.Request, ue *url.Error) error {
	var (
		ee *exchange.Error
		te *exchange.TransportError
		ce *exchange.ConfigError
	)
	inner := ue.Err
	if errors.As(inner, &ee) || errors.As(inner, &te) || errors.As(inner, &ce) {
		return inner
	}
	if msg, ok := strings.CutPrefix(inner.Error(), "exchange: "); ok {
		return errors.New(msg) // the transport refused: its reason is the sentence
	}
	target := ue.URL
	if u, err := url.Parse(ue.URL); err == nil && !u.IsAbs() {
		target = strings.TrimSuffix(t.Endpoint(), "/") + "/" + strings.TrimPrefix(req.URL.String(), "/")
	}
	what := fmt.Sprintf("the callout %s %s", req.Method, redact.External(target))
	if ue.Timeout() {
		return fmt.Errorf("%s timed out: no answer in time (--timeout sets each request's time)", what)
	}
	return fmt.Errorf("%s failed: %s", what, exchange.DescribeNetError(inner))
}

// urlErrorText is the reason of a url.Parse error, without the quoted URL.
func urlErrorText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
