package eval

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestReadsNoFiles keeps the package free of file reading, so that it
// builds for a browser: no file system, YAML or safefile import outside
// the tests. Context files are package scope's.
func TestReadsNoFiles(t *testing.T) {
	forbidden := []string{"os", "io/fs", "io/ioutil", "path/filepath", "os/exec", "syscall",
		"github.com/goccy/go-yaml", "github.com/credscope/credscope/internal/safefile"}
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbidden {
				if path == bad || strings.HasPrefix(path, bad+"/") {
					t.Errorf("%s imports %s; eval reads no files", file, path)
				}
			}
		}
	}
}
