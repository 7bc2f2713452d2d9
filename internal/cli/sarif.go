package cli

import (
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/credscope/credscope/scope"
	"github.com/owenrumney/go-sarif/v2/sarif"
)

// The addresses a SARIF report points at: the project, and the rules'
// documentation, with one anchor per rule ID in lower case.
const (
	informationURI = "https://github.com/credscope/credscope"
	rulesDocURL    = informationURI + "/blob/main/docs/rules.md"
)

// srcRoot is the base that relative artifact URIs are relative to.
const srcRoot = "%SRCROOT%"

// sarifReport builds a SARIF 2.1.0 report of the findings, with every rule
// described so that code scanning can show its documentation. Files under
// base, the project root, have URIs relative to %SRCROOT%; others have
// file:// URIs.
func sarifReport(findings []scope.Finding, base string) (*sarif.Report, error) {
	report, err := sarif.New(sarif.Version210)
	if err != nil {
		return nil, err
	}
	run := sarif.NewRunWithInformationURI("credscope", informationURI)
	run.Tool.Driver.WithVersion(shortVersion())
	// Columns count characters; SARIF's default is UTF-16 code units.
	run.WithColumnKind("unicodeCodePoints")
	run.OriginalUriBaseIDs = map[string]*sarif.ArtifactLocation{
		srcRoot: sarif.NewArtifactLocation().WithUri(fileURI(base, true)),
	}
	for _, r := range scope.Rules() {
		run.AddRule(r.ID).WithName(r.Name).WithDescription(r.Doc).WithTextHelp(r.Doc).
			WithHelpURI(rulesDocURL + "#" + strings.ToLower(r.ID)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity)))
	}
	seen := map[string]bool{}
	for _, f := range findings {
		loc := artifactLocation(f.Pos.File, base)
		if key := *loc.URI; !seen[key] {
			seen[key] = true
			run.Artifacts = append(run.Artifacts, &sarif.Artifact{Length: -1, Location: artifactLocation(f.Pos.File, base)})
		}
		res := run.CreateResultForRule(f.Rule).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(f.Message))
		res.AddLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
			WithArtifactLocation(loc).
			WithRegion(sarif.NewRegion().WithStartLine(f.Pos.Line).WithStartColumn(f.Pos.Column))))
	}
	report.AddRun(run)
	return report, nil
}

// artifactLocation locates file: relative to %SRCROOT% when it is under
// base, by a file:// URI otherwise.
func artifactLocation(file, base string) *sarif.ArtifactLocation {
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	if rel, err := filepath.Rel(base, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return sarif.NewArtifactLocation().WithUri(relativeURI(rel)).WithUriBaseId(srcRoot)
	}
	return sarif.NewArtifactLocation().WithUri(fileURI(abs, false))
}

// relativeURI percent-encodes a relative path as a URI reference.
func relativeURI(rel string) string {
	u := url.URL{Path: filepath.ToSlash(rel)}
	return u.String()
}

// fileURI is the file:// URI of an absolute path, percent-encoded; a
// directory's ends with a slash, as SARIF wants of a base.
func fileURI(abs string, dir bool) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}

// writeSARIF writes the report of a lint run; relative URIs are relative
// to the first project root, or to the working directory.
func writeSARIF(w io.Writer, rep *scope.Report, roots []string) error {
	base := ""
	if len(roots) > 0 {
		base = roots[0]
	} else if wd, err := os.Getwd(); err == nil {
		base = wd
	}
	report, err := sarifReport(rep.Findings, base)
	if err != nil {
		return err
	}
	return writeJSON(w, report)
}

func sarifLevel(s scope.Severity) string {
	switch s {
	case scope.Error:
		return "error"
	case scope.Warning:
		return "warning"
	}
	return "note"
}
