package eval

import (
	"fmt"
	"testing"
	"time"

	"github.com/credscope/credscope/formula"
)

// fuzzSchema declares a field of every type.
func fuzzSchema() *Schema {
	s := NewSchema()
	for name, t := range map[string]Type{
		"Text__c": Text, "Num__c": Number, "Bool__c": Boolean, "Day__c": Date,
		"Stamp__c": DateTime, "Clock__c": Time, "Blob__c": Blob,
	} {
		s.mustDeclare(name, t, false)
	}
	s.mustDeclare("Copy__c", Text, false) // holds a copy of the secret
	s.mustDeclare("$Credential.Api.Password", Text, true)
	s.mustDeclare("$Permission.Admin", Boolean, false)
	return s
}

// FuzzEval compiles arbitrary formulas against fields of every type and
// evaluates them with arbitrary values, in both blank modes. Nothing may
// panic; a successful evaluation must produce a value of the checked type.
// The secret, testSecret, is not a valid pattern, number or date and holds
// quotes and spaces; Copy__c holds a copy of it, as a REPL's :set makes.
// No output (compile errors, runtime errors, the value however printed)
// may show it or an obvious derivation of it.
func FuzzEval(f *testing.F) {
	for _, seed := range []string{
		seedScope,
		`Text(FLOOR((NOW() - DATETIMEVALUE("1970-01-01 00:00:00")) * 86400 + 120))`,
		`IF(Bool__c, Num__c * 2 ^ 3, -Num__c / 7)`,
		`CASE(Text__c, "a", Day__c + 1, "b", Day__c - 30, Day__c)`,
		`LPAD(Text__c, Num__c, "xy") & MID(Text__c, Num__c, 3)`,
		`Stamp__c - DATETIMEVALUE(Text__c) > Num__c`,
		`Clock__c + Num__c`,
		`BLANKVALUE(Text__c, $Credential.Api.Password) & TEXT(Num__c)`,
		`IFERROR(VALUE(Text__c), ROUND(Num__c, -2))`,
		`AND($Permission.Admin, NOT(ISBLANK(Text__c))) || Num__c >= 1E3`,
		`REGEX("x", $Credential.Api.Password)`,
		`REGEX(Text__c, Copy__c & "(")`,
		`DATEVALUE(Copy__c) + LEN($Credential.Api.Password)`,
		`LPAD(Copy__c, 2000000 + LEN(Copy__c))`,
		`HEX(HMAC(Copy__c, "v", "k"))`,
	} {
		f.Add(seed, "Sales", "12.5", true, int64(19000), int64(1700000000000), int64(3600000))
	}
	schema := fuzzSchema()
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src, text, num string, b bool, days, stamp, ms int64) {
		vals := schema.NewValues()
		_ = vals.SetText("Text__c", text)
		_ = vals.SetString("Num__c", num)
		_ = vals.Set("Bool__c", BoolValue(b))
		_ = vals.Set("Day__c", Value{typ: Date, valid: true, i64: days % 3_000_000})
		_ = vals.Set("Stamp__c", Value{typ: DateTime, valid: true, i64: stamp % (3_000_000 * msPerDay)})
		_ = vals.Set("Clock__c", TimeValue(ms))
		_ = vals.Set("Blob__c", BlobValue([]byte(text)))
		_ = vals.SetText("$Credential.Api.Password", testSecret)
		secret, _ := vals.Get("$Credential.Api.Password")
		_ = vals.Set("Copy__c", secret)
		// A form of the secret that the input itself holds may show.
		check := leak(src+text+num) == ""
		noLeak := func(what, out string) {
			if f := leak(out); check && f != "" {
				t.Fatalf("%q: %s shows %q of the secret:\n%s", src, what, f, out)
			}
		}
		for _, blank := range []bool{false, true} {
			prog, err := Compile(src, schema, Options{BlankAsBlank: blank})
			if err != nil {
				noLeak("the compile error", formula.Render(err))
				continue
			}
			v, err := prog.Eval(vals, Env{Now: func() time.Time { return clock }})
			if err != nil {
				noLeak("the error", formula.Render(err))
				continue
			}
			if v.Type() != prog.Type() && !(prog.Type() == Null) {
				t.Fatalf("%q: checked as %v, evaluated to %v", src, prog.Type(), v.Type())
			}
			noLeak("the value", fmt.Sprintf("%v %s %q %+v %#v", v, v, v, v, v))
			if v.Secret() && v.String() != Redacted {
				t.Fatalf("%q: a secret value printed", src)
			}
			if prog.Secret(vals) != v.Secret() {
				t.Fatalf("%q: Secret(vals) is %v, the value's secrecy %v", src, prog.Secret(vals), v.Secret())
			}
		}
	})
}
