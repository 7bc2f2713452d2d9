package scope

import (
	"fmt"
	"github.com/credscope/credscope/objects"
	"sort"
	"strings"
)

// Severity says how bad a finding is.
type Severity int

// Severities, mildest first.
const (
	Note Severity = iota
	Warning
	Error
)

// String returns the severity's name as the text format prints it.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// MarshalText renders the severity for JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem the linter found.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Pos      Pos      `json:"pos"`
	// Line is the text of the source line, for a caret; not always set.
	Line string `json:"-"`
}

// String renders the finding as path:line:col: severity: message [RULE].
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", f.Pos, f.Severity, f.Message, f.Rule)
}

// Rule is one lint rule.
type Rule struct {
	ID       string
	Name     string
	Severity Severity // its usual severity; a finding may differ
	Doc      string
	// Rationale says why the rule exists, Example shows metadata that
	// breaks it, and Fix the same metadata fixed.
	Rationale, Example, Fix string
	check                   func(l *linter)
}

// LintOptions configure a lint run.
type LintOptions struct {
	// Previous is the project as it was before, for the principal-edit
	// rule; nil skips that rule.
	Previous *Project
	// Config disables rules, changes severities and excludes files; nil
	// runs every rule on every file.
	Config *Config
}

// Report is the outcome of a lint run.
type Report struct {
	// Findings are sorted by file, line and column.
	Findings []Finding
	// Suppressed are the findings that credscope:ignore comments silenced.
	Suppressed []Finding
	// Files counts the files linted, and the others what they hold.
	Files, ExternalCredentials, NamedCredentials, PermissionSets int
	// Formulas counts the record formulas of the files linted (formula
	// fields, validation rules, flows, …), Skipped those of them that
	// read a standard object or field credscope's catalog lacks, or a
	// flow element's untyped output, and so are not checked entirely
	// (another package's fields are beyond any offline check, and do not
	// count), and Objects the objects and flows they belong to.
	Formulas, Skipped, Objects int
}

// linter is the state of one run.
type linter struct {
	p        *Project
	opts     LintOptions
	rule     *Rule
	findings []Finding
	// prepared holds the formula fields, compiled once for every rule.
	prepared *Prepared
	// objects is the project's model, for the record formulas' rule;
	// skipped holds the record formulas it could not check entirely.
	objects *objects.Model
	skipped map[*Formula]bool
	// labels and labelNames are the project's labels, made once per run
	// on first use (see projectLabels).
	labels     *labelSet
	labelNames []string
	labelsMade bool
}

func (l *linter) report(pos Pos, format string, args ...any) {
	l.reportAs(l.rule.Severity, pos, format, args...)
}

func (l *linter) reportAs(sev Severity, pos Pos, format string, args ...any) {
	l.findings = append(l.findings, Finding{Rule: l.rule.ID, Severity: sev, Message: fmt.Sprintf(format, args...), Pos: pos})
}

// Rules returns every rule, in ID order.
func Rules() []*Rule {
	out := rules()
	for _, r := range out {
		d := ruleDocs[r.ID]
		r.Rationale, r.Example, r.Fix = d.Rationale, d.Example, d.Fix
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lint runs every rule over the project and returns the findings sorted by
// file, line and column: Run's findings.
func Lint(p *Project, opts LintOptions) []Finding { return Run(p, opts).Findings }

// Run runs every rule over the project. Files that failed to load are
// findings too. Only the files the project was asked about (Project.Asked)
// and the configuration does not exclude have findings; the rest of the
// project only resolves references. Findings that a credscope:ignore
// comment silences are set apart, and a comment that silences nothing is a
// note (CS002).
func Run(p *Project, opts LintOptions) *Report {
	l := &linter{p: p, opts: opts, skipped: map[*Formula]bool{}}
	cfg := opts.Config
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
		if r.check == nil || cfg.disabled(r.ID) {
			continue
		}
		l.rule = r
		r.check(l)
	}
	wanted := func(file string) bool { return p.Asked(file) && !cfg.Excluded(file) }
	rep := &Report{}
	used := make([]bool, len(p.suppressions))
	for _, f := range l.findings {
		if !wanted(f.Pos.File) {
			continue
		}
		if sev, ok := cfg.severity(f.Rule); ok {
			f.Severity = sev
		}
		silenced := false
		for i := range p.suppressions {
			if p.suppressions[i].covers(f) {
				used[i], silenced = true, true
			}
		}
		if silenced {
			rep.Suppressed = append(rep.Suppressed, f)
		} else {
			rep.Findings = append(rep.Findings, f)
		}
	}
	if unused := ruleByID(UnusedSuppressionRule); !cfg.disabled(unused.ID) {
		for i, s := range p.suppressions {
			if used[i] || !wanted(s.Pos.File) {
				continue
			}
			f := Finding{Rule: unused.ID, Severity: unused.Severity, Message: s.unusedReason(known), Pos: s.Pos}
			if sev, ok := cfg.severity(f.Rule); ok {
				f.Severity = sev
			}
			rep.Findings = append(rep.Findings, f)
		}
	}
	sortFindings(rep.Findings)
	sortFindings(rep.Suppressed)
	rep.count(p, wanted)
	if l.prepared != nil && !cfg.disabled(RecordFormulaRule) {
		rep.countFormulas(l, wanted)
	}
	return rep
}

// UnusedSuppressionRule is the rule of credscope:ignore comments that
// silence nothing.
const UnusedSuppressionRule = "CS002"

func ruleByID(id string) *Rule {
	for _, r := range rules() {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// RuleByID returns the rule of that ID, case-insensitively.
func RuleByID(id string) (*Rule, bool) {
	for _, r := range Rules() {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return nil, false
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Pos, fs[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// count counts the files linted and the components they hold.
func (r *Report) count(p *Project, wanted func(string) bool) {
	for _, f := range p.Files {
		if wanted(f) {
			r.Files++
		}
	}
	for _, c := range p.ExternalCredentials {
		if wanted(c.File) {
			r.ExternalCredentials++
		}
	}
	for _, n := range p.NamedCredentials {
		if wanted(n.File) {
			r.NamedCredentials++
		}
	}
	for _, ps := range p.PermissionSets {
		if wanted(ps.File) {
			r.PermissionSets++
		}
	}
}

// Count returns the number of findings at or above a severity.
func Count(fs []Finding, min Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity >= min {
			n++
		}
	}
	return n
}
