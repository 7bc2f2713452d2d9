package eval

// credentialFuncs declares the credential functions: BASE64ENCODE, BASE64DECODE, BLOB, HEX, HASH, HMAC, SIGN and SIGN_WITH_CERTIFICATE.
func credentialFuncs() []*Func {
	return []*Func{}
}
