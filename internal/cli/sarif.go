package cli

import (
	"io"
	"path/filepath"

	"github.com/credscope/credscope/scope"
	"github.com/owenrumney/go-sarif/v2/sarif"
)

// sarifReport builds a SARIF 2.1.0 report of the findings, with every rule
// described so that code scanning can show its documentation.
func sarifReport(findings []scope.Finding) (*sarif.Report, error) {
	report, err := sarif.New(sarif.Version210)
	if err != nil {
		return nil, err
	}
	run := sarif.NewRunWithInformationURI("credscope", "https://github.com/credscope/credscope")
	// Columns count characters; SARIF's default is UTF-16 code units.
	run.WithColumnKind("unicodeCodePoints")
	for _, r := range scope.Rules() {
		run.AddRule(r.ID).WithName(r.Name).WithDescription(r.Doc).WithTextHelp(r.Doc).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity)))
	}
	for _, f := range findings {
		uri := filepath.ToSlash(f.Pos.File)
		run.AddDistinctArtifact(uri)
		res := run.CreateResultForRule(f.Rule).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(f.Message))
		res.AddLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri)).
			WithRegion(sarif.NewRegion().WithStartLine(f.Pos.Line).WithStartColumn(f.Pos.Col))))
	}
	report.AddRun(run)
	return report, nil
}

func writeSARIF(w io.Writer, rep *scope.Report, roots []string) error {
	report, err := sarifReport(rep.Findings)
	if err != nil {
		return err
	}
	return report.PrettyWrite(w)
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
