package exchange

import (
	"fmt"
	"net"
	"net/url"
)

// checkScheme refuses to send a secret, what, to u unless u is https, or
// http on a loopback address.
func checkScheme(u *url.URL, what string) error {
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("refusing to send %s over plain http to %s: use https", what, u.Host)
	}
	return fmt.Errorf("%s: unsupported scheme %q; want https", u.Redacted(), u.Scheme)
}

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CheckTokenURL reports why raw may not receive assertions: it must be an
// absolute https URL, or http on a loopback address.
func CheckTokenURL(raw string) error { return checkEndpoint(raw) }
