package cli

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden with the current output")

// goldenCases run against the example project from the testdata directory,
// so that paths in the output read example/…. The scripts in
// testdata/script compare the same files.
var goldenCases = []struct {
	name   string
	args   []string
	status int
}{
	{"lint-example", []string{"lint", "example"}, exitOK},
	{"lint-example-strict", []string{"lint", "--strict", "example"}, exitFormula},
	{"lint-example-json", []string{"lint", "--format", "json", "example"}, exitOK},
	{"scope-alice", []string{"scope", "--project", "example", "--user", "example/users/alice.yaml"}, exitOK},
	{"scope-alice-json", []string{"scope", "--json", "--project", "example", "--user", "example/users/alice.yaml"}, exitOK},
	{"scope-bob", []string{"scope", "--project", "example", "--user", "example/users/bob.yaml"}, exitFormula},
	{"scope-bob-json", []string{"scope", "--json", "--project", "example", "--user", "example/users/bob.yaml"}, exitFormula},
	{"scope-carol", []string{"scope", "--project", "example", "--user", "example/users/carol.yaml"}, exitFormula},
}

// TestGolden compares the output of credscope on the example project with
// testdata/golden/NAME.stdout and NAME.stderr (absent when empty). Run with
// -update to rewrite them after a deliberate change.
func TestGolden(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", "testdata"))
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := Run(tc.args, IO{In: strings.NewReader(""), Out: &stdout, Err: &stderr})
			if status != tc.status {
				t.Errorf("credscope %s: exit status %d, want %d\nstderr:\n%s", strings.Join(tc.args, " "), status, tc.status, stderr.String())
			}
			checkGolden(t, filepath.Join("golden", tc.name+".stdout"), stdout.String())
			checkGolden(t, filepath.Join("golden", tc.name+".stderr"), stderr.String())
		})
	}
}

// checkGolden compares got with a golden file, or rewrites the file under
// -update. An empty output has no file.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		var err error
		if got == "" {
			err = os.Remove(path)
			if errors.Is(err, fs.ErrNotExist) {
				err = nil
			}
		} else {
			err = os.WriteFile(path, []byte(got), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got); run go test -update to accept:\n%s", path, diff)
	}
}
