package scope

import (
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/google/go-cmp/cmp"
)

// TestInjectionAnalysisCases checks where CS403 finds that merge-field data
// can put a space or a character outside NQCHAR into a scope: "field" when
// the field's own text reaches it, "field via F()" when a function
// computes it.
func TestInjectionAnalysisCases(t *testing.T) {
	schema := eval.NewSchema()
	if _, err := schema.Declare("$User.Level__c", eval.Number, false); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src  string
		want []string
	}{
		{`"r:" & $User.Department`, []string{"$User.Department"}},
		{`"r:" & UPPER($User.Department)`, []string{"$User.Department via UPPER()"}},
		{`IFERROR("r:" & $User.Department, "")`, []string{"$User.Department via IFERROR()"}},
		{`IF(REGEX($User.Department, "[A-Za-z]+"), "r:" & $User.Department, "")`, nil},
		{`IF(AND(TRUE, REGEX($User.Department, "[A-Za-z]+")), "r:" & $User.Department, "")`, nil},
		{`IF(REGEX($User.Department, "[A-Za-z]+") && ISBLANK($User.Title), "r:" & $User.Department, "")`, nil},
		{`IF(NOT(REGEX($User.Department, "[A-Za-z]+")), "r:" & $User.Department, "")`, []string{"$User.Department"}},
		{`IF(OR(TRUE, REGEX($User.Department, "[A-Za-z]+")), "r:" & $User.Department, "")`, []string{"$User.Department"}},
		// A pattern that admits a space, any character, or a folded
		// Kelvin sign guards nothing.
		{`IF(REGEX($User.Department, "[A-Za-z ]+"), "r:" & $User.Department, "")`, []string{"$User.Department"}},
		{`IF(REGEX($User.Department, ".+"), "r:" & $User.Department, "")`, []string{"$User.Department"}},
		{`IF(REGEX($User.Department, "(?i)k+"), "r:" & $User.Department, "")`, []string{"$User.Department"}},
		// The guard holds in the then branch only.
		{`IF(REGEX($User.Department, "[a-z]+"), "r", $User.Department)`, []string{"$User.Department"}},
		// A condition is no part of the result.
		{`IF($User.Department = "Sales", "sales.read sales.write", "basic")`, nil},
		{`CASE($User.Department, "Sales", "a b", $User.Title)`, []string{"$User.Title"}},
		{`IFS(ISBLANK($User.Title), "a", $User.Department = "x", $User.Title, "c")`, []string{"$User.Title"}},
		{`BLANKVALUE($User.Department, "none")`, []string{"$User.Department"}},
		{`UPPER(IF($User.Department = "a", "a b", "c"))`, nil},
		{`"r:" & URLENCODE($User.Department)`, nil},
		{`"r:" & HEX(BLOB($User.Department))`, nil},
		{`"n:" & TEXT(LEN($User.Department))`, nil},
		{`"n:" & TEXT($User.Level__c)`, nil},
		{`"since:" & TEXT($User.LastLoginDate)`, []string{"$User.LastLoginDate via TEXT()"}},
		{`"since:" & TEXT(UNIXTIMESTAMP($User.LastLoginDate))`, nil},
		{`"d:" & TEXT(DATETIMEVALUE($User.Department))`, []string{"$User.Department via TEXT()"}},
		{`"t:" & TEXT(NOW())`, []string{"NOW() via TEXT()"}},
		{`"t:" & TEXT(TODAY())`, nil},
		{`SUBSTITUTE($User.Department, "+", " ")`, []string{"$User.Department via SUBSTITUTE()"}},
		{`SUBSTITUTE(URLENCODE($User.Department), "+", " ")`, []string{"$User.Department via SUBSTITUTE()"}},
		{`JSONVALUE($User.Department, "t")`, []string{"$User.Department via JSONVALUE()"}},
		{`LPAD("r", 5, $User.Title) & $User.Department`, []string{"$User.Title via LPAD()", "$User.Department"}},
		// Cutting, trimming, replacing and padding keep the characters of
		// their text and replacement: safe text stays safe.
		{`"r:" & LEFT(URLENCODE($User.Department), 20)`, nil},
		{`"r:" & SUBSTITUTE(URLENCODE($User.Department), "%", "_")`, nil},
		{`"r:" & LPAD(URLENCODE($User.Department), 10, "0")`, nil},
		{`"r:" & LPAD(URLENCODE($User.Department), 10)`, []string{"$User.Department via LPAD()"}},
		{`LEFT("a b", $User.Level__c)`, []string{"$User.Level__c via LEFT()"}},
		{`LEFT("ab", $User.Level__c)`, nil},
		{`"r:" & LEFT($User.Department, 3)`, []string{"$User.Department via LEFT()"}},
		// Compiling chose the branch: the other one is dead.
		{`IF(TRUE, "a b", $User.Department)`, nil},
		{`"read"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			f := FormulaField{What: "scope", Value: Value{Text: "{!" + tt.src + "}"}, Scope: true}
			var got []string
			for _, fl := range scopeFlows(f.prepare(schema, eval.Options{})) {
				s := fl.Source
				if fl.Via != "" {
					s += " via " + fl.Via
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("flows (-want +got):\n%s", diff)
			}
		})
	}
}
