package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

func newLintCmd(stdio IO) *cobra.Command {
	var format, against string
	var strict, listRules bool
	cmd := &cobra.Command{
		Use:   "lint [--format text|json|sarif] [--strict] [--against OLD] PATH...",
		Short: "Lint the credential metadata of an SFDX project",
		Long: `Lint External Credentials, Named Credentials (current and legacy) and
Permission Sets: API names, JWT bearer settings, principals, every formula
(parsed and type-checked, with errors at their line and column in the XML
file), scope-token syntax, scope injection, endpoints and references between
files.

PATH is a project root, a directory or a metadata file, in the source format
(NAME.namedCredential-meta.xml in the packageDirectories of sfdx-project.json)
or the Metadata API format (NAME.namedCredential beside a package.xml). For
each PATH credscope finds the enclosing project, the nearest directory
upwards with an sfdx-project.json or a package.xml, and reads all of it to
resolve references, but reports findings only for the files under PATH.

Findings print as path:line:col: severity: message [RULE], and a summary
line follows. --format sarif writes SARIF 2.1.0 for code scanning.

The project root's .credscope.yaml disables rules, changes their severity
and excludes files:

  disable: [CS403]
  severity: {CS801: error}
  exclude: ["unpackaged/**"]

An XML comment on the line before an element silences rules inside it:

  <!-- credscope:ignore CS204 the gateway answers 401 twice -->

Exit status: 0 without errors, 1 with errors (with --strict, also with
warnings, or when a PATH holds no credential metadata), 2 when a path or the
configuration cannot be read.`,
		Example: `  credscope lint testdata/example
  credscope lint force-app/main/default/namedCredentials/Billing_API.namedCredential-meta.xml
  credscope lint --format sarif --strict force-app > credscope.sarif
  credscope lint --against main force-app
  credscope lint --list-rules`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && !listRules {
				return usageErrorf("lint needs at least one PATH")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if listRules {
				writeRuleList(stdio.Out)
				return nil
			}
			format = strings.ToLower(format) // --format SARIF as well
			switch format {
			case "text", "json", "sarif":
			default:
				return usageErrorf("--format %q: want text, json or sarif", format)
			}
			p, err := scope.Load(args...)
			if err != nil {
				return &statusError{status: exitUsage, err: err}
			}
			opts := scope.LintOptions{}
			if opts.Config, err = lintConfig(p, args); err != nil {
				return &statusError{status: exitUsage, err: fmt.Errorf("%s", formula.Render(err))}
			}
			if against != "" {
				prev, err := loadPrevious(against, p, args)
				if err != nil {
					return &statusError{status: exitUsage, err: fmt.Errorf("--against %s: %w", against, err)}
				}
				opts.Previous = prev
			}
			rep := scope.Run(p, opts)
			switch format {
			case "text":
				writeFindingsText(stdio.Out, rep, p.Empty)
			case "json":
				writeEmpty(stdio.Err, p.Empty)
				if err := writeFindingsJSON(stdio.Out, rep.Findings); err != nil {
					return err
				}
			case "sarif":
				writeEmpty(stdio.Err, p.Empty)
				if err := writeSARIF(stdio.Out, rep, p.Roots); err != nil {
					return err
				}
			}
			min := scope.Error
			if strict {
				min = scope.Warning
			}
			if n := scope.Count(rep.Findings, min); n > 0 {
				return &statusError{status: exitFormula, err: fmt.Errorf("%d finding(s)", n), printed: true}
			}
			if strict && len(p.Empty) > 0 {
				return &statusError{status: exitFormula, err: fmt.Errorf("no credential metadata found under %s", p.Empty[0]), printed: true}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output `FORMAT`: text, json or sarif")
	cmd.Flags().BoolVar(&strict, "strict", false, "fail on warnings too, and on a PATH without credential metadata")
	cmd.Flags().StringVar(&against, "against", "", "compare with an `OLD` version, a directory or a git revision, to flag principal edits Salesforce forbids")
	cmd.Flags().BoolVar(&listRules, "list-rules", false, "list every rule and exit")
	return cmd
}

// lintConfig reads the .credscope.yaml of the first project root, or of
// the first PATH when it is in no project.
func lintConfig(p *scope.Project, args []string) (*scope.Config, error) {
	dir := args[0]
	if len(p.Roots) > 0 {
		dir = p.Roots[0]
		// Name the file as the paths were given: relative, or absolute.
		if wd, err := os.Getwd(); err == nil && !filepath.IsAbs(args[0]) {
			if rel, err := filepath.Rel(wd, dir); err == nil {
				dir = rel
			}
		}
	} else if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		dir = filepath.Dir(dir)
	}
	return scope.LoadConfig(dir)
}

// writeFindingsText writes the findings, a line for each PATH without
// metadata, and the summary line.
func writeFindingsText(w io.Writer, rep *scope.Report, empty []string) {
	for _, f := range rep.Findings {
		fmt.Fprintln(w, f)
	}
	writeEmpty(w, empty)
	if rep.Files > 0 || len(empty) == 0 {
		fmt.Fprintln(w, summary(rep))
	}
}

// writeEmpty says, for each PATH, that it holds no credential metadata.
func writeEmpty(w io.Writer, empty []string) {
	for _, path := range empty {
		fmt.Fprintf(w, "no credential metadata found under %s\n", path)
	}
}

// summary is the closing line of text output, such as "3 files, 2 external
// credentials, 4 named credentials, 1 permission set: 0 errors, 1 warning".
func summary(rep *scope.Report) string {
	errors := scope.Count(rep.Findings, scope.Error)
	warnings := scope.Count(rep.Findings, scope.Warning) - errors
	notes := len(rep.Findings) - errors - warnings
	formulas := ""
	if rep.Formulas > 0 {
		formulas = fmt.Sprintf(", %s in %s", plural(rep.Formulas, "formula", "formulas"), plural(rep.Objects, "object or flow", "objects and flows"))
		if rep.Skipped > 0 {
			formulas += fmt.Sprintf(" (%d reading what credscope's catalog lacks)", rep.Skipped)
		}
	}
	out := fmt.Sprintf("%s, %s, %s, %s%s: %s, %s",
		plural(rep.Files, "file", "files"), plural(rep.ExternalCredentials, "external credential", "external credentials"),
		plural(rep.NamedCredentials, "named credential", "named credentials"), plural(rep.PermissionSets, "permission set", "permission sets"),
		formulas, plural(errors, "error", "errors"), plural(warnings, "warning", "warnings"))
	if notes > 0 {
		out += ", " + plural(notes, "note", "notes")
	}
	if n := len(rep.Suppressed); n > 0 {
		out += fmt.Sprintf(", %d suppressed", n)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func writeFindingsJSON(w io.Writer, findings []scope.Finding) error {
	if findings == nil {
		findings = []scope.Finding{}
	}
	return writeJSON(w, findings)
}

// writeRuleList writes every rule: its ID, default severity, name and
// summary.
func writeRuleList(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tNAME\tCHECKS")
	for _, r := range scope.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Name, firstSentence(r.Doc))
	}
	tw.Flush()
	fmt.Fprintln(w, "\ncredscope explain RULE shows a rule's rationale, an example and its fix.")
}

// firstSentence returns text up to its first full stop.
func firstSentence(text string) string {
	if i := strings.Index(text, ". "); i >= 0 {
		return text[:i+1]
	}
	return text
}
