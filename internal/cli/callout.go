package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/credscope/credscope/exchange"
	"github.com/spf13/cobra"
)

// maxCalloutBody bounds the response body a callout prints.
const maxCalloutBody = 10 << 20

func newCalloutCmd(stdio IO) *cobra.Command {
	var f exchangeFlags
	var named, method, data, endpoint string
	var headers []string
	var dryRun, verbose bool
	cmd := &cobra.Command{
		Use:   "callout --project DIR --user FILE [--set NAME=VALUE]... --keystore DIR --named-credential NAME [-X METHOD] [-d BODY] [-H 'Name: value']... [--dry-run] [-v] PATH",
		Short: "Make a callout through a named credential, as a user",
		Long: `Make an HTTP request through a named credential, as Apex does with
callout:NAME/PATH: the request goes to the named credential's endpoint
with its formula headers and, when it generates the Authorization header,
a bearer token from its external credential's JWT Bearer Flow.

When the endpoint answers 401, or one of the external credential's
AdditionalRefreshStatusCodes, the token is exchanged again once and the
request replayed once. The status prints first, then the body.

PATH is relative to the endpoint, such as /invoices?status=open. -d BODY
sends BODY, or the contents of FILE with -d @FILE.

--dry-run prints the request that would be sent, with the formula headers
evaluated, and sends nothing: no token is exchanged, and no keystore is
needed. -v prints each request sent and each answer's status and headers
on standard error, as curl -v does. Both print the token as [redacted],
and $Credential values as ********.

--token-url and --endpoint send the exchange and the request elsewhere for
this run, such as to 'credscope idp'.

Exit status: 0 when the endpoint answered, whatever the status; 1 for a
credential, formula or key problem; 2 for bad flags or unreadable files; 3
when the token exchange or the request failed.`,
		Example: `  credscope callout --project . --user alice.yaml --keystore keys --named-credential Billing_API /invoices
  credscope callout --project . --user alice.yaml --keystore keys --named-credential Billing_API -X POST -d '{"amount": 42}' /invoices
  credscope callout --project . --user alice.yaml --named-credential Billing_API --dry-run /invoices`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if named == "" || (f.keystore == "" && !dryRun) {
				return usageErrorf("callout needs --named-credential NAME and --keystore DIR (or --dry-run)")
			}
			x, err := f.load(stdio, "callout")
			if err != nil {
				return err
			}
			nc, err := namedCredential(x.project, "--named-credential", named, f.projectDir)
			if err != nil {
				return err
			}
			extName, _ := nc.ExternalCredentialName()
			c, ok := x.project.ExternalCredential(extName)
			if !ok {
				return &statusError{status: exitFormula, err: fmt.Errorf("%s: named credential %s authenticates with %q, which the project does not hold", nc.File, named, extName)}
			}
			src, err := f.source(stdio, x, c)
			if err != nil {
				return err
			}
			t, err := exchange.NewTransportTo(endpoint, nc, src)
			var ce *exchange.ConfigError
			switch {
			case err != nil && endpoint != "" && !errors.As(err, &ce):
				return usageErrorf("--endpoint %s: %v", endpoint, err)
			case err != nil:
				return failure(stdio.Err, exitFormula, err)
			}
			req, reqBody, err := calloutRequest(cmd, method, args[0], data, headers)
			if err != nil {
				return err
			}
			if dryRun {
				out, err := t.Preview(req)
				if err != nil {
					return calloutFailure(stdio.Err, t, req, err)
				}
				fmt.Fprintf(stdio.Out, "%s %s (dry run: nothing sent)\n", out.Method, out.URL.Redacted())
				writeHeaders(stdio.Out, "", out.Header)
				writeBodyNote(stdio.Out, "", reqBody, out.Header)
				if out.Header.Get("Authorization") != "" {
					fmt.Fprintf(stdio.Out, "the token comes from %s's JWT bearer exchange at %s (credscope token --dry-run shows it)\n", c.Name, src.Credential().TokenURL)
				}
				return nil
			}
			if verbose {
				t.Trace = func(r *http.Request) {
					fmt.Fprintf(stdio.Err, "> %s %s\n", r.Method, r.URL.Redacted())
					writeHeaders(stdio.Err, "> ", r.Header)
					writeBodyNote(stdio.Err, "> ", reqBody, r.Header)
				}
				t.Base = verboseTransport{w: stdio.Err}
			}
			client := t.Client()
			// The whole callout may take an exchange and its one retry, the
			// request and its one replay: four request budgets.
			client.Timeout = 4 * f.timeout
			resp, err := client.Do(req)
			if err != nil {
				return calloutFailure(stdio.Err, t, req, err)
			}
			defer resp.Body.Close()
			fmt.Fprintf(stdio.Out, "%s %s\n", resp.Proto, resp.Status)
			body, err := io.ReadAll(io.LimitReader(resp.Body, maxCalloutBody+1))
			truncated := len(body) > maxCalloutBody
			if truncated {
				body = body[:maxCalloutBody]
			}
			stdio.Out.Write(body)
			if len(body) > 0 && !bytes.HasSuffix(body, []byte("\n")) {
				fmt.Fprintln(stdio.Out)
			}
			if err != nil {
				return &statusError{status: exitExchange, err: fmt.Errorf("reading the answer of %s: %s", t.Endpoint(), exchange.DescribeNetError(err))}
			}
			if truncated {
				return &statusError{status: exitExchange, err: fmt.Errorf("the response body is over %d bytes; only the first %d were printed", maxCalloutBody, maxCalloutBody)}
			}
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&named, "named-credential", "", "the named credential `NAME`")
	cmd.Flags().StringVarP(&method, "request", "X", http.MethodGet, "the HTTP `METHOD`")
	cmd.Flags().StringVarP(&data, "data", "d", "", "send `BODY`, or the file FILE with @FILE")
	cmd.Flags().StringArrayVarP(&headers, "header", "H", nil, "add a header, as `'Name: value'` (repeatable)")
	cmd.Flags().StringVar(&endpoint, "endpoint", "", "send the request to this `URL` instead of the named credential's endpoint, for this run")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the request instead of sending it")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print each request and answer header on standard error, the token redacted")
	return cmd
}

// calloutRequest builds the request from the flags, and returns its body.
// The body can be replayed, so that a refused token can be refreshed.
func calloutRequest(cmd *cobra.Command, method, path, data string, headers []string) (*http.Request, []byte, error) {
	var body []byte
	if data != "" {
		body = []byte(data)
		if name, ok := strings.CutPrefix(data, "@"); ok {
			b, err := os.ReadFile(name)
			if err != nil {
				return nil, nil, fileError(fmt.Errorf("-d @%s: cannot read the body: %w", name, errors.Unwrap(err)))
			}
			body = b
		}
	}
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	if !httpToken.MatchString(method) {
		return nil, nil, usageErrorf("-X %q: not an HTTP method; a method is one word of letters, such as GET, POST or PATCH", method)
	}
	u, err := url.Parse(path)
	if err != nil {
		return nil, nil, usageErrorf("PATH %q: not a URL path (%v); write it as /invoices?status=open", path, urlErrorText(err))
	}
	req, err := http.NewRequestWithContext(cmd.Context(), strings.ToUpper(method), "/", r)
	if err != nil {
		return nil, nil, usageErrorf("%s %s: %v", method, path, err)
	}
	req.URL = u
	if body != nil {
		ct := "text/plain; charset=utf-8"
		if json.Valid(body) {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, nil, usageErrorf("-H %q: want 'Name: value'", h)
		}
		req.Header.Set(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	return req, body, nil
}
