// Command gen rebuilds the playground's engine (web/credscope.wasm.gz, its
// stamp and wasm_exec.js); `go generate ./internal/play` runs it.
package main

import (
	"fmt"
	"os"

	"github.com/credscope/credscope/internal/play/wasmbuild"
)

func main() {
	// go generate runs in the package's directory, two below the module.
	stamp, err := wasmbuild.Build("../..", "web")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("web/%s: %d bytes, %d gzip-compressed\n", wasmbuild.WasmFile, stamp.Size, stamp.Gzip)
}
