package scope_test

import (
	"path/filepath"
	"testing"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// TestConfigApplies lints the source-format fixture, whose one finding is
// a CS801 warning, under configurations that disable, re-grade and exclude.
func TestConfigApplies(t *testing.T) {
	dir := filepath.Join("..", "testdata", "formats", "sfdx")
	p, err := scope.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		Files    int
		Findings []string // RULE SEVERITY
	}
	tests := []struct {
		name, yaml string
		want       result
	}{
		{"empty", "", result{5, []string{"CS801 warning"}}},
		{"disable", "disable: [CS801]", result{5, nil}},
		{"disable one", "disable: CS801", result{5, nil}},
		{"severity", "severity:\n  CS801: error", result{5, []string{"CS801 error"}}},
		{"severity note", "severity: {CS801: note}", result{5, []string{"CS801 note"}}},
		{"exclude a file", "exclude: [force-app/main/default/namedCredentials/Ledger_L*]", result{4, nil}},
		{"exclude a directory", "exclude: [force-app]", result{2, nil}},
		{"exclude with **", "exclude: ['**/namedCredentials/*.namedCredential-meta.xml']", result{3, nil}},
		{"exclude another file", "exclude: ['**/Ledger_API.*']", result{4, []string{"CS801 warning"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := scope.ParseConfig(filepath.Join(dir, scope.ConfigFile), []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			rep := scope.Run(p, scope.LintOptions{Config: cfg})
			got := result{Files: rep.Files}
			for _, f := range rep.Findings {
				got.Findings = append(got.Findings, f.Rule+" "+f.Severity.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestConfigErrors checks that a bad configuration names its line, column
// and fault.
func TestConfigErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"disable: [CS999]", `c.yaml:1:11: unknown rule "CS999"; credscope lint --list-rules lists them`},
		{"severity:\n  CS801: fatal", `c.yaml:2:10: unknown severity "fatal"; want error, warning or note`},
		{"severity:\n  CS9: error", `c.yaml:2:3: unknown rule "CS9"; credscope lint --list-rules lists them`},
		{"severity: [CS801]", `c.yaml:1:11: severity maps rule IDs to error, warning or note`},
		{"rules: {}", `c.yaml:1:1: unknown key "rules"; want disable, severity or exclude`},
		{"exclude: ['[']", `c.yaml:1:11: bad pattern "["`},
		{"disable: {CS801: true}", `c.yaml:1:10: disable is a list of rule IDs, such as [CS403]`},
		{"- CS801", `c.yaml:1:1: the configuration is a mapping with the keys disable, severity and exclude`},
	}
	for _, tt := range tests {
		_, err := scope.ParseConfig("c.yaml", []byte(tt.yaml))
		got := "<nil>"
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.yaml, got, tt.want)
		}
	}
	if _, err := scope.ParseConfig("c.yaml", []byte("disable: [")); err == nil {
		t.Error("invalid YAML parsed")
	}
}

// TestLoadConfig reads the configuration from a directory, and nothing from
// a directory without one.
func TestLoadConfig(t *testing.T) {
	cfg, err := scope.LoadConfig(filepath.Join("..", "testdata", "formats", "sfdx"))
	if err != nil || cfg != nil {
		t.Errorf("a directory without %s: %v, %v", scope.ConfigFile, cfg, err)
	}
}

// FuzzParseConfig parses arbitrary configurations: nothing may panic, an
// error must carry a position inside the file, and a configuration that
// parses must apply to the source-format fixture without panicking.
func FuzzParseConfig(f *testing.F) {
	for _, seed := range []string{
		"", "disable: [CS801]", "severity:\n  CS801: error\n", "exclude: ['**/x', force-app]",
		"disable: CS403\nseverity: {CS204: note}\nexclude: unpackaged", "- a", "disable: [", "a: &x 1\nb: *x",
	} {
		f.Add([]byte(seed))
	}
	dir := filepath.Join("..", "testdata", "formats", "sfdx")
	p, err := scope.Load(dir)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := scope.ParseConfig(filepath.Join(dir, scope.ConfigFile), data)
		if err != nil {
			if list, ok := formula.AsList(err); ok {
				for _, e := range list {
					if e.Pos.Line < 1 || e.Pos.Column < 1 {
						t.Errorf("error outside the file: %v", e)
					}
				}
			}
			return
		}
		rep := scope.Run(p, scope.LintOptions{Config: cfg})
		if rep.Files > len(p.Files) {
			t.Errorf("%d files linted of %d", rep.Files, len(p.Files))
		}
	})
}
