package scope_test

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
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

// TestHostileLint: every hostile formula is one finding at its place, and
// the rest of the lint goes on. Linting the 9 KB file allocates a few
// megabytes, where it took gigabytes before the limits.
func TestHostileLint(t *testing.T) {
	data := hostileCredential()
	p := &scope.Project{}
	p.LoadFile("Hostile"+scope.ExternalCredentialSuffix, data)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fs := scope.Lint(p, scope.LintOptions{})
	runtime.ReadMemStats(&after)
	limits := map[string]int{}
	other := map[string]int{}
	for _, f := range fs {
		switch {
		case f.Rule == "CS401" && strings.Contains(f.Message, "Expected a length of at most 131072"):
			limits[f.Pos.String()]++
		default:
			other[f.Rule]++
		}
	}
	if len(limits) != 2*len(hostileClaims) {
		t.Errorf("%d formulas refused at %d places, want %d: %v", 2*len(hostileClaims), len(limits), 2*len(hostileClaims), fs)
	}
	for pos, n := range limits {
		if n != 1 {
			t.Errorf("%s: %d findings, want one", pos, n)
		}
	}
	if diff := cmp.Diff(map[string]int{"CS201": 3, "CS403": 1}, other); diff != "" {
		t.Errorf("other findings (-want +got):\n%s", diff)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("lint allocated %d bytes", alloc)
	}
}

// TestLintBudget: formulas that stay within the text limits but would work
// too long are one finding each, "exceeded its budget", at the call where
// the budget ran out.
func TestLintBudget(t *testing.T) {
	claims := []string{
		`{!IF(LIKE(LPAD("a", 100000, "ab"), LPAD("%", 3000, "%_")), "x", "y")}`,
		`{!IF(REGEX("a", LPAD("(a|b)", 60000, "(a|b)")), "x", "y")}`,
		"{!TEXT(" + strings.TrimSuffix(strings.Repeat(`FIND("x", LPAD("a", 131072, "b")) + `, 40), " + ") + ")}",
	}
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <authenticationProtocol>Custom</authenticationProtocol>\n")
	for i, c := range claims {
		fmt.Fprintf(&b, "    <externalCredentialParameters>\n        <parameterGroup>DefaultGroup</parameterGroup>\n        <parameterName>c%d</parameterName>\n        <parameterType>JwtBodyClaim</parameterType>\n        <parameterValue>%s</parameterValue>\n    </externalCredentialParameters>\n", i, html.EscapeString(c))
	}
	b.WriteString("    <label>Budget</label>\n</ExternalCredential>\n")
	const name = "Budget" + scope.ExternalCredentialSuffix
	var got []string
	for _, f := range lintSource(name, b.String()) {
		got = append(got, fmt.Sprintf("%d:%d %s %s", f.Pos.Line, f.Pos.Column, f.Rule, f.Message))
	}
	budget := fmt.Sprintf("Formula evaluation exceeded its budget of %d units of work", eval.DefaultBudget)
	want := []string{
		"8:30 CS401 in JWT claim c0 of Budget: " + budget,
		"14:49 CS401 in JWT claim c1 of Budget: " + budget,
		"20:2330 CS401 in JWT claim c2 of Budget: " + budget,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// hostileField is a field file of object A__c.
func hostileField(name, body string) (string, []byte) {
	return "objects/A__c/fields/" + name + scope.CustomFieldSuffix, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>` + name + `</fullName>
` + body + "\n</CustomField>\n")
}

// benchLintFiles loads files into a fresh project and lints it on each
// iteration, failing unless there are want findings, one per formula.
func benchLintFiles(b *testing.B, files map[string][]byte, want int) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		p := &scope.Project{}
		for name, data := range files {
			p.LoadFile(name, data)
		}
		if n := len(scope.Lint(p, scope.LintOptions{})); n != want {
			b.Fatalf("%d findings, want one per formula", n)
		}
	}
}

// BenchmarkHostilePicklist lints a picklist of 100,000 values, beyond any
// Salesforce allows, one value a line, and 500 formulas comparing it with
// values it lacks. Gathering the text of the <valueSetDefinition> between
// its 100,000 children, and looking through the values for each literal,
// once took time quadratic in the values.
func BenchmarkHostilePicklist(b *testing.B) {
	var values strings.Builder
	values.WriteString("<type>Picklist</type><valueSet><valueSetDefinition>\n")
	for i := range 100_000 {
		fmt.Fprintf(&values, "<value><fullName>V%d</fullName><default>false</default><label>V%d</label></value>\n", i, i)
	}
	values.WriteString("</valueSetDefinition></valueSet>")
	files := map[string][]byte{}
	name, data := hostileField("P__c", values.String())
	files[name] = data
	for j := range 500 {
		name, data := hostileField(fmt.Sprintf("F%d__c", j), fmt.Sprintf(
			`<type>Checkbox</type><formula>ISPICKVAL(P__c, "W%d") || ISPICKVAL(P__c, "V%d")</formula>`, j, j*100))
		files[name] = data
	}
	benchLintFiles(b, files, 500)
}

// BenchmarkHostileLongLine loads an object file of 8 MB on one line, 140,000
// fields, as a minifier writes it. The column of each element, counted
// from the start of its line, once took time quadratic in the line.
func BenchmarkHostileLongLine(b *testing.B) {
	var obj strings.Builder
	obj.WriteString(`<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">`)
	for obj.Len() < 8<<20 {
		obj.WriteString("<fields><fullName>F__c</fullName><type>Text</type></fields>")
	}
	obj.WriteString("<fields><fullName>G__c</fullName><type>Text</type><formula>Missing__c</formula></fields></CustomObject>")
	data := []byte(obj.String())
	b.ReportAllocs()
	for b.Loop() {
		p := &scope.Project{}
		p.LoadFile("objects/A__c.object", data)
		if n := len(scope.Lint(p, scope.LintOptions{})); n != 1 {
			b.Fatalf("%d findings, want the one of G__c", n)
		}
	}
}

// BenchmarkHostileLabels lints a labels file of 100,000 labels and 200
// formulas that each read one of them and one the project lacks. The
// labels' names, for the did-you-mean of the missing one, were once made
// and sorted again for each.
func BenchmarkHostileLabels(b *testing.B) {
	var labels strings.Builder
	labels.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
`)
	for i := range 100_000 {
		fmt.Fprintf(&labels, "<labels><fullName>L%d</fullName><value>v%d</value></labels>\n", i, i)
	}
	labels.WriteString("</CustomLabels>\n")
	files := map[string][]byte{"labels/CustomLabels.labels-meta.xml": []byte(labels.String())}
	for j := range 200 {
		name, data := hostileField(fmt.Sprintf("F%d__c", j), fmt.Sprintf(
			`<type>Text</type><formula>$Label.L%d &amp; $Label.Nope%d</formula>`, j*400, j))
		files[name] = data
	}
	benchLintFiles(b, files, 200)
}

// BenchmarkHostileManyObjects loads 2,000 objects of 50 fields each, one
// file a field, as the source format keeps them: time and memory grow
// with the files (the objects are looked up by a scan, which at this
// scale costs less than reading the files).
func BenchmarkHostileManyObjects(b *testing.B) {
	type file struct {
		name string
		data []byte
	}
	var files []file
	for i := range 2000 {
		for j := range 50 {
			name := fmt.Sprintf("objects/O%d__c/fields/F%d__c%s", i, j, scope.CustomFieldSuffix)
			files = append(files, file{name, fmt.Appendf(nil, `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>F%d__c</fullName><type>Text</type></CustomField>`, j)})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		p := &scope.Project{}
		for _, f := range files {
			p.LoadFile(f.name, f.data)
		}
		if len(p.Objects) != 2000 {
			b.Fatalf("%d objects, want 2000", len(p.Objects))
		}
	}
}
