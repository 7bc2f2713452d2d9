package eval

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/credscope/credscope/formula"
	"github.com/google/go-cmp/cmp"
)

// cmCredSchema declares the fields the credential tests read.
func cmCredSchema(t testing.TB) *Schema {
	t.Helper()
	s := NewSchema()
	for _, f := range []struct {
		name   string
		typ    Type
		secret bool
	}{
		{"$Credential.myExternalCredential.Username", Text, true},
		{"$Credential.myExternalCredential.Password", Text, true},
		{"$Credential.myExternalCredential.Body", Blob, true},
		{"Alg__c", Text, false},
		{"Text__c", Text, false},
		{"Bytes__c", Blob, false},
		{"Num__c", Number, false},
	} {
		if _, err := s.Declare(f.name, f.typ, f.secret); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// cmEval compiles src with opts and evaluates it with the keys of env. It returns the result as
// Value.String prints it, or "compile: MESSAGE" or "runtime: MESSAGE".
func cmEval(t testing.TB, src string, schema *Schema, opts Options, env Env, set map[string]Value) (string, Value) {
	t.Helper()
	prog, err := Compile(src, schema, opts)
	if err != nil {
		var el formula.ErrorList
		if errors.As(err, &el) && len(el) > 0 {
			return "compile: " + el[0].Msg, Value{}
		}
		return "compile: " + err.Error(), Value{}
	}
	vals := schema.NewValues()
	for name, v := range set {
		if err := vals.Set(name, v); err != nil {
			t.Fatal(err)
		}
	}
	v, err := prog.Eval(vals, env)
	if err != nil {
		var fe *formula.Error
		if errors.As(err, &fe) {
			return "runtime: " + fe.Msg, Value{}
		}
		return "runtime: " + err.Error(), Value{}
	}
	return v.String(), v
}

type cmCase struct {
	src  string
	set  map[string]Value
	want string
}

func cmRun(t *testing.T, schema *Schema, opts Options, tests []cmCase) {
	t.Helper()
	for _, tt := range tests {
		got, _ := cmEval(t, tt.src, schema, opts, Env{}, tt.set)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s with %v (-want +got):\n%s", tt.src, tt.set, diff)
		}
	}
}

func cmHexBlob(s string) Value {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return BlobValue(b)
}

func TestEncodingFunctions(t *testing.T) {
	cmRun(t, cmCredSchema(t), Options{}, []cmCase{
		// BLOB and BASE64ENCODE: RFC 4648 test vectors.
		{src: `BASE64ENCODE(BLOB("f"))`, want: "Zg=="},
		{src: `BASE64ENCODE(BLOB("fo"))`, want: "Zm8="},
		{src: `BASE64ENCODE(BLOB("foo"))`, want: "Zm9v"},
		{src: `BASE64ENCODE(BLOB("foobar"))`, want: "Zm9vYmFy"},
		{src: `BASE64ENCODE(BLOB("é✓"))`, want: "w6ninJM="},
		{src: `BASE64ENCODE(BLOB(""))`, want: "null"},
		{src: `BASE64ENCODE(NULL)`, want: "null"},
		{src: `BASE64ENCODE(BLOB(Text__c))`, want: "null"},
		{src: `BASE64ENCODE(Bytes__c)`, set: map[string]Value{"Bytes__c": cmHexBlob("00ff10")}, want: "AP8Q"},
		{src: `BLOB("abc")`, want: "YWJj"}, // a Blob prints in base64
		// BASE64DECODE: padding optional, white space skipped.
		{src: `HEX(BASE64DECODE("3q2+7w=="))`, want: "deadbeef"},
		{src: `HEX(BASE64DECODE("3q2+7w"))`, want: "deadbeef"},
		{src: `HEX(BASE64DECODE("3q2+ 7w== "))`, want: "deadbeef"},
		{src: `BASE64DECODE(Text__c)`, set: map[string]Value{"Text__c": TextValue("Zm9vYmFy")}, want: "Zm9vYmFy"},
		{src: `BASE64DECODE("")`, want: "null"},
		{src: `BASE64DECODE("====")`, want: "null"},
		{src: `BASE64DECODE("3q2-7w")`, want: "runtime: Invalid base64 text for function 'BASE64DECODE()'"},
		{src: `BASE64DECODE("a")`, want: "runtime: Invalid base64 text for function 'BASE64DECODE()'"},
		{src: `BASE64ENCODE(BASE64DECODE("SGVsbG8sIHdvcmxkIQ=="))`, want: "SGVsbG8sIHdvcmxkIQ=="},
		// HEX is lower-case base-16.
		{src: `HEX(BLOB("Hi!"))`, want: "486921"},
		{src: `HEX(Bytes__c)`, set: map[string]Value{"Bytes__c": cmHexBlob("00ABCDEF")}, want: "00abcdef"},
		{src: `HEX(NULL)`, want: "null"},
		// Blob and Text are distinct types.
		{src: `BASE64ENCODE("text")`, want: "compile: Incorrect parameter type for function 'BASE64ENCODE()'. Expected Blob, received Text"},
		{src: `HEX(Text__c)`, want: "compile: Incorrect parameter type for function 'HEX()'. Expected Blob, received Text"},
		{src: `BLOB(Bytes__c)`, want: "compile: Incorrect parameter type for function 'BLOB()'. Expected Text, received Blob"},
		{src: `BLOB(1)`, want: "compile: Incorrect parameter type for function 'BLOB()'. Expected Text, received Number"},
		{src: `"a" & BLOB("b")`, want: "compile: Incorrect parameter type for operator '&'. Expected Text, received Blob"},
		{src: `BASE64DECODE(BLOB("b"))`, want: "compile: Incorrect parameter type for function 'BASE64DECODE()'. Expected Text, received Blob"},
		{src: `BASE64ENCODE()`, want: "compile: Incorrect number of parameters for function 'BASE64ENCODE()'. Expected 1, received 0"},
	})
}

func TestHashFunctions(t *testing.T) {
	const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	cmRun(t, cmCredSchema(t), Options{}, []cmCase{
		// FIPS 180-2 known answers.
		{src: `HEX(HASH("SHA256", BLOB("abc")))`, want: abc},
		{src: `HEX(HASH("SHA256", "abc"))`, want: abc},
		{src: `HEX(HASH("sha-256", "abc"))`, want: abc},
		{src: `HEX(HASH("SHA2-256", "abc"))`, want: abc},
		{src: `HEX(HASH("sha_256", "abc"))`, want: abc},
		{src: `HEX(HASH("SHA256", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))`,
			want: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{src: `HEX(HASH(Alg__c, Text__c))`, set: map[string]Value{"Alg__c": TextValue("Sha256"), "Text__c": TextValue("abc")}, want: abc},
		{src: `HASH("SHA256", Text__c)`, want: "null"},
		{src: `HASH("SHA256", NULL)`, want: "null"},
		{src: `HASH("MD5", "abc")`, want: "compile: Unsupported algorithm 'MD5' for function 'HASH()'. Use SHA-256"},
		{src: `hash("SHA1", "abc")`, want: "compile: Unsupported algorithm 'SHA1' for function 'HASH()'. Use SHA-256"},
		{src: `HASH(NULL, "abc")`, want: "compile: Unsupported algorithm '' for function 'HASH()'. Use SHA-256"},
		{src: `HASH(Alg__c, "abc")`, set: map[string]Value{"Alg__c": TextValue("MD5")}, want: "runtime: Unsupported algorithm 'MD5' for function 'HASH()'. Use SHA-256"},
		{src: `HASH(Alg__c, "abc")`, want: "runtime: Unsupported algorithm '' for function 'HASH()'. Use SHA-256"},
		{src: `HASH("SHA256", 1)`, want: "compile: Incorrect parameter type for function 'HASH()'. Expected Blob, Text, received Number"},
		{src: `HASH("SHA256")`, want: "compile: Incorrect number of parameters for function 'HASH()'. Expected 2, received 1"},
		// RFC 4231 test case 2, with each mix of Text and Blob.
		{src: `HEX(HMAC("HmacSHA256", "what do ya want for nothing?", "Jefe"))`, want: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		{src: `HEX(HMAC("SHA256", BLOB("what do ya want for nothing?"), BLOB("Jefe")))`, want: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		{src: `HEX(HMAC("hmac-sha256", BLOB("what do ya want for nothing?"), "Jefe"))`, want: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		{src: `HEX(HMAC("HMAC_SHA256", "what do ya want for nothing?", BLOB("Jefe")))`, want: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		// RFC 4231 test case 1: a 20-byte key of 0x0b.
		{src: `HEX(HMAC("SHA-256", "Hi There", Bytes__c))`, set: map[string]Value{"Bytes__c": cmHexBlob(strings.Repeat("0b", 20))},
			want: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
		{src: `HMAC("SHA256", Text__c, "key")`, want: "null"},
		{src: `HMAC("SHA256", "value", Text__c)`, want: "null"},
		{src: `HMAC("HmacSHA1", "v", "k")`, want: "compile: Unsupported algorithm 'HmacSHA1' for function 'HMAC()'. Use HMAC-SHA256"},
		{src: `HMAC(Alg__c, "v", "k")`, set: map[string]Value{"Alg__c": TextValue("HmacMD5")}, want: "runtime: Unsupported algorithm 'HmacMD5' for function 'HMAC()'. Use HMAC-SHA256"},
		{src: `HMAC("SHA256", "v", 1)`, want: "compile: Incorrect parameter type for function 'HMAC()'. Expected Text, Blob, received Number"},
	})
}

// TestCredentialSecrets checks the documented examples, and that values
// derived from $Credential fields stay secret however they are encoded.
func TestCredentialSecrets(t *testing.T) {
	schema := cmCredSchema(t)
	creds := map[string]Value{
		"$Credential.myExternalCredential.Username": TextValue("svc-billing"),
		"$Credential.myExternalCredential.Password": TextValue("s3cret"),
	}
	tests := []struct {
		src, want string
	}{
		{`BASE64ENCODE(BLOB($Credential.myExternalCredential.Username & ':' & $Credential.myExternalCredential.Password))`, "c3ZjLWJpbGxpbmc6czNjcmV0"},
		{`HEX(HASH("SHA256", BLOB($Credential.myExternalCredential.Username)))`, "044421b0d6ba6bda30dd64dc7a79337a6abf7c9bfba5a2f9c7c5334c4854514f"},
		{`"Basic " & BASE64ENCODE(BLOB($Credential.myExternalCredential.Username & ':' & $Credential.myExternalCredential.Password))`, "Basic c3ZjLWJpbGxpbmc6czNjcmV0"},
		{`HEX(HMAC("SHA256", "payload", $Credential.myExternalCredential.Password))`, "ca981e262c89fa9bf971f04e7ce6353515a2e00da34add385b8f0e1b86414e3e"},
	}
	for _, tt := range tests {
		got, v := cmEval(t, tt.src, schema, Options{}, Env{}, creds)
		if got != Redacted || !v.Secret() {
			t.Errorf("%s: printed %q, secret %v; want it redacted", tt.src, got, v.Secret())
		}
		if s := fmt.Sprint(v); s != Redacted {
			t.Errorf("%s: fmt.Sprint gives %q, want %q", tt.src, s, Redacted)
		}
		if s := fmt.Sprintf("%q", v); s != `"`+Redacted+`"` {
			t.Errorf("%s: %%q gives %s", tt.src, s)
		}
		// The value itself is intact; only its printing is redacted.
		if diff := cmp.Diff(tt.want, v.Text()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.src, diff)
		}
	}
}
