package eval

import (
	"crypto"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// cmMiscSchema declares the fields the tests of IN, IFS and FORMATCURRENCY
// read, named after the corpus's.
func cmMiscSchema(t testing.TB) *Schema {
	t.Helper()
	s := NewSchema()
	for name, typ := range map[string]Type{
		"customtext__c": Text, "customin1__c": Text, "isocode__c": Text, "customjson__c": Text,
		"customnum__c": Number, "customin2__c": Number, "customNumber1__c": Number, "customNumber2__c": Number,
		"customdate__c": Date, "customdate2__c": Date, "customstamp__c": DateTime, "customstamp2__c": DateTime,
		"flag__c": Boolean,
	} {
		if _, err := s.Declare(name, typ, false); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func cmNum(t testing.TB, s string) Value {
	t.Helper()
	v, err := ParseNumber(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func cmDay(y int, m time.Month, d int) Value {
	return DateValue(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func TestInFunction(t *testing.T) {
	schema := cmMiscSchema(t)
	texts := func(a, b string) map[string]Value {
		return map[string]Value{"customtext__c": TextValue(a), "customin1__c": TextValue(b)}
	}
	nums := func(a, b string) map[string]Value {
		m := map[string]Value{}
		if a != "" {
			m["customnum__c"] = cmNum(t, a)
		}
		if b != "" {
			m["customin2__c"] = cmNum(t, b)
		}
		return m
	}
	// Corpus rows of testIn2Text, testIn2TextNull and testIn2TextFoo.
	var tests []cmCase
	for _, row := range []struct {
		a, b          string
		want, withFoo string
	}{
		{"foo", "", "false", "false"}, {"", "foo", "false", "false"}, {"", "", "false", "false"},
		{"foo", "foo", "true", "true"}, {"FOO", "foo", "false", "false"}, {"foo", "FOO", "false", "false"},
		{"Foo", "Bar", "false", "true"}, {"Left", " Left", "false", "false"}, {"1", "2", "false", "false"},
		{"ß", "ss", "false", "false"},
	} {
		tests = append(tests,
			cmCase{src: `IN(customtext__c, customin1__c)`, set: texts(row.a, row.b), want: row.want},
			cmCase{src: `IN(customtext__c, customin1__c, NULL)`, set: texts(row.a, row.b), want: row.want},
			cmCase{src: `IN(customtext__c, customin1__c, 'Foo')`, set: texts(row.a, row.b), want: row.withFoo})
	}
	// Corpus rows of testIn2Num on the formulaNullAsNull path.
	for _, row := range []struct{ a, b, want string }{
		{"", "24", "false"}, {"0.0", "0.0", "true"}, {"0.00", "0.000", "true"}, {"-1.0", "99.0", "false"},
		{"1.1111", "1.1111", "true"}, {"1.11115", "0.00000", "false"}, {"123456789.123456789", "123456789.123456789", "true"},
		{"123456789.123456789", "-123456789.123456789", "false"}, {"600", "0.000600", "false"}, {"", "", "false"}, {"1", "", "false"},
	} {
		tests = append(tests,
			cmCase{src: `IN(customnum__c, customin2__c)`, set: nums(row.a, row.b), want: row.want},
			cmCase{src: `IN(customnum__c, customin2__c, NULL)`, set: nums(row.a, row.b), want: row.want})
	}
	tests = append(tests, []cmCase{
		{src: `IN("Service", "Sales", "Service", "Support")`, want: "true"},
		{src: `IN(2, 1, 3)`, want: "false"},
		{src: `IN(NULL, NULL)`, want: "false"},
		{src: `IN(NULL, "a", customtext__c)`, want: "false"},
		{src: `IN(customdate__c, customdate2__c, NULL)`, set: map[string]Value{"customdate__c": cmDay(2004, 12, 31), "customdate2__c": cmDay(2004, 12, 31)}, want: "true"},
		{src: `IN(customdate__c, customdate2__c)`, set: map[string]Value{"customdate__c": cmDay(2004, 2, 28), "customdate2__c": cmDay(2008, 2, 28)}, want: "false"},
		{src: `IN(customdate__c, customdate2__c)`, set: map[string]Value{"customdate2__c": cmDay(2008, 2, 28)}, want: "false"},
		{src: `IN(customdate__c, customdate2__c)`, want: "false"},
		{src: `IN(customstamp__c, customstamp2__c)`, set: map[string]Value{"customstamp__c": DateTimeValue(time.UnixMilli(1e12)), "customstamp2__c": DateTimeValue(time.UnixMilli(1e12))}, want: "true"},
		{src: `IN(customstamp__c, customstamp2__c)`, set: map[string]Value{"customstamp__c": DateTimeValue(time.UnixMilli(1e12)), "customstamp2__c": DateTimeValue(time.UnixMilli(1e12 + 1))}, want: "false"},
		// Every argument is evaluated, even after a match.
		{src: `IN(customnum__c, 1, 1 / customin2__c)`, set: nums("1", "0"), want: "runtime: Division by zero"},
		{src: `IN(1)`, want: "compile: Incorrect number of parameters for function 'IN()'. Expected 2, received 1"},
		{src: `IN(TRUE, TRUE)`, want: "compile: Incorrect argument type for function 'IN()'."},
		{src: `IN("a", flag__c)`, want: "compile: Incorrect argument type for function 'IN()'."},
		{src: `IN(1, "a")`, want: "compile: Incorrect parameter type for function 'IN()'. Expected Number, received Text"},
		{src: `IN(customdate__c, customstamp__c)`, want: "compile: Incorrect parameter type for function 'IN()'. Expected Date, received DateTime"},
	}...)
	cmRun(t, schema, Options{BlankAsBlank: true}, tests)
	// With blank numbers read as zero, two blanks are equal.
	cmRun(t, schema, Options{}, []cmCase{
		{src: `IN(customnum__c, customin2__c)`, want: "true"},
		{src: `IN(customnum__c, customin2__c)`, set: nums("", "24"), want: "false"},
	})
}

func TestIfs(t *testing.T) {
	schema := cmMiscSchema(t)
	n := func(s string) map[string]Value { return map[string]Value{"customnum__c": cmNum(t, s)} }
	cmRun(t, schema, Options{BlankAsBlank: true}, []cmCase{
		{src: `IFS(2 > 3, "high", 2 > 1, "medium", "low")`, want: "medium"},
		{src: `IFS(FALSE, 1, FALSE, 2, 3)`, want: "3"},
		{src: `IFS(TRUE, 1, TRUE, 2, 3)`, want: "1"},
		{src: `IFS(FALSE, TRUE, FALSE)`, want: "false"},
		{src: `IFS(customnum__c > 1, "big", "small")`, want: "small"}, // a null condition is FALSE
		{src: `IFS(customnum__c > 1, "big", "small")`, set: n("5"), want: "big"},
		{src: `IFS(TRUE, NULL, "a")`, want: "null"},
		{src: `IFS(FALSE, NULL, NULL)`, want: "null"},
		{src: `IFS(customnum__c > 1, NULL, 7)`, set: n("5"), want: "null"},
		// Only the conditions up to the first TRUE one, and its value, are evaluated.
		{src: `IFS(customnum__c = 0, "zero", 1 / customnum__c > 0, "positive", "negative")`, set: n("0"), want: "zero"},
		{src: `IFS(customnum__c = 0, "zero", 1 / customnum__c > 0, "positive", "negative")`, set: n("-2"), want: "negative"},
		{src: `IFS(customnum__c = 0, 1 / customnum__c, 2)`, set: n("1"), want: "2"},
		{src: `IFS(TRUE, 1)`, want: "compile: Incorrect number of parameters for function 'IFS()'. Expected 3, received 2"},
		{src: `IFS(TRUE, 1, FALSE, 2)`, want: "compile: Incorrect number of parameters for function 'IFS()'. Expected 5, received 4"},
		{src: `IFS(1, 1, 2)`, want: "compile: Incorrect parameter type for function 'IFS()'. Expected Boolean, received Number"},
		{src: `IFS(NULL, 1, 2)`, want: "compile: Incorrect parameter type for function 'IFS()'. Expected Boolean, received Null"},
		{src: `IFS(TRUE, 1, "a")`, want: "compile: Incorrect parameter type for function 'IFS()'. Expected Number, received Text"},
		{src: `IFS(TRUE, NULL, FALSE, "a", 3)`, want: "compile: Incorrect parameter type for function 'IFS()'. Expected Text, received Number"},
		// The leftmost fault is reported: here a value, before a later condition.
		{src: `IFS(TRUE, 1, TRUE, "a", 5, 2, 3)`, want: "compile: Incorrect parameter type for function 'IFS()'. Expected Number, received Text"},
	})
}

func TestFormatCurrency(t *testing.T) {
	schema := cmMiscSchema(t)
	var tests []cmCase
	// Corpus rows of testFormatCurrency, and the engine's own data rows.
	for _, row := range []struct{ iso, amount, want string }{
		{"USD", "1000", "USD 1,000.00"},
		{"USD", "1000.495", "USD 1,000.50"},
		{"USD", "-1000", "USD -1,000.00"},
		{"USD", "-1000.495", "USD -1,000.50"},
		{"JPY", "500", "JPY 500"},
		{"JPY", "999999999", "JPY 999,999,999"},
		{"INR", "999999999", "INR 999,999,999.00"},
		{"KWD", "15.10", "KWD 15.100"},
		{"", "1000", " 1,000.00"},
		{"", "-1000", " -1,000.00"},
		{"JPY", "-999999999", "JPY -999,999,999"},
		{"INR", "-999999999", "INR -999,999,999.00"},
		{"KWD", "-15.10", "KWD -15.100"},
		// Beyond the corpus.
		{"JPY", "0.5", "JPY 1"},
		{"JPY", "-0.5", "JPY -1"},
		{"USD", "0.004", "USD 0.00"},
		{"USD", "-0.004", "USD -0.00"},
		{"USD", "0", "USD 0.00"},
		{"USD", "123", "USD 123.00"},
		{"USD", "1234", "USD 1,234.00"},
		{"CLF", "1.23456", "CLF 1.2346"},
		{"XAU", "12.5", "XAU 13"},
		{"usd", "1.5", "usd 1.50"},
		{"EUR", "9223372036854775806.994", "EUR 9,223,372,036,854,775,806.99"},
		{"USD", "-9223372036854775808", "USD -9,223,372,036,854,775,808.00"},
		{"USD", "9223372036854775807", "runtime: #Too Big!"},
		{"USD", "-9223372036854775808.01", "runtime: #Too Big!"},
	} {
		set := map[string]Value{"isocode__c": TextValue(row.iso), "customNumber1__c": cmNum(t, row.amount)}
		tests = append(tests, cmCase{src: `FORMATCURRENCY(isocode__c, customNumber1__c)`, set: set, want: row.want})
	}
	tests = append(tests, []cmCase{
		{src: `FORMATCURRENCY("USD", customNumber1__c)`, want: ""}, // empty text, not null
		{src: `ISBLANK(FORMATCURRENCY("USD", customNumber1__c))`, want: "true"},
		{src: `FORMATCURRENCY("USD", 1000.495)`, want: "USD 1,000.50"},
		{src: `FORMATCURRENCY(1, 2)`, want: "compile: Incorrect parameter type for function 'FORMATCURRENCY()'. Expected Text, received Number"},
		{src: `FORMATCURRENCY("USD", "2")`, want: "compile: Incorrect parameter type for function 'FORMATCURRENCY()'. Expected Number, received Text"},
	}...)
	cmRun(t, schema, Options{BlankAsBlank: true}, tests)
	// With blanks as zeroes, a blank amount formats as zero.
	cmRun(t, schema, Options{}, []cmCase{{src: `FORMATCURRENCY("USD", customNumber1__c)`, want: "USD 0.00"}})
}

// TestMiscExamples evaluates the example of every function declared here
// and in credential.go and compares it with Want. The signing examples
// need keys and are checked for their type only.
func TestMiscExamples(t *testing.T) {
	keys, err := cmSignKeys()
	if err != nil {
		t.Fatal(err)
	}
	exampleKeys := &cmKeys{
		keys:  map[string]crypto.Signer{"jwt_signing_key": keys.keys["jwt_rsa"], "Billing_Cert": keys.keys["Billing_Cert"]},
		certs: keys.certs,
	}
	schema := NewSchema()
	for _, f := range append(miscFuncs(), credentialFuncs()...) {
		prog, err := Compile(f.Example, schema, Options{})
		if err != nil {
			t.Errorf("%s: example %s: %v", f.Name, f.Example, err)
			continue
		}
		v, err := prog.Eval(schema.NewValues(), Env{Keys: exampleKeys})
		if err != nil {
			t.Errorf("%s: example %s: %v", f.Name, f.Example, err)
			continue
		}
		got := v.String()
		if v.Type() == Text {
			got = strconv.Quote(got)
		}
		if f.Want == "" { // depends on the key
			if v.Type() != Text || v.IsNull() {
				t.Errorf("%s: example %s gives %v %s, want non-null Text", f.Name, f.Example, v.Type(), got)
			}
			continue
		}
		if diff := cmp.Diff(f.Want, got); diff != "" {
			t.Errorf("%s: example %s (-want +got):\n%s", f.Name, f.Example, diff)
		}
	}
}
