package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
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
			req, err := calloutRequest(cmd, tt.method, "/invoices", tt.data, tt.headers)
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
	for _, tt := range []struct{ data, header string }{
		{"@" + filepath.Join(t.TempDir(), "missing"), ""},
		{"", "no colon"},
		{"", ": no name"},
	} {
		var headers []string
		if tt.header != "" {
			headers = []string{tt.header}
		}
		if _, err := calloutRequest(cmd, "POST", "/x", tt.data, headers); err == nil {
			t.Errorf("data %q, header %q: no error", tt.data, tt.header)
		}
	}
}
