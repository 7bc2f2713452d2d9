package eval

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/go-cmp/cmp"
)

// span renders a traced run: "text" for the formula's own text,
// "text<-sources via F()" for derived text.
func spanStrings(t Traced) []string {
	var out []string
	for _, sp := range t.Spans {
		s := t.Value.Text()[sp.Start:sp.End]
		if sp.Derived() {
			s += "<-" + strings.Join(sp.Sources, ",")
			if sp.Via != "" {
				s += " via " + sp.Via
			}
		}
		out = append(out, s)
	}
	return out
}

func TestEvalTrace(t *testing.T) {
	schema := NewSchema()
	if _, err := schema.Declare("$User.Level__c", Number, false); err != nil {
		t.Fatal(err)
	}
	vals := schema.NewValues()
	for name, v := range map[string]string{
		"$User.Department": "Sales Ops", "$User.Title": "lead", "$User.Level__c": "7",
		"$User.LastLoginDate": "2024-01-01T10:00:00Z",
	} {
		if err := vals.SetString(name, v); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		src  string
		want []string
	}{
		{`"r:" & $User.Department & " x"`, []string{"r:", "Sales Ops<-$User.Department", " x"}},
		{`"r:" + LOWER($User.Department)`, []string{"r:", "sales ops<-$User.Department via LOWER()"}},
		{`IF($User.Title = "lead", "a b", $User.Title)`, []string{"a b"}},
		{`IF($User.Title = "x", "a b", $User.Title)`, []string{"lead<-$User.Title"}},
		{`CASE($User.Title, "x", "1", "lead", "two words", $User.Department)`, []string{"two words"}},
		{`CASE($User.Title, "x", "1", $User.Department)`, []string{"Sales Ops<-$User.Department"}},
		{`IFS(ISBLANK($User.Title), "a", $User.Title = "lead", "b c", $User.Department)`, []string{"b c"}},
		{`IFS(ISBLANK($User.Title), "a", $User.Department)`, []string{"Sales Ops<-$User.Department"}},
		{`BLANKVALUE($User.Email, "none here")`, []string{"none here"}},
		{`BLANKVALUE($User.Title, "none")`, []string{"lead<-$User.Title"}},
		{`NULLVALUE($User.Title, "none")`, []string{"lead<-$User.Title"}},
		{`UPPER(IF($User.Title = "lead", "a b", $User.Title))`, []string{"A B"}},
		{`UPPER(IF($User.Title = "x", "a b", $User.Title))`, []string{"LEAD<-$User.Title via UPPER()"}},
		{`"n:" & TEXT($User.Level__c + 1)`, []string{"n:", "8<-$User.Level__c via TEXT()"}},
		{`"t:" & TEXT($User.LastLoginDate)`, []string{"t:", "2024-01-01 10:00:00Z<-$User.LastLoginDate via TEXT()"}},
		{`SUBSTITUTE($User.Department, " ", $User.Title)`, []string{"SalesleadOps<-$User.Department,$User.Title via SUBSTITUTE()"}},
		{`IF(TRUE, "a", $User.Title) & IF(FALSE, "a", $User.Title)`, []string{"a", "lead<-$User.Title"}},
		{`"a" & "b c" & TEXT(1 + 2)`, []string{"ab c3"}},
		{`"t:" & TEXT(YEAR(TODAY()))`, []string{"t:", "2026<-TODAY() via TEXT()"}},
		// Calls that compile to an argument's node: the argument's choice
		// is its own, not the call's.
		{`IF(TRUE, CASE($User.Title, "x", "1", "lead", "two words", $User.Department), "z")`, []string{"two words"}},
		{`NULLVALUE(IF($User.Title = "x", "a", $User.Title), "z")`, []string{"lead<-$User.Title"}},
		{`NULLVALUE(IFS($User.Title = "lead", "a b", $User.Department), "z")`, []string{"a b"}},
		// A bare expression that is not a template: the same rule.
		{`$User.Title`, []string{"lead<-$User.Title"}},
	}
	opts := Options{Trace: true, Result: Text}
	env := Env{Now: func() time.Time { return time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) }}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := Compile(tt.src, schema, opts)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := prog.EvalTrace(vals, env)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, spanStrings(tr)); diff != "" {
				t.Errorf("spans (-want +got):\n%s", diff)
			}
			v, err := prog.Eval(vals, env)
			if err != nil || v.Text() != tr.Value.Text() {
				t.Errorf("Eval = %q, %v; EvalTrace = %q", v.Text(), err, tr.Value.Text())
			}
		})
	}
	t.Run("template", func(t *testing.T) {
		prog, err := CompileField(`read {!$User.Title} n:{!$User.Level__c} {!IF(TRUE, "x", "y")}`, schema, opts)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := prog.EvalTrace(vals, env)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"read ", "lead<-$User.Title", " n:", "7<-$User.Level__c via TEXT()", " x"}
		if diff := cmp.Diff(want, spanStrings(tr)); diff != "" {
			t.Errorf("spans (-want +got):\n%s", diff)
		}
	})
}

func TestEvalTraceRefuses(t *testing.T) {
	schema := NewSchema()
	vals := schema.NewValues()
	plain, err := Compile(`"a" & $User.Title`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.EvalTrace(vals, Env{}); err == nil || !strings.Contains(err.Error(), "without Options.Trace") {
		t.Errorf("EvalTrace without Trace: %v", err)
	}
	num, err := Compile(`1 + 2`, schema, Options{Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := num.EvalTrace(vals, Env{}); err == nil {
		t.Errorf("EvalTrace of a Number program succeeded")
	}
	failing, err := Compile(`"a" & TEXT(DATEVALUE($User.Title))`, schema, Options{Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := vals.SetText("$User.Title", "not a date"); err != nil {
		t.Fatal(err)
	}
	if _, err := failing.EvalTrace(vals, Env{}); err == nil {
		t.Errorf("EvalTrace of a failing program succeeded")
	}
}

// TestAlphabets checks the alphabets the static analysis relies on: every
// character URLENCODE, HEX and BASE64ENCODE return, and every character
// TEXT() prints for a value of each type, is in the declared alphabet.
func TestAlphabets(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randText := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune([]rune(" aZ9+%\"\\é\u00a0\t~-_.*/=:𝄞")[rng.IntN(17)])
		}
		return b.String()
	}
	check := func(what, out, alphabet string) {
		t.Helper()
		for _, r := range out {
			if !strings.ContainsRune(alphabet, r) {
				t.Fatalf("%s gives %q, whose %q is not in its alphabet %q", what, out, r, alphabet)
			}
		}
	}
	for name, enc := range map[string]func(string) string{"URLENCODE": urlEncode, "HEX": func(s string) string {
		dst := make([]byte, 2*len(s))
		hexEncode(dst, []byte(s))
		return string(dst)
	}} {
		f, _ := LookupFunc(name)
		for range 500 {
			check(name, enc(randText()), f.Alphabet)
		}
	}
	b64, _ := LookupFunc("BASE64ENCODE")
	prog, err := Compile(`BASE64ENCODE(BLOB($User.Title))`, NewSchema(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	vals := prog.schema.NewValues()
	for range 500 {
		if err := vals.SetText("$User.Title", randText()); err != nil {
			t.Fatal(err)
		}
		v, err := prog.Eval(vals, Env{})
		if err != nil {
			t.Fatal(err)
		}
		check("BASE64ENCODE", v.Text(), b64.Alphabet)
	}
	for range 2000 {
		var d apd.Decimal
		d.SetFinite(rng.Int64N(1<<62)-1<<61, -int32(rng.IntN(40))+20)
		check("TEXT(Number)", textOf(NumberValue(&d)), typeAlphabet(Number))
		ms := rng.Int64N(1<<50) - 1<<49
		check("TEXT(Date)", textOf(Value{typ: Date, valid: true, i64: ms / msPerDay}), typeAlphabet(Date))
		check("TEXT(DateTime)", textOf(Value{typ: DateTime, valid: true, i64: ms}), typeAlphabet(DateTime))
		check("TEXT(Time)", textOf(TimeValue(ms)), typeAlphabet(Time))
		check("TEXT(Boolean)", textOf(BoolValue(ms%2 == 0)), typeAlphabet(Boolean))
	}
}

// TestEvalTraceSecret keeps a traced result secret when a field it reads
// holds a secret value: secrecy follows the value.
func TestEvalTraceSecret(t *testing.T) {
	schema := NewSchema()
	if _, err := schema.Declare("$Credential.Api.Password", Text, true); err != nil {
		t.Fatal(err)
	}
	vals := schema.NewValues()
	if err := vals.SetText("$Credential.Api.Password", "hunter2"); err != nil {
		t.Fatal(err)
	}
	copyProg, err := Compile(`$Credential.Api.Password`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	secret, err := copyProg.Eval(vals, Env{})
	if err != nil {
		t.Fatal(err)
	}
	if err := vals.Set("$User.Department", secret); err != nil {
		t.Fatal(err)
	}
	prog, err := Compile(`"r:" & $User.Department`, schema, Options{Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := prog.EvalTrace(vals, Env{})
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Value.Secret() {
		t.Errorf("EvalTrace of a copied secret is not secret")
	}
}

// BenchmarkEvalTrace measures what provenance costs during composition:
// the seed scope formula traced, beside Eval of the same program.
func BenchmarkEvalTrace(b *testing.B) {
	schema := NewSchema()
	prog, err := Compile(seedScope, schema, Options{Result: Text, Trace: true})
	if err != nil {
		b.Fatal(err)
	}
	vals := schema.NewValues()
	if err := vals.SetText("$User.Department", "Sales"); err != nil {
		b.Fatal(err)
	}
	b.Run("Eval", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := prog.Eval(vals, Env{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EvalTrace", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := prog.EvalTrace(vals, Env{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestCharsFrom checks the functions declared to keep their arguments'
// characters: on ASCII text, every character of the result is in the
// declared arguments or among the characters the function adds.
func TestCharsFrom(t *testing.T) {
	schema := NewSchema()
	if _, err := schema.Declare("$User.Level__c", Number, false); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	ascii := func() string {
		b := make([]byte, rng.IntN(8))
		for i := range b {
			b[i] = byte(0x20 + rng.IntN(0x5f))
		}
		return string(b)
	}
	type call struct {
		src  string
		args []string // the fields each argument reads
	}
	tl, dept, mail := "$User.Title", "$User.Department", "$User.Email"
	calls := map[string]call{
		"LEFT": {`LEFT($User.Title, $User.Level__c)`, []string{tl, ""}}, "RIGHT": {`RIGHT($User.Title, $User.Level__c)`, []string{tl, ""}},
		"MID": {`MID($User.Title, $User.Level__c, 3)`, []string{tl, "", ""}}, "SUBSTR": {`SUBSTR($User.Title, $User.Level__c)`, []string{tl, ""}},
		"TRIM": {`TRIM($User.Title)`, []string{tl}}, "REVERSE": {`REVERSE($User.Title)`, []string{tl}},
		"SUBSTITUTE": {`SUBSTITUTE($User.Title, $User.Department, $User.Email)`, []string{tl, dept, mail}},
		"LPAD":       {`LPAD($User.Title, $User.Level__c, $User.Email)`, []string{tl, "", mail}},
		"RPAD":       {`RPAD($User.Title, $User.Level__c)`, []string{tl, ""}},
	}
	for name, cl := range calls {
		src := cl.src
		f, _ := LookupFunc(name)
		if f.chars == nil {
			t.Fatalf("%s declares no chars", name)
		}
		prog, err := Compile(src, schema, Options{})
		if err != nil {
			t.Fatal(err)
		}
		from, adds := f.chars(len(cl.args))
		vals := schema.NewValues()
		for range 300 {
			text := map[string]string{tl: ascii(), dept: string(rune('a' + rng.IntN(3))), mail: ascii()}
			for k, v := range text {
				if err := vals.SetText(k, v); err != nil {
					t.Fatal(err)
				}
			}
			if err := vals.SetString("$User.Level__c", strconv.Itoa(rng.IntN(12)-2)); err != nil {
				t.Fatal(err)
			}
			v, err := prog.Eval(vals, Env{})
			if err != nil {
				continue
			}
			allowed := adds
			for _, i := range from {
				allowed += text[cl.args[i]]
			}
			for _, r := range v.Text() {
				if !strings.ContainsRune(allowed, r) {
					t.Fatalf("%s gives %q, whose %q is in no declared argument", src, v.Text(), r)
				}
			}
		}
	}
}
