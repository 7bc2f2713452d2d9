// Package exchange runs the OAuth 2.0 JWT Bearer Flow (RFC 7523) of an
// External Credential: it builds and signs the assertion, exchanges it for
// an access token, caches the token, and makes callouts through a Named
// Credential with it.
//
// The parts, from the bottom up:
//
//   - [Keystore] finds the signing certificate a credential names: a PEM
//     private key and a PEM certificate in a directory, checked to match.
//   - [Signer] builds a fresh [Assertion] for each exchange from the
//     credential's JWT header and body claims, which scope.Project.Prepare
//     compiled once, evaluated for the running user.
//   - [Client] posts the assertion to the token endpoint and parses the
//     RFC 6749 answer into a [Token] or an [Error].
//   - [Cache] keeps tokens by credential, principal, user and scope, and
//     lets only one exchange run per key however many callers wait.
//   - [Credential] ties these together for one external credential;
//     [Credential.For] resolves a user's principal and scope into a
//     [Source] of tokens.
//   - [Transport] is an http.RoundTripper for a Named Credential: it sets
//     the endpoint, the formula headers and the bearer token, and refreshes
//     the token once when the endpoint refuses it.
//
// Tokens and keys never print: a [Token] formats as redacted in %v,
// String and JSON, and a [Key] shows only its fingerprint.
package exchange
