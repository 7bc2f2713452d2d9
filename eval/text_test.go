package eval

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// textSchema declares the fields the text tests read, named as in
// Salesforce's corpus: t1..t3 Text, n1 and n2 Number.
func textSchema(t testing.TB) *Schema {
	t.Helper()
	s := EmptySchema()
	for _, name := range []string{"t1__c", "t2__c", "t3__c"} {
		if _, err := s.Declare(name, Text, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"n1__c", "n2__c"} {
		if _, err := s.Declare(name, Number, false); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// textCase is a formula evaluated with inputs, a comma-separated list as in
// the corpus: fields t1, t2, t3 take the inputs in the order the formula's
// name says (see textInputs). wantN, when set, is the result with blank
// numbers kept blank, where it differs from want.
type textCase struct {
	formula string
	inputs  []string // values for the fields named in fields, "" blank
	want    string
	wantN   string
}

// textEval evaluates src with the fields set from names and vals, and
// renders the result: "null", the value as Value.String prints it, or
// "Error: " and the message.
func textEval(t *testing.T, schema *Schema, src string, names, vals []string, blankAsBlank bool) string {
	t.Helper()
	prog, err := Compile(src, schema, Options{BlankAsBlank: blankAsBlank})
	if err != nil {
		return "Error: " + err.Error()
	}
	vs := schema.NewValues()
	for i, name := range names {
		if i >= len(vals) || vals[i] == "" {
			continue
		}
		f, _ := schema.Lookup(name)
		v, err := ParseValue(f.Type, vals[i])
		if err != nil {
			t.Fatalf("%s: input %q for %s: %v", src, vals[i], name, err)
		}
		if err := vs.Set(name, v); err != nil {
			t.Fatal(err)
		}
	}
	v, err := prog.Eval(vs, Env{})
	if err != nil {
		return "Error: " + err.Error()
	}
	return v.String()
}

// runTextCases runs cases of a formula over fields names, in both blank
// modes. A want starting "Error" matches any error.
func runTextCases(t *testing.T, names []string, cases []textCase) {
	t.Helper()
	schema := textSchema(t)
	for _, tc := range cases {
		for _, blank := range []bool{false, true} {
			want := tc.want
			if blank && tc.wantN != "" {
				want = tc.wantN
			}
			got := textEval(t, schema, tc.formula, names, tc.inputs, blank)
			if want == "Error" && strings.HasPrefix(got, "Error") {
				continue
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %q (blank as blank %v) (-want +got):\n%s", tc.formula, tc.inputs, blank, diff)
			}
		}
	}
}

func in(vals ...string) []string { return vals }

var tn = []string{"t1__c", "n1__c"}

func TestLeftRightCorpus(t *testing.T) {
	left, right := "LEFT(t1__c, n1__c)", "RIGHT(t1__c, n1__c)"
	runTextCases(t, tn, []textCase{
		{left, in("123456", "1"), "1", ""},
		{left, in("123456", "2"), "12", ""},
		{left, in("123456", "0"), "null", ""},
		{left, in("123456", "7"), "123456", ""},
		{left, in("123456", "-1"), "null", ""},
		{left, in("", "1"), "null", ""},
		{left, in("123456", ""), "null", ""},
		{left, in("会计年度开始月份", "2"), "会计", ""},
		{left, in("会计年度开始月份", "10"), "会计年度开始月份", ""},
		{right, in("123456", "1"), "6", ""},
		{right, in("123456", "2"), "56", ""},
		{right, in("123456", "0"), "null", ""},
		{right, in("123456", "7"), "123456", ""},
		{right, in("123456", "-10"), "null", ""},
		{right, in("", "1"), "null", ""},
		{right, in("会计年度开始月份", "2"), "月份", ""},
		// Beyond the corpus: a fraction truncates, and half a pair.
		{left, in("123456", "1.9"), "1", ""},
		{left, in("a😀b", "2"), "a\xed\xa0\xbd", ""}, // the high surrogate, alone
		{left, in("a😀b", "3"), "a😀", ""},
		{right, in("a😀b", "3"), "😀b", ""},
	})
}

func TestMidCorpus(t *testing.T) {
	mid := "MID(t1__c, n1__c, n2__c)"
	names := []string{"t1__c", "n1__c", "n2__c"}
	runTextCases(t, names, []textCase{
		{mid, in("123456", "1", "6"), "123456", ""},
		{mid, in("123456", "2", "4"), "2345", ""},
		{mid, in("123456", "0", "6"), "123456", ""},
		{mid, in("123456", "7", "6"), "null", ""},
		{mid, in("123456", "1", "-6"), "null", ""},
		{mid, in("123456", "-10", "4"), "1234", ""},
		{mid, in("", "1", "1"), "null", ""},
		{mid, in("123456", "", "1"), "1", "null"},
		{mid, in("123456", "1", ""), "null", ""},
		{mid, in("会计年度开始月份", "8", "5"), "份", ""},
		{mid, in("会计年度开始月份", "10", "5"), "null", ""},
		{mid, in("会计年度开始月份", "", "5"), "会计年度开", "null"},
		{mid, in("a😀b", "2", "2"), "😀", ""},
	})
}

func TestSubstrCorpus(t *testing.T) {
	s2, s3 := "SUBSTR(t1__c, n1__c)", "SUBSTR(t1__c, n1__c, n2__c)"
	names := []string{"t1__c", "n1__c", "n2__c"}
	runTextCases(t, names, []textCase{
		{s2, in("123456", "2"), "23456", ""},
		{s2, in("123456", "0"), "123456", ""},
		{s2, in("123456", "7"), "null", ""},
		{s2, in("123456", "-1"), "6", ""},
		{s2, in("123456", "-6"), "123456", ""},
		{s2, in("123456", "-7"), "null", ""},
		{s2, in("", "1"), "null", ""},
		{s2, in("123456", ""), "123456", "null"},
		{s2, in("会计年度开始月份", "-7"), "计年度开始月份", ""},
		{s3, in("123456", "2", "4"), "2345", ""},
		{s3, in("123456", "6", "6"), "6", ""},
		{s3, in("123456", "2", "-4"), "null", ""},
		{s3, in("123456", "-1", "4"), "6", ""},
		{s3, in("123456", "-6", "10"), "123456", ""},
		{s3, in("123456", "-10", "4"), "null", ""},
		{s3, in("123456", "", "1"), "1", "null"},
		{s3, in("123456", "1", ""), "null", ""},
		{s3, in("会计年度开始月份", "-8", "5"), "会计年度开", ""},
	})
}

func TestFindCorpus(t *testing.T) {
	find2, find3 := `FIND("Text", t1__c)`, "FIND(t1__c, t2__c, n1__c)"
	runTextCases(t, []string{"t1__c"}, []textCase{
		{find2, in("Text"), "1", ""},
		{find2, in("Hello"), "0", ""},
		{find2, in("ConText"), "4", ""},
		{find2, in(`""`), "0", ""},
		{find2, in(""), "0", ""},
		{find2, in("😀Text"), "3", ""},
	})
	runTextCases(t, []string{"t1__c", "t2__c", "n1__c"}, []textCase{
		{find3, in("-", "ABC - XYZ", "5"), "5", ""},
		{find3, in("-", "ABC - XYZ", "6"), "0", ""},
		{find3, in("Test", "FTest", "3"), "0", ""},
		{find3, in("Test", "FFFFTest", "-1"), "5", ""},
		{find3, in("Test", "FTest", "0"), "2", ""},
		{find3, in("%", "Foo%Foo", "2"), "4", ""},
		// A null start is an error only when both texts are there.
		{find3, in("a", "abc", ""), "1", "Error"},
		{find3, in("", "abc", ""), "0", ""},
	})
}

func TestBeginsContainsCorpus(t *testing.T) {
	begins, contains := "BEGINS(t1__c, t2__c)", "CONTAINS(t1__c, t2__c)"
	names := []string{"t1__c", "t2__c"}
	runTextCases(t, names, []textCase{
		{begins, in("Golden File", "File"), "false", ""},
		{begins, in("!Hello World", "!"), "true", ""},
		{begins, in("Hello World!", "!"), "false", ""},
		{begins, in(`\\ Works Great`, `\\`), "true", ""},
		{begins, in("works@bvv.net", "WORKS@"), "false", ""},
		{begins, in("", "x"), "null", ""},
		{begins, in("", ""), "true", ""},
		{contains, in("Golden File", "n F"), "true", ""},
		{contains, in("Golden File", "gold"), "false", ""},
		{contains, in("510-797-4647", "510 797 4647"), "false", ""},
		{contains, in("", "10.24"), "null", ""},
		{contains, in("10.24", ""), "true", ""},
		{contains, in("", ""), "true", ""},
		{`CONTAINS(t1__c, "Sales")`, in("Inside Sales"), "true", ""},
		{`CONTAINS(t1__c, "Sales")`, in(""), "null", ""},
		{`BEGINS(t1__c, "")`, in(""), "true", ""},
	})
}

func TestSubstituteCorpus(t *testing.T) {
	sub := "SUBSTITUTE(t1__c, t2__c, t3__c)"
	names := []string{"t1__c", "t2__c", "t3__c"}
	runTextCases(t, names, []textCase{
		{sub, in("", "", ""), "null", ""},
		{sub, in("Golden File", "Golden", "Platinum"), "Platinum File", ""},
		{sub, in("No match", "First", "Second"), "No match", ""},
		{sub, in("Salesforce", "", ""), "null", ""},
		{sub, in("", "old", "new"), "null", ""},
		{sub, in("Golden File", "", " Platinum"), "null", ""},
		{sub, in("Replace Space", " ", "No"), "ReplaceNoSpace", ""},
		{sub, in("Replace All xxx", "x", "z"), "Replace All zzz", ""},
		{sub, in("aaa", "aa", "b"), "ba", ""},
		// Deleting everything leaves "", which is not null.
		{sub, in("xx", "x", ""), "", ""},
		{"SUBSTITUTE(t1__c, SUBSTITUTE(t2__c, t2__c, t3__c), t3__c)", in("abc", "x", ""), "Error", ""},
	})
}

func TestLenTrimReverseCorpus(t *testing.T) {
	names := []string{"t1__c"}
	runTextCases(t, names, []textCase{
		{"LEN(t1__c)", in("This is too good to be true"), "27", ""},
		{"LEN(t1__c)", in(""), "0", ""},
		{"LEN(t1__c)", in("e"), "1", ""},
		{"LEN(t1__c)", in(`blajh lsjdksj   dlsdlfgs   swcdglslgoiw slgslglsg\n\t\q\r`), "57", ""},
		{"LEN(t1__c)", in("😀"), "2", ""},
		{"LEN(t1__c)", in("会计"), "2", ""},
		{"TRIM(t1__c)", in("making a way"), "making a way", ""},
		{"TRIM(t1__c)", in(""), "null", ""},
		{"TRIM(t1__c)", in("  a b  "), "a b", ""},
		{"TRIM(t1__c)", in("   "), "null", ""},
		{"TRIM(t1__c)", in("\ta\t"), "\ta\t", ""},
		{"REVERSE(t1__c)", in("making a way"), "yaw a gnikam", ""},
		{"REVERSE(t1__c)", in(""), "null", ""},
		{"REVERSE(t1__c)", in("e"), "e", ""},
		{"REVERSE(t1__c)", in(`sg\n\t\q\r`), `r\q\t\n\gs`, ""},
		{"REVERSE(t1__c)", in("a😀b"), "b😀a", ""},
		{"REVERSE(t1__c)", in("a\xffb"), "b\xffa", ""},
	})
}

func TestPadCorpus(t *testing.T) {
	l2, r2 := "LPAD(t1__c, n1__c)", "RPAD(t1__c, n1__c)"
	l3, r3 := "LPAD(t1__c, n1__c, t2__c)", "RPAD(t1__c, n1__c, t2__c)"
	runTextCases(t, tn, []textCase{
		{l2, in("", "0"), "null", ""},
		{l2, in("", "5"), "null", ""},
		{l2, in("string", "-1"), "null", ""},
		{l2, in("string", "5"), "strin", ""},
		{l2, in("string", "6"), "string", ""},
		{l2, in("string", ""), "null", ""},
		{l2, in("string", "8"), "  string", ""},
		{r2, in("string", "1"), "s", ""},
		{r2, in("string", "0"), "null", ""},
		{r2, in("string", "8"), "string  ", ""},
	})
	runTextCases(t, []string{"t1__c", "n1__c", "t2__c"}, []textCase{
		{l3, in("string", "0", ""), "null", ""},
		{l3, in("", "0", "x"), "null", ""},
		{l3, in("string", "7", "x"), "xstring", ""},
		{l3, in("string", "11", "x"), "xxxxxstring", ""},
		{l3, in("string", "7", "abc"), "astring", ""},
		{l3, in("string", "11", "abc"), "abcabstring", ""},
		{r3, in("string", "5", "x"), "strin", ""},
		{r3, in("string", "11", "x"), "stringxxxxx", ""},
		{r3, in("string", "7", "abc"), "stringa", ""},
		{r3, in("string", "11", "abc"), "stringabcab", ""},
		// A blank pad pads with the letters "null", as Salesforce does.
		{l3, in("ab", "8", ""), "nullnuab", ""},
		{r3, in("😀", "3", "😀"), "😀\xed\xa0\xbd", ""},
		{"LPAD(t1__c, 1000000000000000)", in("a"), "Error", ""},
		{"RPAD(t1__c, 1000001, t2__c)", in("a", "", "b"), "Error", ""},
	})
}
