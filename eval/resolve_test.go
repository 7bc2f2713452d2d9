package eval_test

import (
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
)

// TestResolver checks that a resolver types fields no one declared, that
// its fields compile and evaluate like declared ones, and that a frozen
// schema asks it no more.
func TestResolver(t *testing.T) {
	s := eval.NewSchema()
	asked := 0
	s.AddResolver(func(name string) (eval.Type, bool) {
		asked++
		if strings.HasPrefix(strings.ToLower(name), "parent__r.") {
			return eval.Number, true
		}
		return eval.Invalid, false
	})
	prog, err := eval.Compile("Parent__r.Parent__r.Amount__c * 2", s, eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eval.Check("Other__c", s, eval.Options{}); err == nil || !strings.Contains(err.Error(), "Field Other__c does not exist") {
		t.Errorf("an unresolved field: %v", err)
	}
	vals := s.NewValues()
	if err := vals.SetString("parent__r.parent__r.amount__c", "21"); err != nil {
		t.Fatal(err)
	}
	v, err := prog.Eval(vals, eval.Env{})
	if err != nil || v.String() != "42" {
		t.Errorf("Eval = %v, %v; want 42", v, err)
	}
	s.Freeze()
	before := asked
	if _, ok := s.Lookup("Parent__r.Name"); ok || asked != before {
		t.Errorf("a frozen schema declared a field, or asked the resolver (%d times)", asked-before)
	}
}
