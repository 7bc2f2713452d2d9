package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

func newTokenCmd(stdio IO) *cobra.Command {
	var f exchangeFlags
	var credential string
	var asJSON, showToken, dryRun bool
	cmd := &cobra.Command{
		Use:   "token --project DIR --user FILE [--set NAME=VALUE]... --credential NAME --keystore DIR [--json] [--show-token] [--dry-run]",
		Short: "Exchange a signed JWT assertion for an access token (RFC 7523)",
		Long: `Run the JWT Bearer Flow of an external credential for a user: find the
principal their permission sets reach, compose the scope, evaluate the JWT
claims, sign the assertion with the credential's signing certificate from
the keystore (CERT.key and CERT.crt: see 'credscope keys --help'), post it
to the identity provider and print the token type, the expiry, the granted
scope and the principal used. --token-url posts it elsewhere for this run,
such as to 'credscope idp', which runs an identity provider locally.

The access token is printed only with --show-token. --dry-run prints the
JWT header and claims and the form fields that would be posted, with the
signature elided, and sends nothing; it needs no keystore.

Exit status: 1 for a credential, formula or key problem (nothing is sent),
2 for bad flags or unreadable files, 3 when the identity provider refuses
the assertion or cannot be reached.`,
		Example: `  credscope token --dry-run --project testdata/example --user testdata/example/users/alice.yaml --credential Acme_Billing
  credscope token --project . --user alice.yaml --credential Acme_Billing --keystore ~/.credscope/keys --json`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if credential == "" {
				return usageErrorf("token needs --credential NAME")
			}
			if f.keystore == "" && !dryRun {
				return usageErrorf("token needs --keystore DIR to sign the assertion (or --dry-run)")
			}
			x, err := f.load(stdio, "token")
			if err != nil {
				return err
			}
			c, err := externalCredential(x.project, "--credential", credential, f.projectDir)
			if err != nil {
				return err
			}
			src, err := f.source(stdio, x, c)
			if err != nil {
				return err
			}
			if dryRun {
				return dryRunToken(stdio, src, asJSON)
			}
			tok, err := src.Token(cmd.Context())
			if err != nil {
				return failure(stdio.Err, exitFormula, err)
			}
			r := newTokenResult(src, tok, showToken, x.env.run)
			if asJSON {
				return writeJSON(stdio.Out, r)
			}
			r.writeText(stdio.Out)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&credential, "credential", "", "the external credential `NAME`")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&showToken, "show-token", false, "print the access token itself")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the assertion and the form instead of sending them")
	return cmd
}

// tokenResult is a token as printed.
type tokenResult struct {
	Credential     string `json:"credential"`
	Principal      string `json:"principal"`
	IdentityType   string `json:"identityType"`
	TokenType      string `json:"tokenType"`
	ExpiresAt      string `json:"expiresAt,omitempty"`
	ExpiresIn      int64  `json:"expiresIn,omitempty"`
	Expired        bool   `json:"expired"`
	ExpiryProblem  string `json:"expiryProblem,omitempty"`
	GrantedScope   string `json:"grantedScope"`
	RequestedScope string `json:"requestedScope"`
	ScopeChanged   bool   `json:"scopeChanged"`
	AccessToken    string `json:"accessToken,omitempty"`
	principalLine  string
}

func newTokenResult(src *exchange.Source, tok *exchange.Token, show bool, run eval.Env) tokenResult {
	pr := src.Principal()
	r := tokenResult{
		Credential: src.Credential().External.Name, Principal: pr.Name(), IdentityType: pr.Type.Text,
		TokenType: tok.Type, GrantedScope: tok.Scope, RequestedScope: tok.RequestedScope,
		ScopeChanged: tok.ScopeChanged(), principalLine: principalLine(src),
	}
	if !tok.Expiry.IsZero() {
		now := time.Now()
		if run.Now != nil {
			now = run.Now()
		}
		r.ExpiresAt = tok.Expiry.UTC().Format(time.RFC3339)
		r.ExpiresIn = max(0, int64(tok.Expiry.Sub(now).Round(time.Second)/time.Second))
		r.Expired = !tok.Expiry.After(now)
	}
	r.ExpiryProblem = tok.ExpiryProblem
	if show {
		r.AccessToken = tok.AccessToken()
	}
	return r
}

func (r tokenResult) writeText(w io.Writer) {
	orNone := func(s string) string {
		if s == "" {
			return "(none: the identity provider's default scopes)"
		}
		return s
	}
	fmt.Fprintf(w, "credential:      %s\n", r.Credential)
	fmt.Fprintf(w, "principal:       %s\n", r.principalLine)
	fmt.Fprintf(w, "token type:      %s\n", r.TokenType)
	switch {
	case r.ExpiryProblem != "":
		fmt.Fprintf(w, "expires:         expired: %s\n", r.ExpiryProblem)
	case r.Expired:
		fmt.Fprintf(w, "expires:         expired at %s\n", r.ExpiresAt)
	case r.ExpiresAt != "":
		fmt.Fprintf(w, "expires:         %s (in %s)\n", r.ExpiresAt, time.Duration(r.ExpiresIn)*time.Second)
	default:
		fmt.Fprintln(w, "expires:         unknown (no expires_in)")
	}
	fmt.Fprintf(w, "granted scope:   %s\n", orNone(r.GrantedScope))
	if r.ScopeChanged {
		fmt.Fprintf(w, "requested scope: %s (the identity provider granted a different scope)\n", orNone(r.RequestedScope))
	}
	if r.AccessToken != "" {
		fmt.Fprintf(w, "access token:    %s\n", r.AccessToken)
	} else {
		fmt.Fprintln(w, "access token:    [redacted] (--show-token prints it)")
	}
}

// dryRun is a dry run as printed.
type dryRun struct {
	Credential   string            `json:"credential"`
	Principal    string            `json:"principal"`
	IdentityType string            `json:"identityType"`
	URL          string            `json:"url"`
	Header       map[string]any    `json:"header"`
	Claims       map[string]any    `json:"claims"`
	Omitted      []string          `json:"omittedClaims,omitempty"`
	Form         map[string]string `json:"form"`
	Signed       bool              `json:"signed"`
}

// dryRunToken prints what an exchange would send.
func dryRunToken(stdio IO, src *exchange.Source, asJSON bool) error {
	p, err := src.Preview()
	if err != nil {
		return failure(stdio.Err, exitFormula, err)
	}
	pr := src.Principal()
	d := dryRun{Credential: src.Credential().External.Name, Principal: pr.Name(), IdentityType: pr.Type.Text,
		URL: p.URL, Header: p.Header, Claims: p.Claims, Omitted: p.Omitted, Form: p.Form, Signed: p.Signed}
	if asJSON {
		return writeJSON(stdio.Out, d)
	}
	w := stdio.Out
	fmt.Fprintf(w, "credential: %s\n", d.Credential)
	fmt.Fprintf(w, "principal:  %s\n", principalLine(src))
	fmt.Fprintf(w, "POST %s (dry run: nothing sent)\n", d.URL)
	if err := p.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "form:")
	for _, k := range []string{"grant_type", "assertion", "scope"} {
		if v, ok := d.Form[k]; ok {
			fmt.Fprintf(w, "  %s=%s\n", k, v)
		}
	}
	if !d.Signed {
		fmt.Fprintln(w, "not signed: no --keystore")
	}
	return nil
}

// exitExchange is the status of a token exchange or callout that failed at
// the identity provider or on the network.
const exitExchange = 3

// exchangeFlags are the flags token and callout share.
type exchangeFlags struct {
	projectDir string
	userFile   string
	keystore   string
	now        string
	timeout    time.Duration
	tokenURL   string
	sets       []string
}

func (f *exchangeFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.projectDir, "project", "", "the SFDX project `DIR`")
	cmd.Flags().StringVar(&f.userFile, "user", "", "a YAML or JSON `FILE` describing the running user and their permission sets")
	cmd.Flags().StringVar(&f.keystore, "keystore", "", "the `DIR` holding CERT.key and CERT.crt for each signing certificate")
	cmd.Flags().StringVar(&f.now, "now", "", "evaluate NOW() and iat at this RFC 3339 `INSTANT`")
	cmd.Flags().DurationVar(&f.timeout, "timeout", exchange.DefaultTimeout, "the `DURATION` each request may take (more than 0)")
	registerSet(cmd, &f.sets)
	cmd.Flags().StringVar(&f.tokenURL, "token-url", "", "exchange at this token endpoint `URL` instead of the credential's AuthProviderUrl, for this run")
}

// exchangeEnv is a loaded project and user.
type exchangeEnv struct {
	project *scope.Project
	env     *env
	user    *scope.UserContext
}

// load reads the project and the user.
func (f *exchangeFlags) load(stdio IO, cmd string) (*exchangeEnv, error) {
	if f.projectDir == "" || f.userFile == "" {
		return nil, usageErrorf("%s needs --project DIR and --user FILE", cmd)
	}
	if f.timeout <= 0 {
		return nil, usageErrorf("--timeout %v: want a duration above zero, such as 30s", f.timeout)
	}
	if f.tokenURL != "" {
		if err := exchange.CheckTokenURL(f.tokenURL); err != nil {
			return nil, usageErrorf("--token-url: %v", err)
		}
	}
	p, err := scope.Load(f.projectDir)
	if err != nil {
		return nil, &statusError{status: exitUsage, err: err}
	}
	for _, prob := range p.Problems {
		fmt.Fprintf(stdio.Err, "credscope: %s: %s\n", prob.Pos, prob.Msg)
	}
	ef := envFlags{userFile: f.userFile, now: f.now, sets: f.sets, keystore: f.keystore}
	e, err := ef.buildPrepared(p)
	if err != nil {
		return nil, err
	}
	return &exchangeEnv{project: p, env: e, user: e.user}, nil
}

// source prepares credential c for the user. Without a keystore, the
// credential can build assertions but not exchange them. Key warnings go
// to stderr.
func (f *exchangeFlags) source(stdio IO, x *exchangeEnv, c *scope.ExternalCredential) (*exchange.Source, error) {
	cfg := exchange.Config{
		Client:   &exchange.Client{Timeout: f.timeout, Now: x.env.run.Now},
		TokenURL: f.tokenURL,
	}
	if f.keystore != "" {
		cfg.Keystore = &exchange.Keystore{Dir: f.keystore}
	}
	cred, err := exchange.New(x.env.prep, c, cfg)
	if err != nil {
		return nil, failure(stdio.Err, exitFormula, err)
	}
	if cred.Key != nil {
		for _, w := range cred.Key.Warnings {
			fmt.Fprintf(stdio.Err, "credscope: warning: %s\n", w)
		}
	}
	src, err := cred.For(x.user.User(x.env.vals), x.env.run)
	if err != nil {
		return nil, failure(stdio.Err, exitFormula, err)
	}
	return src, nil
}

// failure prints each line of err, prefixed, and returns its exit status:
// status, exitExchange when the identity provider or the network failed,
// or exitUsage when a key or certificate cannot be read.
func failure(w io.Writer, status int, err error) error {
	var ee *exchange.Error
	var te *exchange.TransportError
	var fe *exchange.FileError
	switch {
	case errors.As(err, &ee) || errors.As(err, &te):
		status = exitExchange
	case errors.As(err, &fe):
		status = exitUsage
		if fe.Missing() {
			err = fmt.Errorf("%w\n'credscope keys new --keystore %s --certificate %s' makes a key and a self-signed certificate", err, filepath.Dir(fe.Path), fe.Certificate)
		}
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(w, "credscope:", line)
	}
	return &statusError{status: status, err: err, printed: true}
}

// principalLine describes the principal a source uses.
func principalLine(src *exchange.Source) string {
	pr := src.Principal()
	seq, _ := pr.Sequence()
	return fmt.Sprintf("%s (%s, sequence %d)", pr.Name(), pr.Type.Text, seq)
}
