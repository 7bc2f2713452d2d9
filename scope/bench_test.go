package scope_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/credscope/credscope/scope"
)

// Size of the generated project: benchCredentials external credentials of
// benchParameters parameters each.
const (
	benchCredentials = 1000
	benchParameters  = 11
)

// benchFile is a generated metadata file.
type benchFile struct {
	name string
	data []byte
}

// benchFiles generates a project of benchCredentials JWT bearer external
// credentials, each with eleven parameters: the variant, the token endpoint,
// the signing certificate, a credential-level scope formula, two static and
// a formula JWT claim, two per-user principals and a principal-level scope
// formula per principal. The principals are per-user because the formula
// claim reads $User (CS304). Each has a named credential with a header formula, and
// permission sets grant every principal.
func benchFiles() []benchFile {
	var files []benchFile
	param := func(b *strings.Builder, group, name, typ, value, seq string) {
		b.WriteString("    <externalCredentialParameters>\n")
		fmt.Fprintf(b, "        <parameterGroup>%s</parameterGroup>\n        <parameterName>%s</parameterName>\n        <parameterType>%s</parameterType>\n", group, name, typ)
		if value != "" {
			fmt.Fprintf(b, "        <parameterValue>%s</parameterValue>\n", value)
		}
		if seq != "" {
			fmt.Fprintf(b, "        <sequenceNumber>%s</sequenceNumber>\n", seq)
		}
		b.WriteString("    </externalCredentialParameters>\n")
	}
	for i := range benchCredentials {
		name := fmt.Sprintf("Service_%04d", i)
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
`)
		param(&b, "DefaultGroup", "AuthProtocolVariant", "AuthProtocolVariant", "JwtBearer", "")
		param(&b, "DefaultGroup", "AuthProviderUrl", "AuthProviderUrl", fmt.Sprintf("https://idp%d.example.com/oauth2/token", i), "")
		b.WriteString("    <externalCredentialParameters>\n        <certificate>" + name + "_JWT</certificate>\n        <parameterGroup>DefaultGroup</parameterGroup>\n        <parameterName>SigningCertificate</parameterName>\n        <parameterType>SigningCertificate</parameterType>\n    </externalCredentialParameters>\n")
		param(&b, "DefaultGroup", "Scope", "AuthParameter", fmt.Sprintf("api.read service%d.read {!IF($Permission.Approve_Refunds, &quot;refunds.approve&quot;, &quot;&quot;)}", i), "")
		param(&b, "DefaultGroup", "iss", "JwtBodyClaim", "salesforce-"+strings.ToLower(name), "")
		param(&b, "DefaultGroup", "aud", "JwtBodyClaim", fmt.Sprintf("https://idp%d.example.com", i), "")
		param(&b, "DefaultGroup", "sub", "JwtBodyClaim", "{!IF(ISBLANK($User.FederationIdentifier), $User.Email, $User.FederationIdentifier)}", "")
		param(&b, "Sales_Team", "Sales_Team", "PerUserPrincipal", "", "1")
		// The seed scope formula: one CS403 warning per credential.
		param(&b, "Sales_Team", "Scope", "AuthParameter", `{!IF(OR(CONTAINS($User.Department, &quot;Sales&quot;), CONTAINS($User.Department, &quot;Service&quot;)), &quot;session:role:&quot; + $User.Department, &quot;&quot;)}`, "")
		param(&b, "Integration", "Integration", "PerUserPrincipal", "", "2")
		param(&b, "Integration", "Scope", "AuthParameter", "{!&quot;integration:&quot; &amp; URLENCODE(LOWER($Organization.Name))}", "")
		b.WriteString("    <label>" + name + "</label>\n</ExternalCredential>\n")
		files = append(files, benchFile{name + scope.ExternalCredentialSuffix, []byte(b.String())})

		api := fmt.Sprintf("Service_%04d_API", i)
		files = append(files, benchFile{api + scope.NamedCredentialSuffix, []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>
    <allowMergeFieldsInHeader>true</allowMergeFieldsInHeader>
    <calloutStatus>Enabled</calloutStatus>
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <label>%[1]s</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://api%[2]d.example.com/v1</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <externalCredential>%[3]s</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <parameterName>X-Request-Locale</parameterName>
        <parameterType>HttpHeader</parameterType>
        <parameterValue>{!SUBSTITUTE($User.LocaleSidKey, &quot;_&quot;, &quot;-&quot;)}</parameterValue>
        <sequenceNumber>1</sequenceNumber>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`, api, i, name))})
	}
	// One permission set per hundred credentials, granting both principals.
	for s := range benchCredentials / 100 {
		var b strings.Builder
		b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n")
		for i := s * 100; i < (s+1)*100; i++ {
			for _, pr := range []string{"Sales_Team", "Integration"} {
				fmt.Fprintf(&b, "    <externalCredentialPrincipalAccesses>\n        <enabled>true</enabled>\n        <externalCredentialPrincipal>Service_%04d-%s</externalCredentialPrincipal>\n    </externalCredentialPrincipalAccesses>\n", i, pr)
			}
		}
		fmt.Fprintf(&b, "    <label>Services %d</label>\n</PermissionSet>\n", s)
		files = append(files, benchFile{fmt.Sprintf("Services_%02d%s", s, scope.PermissionSetSuffix), []byte(b.String())})
	}
	return files
}

func loadBench(files []benchFile) *scope.Project {
	p := &scope.Project{}
	for _, f := range files {
		p.LoadFile(f.name, f.data)
	}
	return p
}

// BenchmarkLintProject lints a project of 1,000 external credentials and
// 10,000 parameters, every formula parsed and type-checked.
func BenchmarkLintProject(b *testing.B) {
	p := loadBench(benchFiles())
	params, formulas := 0, 0
	for _, c := range p.ExternalCredentials {
		params += len(c.Parameters)
	}
	for _, f := range p.FormulaFields() {
		if strings.Contains(f.Value.Text, "{!") {
			formulas++
		}
	}
	if len(p.ExternalCredentials) != benchCredentials || params != benchCredentials*benchParameters || formulas != benchCredentials*5 {
		b.Fatalf("generated %d credentials, %d parameters, %d formulas", len(p.ExternalCredentials), params, formulas)
	}
	// Every credential's seed scope formula is flagged, and nothing else.
	fs := scope.Lint(p, scope.LintOptions{})
	if len(fs) != benchCredentials {
		b.Fatalf("%d findings, want %d: %v", len(fs), benchCredentials, fs[:min(len(fs), 3)])
	}
	for _, f := range fs {
		if f.Rule != "CS403" {
			b.Fatalf("unexpected finding %v", f)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		scope.Lint(p, scope.LintOptions{})
	}
	b.ReportMetric(float64(formulas), "formulas")
}

// BenchmarkLoadProject reads the same project's XML.
func BenchmarkLoadProject(b *testing.B) {
	files := benchFiles()
	b.ReportAllocs()
	for b.Loop() {
		loadBench(files)
	}
}
