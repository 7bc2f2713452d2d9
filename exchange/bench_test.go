package exchange_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"testing"

	"github.com/credscope/credscope/exchange"
	"github.com/golang-jwt/jwt/v5"
)

// BenchmarkTokenCached measures a cache hit: the path every callout takes
// while its token is fresh.
func BenchmarkTokenCached(b *testing.B) {
	f := newFixture(b, credSpec{Scope: "billing.read"})
	src := f.source(b, alice)
	ctx := context.Background()
	want, err := src.Token(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if tok, _ := src.Token(ctx); tok != want {
			b.Fatal("cache miss")
		}
	}
	if n := f.idp.Requests(); n != 1 {
		b.Fatalf("%d exchanges", n)
	}
}

// BenchmarkSignRS256 compares the cost of a signed assertion with the
// floor, a bare RSA PKCS#1 v1.5 signature of a SHA-256 digest:
//
//   - rsa: the floor;
//   - jwt: golang-jwt signing fixed claims;
//   - assertion: claims evaluated for the user, then signed;
//   - build: the assertion without the RSA operation, that is, what an
//     assertion costs above the floor.
func BenchmarkSignRS256(b *testing.B) {
	key := keyPair(b, 0).Private
	b.Run("rsa", func(b *testing.B) {
		msg := []byte("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJjcmVkc2NvcGUtdGVzdCJ9")
		b.ReportAllocs()
		for b.Loop() {
			sum := sha256.Sum256(msg)
			if _, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jwt", func(b *testing.B) {
		claims := jwt.MapClaims{"iss": issuer, "sub": alice, "aud": fakeIdP, "iat": 1767225600, "exp": 1767225720, "jti": "0123456789ABCDEFGHIJKLMNOP"}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(key); err != nil {
				b.Fatal(err)
			}
		}
	})
	s, vals, err := signerFor(b, credSpec{Exp: `{!Text(FLOOR((NOW() - DATETIMEVALUE( "1970-01-01 00:00:00" )) * 86400 + 120))}`})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("assertion", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a, err := s.Assertion(exchange.User{Values: vals}, atFixedNow)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := a.Sign(key); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a, err := s.Assertion(exchange.User{Values: vals}, atFixedNow)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := a.Unsigned(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
