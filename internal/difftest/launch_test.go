package difftest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLaunchArgs checks that the engine is started as the oracle
// directory's run.sh starts it, arguments with spaces kept whole.
func TestLaunchArgs(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run.sh")
	script := "cp=\"/o/formula-engine.jar:/usr/share/java/my lib.jar\"\nexec java -Xss8m -cp \"$cp\" JOracle\n"
	if err := os.WriteFile(run, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := launchArgs(run, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"-Xss8m", "-cp", "/o/formula-engine.jar:/usr/share/java/my lib.jar", "JOracle"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("launchArgs (-want +got):\n%s", diff)
	}

	if err := os.WriteFile(run, []byte("exec java -version\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := launchArgs(run, t.TempDir()); err == nil || !strings.Contains(err.Error(), "without the engine's jar") {
		t.Errorf("launchArgs of a run.sh without the engine: error %v", err)
	}
}
