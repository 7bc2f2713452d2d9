package eval

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/credscope/credscope/formula"
	"github.com/google/go-cmp/cmp"
)

// testSecret is not a valid regular expression, a number or a date, and
// holds quotes and spaces, so that every error path that could quote it
// is taken.
const testSecret = `hunter2(SECRET "x y'`

// secretForms lists the secret and the derivations of it that a careless
// message could show: every output is checked against each.
func secretForms(secret string) []string {
	return []string{
		secret,
		strings.ToUpper(secret),
		strings.ToLower(secret),
		base64.StdEncoding.EncodeToString([]byte(secret)),
		hex.EncodeToString([]byte(secret)),
		fmt.Sprintf("%q", secret),
		"hunter2", "HUNTER2", "SECRET",
	}
}

// leak returns the first form of the secret that out shows, or "".
func leak(out string) string {
	for _, f := range secretForms(testSecret) {
		if strings.Contains(out, f) {
			return f
		}
	}
	return ""
}

// secretSchema declares a secret credential parameter and a field of each
// type that a secret can be copied into.
func secretSchema(t *testing.T) (*Schema, *Values) {
	t.Helper()
	s := NewSchema()
	for name, typ := range map[string]Type{"Copy__c": Text, "Num__c": Number} {
		if _, err := s.Declare(name, typ, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Declare("$Credential.Api.Password", Text, true); err != nil {
		t.Fatal(err)
	}
	vals := s.NewValues()
	if err := vals.SetText("$Credential.Api.Password", testSecret); err != nil {
		t.Fatal(err)
	}
	return s, vals
}

// TestSecretsInErrors evaluates formulas whose every error quotes a value
// derived from the secret: the message says what failed, never the value.
func TestSecretsInErrors(t *testing.T) {
	const pw = "$Credential.Api.Password"
	tests := []struct{ src, want string }{
		{`REGEX("x", ` + pw + `)`, "Invalid regular expression for function 'REGEX()': the pattern derives from a secret and is not shown"},
		{`REGEX("x", "(" & UPPER(` + pw + `))`, "Invalid regular expression for function 'REGEX()': the pattern derives from a secret and is not shown"},
		{`DATEVALUE("2024-" & ` + pw + `)`, `Unparseable date: "********"`},
		{`TIMEVALUE(` + pw + `)`, `Invalid time format: "********"`},
		{`HEX(HASH(` + pw + `, "x"))`, "Unsupported algorithm '********' for function 'HASH()'. Use SHA-256"},
		{`HEX(HMAC(LOWER(` + pw + `), "x", "k"))`, "Unsupported algorithm '********' for function 'HMAC()'. Use HMAC-SHA256"},
		{`HEX(SIGN("RSA-SHA256", "x", ` + pw + `))`, "********"},
		{`LPAD("x", 131073 + LEN(` + pw + `))`, "Expected a length of at most 131072, received ********"},
		{`TEXT(DISTANCE(GEOLOCATION(1, 2), GEOLOCATION(1, 2), ` + pw + `))`, "Invalid unit for function 'DISTANCE()': use 'mi' or 'km'"},
		{`DISTANCE(GEOLOCATION(100 + LEN(` + pw + `), 0), GEOLOCATION(0, 0), "km")`, "Latitude out of range: ********"},
	}
	schema, vals := secretSchema(t)
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := Compile(tt.src, schema, Options{})
			if err == nil {
				_, err = prog.Eval(vals, Env{})
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, out := range []string{err.Error(), formula.Render(err), fmt.Sprintf("%+v", err)} {
				if f := leak(out); f != "" {
					t.Errorf("the error shows %q:\n%s", f, out)
				}
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to hold %q", err.Error(), tt.want)
			}
		})
	}
}

// TestSecrecyFollowsValue copies a secret into fields not declared secret,
// as a REPL's :set does: every result that reads the copy is secret, and
// errors about it show nothing of it.
func TestSecrecyFollowsValue(t *testing.T) {
	schema, vals := secretSchema(t)
	copyProg, err := Compile(`$Credential.Api.Password`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	secret, err := copyProg.Eval(vals, Env{})
	if err != nil {
		t.Fatal(err)
	}
	if err := vals.Set("Copy__c", secret); err != nil {
		t.Fatal(err)
	}
	lenProg, err := Compile(`LEN($Credential.Api.Password)`, schema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n, err := lenProg.Eval(vals, Env{})
	if err != nil {
		t.Fatal(err)
	}
	if err := vals.Set("Num__c", n); err != nil {
		t.Fatal(err)
	}
	plain := vals.Clone()
	if err := plain.SetText("Copy__c", "Sales"); err != nil {
		t.Fatal(err)
	}
	if err := plain.Set("Num__c", IntValue(7)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src     string
		want    string // the result, or the error
		isError bool
	}{
		{src: `Copy__c & "x"`, want: Redacted},
		{src: `UPPER(Copy__c)`, want: Redacted},
		{src: `Num__c * 2`, want: Redacted},
		{src: `LEN(Copy__c) > 3`, want: Redacted},
		{src: `REGEX("x", Copy__c)`, want: "the pattern derives from a secret and is not shown", isError: true},
		{src: `DATEVALUE(Copy__c)`, want: "Invalid year for DATEVALUE function", isError: true},
		{src: `TIMEVALUE(Copy__c)`, want: `Invalid time format: "********"`, isError: true},
		{src: `LPAD("x", Num__c * 100000)`, want: "received ********", isError: true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := Compile(tt.src, schema, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !prog.Secret(vals) {
				t.Error("Secret(vals) is false for a program reading a copy of a secret")
			}
			v, err := prog.Eval(vals, Env{})
			var got string
			if tt.isError {
				if err == nil {
					t.Fatalf("no error; got %v", v)
				}
				got = err.Error()
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if !v.Secret() {
					t.Error("the value is not secret")
				}
				got = fmt.Sprintf("%v", v)
				for _, out := range []string{fmt.Sprintf("%q", v), fmt.Sprintf("%s", v), v.String()} {
					if f := leak(out); f != "" {
						t.Errorf("the value prints %q: %s", f, out)
					}
				}
			}
			if f := leak(got); f != "" {
				t.Errorf("shows %q: %s", f, got)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to hold %q", got, tt.want)
			}
			// The same program over values without the copy is not secret.
			if prog.Secret(plain) {
				t.Error("Secret is true for values that hold no secret")
			}
		})
	}
}

// TestSetKeepsSecrecy checks Values.Set and Get directly.
func TestSetKeepsSecrecy(t *testing.T) {
	schema, vals := secretSchema(t)
	v, err := vals.Get("$Credential.Api.Password")
	if err != nil {
		t.Fatal(err)
	}
	if err := vals.Set("Copy__c", v); err != nil {
		t.Fatal(err)
	}
	got, err := vals.Get("Copy__c")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([2]any{true, Redacted}, [2]any{got.Secret(), got.String()}); diff != "" {
		t.Errorf("Copy__c after Set (-want +got):\n%s", diff)
	}
	if !vals.Clone().tainted {
		t.Error("Clone loses the taint")
	}
	if err := vals.SetString("$Credential.Api.Password", "x"); err != nil {
		t.Fatal(err)
	}
	_ = schema
}

// TestParseErrorsMaskSecrets checks that reading a secret field's text
// never quotes it.
func TestParseErrorsMaskSecrets(t *testing.T) {
	s := NewSchema()
	if _, err := s.Declare("$Credential.Api.Pin", Text, true); err != nil {
		t.Fatal(err)
	}
	if _, err := parseValue(Number, testSecret, true); err == nil || leak(err.Error()) != "" {
		t.Errorf("parseValue of a secret: %v", err)
	}
	if _, err := parseValue(Date, testSecret, true); err == nil || leak(err.Error()) != "" {
		t.Errorf("parseValue of a secret: %v", err)
	}
	if _, err := ParseValue(Number, "12x\x1b[2J"); err == nil || strings.ContainsRune(err.Error(), 0x1b) {
		t.Errorf("ParseValue of a control character: %v", err)
	}
}
