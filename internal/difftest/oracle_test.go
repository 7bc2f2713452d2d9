//go:build oracle

package difftest

import (
	"flag"
	"os"
	"sync"
	"testing"
	"time"
)

var (
	seedFlag = flag.Uint64("difftest.seed", 1, "seed of the random formulas; 0 picks one from the clock and prints it")
	nFlag    = flag.Int("difftest.n", 2000, "how many random formulas to compare")
)

// engine is the one engine the tests share: starting Java and compiling
// the driver costs more than most tests.
var engine struct {
	once sync.Once
	o    *Oracle
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if engine.o != nil {
		engine.o.Close()
	}
	os.Exit(code)
}

func startOracle(t *testing.T) *Oracle {
	t.Helper()
	engine.once.Do(func() {
		wd, err := os.Getwd()
		if err != nil {
			engine.err = err
			return
		}
		dir, err := OracleDir(wd)
		if err != nil {
			engine.err = err
			return
		}
		engine.o, engine.err = StartOracle(dir)
	})
	if engine.err != nil {
		t.Fatal(engine.err)
	}
	return engine.o
}

func readDeviations(t *testing.T) Deviations {
	t.Helper()
	ds, err := ReadDeviations(deviationsFile)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestDifferential compares credscope with the engine on random formulas
// and fails on any disagreement that deviations.txt does not explain.
func TestDifferential(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -difftest.seed %d)", seed, seed)
	rn := &Runner{Oracle: startOracle(t), Deviations: readDeviations(t)}
	rep, err := rn.Run(seed, *nFlag)
	if err != nil {
		t.Fatal(err)
	}
	rep.Print(os.Stdout)
	if len(rep.Unexplained) > 0 {
		t.Errorf("%d disagreements with the engine are not explained in %s", len(rep.Unexplained), deviationsFile)
	}
}

// TestDeviationsAgainstEngine checks that each deviation still happens as
// recorded: both engines give the answers its line states.
func TestDeviationsAgainstEngine(t *testing.T) {
	rn := &Runner{Oracle: startOracle(t)}
	for _, d := range readDeviations(t) {
		cred, eng, err := rn.Compare(d.Case)
		if err != nil {
			t.Fatal(err)
		}
		if detail(cred) != d.Credscope || detail(eng) != d.Engine {
			t.Errorf("%s:%d: %s: credscope %s, engine %s; recorded credscope %s, engine %s",
				deviationsFile, d.Line, d.Name, detail(cred), detail(eng), d.Credscope, d.Engine)
		}
		if Agree(cred, eng) {
			t.Errorf("%s:%d: %s: the engines now agree; remove the deviation", deviationsFile, d.Line, d.Name)
		}
	}
}

// TestPicklistTableAgainstEngine checks the engine's answer to each case
// of the picklist table, and that each case on which the engines differ
// is a judged deviation.
func TestPicklistTableAgainstEngine(t *testing.T) {
	rn := &Runner{Oracle: startOracle(t), Deviations: readDeviations(t)}
	rows := readTable(t, picklistTable)
	cases := make([]*Case, len(rows))
	for i, r := range rows {
		cases[i] = r.Case
	}
	eng, err := rn.Oracle.Eval(cases)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		r := &rows[i]
		cred, got := EvalCredscope(r.Case), detail(eng[i])
		if *updateFlag {
			r.Engine = got
		} else if got != r.Engine {
			t.Errorf("%s:%d: %s: engine %s, recorded %s", picklistTable, r.Line, r.Case, got, r.Engine)
		}
		if !Agree(cred, eng[i]) && rn.Deviations.Explain(r.Case, cred, eng[i]) == nil {
			t.Errorf("%s:%d: %s: credscope %s, engine %s, and no deviation explains it", picklistTable, r.Line, r.Case, detail(cred), got)
		}
	}
	if *updateFlag {
		writeTable(t, picklistTable, rows)
	}
}
