package eval

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/redact"
)

// Blob and Text are distinct types: a Blob never stands where Text is
// expected, nor Text where a Blob is. BLOB turns text into its UTF-8 bytes;
// BASE64ENCODE and HEX turn bytes back into text, as Salesforce requires.
// The one implicit conversion is where a whole credential field or template
// segment yields a Blob: it is rendered in base64, as TEXT() would.
//
// A Blob holds its bytes in a Go string and shares the str closure with
// Text; an empty Blob is null, as an empty text is.

// credentialFuncs declares the credential functions: BASE64ENCODE,
// BASE64DECODE, BLOB, HEX, HASH, HMAC, SIGN and SIGN_WITH_CERTIFICATE.
func credentialFuncs() []*Func {
	return []*Func{
		{
			Name: "BLOB", Category: "Credential",
			Doc:     "Converts text to a Blob holding its UTF-8 bytes.",
			Example: `BASE64ENCODE(BLOB("svc-billing:s3cret"))`, Want: `"c3ZjLWJpbGxpbmc6czNjcmV0"`,
			Sigs: []Sig{{Params: []Param{p("text", Text)}, Result: Blob, impl: blobImpl}},
		},
		{
			Name: "BASE64ENCODE", Category: "Credential",
			Doc:     "Encodes a Blob as standard base64 text, with padding.",
			Example: `BASE64ENCODE(BLOB("user:pass"))`, Want: `"dXNlcjpwYXNz"`,
			Sigs:     []Sig{{Params: []Param{p("blob", Blob)}, Result: Text, impl: blobEncodeImpl(base64.StdEncoding.EncodedLen, base64.StdEncoding.Encode)}},
			Alphabet: alphabetBase64,
		},
		{
			Name: "BASE64DECODE", Category: "Credential",
			Doc:     "Decodes standard base64 text to a Blob; padding is optional and whitespace is ignored.",
			Example: `HEX(BASE64DECODE("3q2+7w=="))`, Want: `"deadbeef"`,
			Sigs: []Sig{{Params: []Param{p("text", Text)}, Result: Blob, impl: base64DecodeImpl}},
		},
		{
			Name: "HEX", Category: "Credential",
			Doc:     "Encodes a Blob as lower-case base-16 text.",
			Example: `HEX(BLOB("Hi!"))`, Want: `"486921"`,
			Sigs:     []Sig{{Params: []Param{p("blob", Blob)}, Result: Text, impl: blobEncodeImpl(hex.EncodedLen, hexEncode)}},
			Alphabet: alphabetHex,
		},
		{
			Name: "HASH", Category: "Credential",
			Doc:     "Returns the SHA-256 digest of a Blob, or of text's UTF-8 bytes. The algorithm is SHA-256, spelt SHA256, SHA-256 or SHA2-256 in any case.",
			Example: `HEX(HASH("SHA256", BLOB("abc")))`, Want: `"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"`,
			Sigs: []Sig{
				{Params: []Param{p("algorithm", Text), p("value", Blob)}, Result: Blob, impl: hashImpl},
				{Params: []Param{p("algorithm", Text), p("value", Text)}, Result: Blob, impl: hashImpl},
			},
		},
		{
			Name: "HMAC", Category: "Credential",
			Doc:     "Returns the HMAC-SHA256 of valueToSign under secretSigningKey, each a Blob or text's UTF-8 bytes. The algorithm is spelt HmacSHA256, HMAC-SHA256 or SHA256 in any case.",
			Example: `HEX(HMAC("HmacSHA256", "what do ya want for nothing?", "Jefe"))`, Want: `"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"`,
			Sigs: []Sig{
				{Params: []Param{p("algorithm", Text), p("valueToSign", Text), p("secretSigningKey", Text)}, Result: Blob, impl: hmacImpl},
				{Params: []Param{p("algorithm", Text), p("valueToSign", Blob), p("secretSigningKey", Blob)}, Result: Blob, impl: hmacImpl},
				{Params: []Param{p("algorithm", Text), p("valueToSign", Text), p("secretSigningKey", Blob)}, Result: Blob, impl: hmacImpl},
				{Params: []Param{p("algorithm", Text), p("valueToSign", Blob), p("secretSigningKey", Text)}, Result: Blob, impl: hmacImpl},
			},
		},
		{
			Name: "SIGN", Category: "Credential",
			Doc:     "Signs input with the private key that privateKey names in the key provider: RSA-SHA256, RSA-SHA384 or RSA-SHA512 (PKCS #1 v1.5), or ECDSA-SHA256 on P-256 (ES256 gives JOSE r||s, ECDSA-SHA256 DER).",
			Example: `BASE64ENCODE(SIGN("RSA-SHA256", BLOB("header.payload"), "jwt_signing_key"))`,
			Sigs: []Sig{
				{Params: []Param{p("algorithmName", Text), p("input", Blob), p("privateKey", Text)}, Result: Blob, impl: signImpl(false)},
				{Params: []Param{p("algorithmName", Text), p("input", Text), p("privateKey", Text)}, Result: Blob, impl: signImpl(false)},
			},
			Impure: true, // reads keys, which may change between evaluations
		},
		{
			Name: "SIGN_WITH_CERTIFICATE", Category: "Credential",
			Doc:     "Signs input as SIGN does, with the private key of the certificate that certDevName names in the key provider.",
			Example: `BASE64ENCODE(SIGN_WITH_CERTIFICATE("RSA-SHA256", BLOB("header.payload"), "Billing_Cert"))`,
			Sigs: []Sig{
				{Params: []Param{p("algorithmName", Text), p("input", Blob), p("certDevName", Text)}, Result: Blob, impl: signImpl(true)},
				{Params: []Param{p("algorithmName", Text), p("input", Text), p("certDevName", Text)}, Result: Blob, impl: signImpl(true)},
			},
			Impure: true,
		},
	}
}

// blobImpl compiles BLOB: text and Blob share their representation, so the
// conversion is only a change of type.
func blobImpl(c *compiler, x *formula.Call, args []*node) *node {
	return &node{typ: Blob, src: x, str: args[0].str}
}

func hexEncode(dst, src []byte) { hex.Encode(dst, src) }

// blobEncodeImpl compiles BASE64ENCODE and HEX, which turn bytes into text.
// Each nesting multiplies the length, so the output is charged to the
// budget.
func blobEncodeImpl(size func(int) int, encode func(dst, src []byte)) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		f := args[0].str
		return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
			s, ok := f(fr)
			if !ok || s == "" {
				return "", false
			}
			n := size(len(s))
			if !fr.spend(x, n) {
				return "", false
			}
			buf := make([]byte, n)
			encode(buf, []byte(s))
			return string(buf), true
		}}
	}
}

// base64DecodeImpl compiles BASE64DECODE. It accepts the standard alphabet
// with or without padding, and skips white space such as the line breaks of
// MIME-wrapped text.
func base64DecodeImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Blob, src: x, str: func(fr *frame) (string, bool) {
		s, ok := f(fr)
		if !ok || s == "" {
			return "", false
		}
		if !fr.spend(x, len(s)) {
			return "", false
		}
		if strings.ContainsAny(s, " \t\r\n") {
			s = strings.Map(func(r rune) rune {
				if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
					return -1
				}
				return r
			}, s)
		}
		b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		if err != nil {
			fr.fail(x, "Invalid base64 text for function 'BASE64DECODE()'")
			return "", false
		}
		return string(b), len(b) > 0
	}}
}

// algorithmCheck validates the algorithm argument of a credential function
// against accept, which maps normalised spellings to a value of type A. A
// constant algorithm is checked now; any other at each evaluation. It
// returns nil after reporting a compile-time error.
func algorithmCheck[A any](c *compiler, x *formula.Call, arg *node, accept map[string]A, use string) func(*frame) (A, bool) {
	name := strings.ToUpper(x.Name)
	if arg.konst != nil {
		a, ok := accept[normalizeAlgorithm(arg.konst.str)]
		if !ok || !arg.konst.valid {
			c.errorf(arg.src.Pos(), "%s", algorithmError(redact.Value(arg.konst.str, arg.secret), name, use))
			return nil
		}
		return func(*frame) (A, bool) { return a, true }
	}
	f, secret := arg.str, arg.secret
	return func(fr *frame) (A, bool) {
		s, _ := f(fr)
		a, ok := accept[normalizeAlgorithm(s)]
		if !ok {
			fr.fail(x, algorithmError(fr.quote(s, secret), name, use))
		}
		return a, ok
	}
}

// normalizeAlgorithm folds the spellings of an algorithm name together:
// upper case, without hyphens, underscores or spaces.
func normalizeAlgorithm(s string) string {
	if len(s) > 64 {
		return ""
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '_', ' ':
			return -1
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// algorithmError words the rejection of an algorithm, whose name shown has
// been through redact.Value.
func algorithmError(shown, fn, use string) string {
	return "Unsupported algorithm '" + shown + "' for " + fnName(fn) + ". Use " + use
}

// sha256Names are the accepted spellings of SHA-256, normalised.
var sha256Names = map[string]struct{}{"SHA256": {}, "SHA2256": {}}

// hmacNames are the accepted spellings of HMAC-SHA256, normalised.
var hmacNames = map[string]struct{}{"SHA256": {}, "SHA2256": {}, "HMACSHA256": {}, "HMACSHA2256": {}}

// hashImpl compiles HASH. A null value hashes to null.
func hashImpl(c *compiler, x *formula.Call, args []*node) *node {
	alg := algorithmCheck(c, x, args[0], sha256Names, "SHA-256")
	if alg == nil {
		return nil
	}
	f := args[1].str
	return &node{typ: Blob, src: x, str: func(fr *frame) (string, bool) {
		if _, ok := alg(fr); !ok {
			return "", false
		}
		s, ok := f(fr)
		if !ok || s == "" {
			return "", false
		}
		if !fr.spend(x, len(s)) {
			return "", false
		}
		sum := sha256.Sum256([]byte(s))
		return string(sum[:]), true
	}}
}

// hmacImpl compiles HMAC. A null value or key gives null: credscope reads
// an empty text as null, so neither can be told from a missing one.
func hmacImpl(c *compiler, x *formula.Call, args []*node) *node {
	alg := algorithmCheck(c, x, args[0], hmacNames, "HMAC-SHA256")
	if alg == nil {
		return nil
	}
	fv, fk := args[1].str, args[2].str
	return &node{typ: Blob, src: x, str: func(fr *frame) (string, bool) {
		if _, ok := alg(fr); !ok {
			return "", false
		}
		v, ok := fv(fr)
		if !ok || v == "" {
			return "", false
		}
		k, ok := fk(fr)
		if !ok || k == "" {
			return "", false
		}
		if !fr.spend(x, len(v)+len(k)) {
			return "", false
		}
		m := hmac.New(sha256.New, []byte(k))
		m.Write([]byte(v))
		return string(m.Sum(nil)), true
	}}
}
