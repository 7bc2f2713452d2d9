package eval

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/credscope/credscope/internal/corpus"
)

// Reporting the results of TestSalesforceCorpus and keeping its
// known-failures file.

// corpusOutcome is the result of one row on one path.
type corpusOutcome struct {
	key  corpusKey
	tc   *corpus.Case
	row  *corpus.Row
	want string // expected output
	got  string // printed result, or "Error: <message>"
	pass bool
	// broken marks a row that panicked or could not be set up; it never
	// passes and is never a known failure.
	broken bool
	funcs  []string
}

// detail describes a failing row in full.
func (o *corpusOutcome) detail() string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %v\n  formula:  %s   (%s)\n", o.key, o.tc.Formula, o.tc.DataType)
	for _, f := range o.tc.AllFields() {
		if f.Formula != "" {
			fmt.Fprintf(&b, "  field:    %s = %s   (%s)\n", f.Ref(), f.Formula, f.DataType)
		}
	}
	if in := o.tc.InputFields(); len(in) > 0 {
		parts := make([]string, len(in))
		for i, f := range in {
			parts[i] = fmt.Sprintf("%s=%q", f.Ref(), o.row.Inputs[i])
		}
		fmt.Fprintf(&b, "  inputs:   %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "  expected: %s\n  got:      %s", o.want, o.got)
	return b.String()
}

// group names the function a failing row is filed under in the
// known-failures file: the unknown function it calls, else the rarest
// function of its case, else "operators".
func (o *corpusOutcome) group(rowsUsing map[string]int) string {
	if rest, ok := strings.CutPrefix(o.got, "Error: Unknown function "); ok {
		if name, _, ok := strings.Cut(rest, "."); ok {
			return strings.ToUpper(name)
		}
	}
	if len(o.funcs) == 0 {
		return "operators"
	}
	best := o.funcs[0]
	for _, f := range o.funcs[1:] {
		if rowsUsing[f] < rowsUsing[best] {
			best = f
		}
	}
	return best
}

// class sorts a failure into a few kinds, for the reason of a group.
func (o *corpusOutcome) class() string {
	wantErr := strings.HasPrefix(o.want, "Error:")
	gotErr := strings.HasPrefix(o.got, "Error:")
	switch {
	case strings.HasPrefix(o.got, "Error: Unknown function"):
		return "not implemented"
	case wantErr:
		return "no error raised"
	case gotErr:
		return "unexpected error"
	}
	return "wrong value"
}

// corpusFailureTable counts failing rows per function and path; a row
// counts for every function its case calls.
func corpusFailureTable(outcomes []corpusOutcome) string {
	counts := map[string]map[string]int{}
	for _, o := range outcomes {
		if o.pass {
			continue
		}
		funcs := o.funcs
		if len(funcs) == 0 {
			funcs = []string{"(operators)"}
		}
		for _, f := range funcs {
			if counts[f] == nil {
				counts[f] = map[string]int{}
			}
			counts[f][o.key.Path]++
		}
	}
	names := make([]string, 0, len(counts))
	for f := range counts {
		names = append(names, f)
	}
	sum := func(f string) int { return counts[f][corpus.PathFormula] + counts[f][corpus.PathFormulaNullAsNull] }
	sort.Slice(names, func(i, j int) bool {
		if si, sj := sum(names[i]), sum(names[j]); si != sj {
			return si > sj
		}
		return names[i] < names[j]
	})
	var b strings.Builder
	for _, f := range names {
		fmt.Fprintf(&b, "  %-16s formula %4d   formulaNullAsNull %4d\n", f,
			counts[f][corpus.PathFormula], counts[f][corpus.PathFormulaNullAsNull])
	}
	return b.String()
}

// readCorpusKnown reads the known-failures file; a missing file lists
// nothing.
func readCorpusKnown(path string) (*corpusKnown, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &corpusKnown{Entries: map[corpusKey]string{}, Groups: map[string]string{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return parseCorpusKnown(bytes.NewReader(data))
}

// writeCorpusKnown rewrites the known-failures file from outcomes and
// returns the number of entries.
func writeCorpusKnown(path string, outcomes []corpusOutcome, rowsUsing map[string]int, old *corpusKnown) (int, error) {
	var failures []corpusKnownFailure
	classes := map[string]map[string]int{}
	for _, o := range outcomes {
		if o.pass || o.broken {
			continue
		}
		g := o.group(rowsUsing)
		failures = append(failures, corpusKnownFailure{
			Key:    o.key,
			Group:  g,
			Reason: corpusOneLine(fmt.Sprintf("want %s, got %s", o.want, o.got), 120),
		})
		if classes[g] == nil {
			classes[g] = map[string]int{}
		}
		classes[g][o.class()]++
	}
	reasons := map[string]string{}
	for g, cl := range classes {
		var parts []string
		for k, n := range cl {
			parts = append(parts, fmt.Sprintf("%s (%d)", k, n))
		}
		sort.Strings(parts)
		reasons[g] = strings.Join(parts, ", ")
	}
	var buf bytes.Buffer
	if err := formatCorpusKnown(&buf, failures, reasons, old); err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	return len(failures), os.WriteFile(path, buf.Bytes(), 0o644)
}
