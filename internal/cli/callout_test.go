package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
)

func TestCalloutRequest(t *testing.T) {
	file := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(file, []byte(`{"from":"file"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	type request struct {
		Method, URL, Body, ContentType, Custom string
		Replayable                             bool
	}
	tests := []struct {
		name    string
		method  string
		data    string
		headers []string
		want    request
	}{
		{"GET", "get", "", nil, request{Method: "GET", URL: "/invoices"}},
		{"JSON body", "POST", `{"amount":42}`, nil, request{Method: "POST", URL: "/invoices", Body: `{"amount":42}`, ContentType: "application/json", Replayable: true}},
		{"text body", "PUT", "hello", nil, request{Method: "PUT", URL: "/invoices", Body: "hello", ContentType: "text/plain; charset=utf-8", Replayable: true}},
		{"body from a file", "POST", "@" + file, nil, request{Method: "POST", URL: "/invoices", Body: `{"from":"file"}`, ContentType: "application/json", Replayable: true}},
		{"headers", "POST", "a=b", []string{"Content-Type: application/x-www-form-urlencoded", "X-Custom:  v "}, request{Method: "POST", URL: "/invoices", Body: "a=b", ContentType: "application/x-www-form-urlencoded", Custom: "v", Replayable: true}},
	}
	cmd := &cobra.Command{}
	cmd.SetContext(context.Background())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _, err := calloutRequest(cmd, tt.method, "/invoices", tt.data, tt.headers)
			if err != nil {
				t.Fatal(err)
			}
			got := request{Method: req.Method, URL: req.URL.String(), ContentType: req.Header.Get("Content-Type"),
				Custom: req.Header.Get("X-Custom"), Replayable: req.GetBody != nil}
			if req.Body != nil {
				b, _ := io.ReadAll(req.Body)
				got.Body = string(b)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCalloutRequestErrors(t *testing.T) {
	cmd := &cobra.Command{}
	cmd.SetContext(context.Background())
	missing := filepath.Join(t.TempDir(), "missing")
	for _, tt := range []struct {
		method, path, data, header string
		want                       string
	}{
		{"POST", "/x", "@" + missing, "", "-d @" + missing + ": cannot read the body: no such file or directory"},
		{"POST", "/x", "", "no colon", `-H "no colon": want 'Name: value'`},
		{"POST", "/x", "", ": no name", `-H ": no name": want 'Name: value'`},
		{"BAD METHOD", "/x", "", "", `-X "BAD METHOD": not an HTTP method`},
		{"GET", "/x%zz", "", "", `PATH "/x%zz": not a URL path (invalid URL escape "%zz")`},
	} {
		var headers []string
		if tt.header != "" {
			headers = []string{tt.header}
		}
		_, _, err := calloutRequest(cmd, tt.method, tt.path, tt.data, headers)
		var se *statusError
		if !errors.As(err, &se) || se.status != exitUsage || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %s, data %q, header %q: error %v, want status %d and %q", tt.method, tt.path, tt.data, tt.header, err, exitUsage, tt.want)
		}
	}
}
