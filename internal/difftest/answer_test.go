package difftest

import (
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/google/go-cmp/cmp"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		typ  eval.Type
		in   string
		null bool
		want string
	}{
		{eval.Text, "", true, `""`},
		{eval.Text, "", false, `""`},
		{eval.Text, "a\tb", false, `"a\tb"`},
		{eval.Text, "\xed\xa0\xbd", false, `"?"`}, // a lone high surrogate
		{eval.Text, "a\xffb", false, "\"a\ufffdb\""},
		{eval.Number, "1.50", false, "1.5"},
		{eval.Number, "-0.000", false, "0"},
		{eval.Number, "1E+3", false, "1000"},
		{eval.Number, "0.33333333333333333333333333333333", false, "0.33333333333333333333333333333333"},
		{eval.Number, "", true, "null"},
		{eval.Boolean, "", true, "false"},
		{eval.Boolean, "true", false, "true"},
		{eval.Date, "2020-02-29", false, "2020-02-29"},
		{eval.DateTime, "2020-02-29T10:00:00.000Z", false, "2020-02-29T10:00:00.000Z"},
		{eval.Time, "10:00", false, "10:00:00.000"},
		{eval.Time, "10:00:05", false, "10:00:05.000"},
		{eval.Time, "10:00:05.12", false, "10:00:05.120"},
		{eval.Time, "", true, "null"},
	}
	for _, tt := range tests {
		got, err := Canonical(tt.typ, tt.in, tt.null)
		if err != nil {
			t.Errorf("Canonical(%v, %q, %v): %v", tt.typ, tt.in, tt.null, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Canonical(%v, %q, %v) = %s, want %s", tt.typ, tt.in, tt.null, got, tt.want)
		}
	}
	for _, bad := range []struct {
		typ eval.Type
		in  string
	}{{eval.Number, "abc"}, {eval.Time, "10"}} {
		if got, err := Canonical(bad.typ, bad.in, false); err == nil {
			t.Errorf("Canonical(%v, %q) = %s, want an error", bad.typ, bad.in, got)
		}
	}
}

func TestAgree(t *testing.T) {
	v := func(s string) Answer { return Answer{Value: s} }
	e := func(s string) Answer { return Answer{Err: s} }
	tests := []struct {
		x, y Answer
		want bool
	}{
		{v("1"), v("1"), true},
		{v("1"), v("2"), false},
		{e("Division by zero"), e("ArithmeticException: Division by zero"), true},
		{e("x"), v("1"), false},
		{e("Incorrect parameter value for function 'RPAD()'"), e("TIMEOUT (java engine did not finish in 5s)"), false},
		{e("TIMEOUT (java engine did not finish in 5s)"), e("TIMEOUT (java engine did not finish in 5s)"), false},
		{Answer{Err: "boom", Panic: true}, Answer{Err: "boom", Panic: true}, false},
	}
	for _, tt := range tests {
		if got := Agree(tt.x, tt.y); got != tt.want {
			t.Errorf("Agree(%+v, %+v) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

// credscope's answers in canonical form, including dates before the
// Gregorian reform, which Java prints in the Julian calendar.
func TestEvalCredscope(t *testing.T) {
	tests := []struct{ c, want string }{
		{`DATE(1, 6, 1)`, "0001-06-01"},
		{`DATE(1582, 10, 15) - 1`, "1582-10-04"},
		{`DATETIMEVALUE("2020-01-02 03:04:05")`, "2020-01-02T03:04:05.000Z"},
		{`TIMEVALUE("10:00:00.000")`, "10:00:00.000"},
		{`1/0`, "error"},
		{`{N Number null} N + 1`, "1"},
		{`blank-as-blank {N Number null} N + 1`, "null"},
		{`{T Text null} T & "x"`, `"x"`},
		{`{D DateTime "2020-01-01 10:00:00"} D + 0.5`, "2020-01-01T22:00:00.000Z"},
	}
	for _, tt := range tests {
		c, err := ParseCase(tt.c)
		if err != nil {
			t.Fatal(err)
		}
		if got := EvalCredscope(c).String(); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.c, got, tt.want)
		}
	}
}

func TestCaseNotation(t *testing.T) {
	c := &Case{Formula: `IF(F, T & "a, b", TEXT(N))`, Type: eval.Text, BlankAsBlank: true, Fields: []Field{
		{Name: "F", Type: eval.Boolean, Value: "true"},
		{Name: "T", Type: eval.Text, Value: `x, "y"`},
		{Name: "N", Type: eval.Number, Null: true},
	}}
	s := c.String()
	if want := `blank-as-blank {F Boolean "true", T Text "x, \"y\"", N Number null} IF(F, T & "a, b", TEXT(N))`; s != want {
		t.Errorf("String() = %s, want %s", s, want)
	}
	back, err := ParseCase(s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, back); diff != "" {
		t.Errorf("ParseCase(String()) differs (-want +got):\n%s", diff)
	}
	for _, bad := range []string{`{N Number null N`, `{N Numbr null} N`, `{N Number 5} N`, `{N} N`} {
		if _, err := ParseCase(bad); err == nil {
			t.Errorf("ParseCase(%q) succeeded, want an error", bad)
		}
	}
}

// The driver reads no date-time or time values: they go into the formula
// as conversions of text fields, which keep BLANKVALUE running as of a
// field.
func TestToOracle(t *testing.T) {
	c, err := ParseCase(`blank-as-blank {Stamp1 DateTime "2020-01-02 03:04:05", Clock1 Time null, Stamp2 DateTime null, Num1 Number "2"} BLANKVALUE(Stamp1, Stamp2) + Num1 & TEXT(Clock1)`)
	if err != nil {
		t.Fatal(err)
	}
	got := toOracle("7", c)
	v := func(s string) *string { return &s }
	want := oracleCase{
		ID: "7", RType: "Text", NullAsNull: true,
		F: `BLANKVALUE(DATETIMEVALUE(DifftestStamp1), Stamp2) + Num1 & TEXT(TIMEVALUE(DifftestClock1))`,
		Fields: map[string]oracleField{
			"DifftestStamp1": {T: "Text", V: v("2020-01-02 03:04:05")},
			"DifftestClock1": {T: "Text"},
			"Stamp2":         {T: "DateTime"},
			"Num1":           {T: "Number", V: v("2")},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("toOracle (-want +got):\n%s", diff)
	}
}
