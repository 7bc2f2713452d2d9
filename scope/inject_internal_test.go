package scope

import (
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
)

func TestInjectionAnalysisCases(t *testing.T) {
	schema := eval.NewSchema()
	tests := []struct {
		src  string
		want string // the field reported, or ""
	}{
		{`"r:" & UPPER($User.Department)`, "$User.Department"},
		{`IFERROR("r:" & $User.Department, "")`, "$User.Department"},
		{`IF(REGEX($User.Department, "[A-Za-z]+"), "r:" & $User.Department, "")`, ""},
		{`IF(AND(TRUE, REGEX($User.Department, "[A-Za-z]+")), "r:" & $User.Department, "")`, ""},
		{`IF(NOT(REGEX($User.Department, "[A-Za-z]+")), "r:" & $User.Department, "")`, "$User.Department"},
		{`IF(OR(TRUE, REGEX($User.Department, "[A-Za-z]+")), "r:" & $User.Department, "")`, "$User.Department"},
		{`"r:" & URLENCODE($User.Department)`, ""},
		{`"n:" & TEXT(LEN($User.Department))`, ""},
		{`"since:" & TEXT($User.LastLoginDate)`, "$User.LastLoginDate"},
		{`"since:" & TEXT(UNIXTIMESTAMP($User.LastLoginDate))`, ""},
	}
	for _, tt := range tests {
		x, err := formula.Parse("t", tt.src)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if id := unguardedField(x, schema, nil); id != nil {
			got = id.Name
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.src, got, tt.want)
		}
	}
}
