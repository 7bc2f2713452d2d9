package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"credscope": Main, "testidp": testidpMain})
}

// TestScripts runs the command-line scripts in testdata/script. Each script
// starts with copies of the example project in example/, of the golden
// files in golden/, and of the projects in both metadata formats in
// formats/.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			for _, dir := range []string{"example", "golden", "formats"} {
				if err := os.CopyFS(filepath.Join(env.WorkDir, dir), os.DirFS(filepath.Join("..", "..", "testdata", dir))); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
			"idpurl": cmdIdPURL,
		},
	})
}

// cmdStatus is the script command "status N PROGRAM [ARGS...]": exec, and
// check that the program exits with status N.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %q is not an exit status", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("status: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdIdPURL is the script command "idpurl FILE": wait until FILE, the
// --url-file of a credscope idp started in the background, holds the token
// URL, and set $TOKEN_URL to it and $IDP to the server's base URL. It
// waits for the file, not for a time, and gives up after a minute.
func cmdIdPURL(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: idpurl FILE")
	}
	path := ts.MkAbs(args[0])
	deadline := time.Now().Add(time.Minute)
	for {
		data, err := os.ReadFile(path)
		if url := strings.TrimSpace(string(data)); err == nil && url != "" {
			ts.Setenv("TOKEN_URL", url)
			ts.Setenv("IDP", strings.TrimSuffix(url, "/token"))
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("idpurl: %s did not appear within a minute", args[0])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
