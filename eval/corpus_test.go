package eval

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/credscope/credscope/internal/corpus"
)

var updateKnownFailures = flag.Bool("update-known-failures", false,
	"rewrite testdata/conformance/known-failures.txt from the current results of TestSalesforceCorpus")

// Settings of TestSalesforceCorpus.
const (
	corpusKnownPath  = "../testdata/conformance/known-failures.txt"
	envCorpusFunc    = "CREDSCOPE_CORPUS_FUNC"
	envCorpusCase    = "CREDSCOPE_CORPUS_CASE"
	corpusMaxDetails = 100 // failing rows printed in full before the rest are only counted
)

// corpusNow is the clock of every corpus evaluation. No corpus result
// depends on it (the rows that call NOW or TODAY discard the value), but
// the run must be deterministic.
var corpusNow = time.Date(2024, time.June, 1, 12, 0, 0, 0, time.UTC)

// corpusEnv evaluates at corpusNow.
var corpusEnv = Env{Now: func() time.Time { return corpusNow }}

var corpusPaths = []string{corpus.PathFormula, corpus.PathFormulaNullAsNull}

// TestSalesforceCorpus evaluates every row of Salesforce's formula-engine
// conformance corpus on the two paths that concern an evaluator:
// "formula", where blank number fields read as zero, and
// "formulaNullAsNull" (Options.BlankAsBlank), where they stay blank. Each
// result is printed as Salesforce's Java harness prints it and compared
// with the expected output; any error matches any expected "Error:". The
// corpus is found by corpus.Locate; without it the test is skipped.
//
// The test prints one line to standard output, "conformance: formula
// P/N, formulaNullAsNull P/N" (go test shows it with -v, on failure, or
// when run in the package directory), and logs a table of the failing rows
// per function.
//
// The ratchet: testdata/conformance/known-failures.txt lists the rows
// allowed to fail. The test fails when a row not listed fails, when a
// listed row passes (so the list only shrinks) and when a listed row does
// not exist. Today every row passes and the file lists none. A row that
// panics, or that the test cannot set up, fails the test whatever the file
// says. The flag
// -update-known-failures rewrites the file from the current results, to
// set a baseline deliberately, never to hide a regression.
//
// Filters, for work on one function or case; they print every failing row
// of the selection (path, formula, inputs, expected, got), fail the test
// if any of them is not listed as known, and skip the rest of the ratchet:
//
//	CREDSCOPE_CORPUS_FUNC=ROUND  cases whose formula, or a formula field
//	                             it reads, calls ROUND; a comma-separated
//	                             list selects cases that call any of them
//	CREDSCOPE_CORPUS_CASE=testRoundUsesCase  one case, by testName
//
// For example:
//
//	CREDSCOPE_CORPUS_FUNC=ROUND go test ./eval -run TestSalesforceCorpus
func TestSalesforceCorpus(t *testing.T) {
	dir, ok := corpus.Locate("..")
	if !ok {
		corpus.SkipMissing(t, "..")
	}
	c, err := corpus.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	sel := corpusSelection{funcs: corpusFilterList(os.Getenv(envCorpusFunc)), name: strings.TrimSpace(os.Getenv(envCorpusCase))}
	if sel.active() {
		if *updateKnownFailures {
			t.Fatalf("-update-known-failures needs the whole corpus: unset %s and %s", envCorpusFunc, envCorpusCase)
		}
		fmt.Printf("conformance: %s=%q %s=%q\n", envCorpusFunc, os.Getenv(envCorpusFunc), envCorpusCase, sel.name)
	}
	outcomes, rowsUsing := runCorpus(c, sel)
	if len(outcomes) == 0 {
		t.Fatalf("no corpus case matches the filter")
	}
	total, passed := map[string]int{}, map[string]int{}
	for _, o := range outcomes {
		total[o.key.Path]++
		if o.pass {
			passed[o.key.Path]++
		}
	}
	fmt.Printf("conformance: formula %d/%d, formulaNullAsNull %d/%d\n",
		passed[corpus.PathFormula], total[corpus.PathFormula],
		passed[corpus.PathFormulaNullAsNull], total[corpus.PathFormulaNullAsNull])
	if table := corpusFailureTable(outcomes); table != "" {
		t.Log("failing rows by function:\n" + table)
	}

	reportCorpus(t, "row panics or cannot be set up", outcomes, func(o *corpusOutcome) bool { return o.broken }, sel.active())
	known, err := readCorpusKnown(corpusKnownPath)
	if err != nil {
		t.Fatalf("%s: %v", corpusKnownPath, err)
	}
	if *updateKnownFailures {
		n, err := writeCorpusKnown(corpusKnownPath, outcomes, rowsUsing, known)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d entries to %s", n, corpusKnownPath)
		return
	}
	checkCorpusRatchet(t, outcomes, known, sel.active())
}

// corpusSelection is the part of the corpus a run covers.
type corpusSelection struct {
	funcs []string // cases calling any of these; all when empty
	name  string   // the case of this testName; all when empty
}

func (s corpusSelection) active() bool { return len(s.funcs) > 0 || s.name != "" }

func (s corpusSelection) covers(tc *corpus.Case, funcs []string) bool {
	if s.name != "" && tc.Name != s.name {
		return false
	}
	return len(s.funcs) == 0 || slices.ContainsFunc(s.funcs, func(f string) bool { return slices.Contains(funcs, f) })
}

// corpusFilterList splits a comma-separated list of function names.
func corpusFilterList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.ToUpper(strings.TrimSpace(f)); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// runCorpus runs the selected cases on both paths. It also returns how
// many rows of the whole corpus call each function.
func runCorpus(c *corpus.Corpus, sel corpusSelection) (outcomes []corpusOutcome, rowsUsing map[string]int) {
	rowsUsing = map[string]int{}
	for i := range c.Cases {
		tc := &c.Cases[i]
		funcs := corpusCaseFuncs(tc)
		for _, f := range funcs {
			rowsUsing[f] += len(tc.Rows)
		}
		if !sel.covers(tc, funcs) {
			continue
		}
		for _, path := range corpusPaths {
			if !slices.Contains(tc.Paths, path) {
				continue
			}
			for _, o := range runCorpusCase(tc, path) {
				o.funcs = funcs
				outcomes = append(outcomes, o)
			}
		}
	}
	return outcomes, rowsUsing
}

// reportCorpus fails the test for each outcome that bad picks, in full for
// the first corpusMaxDetails unless all is set, and counts the rest.
func reportCorpus(t *testing.T, what string, outcomes []corpusOutcome, bad func(*corpusOutcome) bool, all bool) {
	t.Helper()
	n := 0
	for i := range outcomes {
		o := &outcomes[i]
		if !bad(o) {
			continue
		}
		if n < corpusMaxDetails || all {
			t.Errorf("%s:\n%s", what, o.detail())
		}
		n++
	}
	if n > corpusMaxDetails && !all {
		t.Errorf("… and %d more rows: %s", n-corpusMaxDetails, what)
	}
}

// checkCorpusRatchet compares the failing rows with the known failures.
// With a filter it only reports the failing rows of the selection.
func checkCorpusRatchet(t *testing.T, outcomes []corpusOutcome, known *corpusKnown, filtered bool) {
	t.Helper()
	unlisted := func(o *corpusOutcome) bool {
		_, ok := known.Entries[o.key]
		return !o.pass && !o.broken && !ok
	}
	if filtered {
		for _, o := range outcomes {
			if _, ok := known.Entries[o.key]; ok && !o.pass {
				t.Logf("known failure:\n%s", o.detail())
			}
		}
		reportCorpus(t, "row fails", outcomes, unlisted, true)
		return
	}
	reportCorpus(t, "row fails and is not a known failure", outcomes, unlisted, false)

	results := make(map[corpusKey]bool, len(outcomes))
	for _, o := range outcomes {
		results[o.key] = o.pass
	}
	keys := make([]corpusKey, 0, len(known.Entries))
	for k := range known.Entries {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	for _, k := range keys {
		switch pass, ok := results[k]; {
		case !ok:
			t.Errorf("%s lists %v, which is not a row of the corpus", corpusKnownPath, k)
		case pass:
			t.Errorf("%v passes now: delete it from %s", k, corpusKnownPath)
		}
	}
}

// corpusCaseFuncs returns the functions a case's formula and its formula
// fields call.
func corpusCaseFuncs(tc *corpus.Case) []string {
	srcs := []string{tc.Formula}
	for _, f := range tc.AllFields() {
		srcs = append(srcs, f.Formula)
	}
	return corpusFuncNames(strings.Join(srcs, "\n"))
}
