// Package wasmbuild builds the playground's engine for the browser, and
// tells whether the built engine the repository holds is the one its
// sources make. `go generate ./internal/play` runs it.
package wasmbuild

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Package is the engine's main package, built with GOOS=js GOARCH=wasm.
const Package = "github.com/credscope/credscope/internal/play/wasm"

// The files Build writes into the playground's web directory.
const (
	WasmFile  = "credscope.wasm.gz" // the engine, gzip-compressed
	StampFile = "credscope.wasm.sum"
	ExecFile  = "wasm_exec.js" // Go's loader, from the toolchain that built it
)

// Stamp records what an engine was built from and what it is.
type Stamp struct {
	// Inputs is the digest of Inputs at build time.
	Inputs string
	// Go is the toolchain that built the engine (go env GOVERSION). It is
	// kept apart from Inputs, so that a checkout tested with another Go 1.26
	// release still finds its engine current with its sources.
	Go string
	// Wasm is the SHA-256 of the uncompressed engine; Size its bytes, and
	// Gzip the bytes of its compressed form.
	Wasm       string
	Size, Gzip int
}

// String renders the stamp as the stamp file holds it.
func (s Stamp) String() string {
	return fmt.Sprintf("inputs %s\ngo %s\nwasm %s %d\ngzip %d\n", s.Inputs, s.Go, s.Wasm, s.Size, s.Gzip)
}

// ParseStamp reads a stamp file.
func ParseStamp(data []byte) (Stamp, error) {
	var s Stamp
	_, err := fmt.Sscanf(string(data), "inputs %s\ngo %s\nwasm %s %d\ngzip %d\n", &s.Inputs, &s.Go, &s.Wasm, &s.Size, &s.Gzip)
	return s, err
}

// goEnv is the environment of a build for the browser.
func goEnv() []string {
	return append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=-trimpath -buildvcs=false")
}

// Deps lists the import paths of every package the engine is built from.
func Deps(moduleDir string) ([]string, error) {
	out, err := goList(moduleDir, "-f", "{{.ImportPath}}")
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(out)), nil
}

// goList runs go list -deps for the browser on the engine's package.
func goList(moduleDir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", append(append([]string{"list", "-deps"}, args...), Package)...)
	cmd.Dir = moduleDir
	cmd.Env = goEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, stderr.Bytes())
	}
	return out, nil
}

// Inputs returns a digest of what the engine is built from: the content
// of every file of the module's packages it imports, and the version of
// every other module. The toolchain is recorded apart, in Stamp.Go.
func Inputs(moduleDir string) (string, error) {
	out, err := goList(moduleDir, "-json=ImportPath,Dir,Standard,GoFiles,EmbedFiles,Module")
	if err != nil {
		return "", err
	}
	h := sha256.New()
	dec := json.NewDecoder(bytes.NewReader(out))
	var lines []string
	for dec.More() {
		var p struct {
			ImportPath, Dir     string
			Standard            bool
			GoFiles, EmbedFiles []string
			Module              *struct {
				Path, Version string
				Main          bool
			}
		}
		if err := dec.Decode(&p); err != nil {
			return "", err
		}
		switch {
		case p.Standard:
			continue // the Go version covers it
		case p.Module != nil && !p.Module.Main:
			lines = append(lines, "module "+p.Module.Path+" "+p.Module.Version)
			continue
		}
		for _, f := range append(p.GoFiles, p.EmbedFiles...) {
			data, err := os.ReadFile(filepath.Join(p.Dir, f))
			if err != nil {
				return "", err
			}
			lines = append(lines, fmt.Sprintf("file %s/%s %x", p.ImportPath, f, sha256.Sum256(data)))
		}
	}
	sort.Strings(lines)
	for _, l := range compact(lines) {
		fmt.Fprintln(h, l)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

func compact(lines []string) []string {
	var out []string
	for i, l := range lines {
		if i == 0 || l != lines[i-1] {
			out = append(out, l)
		}
	}
	return out
}

// Build builds the engine and writes it, compressed, with its stamp and
// Go's wasm_exec.js, into webDir.
func Build(moduleDir, webDir string) (Stamp, error) {
	inputs, err := Inputs(moduleDir)
	if err != nil {
		return Stamp{}, err
	}
	tmp, err := os.MkdirTemp("", "credscope-wasm")
	if err != nil {
		return Stamp{}, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "credscope.wasm")
	cmd := exec.Command("go", "build", "-ldflags=-s -w -buildid=", "-o", out, Package)
	cmd.Dir = moduleDir
	cmd.Env = goEnv()
	if msg, err := cmd.CombinedOutput(); err != nil {
		return Stamp{}, fmt.Errorf("go build: %v: %s", err, msg)
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		return Stamp{}, err
	}
	gz, err := Compress(wasm)
	if err != nil {
		return Stamp{}, err
	}
	version, err := GoVersion()
	if err != nil {
		return Stamp{}, err
	}
	stamp := Stamp{Inputs: inputs, Go: version, Wasm: fmt.Sprintf("%x", sha256.Sum256(wasm)), Size: len(wasm), Gzip: len(gz)}
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return Stamp{}, err
	}
	loader, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", ExecFile))
	if err != nil {
		return Stamp{}, err
	}
	for name, data := range map[string][]byte{WasmFile: gz, StampFile: []byte(stamp.String()), ExecFile: loader} {
		if err := os.WriteFile(filepath.Join(webDir, name), data, 0o644); err != nil {
			return Stamp{}, err
		}
	}
	return stamp, nil
}

// Compress gzips data at the best compression, with no name and no time
// in the header, so that the same engine always compresses the same.
func Compress(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Decompress reverses Compress.
func Decompress(gz []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(bufio.NewReader(r))
}

// GoVersion returns the version of the go command on PATH, such as go1.26.8.
func GoVersion() (string, error) {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return "", err
	}
	return string(bytes.TrimSpace(out)), nil
}
