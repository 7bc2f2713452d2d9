package difftest

import (
	"fmt"
	"io"
	"sort"
	"unicode/utf8"
)

// Disagreement is a case on which the two engines differ, shrunk to its
// minimal form, with the deviation that explains it, if any.
type Disagreement struct {
	Case      *Case
	Minimal   *Case
	Credscope Answer // on Minimal
	Engine    Answer // on Minimal
	Deviation *Deviation
}

// Report sums up a differential run.
type Report struct {
	Seed      uint64
	Total     int
	Agreed    int
	Explained map[string]int // deviation name → disagreements it explains
	// Unexplained are the disagreements no deviation explains.
	Unexplained []Disagreement
}

// Agreement is the share of cases on which the engines agree, leaving out
// the cases that documented deviations explain.
func (r *Report) Agreement() float64 {
	explained := 0
	for _, n := range r.Explained {
		explained += n
	}
	if r.Total == explained {
		return 1
	}
	return float64(r.Agreed) / float64(r.Total-explained)
}

// Print writes the summary and every unexplained disagreement.
func (r *Report) Print(w io.Writer) {
	explained := 0
	names := make([]string, 0, len(r.Explained))
	for name, n := range r.Explained {
		explained += n
		names = append(names, name)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "difftest: seed %d: %d formulas, %d agree, %d explained by deviations, %d unexplained: agreement %.3f%% excluding documented deviations\n",
		r.Seed, r.Total, r.Agreed, explained, len(r.Unexplained), 100*r.Agreement())
	for _, name := range names {
		fmt.Fprintf(w, "  deviation %s: %d\n", name, r.Explained[name])
	}
	for _, d := range r.Unexplained {
		fmt.Fprintf(w, "unexplained: %s\n  credscope: %s\n  engine:    %s\n  from:      %s\n",
			d.Minimal, detail(d.Credscope), detail(d.Engine), d.Case)
	}
}

// detail renders an answer for a report: with its error message, and cut
// to 200 characters with the full length noted.
func detail(a Answer) string {
	s := a.String()
	if a.Err != "" {
		s += " (" + a.Err + ")"
	}
	if len(s) > 200 {
		n := 200
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = fmt.Sprintf("%s… (%d bytes)", s[:n], len(s))
	}
	return s
}

// Runner evaluates cases with both engines and judges each disagreement.
type Runner struct {
	Oracle     *Oracle
	Deviations Deviations
	// MinimiseBudget bounds the evaluations spent shrinking one
	// disagreement; 400 when zero.
	MinimiseBudget int
}

// Compare evaluates one case with both engines.
func (rn *Runner) Compare(c *Case) (cred, eng Answer, err error) {
	ans, err := rn.Oracle.Eval([]*Case{c})
	if err != nil {
		return Answer{}, Answer{}, err
	}
	return EvalCredscope(c), ans[0], nil
}

// Run generates n cases from seed, in batches, and returns the report.
func (rn *Runner) Run(seed uint64, n int) (*Report, error) {
	g := NewGenerator(seed)
	rep := &Report{Seed: seed, Explained: map[string]int{}}
	const batch = 500
	for done := 0; done < n; done += batch {
		cases := make([]*Case, min(batch, n-done))
		for i := range cases {
			cases[i] = g.Case()
		}
		if err := rn.judge(rep, cases); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// judge adds a batch of cases to the report.
func (rn *Runner) judge(rep *Report, cases []*Case) error {
	eng, err := rn.Oracle.Eval(cases)
	if err != nil {
		return err
	}
	for i, c := range cases {
		rep.Total++
		cred := EvalCredscope(c)
		if Agree(cred, eng[i]) {
			rep.Agreed++
			continue
		}
		d := &Disagreement{Case: c, Minimal: c, Credscope: cred, Engine: eng[i]}
		if eng[i].TimedOut() {
			// Shrinking would ask the engine again and again to spend its
			// time limit; the case is judged as it is.
			d.Deviation = rn.Deviations.Explain(c, cred, eng[i])
		} else if d, err = rn.Shrink(c); err != nil {
			return err
		}
		if d.Deviation != nil {
			rep.Explained[d.Deviation.Name]++
			continue
		}
		rep.Unexplained = append(rep.Unexplained, *d)
	}
	return nil
}

// Shrink minimises a disagreement and looks for the deviation that
// explains it.
func (rn *Runner) Shrink(c *Case) (*Disagreement, error) {
	budget := rn.MinimiseBudget
	if budget <= 0 {
		budget = 400
	}
	var failure error
	fails := func(x *Case) bool {
		cred, eng, err := rn.Compare(x)
		if err != nil {
			failure = err
			return false
		}
		return !Agree(cred, eng)
	}
	m := Minimise(c, fails, budget)
	if failure != nil {
		return nil, failure
	}
	cred, eng, err := rn.Compare(m)
	if err != nil {
		return nil, err
	}
	return &Disagreement{Case: c, Minimal: m, Credscope: cred, Engine: eng, Deviation: rn.Deviations.Explain(m, cred, eng)}, nil
}
