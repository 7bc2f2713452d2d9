package cli

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
	"github.com/owenrumney/go-sarif/v2/sarif"
)

// sarifResult is the part of a SARIF result that code scanning reads.
type sarifResult struct {
	RuleID, Level, Message, URI string
	Line, Column                int
}

// TestLintSARIF runs lint --format sarif on bad fixtures and reads the
// report back with go-sarif.
func TestLintSARIF(t *testing.T) {
	dirs := []string{
		filepath.Join("..", "..", "testdata", "lint", "CS202", "bad"),
		filepath.Join("..", "..", "testdata", "lint", "CS401", "bad"),
	}
	var stdout, stderr bytes.Buffer
	status := Run(append([]string{"lint", "--format", "sarif"}, dirs...), IO{In: strings.NewReader(""), Out: &stdout, Err: &stderr})
	if status != exitFormula {
		t.Errorf("exit status %d, want %d", status, exitFormula)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	report, err := sarif.FromBytes(stdout.Bytes())
	if err != nil {
		t.Fatalf("go-sarif cannot read the report: %v", err)
	}
	if report.Version != "2.1.0" {
		t.Errorf("version %q, want 2.1.0", report.Version)
	}
	if want := "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json"; report.Schema != want {
		t.Errorf("$schema %q, want %q", report.Schema, want)
	}
	if len(report.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(report.Runs))
	}
	run := report.Runs[0]
	driver := run.Tool.Driver
	if driver.Name != "credscope" {
		t.Errorf("tool name %q, want credscope", driver.Name)
	}
	if driver.InformationURI == nil || *driver.InformationURI != "https://github.com/credscope/credscope" {
		t.Errorf("tool informationUri %v", driver.InformationURI)
	}
	if driver.Version == nil || *driver.Version != shortVersion() {
		t.Errorf("tool version %v, want %s", driver.Version, shortVersion())
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if b := run.OriginalUriBaseIDs[srcRoot]; b == nil || b.URI == nil || *b.URI != "file://"+filepath.ToSlash(wd)+"/" {
		t.Errorf("originalUriBaseIds %v, want %%SRCROOT%% at the working directory", run.OriginalUriBaseIDs)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %v, want unicodeCodePoints: columns count characters", run.ColumnKind)
	}

	// A rule entry for every rule, in ID order, with its documentation and
	// default level.
	type rule struct{ ID, Name, Short, Help, HelpURI, Level string }
	var wantRules, gotRules []rule
	for _, r := range scope.Rules() {
		wantRules = append(wantRules, rule{r.ID, r.Name, r.Doc, r.Doc,
			"https://github.com/credscope/credscope/blob/main/docs/rules.md#" + strings.ToLower(r.ID), r.Severity.String()})
	}
	for _, r := range driver.Rules {
		got := rule{ID: r.ID}
		if r.HelpURI != nil {
			got.HelpURI = *r.HelpURI
		}
		if r.Name != nil {
			got.Name = *r.Name
		}
		if r.ShortDescription != nil && r.ShortDescription.Text != nil {
			got.Short = *r.ShortDescription.Text
		}
		if r.Help != nil && r.Help.Text != nil {
			got.Help = *r.Help.Text
		}
		if r.DefaultConfiguration != nil {
			got.Level = r.DefaultConfiguration.Level
		}
		gotRules = append(gotRules, got)
	}
	if diff := cmp.Diff(wantRules, gotRules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}

	// Every finding is a result with its rule, level, file and position.
	p, err := scope.Load(dirs...)
	if err != nil {
		t.Fatal(err)
	}
	// The fixtures are outside the working directory, the base of relative
	// URIs when there is no project: their URIs are absolute.
	var want []sarifResult
	for _, f := range scope.Lint(p, scope.LintOptions{}) {
		abs, err := filepath.Abs(f.Pos.File)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, sarifResult{f.Rule, f.Severity.String(), f.Message, "file://" + filepath.ToSlash(abs), f.Pos.Line, f.Pos.Column})
	}
	var got []sarifResult
	for _, r := range run.Results {
		got = append(got, readResult(t, r))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	// Spot-check two against the fixtures: a warning and a formula error
	// inside a CDATA section.
	lintDir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "lint"))
	if err != nil {
		t.Fatal(err)
	}
	fixtures := "file://" + filepath.ToSlash(lintDir)
	for _, w := range []sarifResult{
		{"CS202", "warning", "the AuthProviderUrl of Local_Idp uses plain http; acceptable only for a local test identity provider",
			fixtures + "/CS202/bad/Local_Idp.externalCredential-meta.xml", 14, 25},
		{"CS401", "error", "in JWT claim sub of Acme_Billing: Unknown function FEDID. Check spelling.",
			fixtures + "/CS401/bad/Acme_Billing.externalCredential-meta.xml", 32, 89},
	} {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("no result %+v", w)
		}
	}
	// Five for CS202, seven for CS401, and one for CS102: both
	// directories define Acme_Billing.
	if len(got) != 13 {
		t.Errorf("%d results, want 13", len(got))
	}

	// Each file with a result is listed once as an artifact.
	var artifacts []string
	for _, a := range run.Artifacts {
		artifacts = append(artifacts, *a.Location.URI)
	}
	var uris []string
	seen := map[string]bool{}
	for _, r := range want {
		if !seen[r.URI] {
			seen[r.URI] = true
			uris = append(uris, r.URI)
		}
	}
	if diff := cmp.Diff(uris, artifacts); diff != "" {
		t.Errorf("artifacts (-want +got):\n%s", diff)
	}

	checkSARIFSchema(t, stdout.Bytes())
}

func readResult(t *testing.T, r *sarif.Result) sarifResult {
	t.Helper()
	var out sarifResult
	if r.RuleID != nil {
		out.RuleID = *r.RuleID
	}
	if r.Level != nil {
		out.Level = *r.Level
	}
	if r.Message.Text != nil {
		out.Message = *r.Message.Text
	}
	if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation == nil {
		t.Errorf("result %s has %d locations, want 1 physical location", out.RuleID, len(r.Locations))
		return out
	}
	pl := r.Locations[0].PhysicalLocation
	if pl.ArtifactLocation != nil && pl.ArtifactLocation.URI != nil {
		out.URI = *pl.ArtifactLocation.URI
	}
	if pl.Region != nil {
		if pl.Region.StartLine != nil {
			out.Line = *pl.Region.StartLine
		}
		if pl.Region.StartColumn != nil {
			out.Column = *pl.Region.StartColumn
		}
	}
	return out
}

// checkSARIFSchema checks the constraints of the SARIF 2.1.0 JSON schema
// that a lint report exercises: required properties, enumerations, minimum
// values and URI references.
func checkSARIFSchema(t *testing.T, data []byte) {
	t.Helper()
	type message struct {
		Text *string `json:"text"`
		ID   *string `json:"id"`
	}
	type multiformat struct {
		Text *string `json:"text"`
	}
	var log struct {
		Version *string `json:"version"`
		Runs    []struct {
			Tool *struct {
				Driver *struct {
					Name  *string `json:"name"`
					Rules []struct {
						ID                   *string      `json:"id"`
						ShortDescription     *multiformat `json:"shortDescription"`
						Help                 *multiformat `json:"help"`
						DefaultConfiguration *struct {
							Level *string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			ColumnKind *string `json:"columnKind"`
			Artifacts  []struct {
				Location *struct {
					URI *string `json:"uri"`
				} `json:"location"`
			} `json:"artifacts"`
			Results []struct {
				Level     *string  `json:"level"`
				Message   *message `json:"message"`
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation *struct {
							URI *string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine   *int `json:"startLine"`
							StartColumn *int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("the report is not JSON: %v", err)
	}
	levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}
	uriRef := func(what, u string) {
		if _, err := url.Parse(u); err != nil || u == "" || strings.Contains(u, `\`) {
			t.Errorf("%s %q is not a URI reference", what, u)
		}
	}
	if log.Version == nil || *log.Version != "2.1.0" {
		t.Errorf("sarifLog.version is required and must be 2.1.0")
	}
	if log.Runs == nil {
		t.Fatalf("sarifLog.runs is required")
	}
	for _, run := range log.Runs {
		if run.Tool == nil || run.Tool.Driver == nil || run.Tool.Driver.Name == nil {
			t.Fatalf("run.tool.driver.name is required")
		}
		if k := run.ColumnKind; k != nil && *k != "utf16CodeUnits" && *k != "unicodeCodePoints" {
			t.Errorf("run.columnKind %q is not in the enumeration", *k)
		}
		for _, r := range run.Tool.Driver.Rules {
			if r.ID == nil {
				t.Errorf("reportingDescriptor.id is required")
				continue
			}
			if r.ShortDescription != nil && r.ShortDescription.Text == nil {
				t.Errorf("rule %s: multiformatMessageString.text is required", *r.ID)
			}
			if r.Help != nil && r.Help.Text == nil {
				t.Errorf("rule %s: help.text is required", *r.ID)
			}
			if c := r.DefaultConfiguration; c != nil && c.Level != nil && !levels[*c.Level] {
				t.Errorf("rule %s: defaultConfiguration.level %q is not in the enumeration", *r.ID, *c.Level)
			}
		}
		for _, a := range run.Artifacts {
			if a.Location == nil || a.Location.URI == nil {
				t.Errorf("artifact without a location URI")
				continue
			}
			uriRef("artifact uri", *a.Location.URI)
		}
		for i, r := range run.Results {
			if r.Message == nil || r.Message.Text == nil && r.Message.ID == nil {
				t.Errorf("result %d: message with text or id is required", i)
			}
			if r.Level != nil && !levels[*r.Level] {
				t.Errorf("result %d: level %q is not in the enumeration", i, *r.Level)
			}
			for _, loc := range r.Locations {
				pl := loc.PhysicalLocation
				if pl == nil || pl.ArtifactLocation == nil || pl.ArtifactLocation.URI == nil {
					t.Errorf("result %d: physical location without an artifact URI", i)
					continue
				}
				uriRef("result uri", *pl.ArtifactLocation.URI)
				if rg := pl.Region; rg != nil {
					if rg.StartLine != nil && *rg.StartLine < 1 || rg.StartColumn != nil && *rg.StartColumn < 1 {
						t.Errorf("result %d: region lines and columns start at 1", i)
					}
				}
			}
		}
	}
}

// TestSARIFURIs checks the artifact locations: relative to %SRCROOT% inside
// the project, file:// URIs outside it, percent-encoded both.
func TestSARIFURIs(t *testing.T) {
	base := filepath.FromSlash("/work/acme project")
	tests := []struct{ file, uri, baseID string }{
		{"/work/acme project/force-app/Billing API.namedCredential-meta.xml", "force-app/Billing%20API.namedCredential-meta.xml", srcRoot},
		{"/work/acme project/a#b%c.permissionset", "a%23b%25c.permissionset", srcRoot},
		{"/work/acme project/odd:name.permissionset", "./odd:name.permissionset", srcRoot},
		{"/tmp/with space/X.externalCredential-meta.xml", "file:///tmp/with%20space/X.externalCredential-meta.xml", ""},
		{"/work/acme project2/X.externalCredential-meta.xml", "file:///work/acme%20project2/X.externalCredential-meta.xml", ""},
	}
	for _, tt := range tests {
		loc := artifactLocation(filepath.FromSlash(tt.file), base)
		got := struct{ uri, baseID string }{*loc.URI, ""}
		if loc.URIBaseId != nil {
			got.baseID = *loc.URIBaseId
		}
		if got.uri != tt.uri || got.baseID != tt.baseID {
			t.Errorf("%s: uri %q base %q, want %q %q", tt.file, got.uri, got.baseID, tt.uri, tt.baseID)
		}
		if _, err := url.Parse(got.uri); err != nil {
			t.Errorf("%s: %v", got.uri, err)
		}
	}
	if got := fileURI(base, true); got != "file:///work/acme%20project/" {
		t.Errorf("base URI %q", got)
	}
}
