package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/internal/idp"
	"github.com/credscope/credscope/internal/redact"
	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

// idpFlags are the flags of the idp command.
type idpFlags struct {
	projectDir, keystore, addr, urlFile string
	scopes                              []string
}

func newIdPCmd(stdio IO) *cobra.Command {
	var f idpFlags
	cmd := &cobra.Command{
		Use:   "idp --project DIR [--keystore DIR] [--addr 127.0.0.1:0] [--scopes 'A B']... [--url-file FILE]",
		Short: "Run a local identity provider for the project's JWT bearer credentials",
		Long: `Run an OAuth 2.0 authorization server on this machine that takes RFC 7523
JWT bearer assertions, so that token and callout can be tried without a
real identity provider. It prints its token URL, alone on the first line of
standard output, and runs until interrupted (Ctrl-C, SIGINT or SIGTERM).

It trusts, for each JWT bearer external credential of the project, the
certificate its SigningCertificate names, NAME.crt in the keystore (make one
with 'credscope keys new'): an assertion must be signed by its key, carry
the credential's iss and kid when they are constants, any sub, an aud that
is the token URL, the credential's aud or its AuthProviderUrl, an iat, a
jti not seen before and an exp at most an hour after iat. It grants the
scope an assertion requests, the scope credscope composed; with --scopes,
only those, and any other is refused with invalid_scope.

Every other path is a protected API: a request with a token the server
issued is answered with JSON that echoes its method, path, query, body,
X- headers, and the token's subject and scopes. Point a callout at it with
'credscope callout --endpoint URL'.

The server uses plain http, so it listens on loopback only. It logs each
token it issues or refuses, with the subject and scope, never a token or an
assertion.`,
		Example: `  credscope idp --project testdata/example --keystore keys --addr 127.0.0.1:8765
  credscope idp --project . --keystore keys --scopes 'billing.read billing.write' --url-file idp.url`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error { return runIdP(cmd.Context(), stdio, f) },
	}
	cmd.Flags().StringVar(&f.projectDir, "project", "", "the SFDX project `DIR` whose credentials the server trusts")
	cmd.Flags().StringVar(&f.keystore, "keystore", "keys", "the keystore `DIR` holding NAME.crt for each signing certificate")
	cmd.Flags().StringVar(&f.addr, "addr", "127.0.0.1:0", "the loopback `HOST:PORT` to listen on; port 0 picks a free port")
	cmd.Flags().StringArrayVar(&f.scopes, "scopes", nil, "allow only these space-separated `SCOPES` (repeatable); by default the scope each assertion requests")
	cmd.Flags().StringVar(&f.urlFile, "url-file", "", "write the token URL to `FILE` once the server is listening")
	return cmd
}

func runIdP(ctx context.Context, stdio IO, f idpFlags) error {
	if f.projectDir == "" {
		return usageErrorf("idp needs --project DIR")
	}
	if err := checkLoopback(f.addr); err != nil {
		return err
	}
	var scopes []string
	for _, s := range f.scopes {
		scopes = append(scopes, strings.Fields(s)...)
	}
	if f.scopes != nil && scopes == nil {
		return usageErrorf("--scopes: name at least one scope, such as --scopes 'billing.read billing.write'")
	}
	p, err := scope.Load(f.projectDir)
	if err != nil {
		return &statusError{status: exitUsage, err: err}
	}
	for _, prob := range p.Problems {
		fmt.Fprintf(stdio.Err, "credscope: %s: %s\n", prob.Pos, prob.Msg)
	}
	if info, err := os.Stat(f.keystore); err != nil || !info.IsDir() {
		return usageErrorf("--keystore %s: no such directory; 'credscope keys new --keystore %s --certificate NAME' makes one", f.keystore, f.keystore)
	}
	prep, _ := p.Prepare(p.Schema(), eval.Options{})
	trust := idp.TrustProject(prep, exchange.Keystore{Dir: f.keystore}, scopes)
	var audiences []string
	trusted := 0
	for _, t := range trust {
		if t.Err == nil {
			trusted++
			audiences = append(audiences, t.Audiences...)
		}
	}
	if trusted == 0 {
		for _, t := range trust {
			fmt.Fprintf(stdio.Err, "credscope idp: %s\n", untrustedLine(t, f.keystore))
		}
		return usageErrorf("idp: the keystore %s holds the certificate of no JWT bearer credential of %s", f.keystore, f.projectDir)
	}
	logf := func(format string, args ...any) { fmt.Fprintf(stdio.Err, "credscope idp: "+format+"\n", args...) }
	srv, err := idp.Listen(f.addr, idp.Options{Audiences: audiences, Log: func(e idp.Event) {
		// The texts come from the request; they are cleaned before they print.
		if e.Error != "" {
			logf("refused an assertion: %s", redact.External(e.Error))
			return
		}
		scope := e.Scope
		if scope == "" {
			scope = "(none)"
		}
		logf("issued a token to %s, scope %s", redact.External(e.Subject), redact.External(scope))
	}})
	if err != nil {
		return usageErrorf("--addr %s: cannot listen: %v", f.addr, errors.Unwrap(err))
	}
	defer srv.Close()
	for _, t := range trust {
		if t.Err != nil {
			logf("%s", untrustedLine(t, f.keystore))
			continue
		}
		srv.Allow(t.Grant)
		logf("trusting %s for %s: %s", filepath.Join(f.keystore, t.Certificate+".crt"), t.Credential, grantText(t.Grant))
	}
	if f.urlFile != "" {
		if err := writeURLFile(f.urlFile, srv.URL); err != nil {
			return usageErrorf("--url-file %s: %v", f.urlFile, err)
		}
		defer os.Remove(f.urlFile)
	}
	logf("the API at %s/ echoes each request with the bearer's subject and scope", srv.API().URL)
	logf("Ctrl-C stops it")
	fmt.Fprintln(stdio.Out, srv.URL)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	logf("stopped: %d token requests, %d tokens issued, %d API requests", srv.Requests(), srv.Issued(), srv.API().Requests())
	return nil
}

// checkLoopback refuses an address that is not on loopback: the server
// speaks plain http.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageErrorf("--addr %q: want HOST:PORT, such as 127.0.0.1:8765", addr)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return usageErrorf("--addr %s: the server speaks plain http, so it listens on loopback only: 127.0.0.1, [::1] or localhost", addr)
	}
	return nil
}

// grantText describes what a grant trusts.
func grantText(g idp.Grant) string {
	any := func(what, v string) string {
		if v == "" {
			return "any " + what
		}
		return what + " " + v
	}
	scopes := "any scope"
	if !g.AnyScope {
		scopes = "scopes " + strings.Join(g.Scopes, " ")
	}
	return strings.Join([]string{any("iss", g.Issuer), any("kid", g.KeyID), any("sub", g.Subject), scopes}, ", ")
}

// untrustedLine says why a credential is not trusted.
func untrustedLine(t idp.CredentialTrust, keystore string) string {
	if t.Missing() {
		return fmt.Sprintf("not trusting %s: the keystore holds no %s; 'credscope keys new --keystore %s --certificate %s' makes it",
			t.Credential, filepath.Join(keystore, t.Certificate+".crt"), keystore, t.Certificate)
	}
	return fmt.Sprintf("not trusting %s: %v", t.Credential, t.Err)
}

// writeURLFile writes the URL to path whole, through a temporary file, so
// that a reader that sees the file sees all of it.
func writeURLFile(path, url string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".credscope-url-*")
	if err != nil {
		return errors.Unwrap(err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(url + "\n")
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return errors.Unwrap(err)
	}
	return nil
}
