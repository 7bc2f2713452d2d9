package scope

import (
	"fmt"
	"sort"
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
	check    func(l *linter)
}

// LintOptions configure a lint run.
type LintOptions struct {
	// Previous is the project as it was before, for the principal-edit
	// rule; nil skips that rule.
	Previous *Project
}

// linter is the state of one run.
type linter struct {
	p        *Project
	opts     LintOptions
	rule     *Rule
	findings []Finding
	// parsed caches the formula fields, parsed once for every rule.
	parsed     []parsedField
	parsedDone bool
}

func (l *linter) report(pos Pos, format string, args ...any) {
	l.reportAs(l.rule.Severity, pos, format, args...)
}

func (l *linter) reportAs(sev Severity, pos Pos, format string, args ...any) {
	l.findings = append(l.findings, Finding{Rule: l.rule.ID, Severity: sev, Message: fmt.Sprintf(format, args...), Pos: pos})
}

// Rules returns every rule, in ID order.
func Rules() []*Rule {
	out := append([]*Rule(nil), rules()...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lint runs every rule over the project and returns the findings sorted by
// file, line and column. Files that failed to load are findings too. Only
// the files the project was asked about (Project.Asked) have findings; the
// rest of the project only resolves references.
func Lint(p *Project, opts LintOptions) []Finding {
	l := &linter{p: p, opts: opts}
	for _, r := range Rules() {
		l.rule = r
		r.check(l)
	}
	kept := l.findings[:0]
	for _, f := range l.findings {
		if p.Asked(f.Pos.File) {
			kept = append(kept, f)
		}
	}
	l.findings = kept
	sort.SliceStable(l.findings, func(i, j int) bool {
		a, b := l.findings[i].Pos, l.findings[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return l.findings
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
