package scope_test

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credscope/credscope/scope"
)

// hostileClaims are JWT claim formulas built to make constant folding do
// far more work than their size suggests.
var hostileClaims = []string{
	`{!IF(LIKE(LPAD("a", 300000, "ab"), LPAD("%", 3000, "%_")), "x", "y")}`,
	"{!TEXT(LEN(" + strings.TrimSuffix(strings.Repeat(`LPAD("a", 1000000, "b") & `, 40), " & ") + "))}",
	`{!IF(REGEX("a", LPAD("a", 1000000, "(a|b)") & LPAD("a", 1000000, "(a|b)") & LPAD("a", 1000000, "(a|b)")), "x", "y")}`,
	`{!TEXT(VALUE(LPAD("1", 1000000, "1")))}`,
	`{!LEFT(SUBSTITUTE(SUBSTITUTE(LPAD("a", 1000000, "ab"), "a", "aaaa"), "b", "bbbb"), 10)}`,
}

// hostileCredential is a JWT bearer credential of about 9 KB whose claims
// are hostileClaims, beside an ordinary unguarded scope formula.
func hostileCredential() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <label>Hostile</label>
`)
	param := func(name, typ, value string) {
		fmt.Fprintf(&b, "    <externalCredentialParameters>\n        <parameterGroup>DefaultGroup</parameterGroup>\n"+
			"        <parameterName>%s</parameterName>\n        <parameterType>%s</parameterType>\n"+
			"        <parameterValue>%s</parameterValue>\n    </externalCredentialParameters>\n", name, typ, html.EscapeString(value))
	}
	param("AuthProtocolVariant", "AuthProtocolVariant", "JwtBearer")
	param("AuthProviderUrl", "AuthProviderUrl", "https://idp.example/token")
	b.WriteString("    <externalCredentialParameters>\n        <certificate>Hostile_JWT</certificate>\n" +
		"        <parameterGroup>DefaultGroup</parameterGroup>\n        <parameterName>SigningCertificate</parameterName>\n" +
		"        <parameterType>SigningCertificate</parameterType>\n    </externalCredentialParameters>\n")
	param("Scope", "AuthParameter", `api {!"role:" & $User.Department}`)
	for round := range 2 {
		for i, c := range hostileClaims {
			param(fmt.Sprintf("c%d_%d", round, i), "JwtBodyClaim", c)
		}
	}
	b.WriteString("</ExternalCredential>\n")
	return []byte(b.String())
}

// BenchmarkHostileLint lints a 9 KB credential file of hostile formulas.
func BenchmarkHostileLint(b *testing.B) {
	data := hostileCredential()
	b.ReportMetric(float64(len(data)), "file-bytes")
	b.ReportAllocs()
	for b.Loop() {
		p := &scope.Project{}
		p.LoadFile("Hostile"+scope.ExternalCredentialSuffix, data)
		scope.Lint(p, scope.LintOptions{})
	}
}

// BenchmarkHostileLoad loads a project whose one credential file is 64 MB.
func BenchmarkHostileLoad(b *testing.B) {
	dir := b.TempDir()
	data := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <description>` + strings.Repeat("a", 64<<20) + `</description>
</ExternalCredential>
`)
	if err := os.WriteFile(filepath.Join(dir, "Big"+scope.ExternalCredentialSuffix), data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = scope.Load(dir)
	}
}
