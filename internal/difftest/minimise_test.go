package difftest

import (
	"strings"
	"testing"
)

// The minimiser shrinks a generated case to the smallest formula that
// still fails, whatever surrounds the failing part.
func TestMinimise(t *testing.T) {
	g := NewGenerator(3)
	found := 0
	for range 2000 {
		c := g.Case()
		if !strings.Contains(c.Formula, "LEN(") || len(c.Formula) < 60 {
			continue
		}
		found++
		calls := 0
		fails := func(x *Case) bool { calls++; return strings.Contains(x.Formula, "LEN(") }
		m := Minimise(c, fails, 1000)
		if !fails(m) {
			t.Fatalf("minimal case %s no longer fails", m)
		}
		if m.Formula != `LEN("")` {
			t.Errorf("Minimise(%s) = %s, want LEN(\"\")", c, m)
		}
		if len(m.Fields) != 0 || m.BlankAsBlank {
			t.Errorf("Minimise kept fields or the blank mode: %s", m)
		}
		if calls > 1001 {
			t.Errorf("Minimise called fails %d times, over its budget", calls)
		}
	}
	if found == 0 {
		t.Fatal("no generated case calls LEN")
	}
	c := &Case{Formula: "LEN(x)"}
	if m := Minimise(c, func(*Case) bool { return true }, 10); m != c {
		t.Errorf("a case without a tree changed: %s", m)
	}
}

func TestParseDeviations(t *testing.T) {
	good := "# comment\n\nchr-tab | ^CHR\\(9\\) => | CHR(9) | \"\\t\" | \"\\t\\t\" | engine bug: folds CHR(9)\n"
	ds, err := ParseDeviations("d.txt", strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Name != "chr-tab" || ds[0].Line != 3 || ds[0].Engine != `"\t\t"` {
		t.Fatalf("ParseDeviations = %+v", ds)
	}
	tab, twoTabs := Answer{Value: `"\t"`}, Answer{Value: `"\t\t"`}
	if d := ds.Explain(&Case{Formula: "CHR(9)"}, tab, twoTabs); d != ds[0] {
		t.Errorf("Explain(CHR(9)) = %v", d)
	}
	if d := ds.Explain(&Case{Formula: "CHR(10)"}, tab, twoTabs); d != nil {
		t.Errorf("Explain(CHR(10)) = %v, want nil", d)
	}
	for _, bad := range []string{
		"a | b | c",
		"x | ( | CHR(9) | 1 | 2 | engine bug: y",
		"x | ^LEN | CHR(9) | 1 | 2 | engine bug: pattern misses its case",
		"x | CHR | CHR(9) | 1 | 2 | because",
		"x | CHR | CHR(9) | 1 | 2 | engine bug: a\nx | CHR | CHR(9) | 1 | 2 | engine bug: twice",
	} {
		if _, err := ParseDeviations("d.txt", strings.NewReader(bad)); err == nil {
			t.Errorf("ParseDeviations(%q) succeeded, want an error", bad)
		}
	}
}

// Each deviation records credscope's own answer; this checks it without
// Java, and the oracle-tagged test checks the engine's.
func TestDeviationsCredscope(t *testing.T) {
	ds, err := ReadDeviations(deviationsFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if got := detail(EvalCredscope(d.Case)); got != d.Credscope {
			t.Errorf("%s:%d: %s: credscope gives %s, recorded %s", deviationsFile, d.Line, d.Name, got, d.Credscope)
		}
	}
}

// Disagreements found by random runs, each explained by the deviation its
// line names.
func TestDeviationsExplain(t *testing.T) {
	ds, err := ReadDeviations(deviationsFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		formula   string
		cred, eng Answer
		want      string
	}{
		{`SUBSTR("a", 0, 2147483648)`, Answer{Value: `"a"`}, Answer{Value: `""`}, "count-past-int"},
		{`MID("a", 0, UNIXTIMESTAMP(DATE(2092, 11, 20)))`, Answer{Value: `"a"`},
			Answer{Err: "StringIndexOutOfBoundsException: begin 0, end -416989696, length 1"}, "count-past-int"},
		{`CHR(10)`, Answer{Value: `"\n"`}, Answer{Value: `"\\n"`}, "chr-escape"},
		{`(+IFERROR(NULL, 0))`, Answer{Value: "null"},
			Answer{Err: "WrongArgumentTypeException: Incorrect parameter type for operator '+'. Expected Number, received Null"}, "iferror-null-first"},
		{`DATE(2000, 1, 1) + 99999999999`, Answer{Err: "formula:1:1: Date out of range: years run from 1 to 9999"},
			Answer{Value: "273792776-01-30"}, "date-range"},
	}
	for _, tt := range tests {
		d := ds.Explain(&Case{Formula: tt.formula}, tt.cred, tt.eng)
		if d == nil || d.Name != tt.want {
			t.Errorf("Explain(%s) = %v, want %s", tt.formula, d, tt.want)
		}
	}
	if d := ds.Explain(&Case{Formula: `LEN("a")`}, Answer{Value: "1"}, Answer{Value: "2"}); d != nil {
		t.Errorf("Explain(LEN) = %s, want none", d.Name)
	}
}
