package exchange

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"syscall"

	"github.com/credscope/credscope/internal/redact"
)

// DescribeNetError says what went wrong on the network, for the end of a
// sentence: a host that cannot be found, a refused connection, a
// certificate not trusted. Other errors print as they are, cleaned, since
// they may quote what a server sent.
func DescribeNetError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // it quotes the URL, which the sentence names
	}
	var (
		dns     *net.DNSError
		op      *net.OpError
		unknown x509.UnknownAuthorityError
		invalid x509.CertificateInvalidError
		host    x509.HostnameError
	)
	switch {
	case errors.As(err, &dns):
		return fmt.Sprintf("the host %s cannot be found (%s)", redact.External(dns.Name), redact.External(dns.Err))
	case errors.Is(err, syscall.ECONNREFUSED) && errors.As(err, &op) && op.Addr != nil:
		return fmt.Sprintf("nothing accepts connections at %s (connection refused)", op.Addr)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "the connection was refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "the server closed the connection (connection reset)"
	case errors.As(err, &unknown):
		return "the server's certificate is signed by an authority this machine does not trust"
	case errors.As(err, &host):
		return "the server's certificate " + redact.External(host.Error())
	case errors.As(err, &invalid):
		return "the server's certificate is not valid: " + redact.External(invalid.Error())
	}
	return redact.External(err.Error())
}
