package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/credscope/credscope/exchange"
	"github.com/spf13/cobra"
)

// maxCalloutBody bounds the response body a callout prints.
const maxCalloutBody = 10 << 20

func newCalloutCmd(stdio IO) *cobra.Command {
	var f exchangeFlags
	var named, method, data string
	var headers []string
	cmd := &cobra.Command{
		Use:   "callout --project DIR --user FILE --keystore DIR --named-credential NAME [-X METHOD] [-d BODY] PATH",
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

Exit status: 0 when the endpoint answered, whatever the status; 1 for a
credential, formula or key problem; 2 for bad flags or unreadable files; 3
when the token exchange or the request failed.`,
		Example: `  credscope callout --project . --user alice.yaml --keystore keys --named-credential Billing_API /invoices
  credscope callout --project . --user alice.yaml --keystore keys --named-credential Billing_API -X POST -d '{"amount": 42}' /invoices`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if named == "" || f.keystore == "" {
				return usageErrorf("callout needs --named-credential NAME and --keystore DIR")
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
			client, err := exchange.NewHTTPClient(nc, src)
			if err != nil {
				return failure(stdio.Err, exitFormula, err)
			}
			// The whole callout may take an exchange and its one retry, the
			// request and its one replay: four request budgets.
			client.Timeout = 4 * f.timeout
			req, err := calloutRequest(cmd, method, args[0], data, headers)
			if err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return calloutFailure(stdio.Err, err)
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
				return &statusError{status: exitExchange, err: fmt.Errorf("reading the response: %v", err)}
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
	return cmd
}

// calloutRequest builds the request from the flags. Its body can be
// replayed, so that a refused token can be refreshed.
func calloutRequest(cmd *cobra.Command, method, path, data string, headers []string) (*http.Request, error) {
	var body []byte
	if data != "" {
		body = []byte(data)
		if name, ok := strings.CutPrefix(data, "@"); ok {
			b, err := os.ReadFile(name)
			if err != nil {
				return nil, usageErrorf("-d @%s: %v", name, err)
			}
			body = b
		}
	}
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(cmd.Context(), strings.ToUpper(method), path, r)
	if err != nil {
		return nil, usageErrorf("%s %s: %v", method, path, err)
	}
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
			return nil, usageErrorf("-H %q: want 'Name: value'", h)
		}
		req.Header.Set(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	return req, nil
}

// calloutFailure reports a callout that got no answer. Credential and
// formula problems keep their status; the rest failed on the way.
func calloutFailure(w io.Writer, err error) error {
	status := exitExchange
	var ce *exchange.ConfigError
	if errors.As(err, &ce) {
		status = exitFormula
	}
	return failure(w, status, err)
}
