package play

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credscope/credscope/internal/play/wasmbuild"
)

func exampleHandler(t *testing.T) http.Handler {
	t.Helper()
	ctx, err := ExampleContext()
	if err != nil {
		t.Fatal(err)
	}
	h, err := Handler(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(h http.Handler, path string, header ...string) *http.Response {
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHandler(t *testing.T) {
	h := exampleHandler(t)
	tests := []struct {
		path, ctype, contains string
	}{
		{"/", "text/html; charset=utf-8", "Content-Security-Policy"},
		{"/play.js", "text/javascript; charset=utf-8", "credscope"},
		{"/editor.js", "text/javascript; charset=utf-8", "CodeMirror"},
		{"/wasm_exec.js", "text/javascript; charset=utf-8", "Go"},
		{"/play.css", "text/css; charset=utf-8", "prefers-color-scheme: dark"},
		{"/context.json", "application/json", `Support_Portal.externalCredential-meta.xml","text":"<?xml`},
	}
	for _, tt := range tests {
		r := get(h, tt.path)
		b := body(t, r)
		if r.StatusCode != 200 || r.Header.Get("Content-Type") != tt.ctype || r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: %d %q %q", tt.path, r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("X-Content-Type-Options"))
		}
		if !bytes.Contains(b, []byte(tt.contains)) {
			t.Errorf("GET %s lacks %q", tt.path, tt.contains)
		}
	}
	for _, path := range []string{"/nope", "/credscope.wasm.gz", "/credscope.wasm.sum", "/web/index.html"} {
		if r := get(h, path); r.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", path, r.StatusCode)
		}
	}
	if r := get(h, "/", "Origin", "http://evil.example"); r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("the page is shared across origins")
	}
}

// TestHandlerWasm serves the engine compressed to a browser that accepts
// gzip, and uncompressed otherwise.
func TestHandlerWasm(t *testing.T) {
	h := exampleHandler(t)
	gz := get(h, "/credscope.wasm", "Accept-Encoding", "gzip, deflate, br")
	if gz.Header.Get("Content-Encoding") != "gzip" || gz.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("gzip: %v", gz.Header)
	}
	wasm, err := wasmbuild.Decompress(body(t, gz))
	if err != nil {
		t.Fatal(err)
	}
	plain := get(h, "/credscope.wasm", "Accept-Encoding", "gzip;q=0")
	if plain.Header.Get("Content-Encoding") != "" || !bytes.Equal(body(t, plain), wasm) {
		t.Errorf("uncompressed engine differs, or is encoded %q", plain.Header.Get("Content-Encoding"))
	}
	if !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		t.Errorf("not WebAssembly: % x", wasm[:8])
	}
}

func TestExport(t *testing.T) {
	ctx, err := ExampleContext()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := Export(dir, ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "play.js", "play.css", "editor.js", "wasm_exec.js", "credscope.wasm", "context.json"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || len(data) == 0 {
			t.Errorf("%s: %v, %d bytes", name, err, len(data))
		}
	}
	wasm, _ := os.ReadFile(filepath.Join(dir, "credscope.wasm"))
	if !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		t.Error("the exported engine is not WebAssembly")
	}
	ctxJSON, _ := os.ReadFile(filepath.Join(dir, "context.json"))
	if !bytes.Contains(ctxJSON, []byte(`<?xml`)) {
		t.Error("context.json escapes the metadata's <")
	}
}

func TestProjectContext(t *testing.T) {
	ctx, err := ProjectContext("../../testdata/example")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range ctx.Files {
		names = append(names, f.Name)
	}
	want := "force-app/main/default/externalCredentials/Support_Portal.externalCredential-meta.xml"
	if !strings.Contains(strings.Join(names, "\n"), want) {
		t.Errorf("files %v lack %s", names, want)
	}
	for _, n := range names {
		if filepath.IsAbs(n) || strings.HasPrefix(n, "..") {
			t.Errorf("file %s is not relative to the project", n)
		}
	}
	if ctx.User.PermissionSets == nil || len(ctx.Users) != 3 {
		t.Errorf("users: %+v", ctx.Users)
	}
	if _, err := ProjectContext(t.TempDir()); err == nil {
		t.Error("a directory without metadata loads")
	}
}

// TestWasmUpToDate checks that the engine the repository holds is the one
// its sources make: the digest of its inputs, and of itself, as its stamp
// records them. When it fails, rebuild with go generate ./internal/play.
func TestWasmUpToDate(t *testing.T) {
	stampData, err := web.ReadFile("web/" + wasmbuild.StampFile)
	if err != nil {
		t.Fatal(err)
	}
	stamp, err := wasmbuild.ParseStamp(stampData)
	if err != nil {
		t.Fatalf("%s: %v", wasmbuild.StampFile, err)
	}
	gz, err := web.ReadFile("web/" + wasmbuild.WasmFile)
	if err != nil {
		t.Fatal(err)
	}
	wasm, err := wasmbuild.Decompress(gz)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(wasm)); got != stamp.Wasm || len(wasm) != stamp.Size || len(gz) != stamp.Gzip {
		t.Errorf("web/%s is not the engine its stamp records", wasmbuild.WasmFile)
	}
	inputs, err := wasmbuild.Inputs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if inputs != stamp.Inputs {
		t.Errorf("the playground's engine is out of date with its sources: run go generate ./internal/play and commit internal/play/web")
	}
	// Another Go release builds other bytes from the same sources, so only
	// .ci/run, on the recorded toolchain, compares the bytes of a rebuild.
	if v, err := wasmbuild.GoVersion(); err == nil && v != stamp.Go {
		t.Logf("the engine was built with %s; this is %s", stamp.Go, v)
	}
}

// TestWasmDeps keeps out of the browser's engine what the page never
// runs: the token exchange, the identity provider and HTTP.
func TestWasmDeps(t *testing.T) {
	deps, err := wasmbuild.Deps("../..")
	if err != nil {
		t.Fatal(err)
	}
	banned := []string{"github.com/credscope/credscope/exchange", "github.com/ory/fosite", "github.com/golang-jwt/jwt", "net/http", "github.com/spf13/cobra", "github.com/chzyer/readline"}
	for _, d := range deps {
		for _, b := range banned {
			if d == b || strings.HasPrefix(d, b+"/") {
				t.Errorf("the engine imports %s", d)
			}
		}
	}
	if len(deps) < 10 {
		t.Errorf("deps: %v", deps)
	}
}
