package difftest

import (
	"slices"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/google/go-cmp/cmp"
)

// Every function of eval's table is generated, excluded with a reason, or
// a credential function; and no exclusion names a function that is gone.
func TestFunctionsCoverTheTable(t *testing.T) {
	gen := Functions()
	for _, f := range eval.Functions() {
		in := slices.Contains(gen, f.Name)
		out := excluded[f.Name] != "" || f.Category == "Credential"
		if in == out {
			t.Errorf("%s: generated %v, excluded %v; want exactly one", f.Name, in, out)
		}
	}
	for name := range excluded {
		if _, ok := eval.LookupFunc(name); !ok {
			t.Errorf("excluded %s is not a function", name)
		}
	}
	for name := range polymorphic {
		if !slices.Contains(gen, name) {
			t.Errorf("polymorphic %s is not generated", name)
		}
	}
	for _, f := range eval.Functions() {
		for _, s := range f.Sigs {
			takesAny := s.Result == eval.Any
			for _, p := range s.Params {
				takesAny = takesAny || p.Type == eval.Any
			}
			if takesAny && slices.Contains(gen, f.Name) && !polymorphic[f.Name] {
				t.Errorf("%s takes Any but has no hand-written production", f.Name)
			}
		}
	}
}

// The generator is deterministic for a seed, calls every function and
// every operator, and writes formulas that credscope types as intended.
func TestGenerator(t *testing.T) {
	const n = 3000
	a, b := NewGenerator(7), NewGenerator(7)
	called := map[string]bool{}
	bad := 0
	for i := range n {
		x, y := a.Case(), b.Case()
		if diff := cmp.Diff(x.String(), y.String()); diff != "" {
			t.Fatalf("case %d differs between two generators of one seed (-first +second):\n%s", i, diff)
		}
		x.Expr.walk(func(e *Expr) {
			if e.Kind == Call || e.Kind == Unary || e.Kind == Binary {
				called[e.Src] = true
			}
		})
		schema, err := x.schema()
		if err != nil {
			t.Fatal(err)
		}
		typ, err := eval.Check(x.Formula, schema, eval.Options{BlankAsBlank: x.BlankAsBlank})
		if err != nil || typ != x.Type && typ != eval.Null {
			bad++
			if bad <= 5 {
				t.Logf("does not check as %v: %s: %v %v", x.Type, x, typ, err)
			}
		}
	}
	var missing []string
	for _, name := range Functions() {
		if !called[name] {
			missing = append(missing, name)
		}
	}
	for _, o := range operators() {
		if !called[o.sym] {
			missing = append(missing, o.sym)
		}
	}
	if len(missing) > 0 {
		t.Errorf("never generated in %d cases: %s", n, strings.Join(missing, " "))
	}
	if bad > n/20 {
		t.Errorf("%d of %d cases do not check as their intended type; want at most 5%%", bad, n)
	}
}
