package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/internal/corpus"
	"github.com/google/go-cmp/cmp"
)

func corpusDec(t *testing.T, s string) *apd.Decimal {
	t.Helper()
	d, _, err := apd.NewFromString(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return d
}

func TestCorpusRound(t *testing.T) {
	tests := []struct {
		in    string
		scale int64
		want  string
	}{
		// ROUND(x, n) as BigDecimalHelper.round computes it.
		{"0.125", 2, "0.13"},
		{"-0.5", 0, "-1"},
		{"2.5", 0, "3"},
		{"-2.5", 0, "-3"},
		{"0.5", 2, "0.5"},
		{"12.3", 2, "12.3"},
		{"2.0", 15, "2.0"},
		{"9.995", 2, "10.0"},
		{"0.999", 2, "1.00"},
		{"99.5", 0, "100"},
		{"15", -1, "20"},
		{"150", -2, "200"},
		{"123456.7895", -2, "123500"},
		{"5", -1, "0"},
		{"50", -2, "0"},
		{"4.47", -1, "0"},
		{"0.5", -1, "0"},
		// The final rounding of every Number result to 32 places.
		{"0.020833333333333333333333333333333333333", 32, "0.02083333333333333333333333333333"},
		{"0.333333333333333333333333333333333333333", 32, "0.33333333333333333333333333333333"},
		{"3.720075976020836E-44", 32, "0.00000000000000000000000000000000"},
		{"1E-40", 32, "0.00000000000000000000000000000000"},
		{"0.999999999999999999999999999999999999999", 32, "1.00000000000000000000000000000000"},
		{"2.00000000000000000000000000000000000000", 32, "2.00000000000000000000000000000000"},
		{"123.4500", 32, "123.4500"},
		{"5E+1", 32, "50"},
		{"-0.00", 32, "0.00"},
		{"-0", 32, "0"},
		{"0", 32, "0"},
		{"-123456789.123456789", 32, "-123456789.123456789"},
	}
	for _, tt := range tests {
		r, err := corpusRound(corpusDec(t, tt.in), tt.scale)
		if err != nil {
			t.Errorf("corpusRound(%s, %d): %v", tt.in, tt.scale, err)
			continue
		}
		if diff := cmp.Diff(tt.want, corpusPlainString(r)); diff != "" {
			t.Errorf("corpusRound(%s, %d) (-want +got):\n%s", tt.in, tt.scale, diff)
		}
	}
}

func TestCorpusPercent(t *testing.T) {
	in := []struct{ in, want string }{
		{"50", "0.5"}, {"100", "1"}, {"1000", "10"}, {"0", "0"}, {"0.0050", "0.00005"}, {"-0", "0"}, {"12.5", "0.125"},
	}
	for _, tt := range in {
		if diff := cmp.Diff(tt.want, corpusPlainString(corpusPercentIn(corpusDec(t, tt.in)))); diff != "" {
			t.Errorf("corpusPercentIn(%s) (-want +got):\n%s", tt.in, diff)
		}
	}
	out := []struct{ typ, in, want string }{
		{"Percent", "0.5", "50"},
		{"Percent", "0.125", "12.5"},
		{"Percent", "1E+1", "1000"},
		{"Percent", "0.00", "0"},
		{"Percent", "0.333333333333333333333333333333333333333", "33.33333333333333333333333333333333"},
		{"Double", "0.5", "0.5"},
		{"Currency", "1.50", "1.50"},
	}
	for _, tt := range out {
		got, err := corpusNumberOut(tt.typ, corpusDec(t, tt.in))
		if err != nil {
			t.Errorf("corpusNumberOut(%s, %s): %v", tt.typ, tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("corpusNumberOut(%s, %s) (-want +got):\n%s", tt.typ, tt.in, diff)
		}
	}
	if got, err := corpusNumberOut("Double", corpusDec(t, "1E+3901")); err == nil {
		t.Errorf("corpusNumberOut(1E+3901) = %s, want an error", got)
	}
}

func TestCorpusCalendar(t *testing.T) {
	tests := []struct {
		days int64
		want string
	}{
		{0, "1970-01-01 00:00:00.0"},
		{-1, "1969-12-31 00:00:00.0"},
		{12737, "2004-11-15 00:00:00.0"},
		{2932896, "9999-12-31 00:00:00.0"},
		{-141427, "1582-10-15 00:00:00.0"}, // the first Gregorian day
		{-141428, "1582-10-04 00:00:00.0"}, // the last Julian one
		{-354219, "1000-03-02 00:00:00.0"}, // DATE(1000,3,2): Sat Mar 02 00:00:00 GMT 1000
		{-719150, "0001-01-15 00:00:00.0"}, // DATEVALUE("0001-01-15")
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, corpusTimestamp(tt.days*corpusMsPerDay)); diff != "" {
			t.Errorf("day %d (-want +got):\n%s", tt.days, diff)
		}
	}
	for _, tt := range []struct {
		ms   int64
		want string
	}{
		{-1, "1969-12-31 23:59:59.0"},
		{1132074000000, "2005-11-15 17:00:00.0"},
		{1132074000999, "2005-11-15 17:00:00.0"},
	} {
		if diff := cmp.Diff(tt.want, corpusTimestamp(tt.ms)); diff != "" {
			t.Errorf("instant %d (-want +got):\n%s", tt.ms, diff)
		}
	}
	for _, tt := range []struct {
		ms   int64
		want string
	}{{0, "00:00:00.000"}, {38455666, "10:40:55.666"}, {7200000, "02:00:00.000"}, {86399999, "23:59:59.999"}} {
		if diff := cmp.Diff(tt.want, corpusTimeOfDay(tt.ms)); diff != "" {
			t.Errorf("time %d (-want +got):\n%s", tt.ms, diff)
		}
	}
}

func TestCorpusRender(t *testing.T) {
	num := func(s string) Value {
		v, err := ParseNumber(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		typ  string
		v    Value
		want string
	}{
		{"Boolean", NullOf(Boolean), "false"},
		{"Boolean", BoolValue(true), "true"},
		{"Double", NullOf(Number), "null"},
		{"Double", num("1.50"), "1.50"},
		{"Percent", num("0.5"), "50"},
		{"Text", NullOf(Text), "null"},
		{"Text", TextValue("  Left "), "Left"},
		{"Text", TextValue(strings.Repeat("é", 1301)), strings.Repeat("é", 1300)},
		{"Text", TextValue(strings.Repeat("😀", 700)), strings.Repeat("😀", 650)},
		{"DateOnly", DateValue(time.Date(2005, 11, 15, 0, 0, 0, 0, time.UTC)), "2005-11-15 00:00:00.0"},
		{"DateOnly", DateTimeValue(time.Date(2005, 11, 15, 17, 0, 0, 0, time.UTC)), "2005-11-15 17:00:00.0"},
		{"DateTime", NullOf(DateTime), "null"},
		{"TimeOnly", TimeValue(38455666), "10:40:55.666"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, corpusRender(tt.typ, tt.v)); diff != "" {
			t.Errorf("corpusRender(%s, %v) (-want +got):\n%s", tt.typ, tt.v, diff)
		}
	}
}

func TestCorpusMatch(t *testing.T) {
	tests := []struct {
		typ, want, got string
		match          bool
	}{
		{"DateOnly", "Tue Nov 15 17:00:00 GMT 2005", "2005-11-15 17:00:00.0", true},
		{"DateOnly", "Tue Nov 15 00:00:00 GMT 2005", "2005-11-15 00:00:00.0", true},
		{"DateTime", "Tue Nov 15 00:00:00 GMT 2005", "2005-11-15 00:00:00.0", true},
		{"DateTime", "Tue Nov 15 00:00:00 GMT 2005", "2005-11-15 00:00:01.0", false},
		{"DateOnly", "Sat Mar 02 00:00:00 GMT 1000", corpusTimestamp(-354219 * corpusMsPerDay), true},
		{"Double", "25.00", "25.0", false},
		{"Double", "25.00", "25.00", true},
		{"Double", "0.00000000000000000000000000000000", "0", false},
		{"Double", "Error: java.lang.ArithmeticException", "Error: Division by zero", true},
		{"Double", "null", "Error: Division by zero", false},
		{"Double", "Error: java.lang.ArithmeticException", "null", false},
		{"Text", "null", "null", true},
		{"Text", "", "", true},
		{"Text", "a", "A", false},
		{"TimeOnly", "02:00", "02:00:00.000", true},
		{"TimeOnly", "10:40:55.666", "10:40:55.666", true},
		{"TimeOnly", "00:00:09", "00:00:09.001", false},
		{"Boolean", "false", "false", true},
		{"Boolean", "false", "true", false},
	}
	for _, tt := range tests {
		if got := corpusMatch(tt.typ, tt.want, tt.got); got != tt.match {
			t.Errorf("corpusMatch(%s, %q, %q) = %v, want %v", tt.typ, tt.want, tt.got, got, tt.match)
		}
	}
}

func TestCorpusFuncNames(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`IF(ISBLANK(a__c), "ROUND(x", /* MID( */ lower (b__c))`, []string{"IF", "ISBLANK", "LOWER"}},
		{`/* comment */ IF /* comment */(YEAR(TODAY()) = 2009, 0,0)`, []string{"IF", "TODAY", "YEAR"}},
		{`'it\'s MID(' & Text(1) & text(2)`, []string{"TEXT"}},
		{`a__c + (b__c * 2)`, nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, corpusFuncNames(tt.src)); diff != "" {
			t.Errorf("corpusFuncNames(%q) (-want +got):\n%s", tt.src, diff)
		}
	}
}

func TestCorpusKnownFile(t *testing.T) {
	old := &corpusKnown{
		Entries: map[corpusKey]string{{"testSin", 3, "formula"}: "last digit"},
		Groups:  map[string]string{"SIN": "double-precision trig differs in the last digit"},
	}
	failures := []corpusKnownFailure{
		{corpusKey{"testSin", 3, "formula"}, "SIN", "want 1, got 2"},
		{corpusKey{"testSin", 3, "formulaNullAsNull"}, "SIN", "want 1, got 2"},
		{corpusKey{"testAbs", 0, "formula"}, "ABS", ""},
	}
	var b strings.Builder
	if err := formatCorpusKnown(&b, failures, map[string]string{"SIN": "wrong value (2)", "ABS": "not implemented (1)"}, old); err != nil {
		t.Fatal(err)
	}
	wantTail := `
## ABS: not implemented (1)
testAbs#0 formula

## SIN: double-precision trig differs in the last digit
testSin#3 formula  # last digit
testSin#3 formulaNullAsNull  # want 1, got 2
`
	if diff := cmp.Diff(corpusKnownHeader+wantTail, b.String()); diff != "" {
		t.Errorf("formatCorpusKnown (-want +got):\n%s", diff)
	}
	got, err := parseCorpusKnown(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	want := &corpusKnown{
		Entries: map[corpusKey]string{
			{"testSin", 3, "formula"}:           "last digit",
			{"testSin", 3, "formulaNullAsNull"}: "want 1, got 2",
			{"testAbs", 0, "formula"}:           "",
		},
		Groups: map[string]string{"SIN": "double-precision trig differs in the last digit", "ABS": "not implemented (1)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseCorpusKnown (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		"testSin#3\n",
		"testSin formula\n",
		"testSin#x formula\n",
		"testSin#3 javascript\n",
		"testSin#3 formula\ntestSin#3 formula\n",
		"testSin#3 formula extra\n",
	} {
		if _, err := parseCorpusKnown(strings.NewReader(bad)); err == nil {
			t.Errorf("parseCorpusKnown(%q) accepted a malformed file", bad)
		}
	}
}

func TestCorpusRunCase(t *testing.T) {
	num := func(name string) corpus.Field { return corpus.Field{Name: name, DataType: "Double", Scale: 2} }
	row := func(i int, in []string, f, n string) corpus.Row {
		return corpus.Row{Index: i, Inputs: in, Outputs: []string{f, n},
			Expected: map[string]string{corpus.PathFormula: f, corpus.PathFormulaNullAsNull: n}}
	}
	paths := []string{corpus.PathFormula, corpus.PathFormulaNullAsNull}
	dateFormula := corpus.Field{Name: "customformula2", DataType: "DateOnly",
		Formula: "DATE(customnumber1__c,customnumber2__c,customnumber3__c)",
		Fields:  []corpus.Field{num("customnumber1"), num("customnumber2"), num("customnumber3")}}
	cases := []corpus.Case{
		{
			Name: "testSimpleRef", DataType: "Double", Formula: "customNumber1__c", Paths: paths,
			Fields: []corpus.Field{num("customnumber1")},
			Rows: []corpus.Row{
				row(0, []string{""}, "0", "null"),
				row(1, []string{" 12.50 "}, "12.50", "12.50"),
				row(2, []string{"NULL"}, "0", "null"),
			},
		},
		{
			Name: "testPercentRead", DataType: "Double", Formula: "custompercent1__c", Paths: paths,
			Fields: []corpus.Field{{Name: "custompercent1", DataType: "Percent"}},
			Rows:   []corpus.Row{row(0, []string{"50"}, "0.5", "0.5"), row(1, []string{"1000"}, "10", "10")},
		},
		{
			Name: "testPercentResult", DataType: "Percent", Formula: "custompercent1__c", Paths: paths,
			Fields: []corpus.Field{{Name: "custompercent1", DataType: "Percent"}},
			Rows:   []corpus.Row{row(0, []string{"12.5"}, "12.5", "12.5")},
		},
		{
			// The formula field is read only when neither checkbox is set,
			// and only then can its blank month fail.
			Name: "testIfORFunc", DataType: "DateOnly", Paths: paths,
			Formula: "IF(OR(customcheckbox1__c,customcheckbox2__c),customdate1__c,customformula2__c)",
			Fields: []corpus.Field{{Name: "customcheckbox1", DataType: "Boolean"}, {Name: "customcheckbox2", DataType: "Boolean"},
				{Name: "customdate1", DataType: "DateOnly"}, dateFormula},
			Rows: []corpus.Row{
				row(0, []string{"true", "", "2005:12:31", "2004", "", "20"},
					"Sat Dec 31 00:00:00 GMT 2005", "Sat Dec 31 00:00:00 GMT 2005"),
				row(1, []string{"FALSE", "false", "2005:12:31", "2004", "", "20"},
					"Error: com.force.formula.FormulaEvaluationException", "null"),
				row(2, []string{"false", "false", "2005:12:31", "2004", "2", "20"},
					"Fri Feb 20 00:00:00 GMT 2004", "Fri Feb 20 00:00:00 GMT 2004"),
			},
		},
		{
			// A Boolean formula field that computes null reads as false.
			Name: "testBooleanNull", DataType: "Boolean", Formula: "NOT(customformula1__c)", Paths: paths,
			Fields: []corpus.Field{{Name: "customformula1", DataType: "Boolean", Formula: "customdate1__c > customdate2__c",
				Fields: []corpus.Field{{Name: "customdate1", DataType: "DateOnly"}, {Name: "customdate2", DataType: "DateOnly"}}}},
			Rows: []corpus.Row{row(0, []string{"2005:12:31", ""}, "true", "true")},
		},
		{
			Name: "testMalformed", DataType: "Double", Formula: "customNumber1__c", Paths: paths,
			Fields: []corpus.Field{num("customnumber1")},
			Rows:   []corpus.Row{{Index: 0, Inputs: []string{"1", "2"}, Malformed: "2 inputs for 1 input fields"}},
		},
	}
	type result struct {
		Key    string
		Got    string
		Pass   bool
		Broken bool
	}
	var got []result
	for i := range cases {
		for _, path := range paths {
			for _, o := range runCorpusCase(&cases[i], path) {
				got = append(got, result{o.key.String(), o.got, o.pass, o.broken})
			}
		}
	}
	if len(got) != 22 {
		t.Fatalf("runCorpusCase gave %d outcomes, want 22: %v", len(got), got)
	}
	want := []result{
		{"testSimpleRef#0 formula", "0", true, false},
		{"testSimpleRef#1 formula", "12.50", true, false},
		{"testSimpleRef#2 formula", "0", true, false},
		{"testSimpleRef#0 formulaNullAsNull", "null", true, false},
		{"testSimpleRef#1 formulaNullAsNull", "12.50", true, false},
		{"testSimpleRef#2 formulaNullAsNull", "null", true, false},
		{"testPercentRead#0 formula", "0.5", true, false},
		{"testPercentRead#1 formula", "10", true, false},
		{"testPercentRead#0 formulaNullAsNull", "0.5", true, false},
		{"testPercentRead#1 formulaNullAsNull", "10", true, false},
		{"testPercentResult#0 formula", "12.5", true, false},
		{"testPercentResult#0 formulaNullAsNull", "12.5", true, false},
		{"testIfORFunc#0 formula", "2005-12-31 00:00:00.0", true, false},
		{"testIfORFunc#1 formula", got[13].Got, true, false}, // any error
		{"testIfORFunc#2 formula", "2004-02-20 00:00:00.0", true, false},
		{"testIfORFunc#0 formulaNullAsNull", "2005-12-31 00:00:00.0", true, false},
		{"testIfORFunc#1 formulaNullAsNull", "null", true, false},
		{"testIfORFunc#2 formulaNullAsNull", "2004-02-20 00:00:00.0", true, false},
		{"testBooleanNull#0 formula", "true", true, false},
		{"testBooleanNull#0 formulaNullAsNull", "true", true, false},
		{"testMalformed#0 formula", "harness: malformed row: 2 inputs for 1 input fields", false, true},
		{"testMalformed#0 formulaNullAsNull", "harness: malformed row: 2 inputs for 1 input fields", false, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("runCorpusCase (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(got[13].Got, "Error: ") {
		t.Errorf("testIfORFunc#1 formula = %q, want an error", got[13].Got)
	}
}
