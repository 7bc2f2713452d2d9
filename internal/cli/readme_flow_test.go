package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestReadmeLocalFlow checks that README's "Try the whole flow locally"
// shows what testdata/script/local_flow.txtar runs: each of its commands,
// read as the script writes it, is a command of the script, and its sample
// answer is the script's golden answer.
func TestReadmeLocalFlow(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Try the whole flow locally\n")
	if !ok {
		t.Fatal(`README has no section "Try the whole flow locally"`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	blocks := regexp.MustCompile("(?s)```(sh)?\n(.*?)```").FindAllStringSubmatch(section, -1)
	if len(blocks) < 2 || blocks[0][1] != "sh" {
		t.Fatalf("the section has %d code blocks, want the commands (sh) and the callout's answer", len(blocks))
	}
	script, err := txtar.ParseFile("../../testdata/script/local_flow.txtar")
	if err != nil {
		t.Fatal(err)
	}
	execs := map[string]bool{}
	for _, line := range strings.Split(string(script.Comment), "\n") {
		if cmd, ok := strings.CutPrefix(line, "exec "); ok {
			execs[cmd] = true
		}
	}
	// The script runs credscope itself, on its copy of the example, on the
	// port the server picked.
	asScript := strings.NewReplacer(
		"go run ./cmd/credscope ", "credscope ",
		"testdata/example", "example",
		"--addr 127.0.0.1:8765 &", "--addr 127.0.0.1:0 --url-file idp.url &idp&",
		"http://127.0.0.1:8765/token", "$TOKEN_URL",
		"http://127.0.0.1:8765", "$IDP",
	)
	commands := strings.Split(strings.TrimSpace(blocks[0][2]), "\n")
	if len(commands) != 4 {
		t.Errorf("README shows %d commands, want four: keys, idp, token, callout", len(commands))
	}
	for _, c := range commands {
		if !execs[asScript.Replace(c)] {
			t.Errorf("local_flow.txtar does not run README's command\n\t%s\nas\n\texec %s", c, asScript.Replace(c))
		}
	}
	var golden string
	for _, f := range script.Files {
		if f.Name == "callout.golden" {
			golden = string(f.Data)
		}
	}
	if diff := cmp.Diff(golden, blocks[1][2]); diff != "" {
		t.Errorf("README's callout answer differs from local_flow.txtar's callout.golden (-script +README):\n%s", diff)
	}
}
