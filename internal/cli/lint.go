package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

func newLintCmd(stdio IO) *cobra.Command {
	var format, against string
	var strict bool
	cmd := &cobra.Command{
		Use:   "lint [--format text|json|sarif] [--strict] [--against OLD] PATH...",
		Short: "Lint the credential metadata of an SFDX project",
		Long: `Lint External Credentials, Named Credentials and Permission Sets: API names,
JWT bearer settings, principals, every formula (parsed and type-checked, with
errors at their line and column in the XML file), scope-token syntax, scope
injection and references between files.

PATH is a project root (its sfdx-project.json packageDirectories are read), a
directory or a metadata file. Findings print as path:line:col: severity:
message [RULE]; --format sarif writes SARIF 2.1.0 for code scanning.

Exit status: 0 without errors, 1 with errors (or warnings, with --strict), 2
when a path cannot be read.`,
		Example: `  credscope lint testdata/example
  credscope lint --format sarif --strict force-app > credscope.sarif
  credscope lint --against main force-app`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("lint needs at least one PATH")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := scope.Load(args...)
			if err != nil {
				return &statusError{status: exitUsage, err: err}
			}
			var opts scope.LintOptions
			if against != "" {
				prev, err := loadPrevious(against, args)
				if err != nil {
					return &statusError{status: exitUsage, err: fmt.Errorf("--against %s: %w", against, err)}
				}
				opts.Previous = prev
			}
			findings := scope.Lint(p, opts)
			switch format {
			case "text":
				writeFindingsText(stdio.Out, findings)
			case "json":
				if err := writeFindingsJSON(stdio.Out, findings); err != nil {
					return err
				}
			case "sarif":
				if err := writeSARIF(stdio.Out, findings); err != nil {
					return err
				}
			default:
				return usageErrorf("--format %q: want text, json or sarif", format)
			}
			min := scope.Error
			if strict {
				min = scope.Warning
			}
			if n := scope.Count(findings, min); n > 0 {
				return &statusError{status: exitFormula, err: fmt.Errorf("%d finding(s)", n), printed: true}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output `FORMAT`: text, json or sarif")
	cmd.Flags().BoolVar(&strict, "strict", false, "fail on warnings too")
	cmd.Flags().StringVar(&against, "against", "", "compare with an `OLD` version, a directory or a git revision, to flag principal edits Salesforce forbids")
	return cmd
}

func writeFindingsText(w io.Writer, findings []scope.Finding) {
	for _, f := range findings {
		fmt.Fprintln(w, f)
	}
	if len(findings) > 0 {
		fmt.Fprintf(w, "%d error(s), %d warning(s)\n", scope.Count(findings, scope.Error), scope.Count(findings, scope.Warning)-scope.Count(findings, scope.Error))
	}
}

func writeFindingsJSON(w io.Writer, findings []scope.Finding) error {
	if findings == nil {
		findings = []scope.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(findings)
}
