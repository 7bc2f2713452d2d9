package eval

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCaseCorpus(t *testing.T) {
	up, low := "UPPER(t1__c)", "LOWER(t1__c)"
	upL, lowL := "UPPER(t1__c, t2__c)", "LOWER(t1__c, t2__c)"
	names := []string{"t1__c", "t2__c"}
	runTextCases(t, names, []textCase{
		{up, in("\ufeff"), "\ufeff", ""},
		{up, in("CaSeS"), "CASES", ""},
		{up, in("große"), "GROSSE", ""},
		{up, in("ångstrom"), "ÅNGSTROM", ""},
		{up, in("ıdempotent"), "IDEMPOTENT", ""},
		{up, in("İDEMPOTENT"), "İDEMPOTENT", ""},
		{up, in(""), "null", ""},
		{low, in("CaSeS"), "cases", ""},
		{low, in("ÅNGSTROM"), "ångstrom", ""},
		{low, in("ıdempotent"), "ıdempotent", ""},
		{low, in("İDEMPOTENT"), "i\u0307dempotent", ""},
		{low, in(""), "null", ""},
		{upL, in("große", ""), "GROSSE", ""},
		{upL, in("idempotent", "en_US"), "IDEMPOTENT", ""},
		{upL, in("idempotent", "tr_TR"), "İDEMPOTENT", ""},
		{upL, in("ıdempotent", "tr"), "IDEMPOTENT", ""},
		{upL, in("İDEMPOTENT", "tr"), "İDEMPOTENT", ""},
		{lowL, in("İDEMPOTENT", ""), "i\u0307dempotent", ""},
		{lowL, in("IDEMPOTENT", "en_US"), "idempotent", ""},
		{lowL, in("IDEMPOTENT", "tr_TR"), "ıdempotent", ""},
		{lowL, in("İDEMPOTENT", "tr"), "idempotent", ""},
		{lowL, in("CASES", "tr"), "cases", ""},
		// Java's final sigma, which needs the whole word.
		{low, in("ΟΔΟΣ"), "οδος", ""},
		{low, in("ΟΔΟΣ ΣΑΣ."), "οδος σας.", ""},
		{low, in("Σ"), "σ", ""},
	})
}

func TestInitCapCorpus(t *testing.T) {
	f := "INITCAP(t1__c)"
	runTextCases(t, []string{"t1__c"}, []textCase{
		{f, in("\ufeff"), "\ufeff", ""},
		{f, in("CaSeS"), "Cases", ""},
		{f, in("große"), "Große", ""},
		{f, in("ÅNGSTROM"), "Ångstrom", ""},
		{f, in("ıdempotent"), "Idempotent", ""},
		{f, in("İDEMPOTENT"), "İdempotent", ""},
		{f, in("Herr.  CaSeS"), "Herr.  Cases", ""},
		{f, in("mr. 123smith"), "Mr. 123smith", ""},
		{f, in("mr. _smith"), "Mr. _Smith", ""},
		{f, in("[] ÅNGSTROM"), "[] Ångstrom", ""},
		{f, in("bottom İDEMPOTENT"), "Bottom İdempotent", ""},
		{f, in("ijsland"), "Ijsland", ""},
		{f, in(""), "null", ""},
		{f, in("😀abc"), "😀Abc", ""},
	})
}

func TestValueCorpus(t *testing.T) {
	v, isn := "VALUE(t1__c)", "ISNUMBER(t1__c)"
	cases := []struct {
		in, value string
	}{
		{"1234", "1234"}, {"-1.234", "-1.234"}, {"--1234", "Error"}, {"1-234", "Error"},
		{"-1.2.34", "Error"}, {"-", "Error"}, {"..", "Error"}, {"..1", "Error"}, {"1..", "Error"},
		{".", "Error"}, {"-.", "Error"}, {"1.", "1"}, {".1", "0.1"}, {"+1.", "1"}, {"+.1", "0.1"},
		{"1.e1", "10"}, {"1.e+1", "10"}, {"1.e-1", "0.1"}, {".1e1", "1"}, {".1e-1", "0.01"},
		{"123.4512345e2", "12345.12345"}, {"", "null"}, {"-0", "0"}, {"-0.00034", "-0.00034"},
		{" 12", "Error"}, {"1,000", "Error"}, {"1e", "Error"}, {"1e10000000000", "Error"},
		{"١٢", "12"}, // Arabic-Indic digits, which Java accepts
		{"1234567890123456789012345678901234567890123", "1234567890123456789012345678901234567890000"},
	}
	var tcs []textCase
	for _, c := range cases {
		tcs = append(tcs, textCase{v, in(c.in), c.value, ""})
		isNum := c.value != "Error" && c.value != "null"
		tcs = append(tcs, textCase{isn, in(c.in), strconv.FormatBool(isNum), ""})
	}
	runTextCases(t, []string{"t1__c"}, tcs)
}

func TestTextFunction(t *testing.T) {
	runTextCases(t, []string{"n1__c"}, []textCase{
		{"TEXT(n1__c)", in("1.50"), "1.5", ""},
		{"TEXT(n1__c)", in("100"), "100", ""},
		{"TEXT(n1__c)", in("-2.50"), "-2.5", ""},
		{"TEXT(n1__c)", in("0.000"), "0", ""},
		{"TEXT(n1__c)", in(""), "0", "null"},
		{"TEXT(NULL)", nil, "null", ""},
		{"TEXT(TRUE)", nil, "Error: formula:1:6: Incorrect parameter type for function 'TEXT()'. Expected Number, Date, DateTime, Time, received Boolean", ""},
	})
	for _, tc := range []struct {
		v    Value
		want string
	}{
		{Value{typ: Date, valid: true, i64: daysFromCivil(2013, 12, 31)}, "2013-12-31"},
		{Value{typ: DateTime, valid: true, i64: daysFromCivil(2013, 12, 31)*msPerDay + 3723000}, "2013-12-31 01:02:03Z"},
		{TimeValue(0), "00:00:00.000"},
		{TimeValue(38095666), "10:34:55.666"},
		{NullOf(Date), "null"},
	} {
		s := EmptySchema()
		if _, err := s.Declare("x__c", tc.v.typ, false); err != nil {
			t.Fatal(err)
		}
		prog, err := Compile("TEXT(x__c)", s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		vs := s.NewValues()
		if err := vs.Set("x__c", tc.v); err != nil {
			t.Fatal(err)
		}
		got, err := prog.Eval(vs, Env{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got.String()); diff != "" {
			t.Errorf("TEXT(%v) (-want +got):\n%s", tc.v.typ, diff)
		}
	}
}

func TestAsciiChrCorpus(t *testing.T) {
	runTextCases(t, []string{"t1__c"}, []textCase{
		{"ASCII(t1__c)", in(""), "null", ""},
		{"ASCII(t1__c)", in("CaSeS"), "67", ""},
		{"ASCII(t1__c)", in("ß"), "223", ""},
		{"ASCII(t1__c)", in("İDEMPOTENT"), "304", ""},
		{"ASCII(t1__c)", in("捦"), "25446", ""},
		{"ASCII(t1__c)", in("😀"), "128512", ""},
	})
	runTextCases(t, []string{"n1__c"}, []textCase{
		{"CHR(n1__c)", in(""), "null", ""},
		{"CHR(n1__c)", in("0"), "null", ""},
		{"CHR(n1__c)", in("9"), "\t", ""},
		{"CHR(n1__c)", in("95"), "_", ""},
		{"CHR(n1__c)", in("8364"), "€", ""},
		{"CHR(n1__c)", in("64.5"), "@", ""},
		{"CHR(n1__c)", in("11822"), "⸮", ""},
		{"CHR(n1__c)", in("-32"), "null", ""},
		{"CHR(n1__c)", in("1114112"), "null", ""},
		{"CHR(n1__c)", in("128512"), "😀", ""},
		{"CHR(n1__c)", in("0.0"), "\x00", ""},
	})
}

func TestRegexLikeCorpus(t *testing.T) {
	re, like := "REGEX(t1__c, t2__c)", "LIKE(t1__c, t2__c)"
	names := []string{"t1__c", "t2__c"}
	runTextCases(t, names, []textCase{
		{re, in("F.o", `F\.o`), "true", ""},
		{re, in("Foo", `F\\.o`), "false", ""},
		{re, in("Text", "(a*)b"), "false", ""},
		{re, in("Text", "ext"), "false", ""},
		{re, in("Text", "^Text$"), "true", ""},
		{re, in("Text", "[T][e][x][t]"), "true", ""},
		{re, in("Hello", "(("), "Error", ""},
		{re, in("Hello", ""), "false", ""},
		{re, in("", "(a*)?"), "true", ""},
		{re, in("", "a+"), "false", ""},
		{re, in("aaaaaaaaaaaac", "(a*)+b"), "false", ""},
		{re, in("", ""), "true", ""},
		// Java dialect: . stops at line breaks, \s includes \v, \u escapes.
		{re, in("a\rb", "a.b"), "false", ""},
		{re, in("a\rb", "(?s)a.b"), "true", ""},
		{re, in("\v", `\s`), "true", ""},
		{re, in("é", `\u00e9`), "true", ""},
		{re, in("😀", `\x{1F600}`), "true", ""},
		{re, in("aa", `(a)\1`), "Error", ""},
		{re, in("ab", `a(?=b)b`), "Error", ""},
		{re, in("a", `a)`), "Error", ""},
		{re, in("a{", `a{`), "Error", ""},
		{re, in("a.*", `\Qa.*\E`), "true", ""},
		{re, in("ab", `\Qa.*\E`), "false", ""},
		{re, in("a 1", `[a\s\d]+`), "true", ""},
		{re, in("Abc", `\p{Alpha}+`), "true", ""},
		{re, in("ABC", `(?i)abc`), "true", ""},
		{re, in("ab", `(?<first>a)b`), "true", ""},
		{re, in("aaa", `a{2,3}`), "true", ""},
		{re, in("A\x01", `\0101\cA`), "true", ""},
		{re, in("a-b", `[^\S]`), "false", ""},
		{re, in("a\nb", `(?d)a.b`), "false", ""},
		{re, in("aa", `a*+`), "Error", ""},
		{re, in("a", `[a[b]]`), "Error", ""},
		{like, in("abcd", "abc[def]"), "false", ""},
		{like, in("Howdy", "%dy"), "true", ""},
		{like, in("Howdy", "Ho_dy"), "true", ""},
		{like, in("Howdy", "ho%dy"), "false", ""},
		{like, in("Cändy", "C_NDY"), "false", ""},
		{like, in("[", "["), "true", ""},
		{like, in("]", "]"), "true", ""},
		{like, in("_n", "[_n]"), "false", ""},
		{like, in("Hi%Hi", "Hi%%Hi"), "true", ""},
		{like, in(`\`, `\\`), "true", ""},
		{like, in("%", `\%`), "true", ""},
		{like, in("H", `\s`), "false", ""},
		{like, in("H", "*"), "false", ""},
		{like, in("?", "?"), "true", ""},
		{like, in("^$^$", "^$^$"), "true", ""},
	})
}

func TestEncodeFunctions(t *testing.T) {
	runTextCases(t, []string{"t1__c"}, []textCase{
		{"HTMLENCODE(t1__c)", in(`<a href="x">Tom & 'Jerry'</a>`), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;", ""},
		{"HTMLENCODE(t1__c)", in("© 😀\u2028\u2029\n"), "&copy; &#128512;<br><p>\n", ""},
		{"HTMLENCODE(t1__c)", in(""), "", ""},
		{"JSENCODE(t1__c)", in(`it's "x" \ y`), `it\'s \"x\" \\ y`, ""},
		{"JSENCODE(t1__c)", in("a\nb\r<!-- /* */ * &#39;\x00\u2028\u2029"), `a\nb\r\u003C\!-- \/\* \*\/ \* \&#39;\n\u2029`, ""},
		{"JSENCODE(t1__c)", in(""), "", ""},
		{"URLENCODE(t1__c)", in("a b&c=d/é*._-~"), "a+b%26c%3Dd%2F%C3%A9*._-%7E", ""},
		{"URLENCODE(t1__c)", in(""), "", ""},
		{"URLENCODE(t1__c)", in("http://www.cnn.com/junk.cgi?abc=d e f&date=12/7/2007"),
			"http%3A%2F%2Fwww.cnn.com%2Fjunk.cgi%3Fabc%3Dd+e+f%26date%3D12%2F7%2F2007", ""},
		{"HTMLENCODE(t1__c)", in("This <>&\"'©\n"), "This &lt;&gt;&amp;&quot;&#39;&copy;\n", ""},
		{"JSENCODE(t1__c)", in("This <b>is a /*test*/"), `This \u003Cb\u003Eis a \/\*test\*\/`, ""},
	})
}

func TestIsPickval(t *testing.T) {
	f := `ISPICKVAL(t1__c, "Sales")`
	runTextCases(t, []string{"t1__c"}, []textCase{
		{f, in("Sales"), "true", ""},
		{f, in("sales"), "false", ""},
		{f, in(""), "false", ""},
		{`ISPICKVAL(t1__c, "")`, in(""), "true", ""},
		{`ISPICKVAL(t1__c, ("Sales"))`, in("Sales"), "true", ""},
	})
}

// TestTextCheckErrors covers the compile-time errors, in Salesforce's
// wording.
func TestTextCheckErrors(t *testing.T) {
	schema := textSchema(t)
	for _, tc := range []struct{ src, want string }{
		{`ISPICKVAL(t1__c, t2__c)`, "Incorrect parameter type for function 'ISPICKVAL()'. Expected Text Literal, received Text"},
		{`ISPICKVAL(t1__c, "a" & "b")`, "Incorrect parameter type for function 'ISPICKVAL()'. Expected Text Literal, received Text"},
		{`ISPICKVAL(t1__c, NULL)`, "Incorrect parameter type for function 'ISPICKVAL()'. Expected Text Literal, received Null"},
		{`SUBSTR("a")`, "Incorrect number of parameters for function 'SUBSTR()'. Expected 2, received 1"},
		{`FIND("a", "b", 1, 2)`, "Incorrect number of parameters for function 'FIND()'. Expected 2, received 4"},
		{`LPAD("a")`, "Incorrect number of parameters for function 'LPAD()'. Expected 2, received 1"},
		{`upper()`, "Incorrect number of parameters for function 'upper()'. Expected 1, received 0"},
		{`UPPER(1)`, "Incorrect parameter type for function 'UPPER()'. Expected Text, received Number"},
		{`LEFT("a", "b")`, "Incorrect parameter type for function 'LEFT()'. Expected Number, received Text"},
		{`HTMLENCODE(1)`, "Incorrect argument type for function 'HTMLENCODE()'."},
		{`HTMLENCODE(NULL)`, "Incorrect argument type for function 'HTMLENCODE()'."},
		{`ISNUMBER(NULL)`, "Incorrect argument type for function 'ISNUMBER()'."},
		{`REGEX(t1__c, 1)`, "Incorrect argument type for function 'REGEX()'."},
		{`REGEX(t1__c)`, "Incorrect number of parameters for function 'REGEX()'. Expected 2, received 1"},
		{`REGEX(t1__c, "((")`, "Invalid regular expression for function 'REGEX()': missing closing ): `((`"},
		{`REGEX(t1__c, "(a)\\1")`, "Invalid regular expression for function 'REGEX()': back-references are not supported"},
		{`TEXT("a")`, "Incorrect parameter type for function 'TEXT()'. Expected Number, Date, DateTime, Time, received Text"},
	} {
		_, err := Compile(tc.src, schema, Options{})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: got error %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestTextExamples evaluates each text function's documented example.
func TestTextExamples(t *testing.T) {
	for _, f := range textFuncs() {
		schema := NewSchema()
		prog, err := Compile(f.Example, schema, Options{})
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		v, err := prog.Eval(schema.NewValues(), Env{})
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		got := v.String()
		if v.Type() == Text && !v.IsNull() {
			got = `"` + got + `"`
		}
		if diff := cmp.Diff(f.Want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", f.Name, f.Example, diff)
		}
	}
}

// TestTextNoPanic throws awkward texts and numbers at every text function:
// invalid UTF-8, lone surrogate halves, huge and fractional counts.
func TestTextNoPanic(t *testing.T) {
	texts := []string{"", " ", "abc", "a😀b", "\xff\xfe", "\xed\xa0\x80", "ΑΣ Σ", strings.Repeat("ab", 500), "(", `\`, "%_"}
	nums := []string{"", "0", "0.0", "-0.5", "0.5", "1.5", "3", "-3", "2147483648", "-2147483649", "1E+30", "-1E+30", "1E-30", "123456789012345678901234567890.5"}
	calls := []string{
		"LEN(t1__c)", "LEFT(t1__c, n1__c)", "RIGHT(t1__c, n1__c)", "MID(t1__c, n1__c, n2__c)",
		"SUBSTR(t1__c, n1__c)", "SUBSTR(t1__c, n1__c, n2__c)", "FIND(t2__c, t1__c, n1__c)",
		"BEGINS(t1__c, t2__c)", "CONTAINS(t1__c, t2__c)", "SUBSTITUTE(t1__c, t2__c, t3__c)",
		"TRIM(t1__c)", "UPPER(t1__c, t2__c)", "LOWER(t1__c, t2__c)", "INITCAP(t1__c)", "REVERSE(t1__c)",
		"LPAD(t1__c, n1__c, t2__c)", "RPAD(t1__c, n1__c)", "TEXT(n1__c)", "VALUE(t1__c)", "ISNUMBER(t1__c)",
		"ASCII(t1__c)", "CHR(n1__c)", "HTMLENCODE(t1__c)", "JSENCODE(t1__c)", "URLENCODE(t1__c)",
		"REGEX(t1__c, t2__c)", "LIKE(t1__c, t2__c)",
	}
	schema := textSchema(t)
	names := []string{"t1__c", "t2__c", "t3__c", "n1__c", "n2__c"}
	for _, call := range calls {
		for _, blank := range []bool{false, true} {
			prog, err := Compile(call, schema, Options{BlankAsBlank: blank})
			if err != nil {
				t.Fatalf("%s: %v", call, err)
			}
			for i, a := range texts {
				b := texts[(i+3)%len(texts)]
				for j, n := range nums {
					vs := schema.NewValues()
					vals := []string{a, b, texts[(i+j)%len(texts)], n, nums[(j+5)%len(nums)]}
					for k, name := range names {
						if vals[k] == "" {
							continue
						}
						f, _ := schema.Lookup(name)
						v, err := ParseValue(f.Type, vals[k])
						if err != nil {
							t.Fatal(err)
						}
						if err := vs.Set(name, v); err != nil {
							t.Fatal(err)
						}
					}
					if _, err := prog.Eval(vs, Env{}); err != nil && !strings.Contains(err.Error(), "Incorrect parameter value") &&
						!strings.Contains(err.Error(), "regular expression") && !strings.Contains(err.Error(), "valid number") &&
						!strings.Contains(err.Error(), "Empty string pattern") {
						t.Errorf("%s %q: unexpected error %v", call, vals, err)
					}
				}
			}
		}
	}
}
