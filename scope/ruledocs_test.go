package scope_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules.md from the rules")

// rulesDoc is where the rules are documented; SARIF's helpUri points at
// its anchors, one per rule ID in lower case.
var rulesDoc = filepath.Join("..", "docs", "rules.md")

// TestRulesDoc checks that every rule is explained, and that docs/rules.md
// is what the rules say (go test ./scope -update-docs rewrites it).
func TestRulesDoc(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Lint rules\n\n")
	b.WriteString("`credscope lint` checks these rules. `credscope lint --list-rules` lists them,\n")
	b.WriteString("`credscope explain RULE` shows one, and `.credscope.yaml` or an inline\n")
	b.WriteString("`<!-- credscope:ignore RULE reason -->` comment turns them off (see the README).\n")
	b.WriteString("This file is generated from the rules: `go test ./scope -update-docs`.\n\n")
	b.WriteString("| rule | name | severity |\n|---|---|---|\n")
	for _, r := range scope.Rules() {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Name, r.Severity)
	}
	for _, r := range scope.Rules() {
		if r.Rationale == "" || r.Example == "" || r.Fix == "" {
			t.Errorf("%s has no rationale, example or fix", r.ID)
		}
		fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n## %s %s\n\nSeverity: %s.\n\n%s\n\n**Why.** %s\n\n**Example.**\n\n```\n%s\n```\n\n**Fix.**\n\n```\n%s\n```\n",
			strings.ToLower(r.ID), r.ID, r.Name, r.Severity, r.Doc, r.Rationale, r.Example, r.Fix)
	}
	want := b.String()
	if *updateDocs {
		if err := os.WriteFile(rulesDoc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(rulesDoc)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("%s is out of date; run go test ./scope -update-docs (-want +got):\n%s", rulesDoc, diff)
	}
}
