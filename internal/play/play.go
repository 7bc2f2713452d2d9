// Package play serves the formula playground: one page, its assets
// embedded in the binary, whose engine runs in the browser as WebAssembly
// (internal/play/wasm). The server hands out files only; formulas and
// users never leave the page.
package play

import (
	"bytes"
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/credscope/credscope/internal/play/engine"
	"github.com/credscope/credscope/internal/play/wasmbuild"
)

//go:embed web/index.html web/play.js web/play.css web/editor.js web/wasm_exec.js web/credscope.wasm.gz web/credscope.wasm.sum
var web embed.FS

// Context is what the page starts from, served as context.json.
type Context struct {
	// Project says where Files come from, such as "the example project".
	Project string `json:"project"`
	// User is the user the page starts with.
	User engine.User `json:"user"`
	// Users are the example users, by name, that the page can switch to.
	Users map[string]engine.User `json:"users"`
	// Files are the project's credential metadata files.
	Files []engine.File `json:"files"`
}

// wasmName is the engine's name on the page.
const wasmName = "credscope.wasm"

// Handler serves the page, its assets and ctx.
func Handler(ctx *Context) (http.Handler, error) {
	contextJSON, err := encodeContext(ctx)
	if err != nil {
		return nil, err
	}
	gz, err := fs.ReadFile(web, "web/"+wasmbuild.WasmFile)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", asset("index.html"))
	for _, name := range []string{"play.js", "play.css", "editor.js", "wasm_exec.js"} {
		mux.HandleFunc("GET /"+name, asset(name))
	}
	mux.HandleFunc("GET /context.json", func(w http.ResponseWriter, r *http.Request) {
		header(w, "context.json")
		w.Write(contextJSON)
	})
	mux.HandleFunc("GET /"+wasmName, func(w http.ResponseWriter, r *http.Request) {
		header(w, wasmName)
		w.Header().Set("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz)
			return
		}
		wasm, err := wasmbuild.Decompress(gz)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write(wasm)
	})
	return mux, nil
}

// asset serves one embedded file.
func asset(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := fs.ReadFile(web, "web/"+name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		header(w, name)
		w.Write(data)
	}
}

// header sets the content type and keeps browsers from guessing another.
func header(w http.ResponseWriter, name string) {
	types := map[string]string{
		".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
		".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
	}
	w.Header().Set("Content-Type", types[path.Ext(name)])
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Referrer-Policy", "no-referrer")
}

func acceptsGzip(r *http.Request) bool {
	for _, enc := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(enc), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// Export writes a static copy of the page into dir, for any static host:
// the engine uncompressed, since such hosts compress as they serve.
func Export(dir string, ctx *Context) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{}
	for _, name := range []string{"index.html", "play.js", "play.css", "editor.js", "wasm_exec.js"} {
		data, err := fs.ReadFile(web, "web/"+name)
		if err != nil {
			return err
		}
		files[name] = data
	}
	gz, err := fs.ReadFile(web, "web/"+wasmbuild.WasmFile)
	if err != nil {
		return err
	}
	if files[wasmName], err = wasmbuild.Decompress(gz); err != nil {
		return err
	}
	if files["context.json"], err = encodeContext(ctx); err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// encodeContext writes ctx as JSON, with the metadata's < and > as they are.
func encodeContext(ctx *Context) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(ctx)
	return b.Bytes(), err
}
