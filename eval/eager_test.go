package eval

import (
	"strings"
	"testing"
)

// Where Salesforce's engine evaluates arguments the result does not need,
// an error in them fails the formula; each case here was checked against
// the engine (see testdata/difftest). "n1" is a number field, "t1" text.
func TestEngineEvaluationOrder(t *testing.T) {
	tests := []struct {
		name    string
		formula string
		inputs  []string // t1__c, n1__c
		blank   bool     // treat blank fields as blanks
		want    string   // the value, or "Error" for any error
	}{
		{"case-unchosen-result", `CASE(n1__c, 1, 10, 1/0)`, in("", "1"), false, "Error"},
		{"case-unchosen-value", `CASE(n1__c, 1, 10, 1/0, 20, 30)`, in("", "1"), false, "Error"},
		{"case-else-unused", `CASE(n1__c, 1, 10, DATE(0, 0, 0) - DATE(2000, 1, 1))`, in("", "1"), false, "Error"},
		{"case-no-error", `CASE(n1__c, 1, 10, 2, 20, 30)`, in("", "2"), false, "20"},
		{"blankvalue-field-with-value", `BLANKVALUE(t1__c, TEXT(1/0))`, in("x", ""), false, "Error"},
		{"blankvalue-blank-field", `BLANKVALUE(t1__c, "none")`, in("", ""), false, "none"},
		{"blankvalue-literal-never-null", `BLANKVALUE("x", TEXT(1/0))`, nil, false, "x"},
		{"blankvalue-blank-literal", `BLANKVALUE("", "a")`, nil, false, "a"},
		{"nullvalue-text", `NULLVALUE(t1__c, TEXT(1/0))`, in("x", ""), false, "Error"},
		{"nullvalue-number-blank-as-blank", `NULLVALUE(n1__c, VALUE("abc"))`, in("", "2"), true, "Error"},
		{"nullvalue-number-read-as-zero", `NULLVALUE(n1__c, VALUE("abc"))`, in("", "2"), false, "2"},
		{"nullvalue-of-nullvalue-never-null", `NULLVALUE(NULLVALUE(n1__c, 5), VALUE("abc"))`, in("", "1"), true, "1"},
		{"blankvalue-of-blankvalue", `BLANKVALUE(BLANKVALUE(n1__c, 5), VALUE("abc"))`, in("", "1"), true, "Error"},
		{"nullvalue-arithmetic-of-zero-read", `NULLVALUE(n1__c * 2, 1/0)`, in("", ""), false, "0"},
		{"nullvalue-len-of-text-field", `NULLVALUE(LEN(t1__c), 1/0)`, in("x", ""), false, "Error"},
		{"operator-null-left", `n1__c + (0 ^ 1.5)`, in("", ""), true, "Error"},
		{"operator-null-date", `DATEVALUE(t1__c) + LN(0)`, in("", ""), false, "Error"},
		{"operator-null-dates", `DATEVALUE(t1__c) - DATE(0, 0, 0)`, in("", ""), false, "Error"},
		{"operator-null-no-error", `n1__c + 1`, in("", ""), true, "null"},
		{"compare-null-left", `DATEVALUE(t1__c) >= DATE(0, 0, 0)`, in("", ""), false, "Error"},
		{"compare-null-literal", `NULL = DATE(0, 0, 0)`, nil, false, "Error"},
		{"compare-null-number", `n1__c < LN(0)`, in("", ""), true, "Error"},
		{"mid-null-start", `MID("", NULL, LN(0))`, nil, false, "Error"},
		{"substr-null-start", `SUBSTR(t1__c, n1__c, LN(0))`, in("x", ""), true, "Error"},
		{"negate-null-literal", `-NULL`, nil, false, "Error"},
		{"nullvalue-if-constant-branch", `NULLVALUE(IF(FALSE, DATEVALUE(t1__c), DATE(2000, 1, 1) + n1__c), DATEVALUE("a"))`, in("", ""), false, "2000-01-01"},
		{"nullvalue-if-field-branch", `NULLVALUE(IF(TRUE, DATEVALUE(t1__c), DATE(2000, 1, 1)), DATEVALUE("a"))`, in("", ""), false, "Error"},
		{"if-skips-unchosen", `IF(n1__c = 1, 10, 1/0)`, in("", "1"), false, "10"},
		{"and-skips", `AND(FALSE, 1/0 > 1)`, nil, false, "false"},
		{"locale-ill-formed", `UPPER("i", "a")`, nil, false, "Error"},
		{"locale-bad-variant", `UPPER("i", "xx_YY_zz")`, nil, false, "Error"},
		{"locale-turkish", `UPPER("i", "tr-TR")`, nil, false, "İ"},
		{"locale-empty", `UPPER("i", "")`, nil, false, "I"},
		{"locale-of-blank-text", `UPPER("", "a")`, nil, false, "null"},
		{"locale-variant", `UPPER("i", "en_US_POSIX")`, nil, false, "I"},
		{"escape-newline-kept", `LEN("a\nb")`, nil, false, "4"},
		{"escape-quote-kept", `'it\'s'`, nil, false, `it\'s`},
		{"escape-double-quote", `'say \"hi\"'`, nil, false, `say "hi"`},
		{"escape-backslash", `LEN("a\\b")`, nil, false, "3"},
	}
	schema := textSchema(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := textEval(t, schema, tt.formula, []string{"t1__c", "n1__c"}, tt.inputs, tt.blank)
			if strings.HasPrefix(got, "Error: ") && tt.want == "Error" {
				return
			}
			if got != tt.want {
				t.Errorf("%s = %s, want %s", tt.formula, got, tt.want)
			}
		})
	}
}

// A blank result has the formula's type, not Null, so callers can tell a
// blank text from a formula that is only NULL.
func TestBlankResultType(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want Type
	}{{`""`, Text}, {`TRIM(" ")`, Text}, {`IF(FALSE, "a", NULL)`, Text}, {`DATEVALUE("")`, Date}, {`NULL`, Null}} {
		schema := EmptySchema()
		prog, err := Compile(tt.src, schema, Options{})
		if err != nil {
			t.Fatal(err)
		}
		v, err := prog.Eval(schema.NewValues(), Env{})
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		if !v.IsNull() && !v.IsBlank() || v.Type() != tt.want {
			t.Errorf("%s = %v of type %v, want a blank %v", tt.src, v, v.Type(), tt.want)
		}
	}
}

// Text is UTF-16 as in Salesforce: half a surrogate pair is a value of its
// own, not U+FFFD.
func TestSurrogateHalves(t *testing.T) {
	schema := textSchema(t)
	for _, tt := range []struct{ formula, want string }{
		{`ASCII(LEFT("😀", 1))`, "55357"},
		{`ASCII(RIGHT("a😀", 1))`, "56832"},
		{`LEN(LEFT("😀", 1))`, "1"},
		{`LEFT("😀", 1) & RIGHT("😀", 1)`, "😀"},
		{`LEN(CHR(55357))`, "1"},
		{`LEN(LPAD("x", 2, "😀"))`, "2"},
		{`ASCII(RPAD("x", 2, "😀"))`, "120"},
		{`REGEX(LEFT("😀", 1), LEFT("😀", 1))`, "true"},
		{`REVERSE(LPAD("ab", 4, "x😀"))`, "ba" + surrogateText(0xD83D) + "x"},
		{`REVERSE(RIGHT("😀", 1) & LEFT("😀", 1))`, "😀"},
		{`REGEX(LEFT("😀", 1), ".")`, "true"},
		{`REGEX("", LPAD("12", 13, "😀"))`, "false"},
	} {
		if got := textEval(t, schema, tt.formula, nil, nil, false); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.formula, got, tt.want)
		}
	}
}

// TestConstantEvalMatchesFrame checks that a constant program that reads
// no field, which Eval answers without a frame, evaluates as it would
// with one: an empty literal is null.
func TestConstantEvalMatchesFrame(t *testing.T) {
	for _, src := range []string{`""`, `"a"`, `TRUE`, `NULL`, `DATE(2026, 1, 31)`, `BLOB("")`, `IF(FALSE, "x", "")`} {
		schema := EmptySchema()
		prog, err := Compile(src, schema, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := prog.Eval(schema.NewValues(), Env{})
		if err != nil {
			t.Fatal(err)
		}
		fr := prog.frame(schema.NewValues(), &Env{})
		want := prog.root.value(fr)
		prog.release(fr)
		if got.IsNull() != want.IsNull() || got.String() != want.String() || got.Type() != want.Type() {
			t.Errorf("%s: Eval = %#v, evaluated in a frame %#v", src, got, want)
		}
	}
}
