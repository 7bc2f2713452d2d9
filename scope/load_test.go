package scope_test

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// lintSource lints one in-memory file.
func lintSource(name, src string) []scope.Finding {
	p := &scope.Project{}
	p.LoadFile(name, []byte(src))
	return scope.Lint(p, scope.LintOptions{})
}

// TestPositionsInFile checks positions that depend on how the file is
// written: CRLF line ends, entities and characters outside ASCII.
func TestPositionsInFile(t *testing.T) {
	const name = "Support_Portal.externalCredential-meta.xml"
	tests := []struct {
		name string
		src  string
		want []scope.Finding
	}{
		{
			name: "formula over CRLF lines",
			src: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" +
				"<ExternalCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n" +
				"    <authenticationProtocol>Custom</authenticationProtocol>\r\n" +
				"    <externalCredentialParameters>\r\n" +
				"        <parameterGroup>DefaultGroup</parameterGroup>\r\n" +
				"        <parameterName>sub</parameterName>\r\n" +
				"        <parameterType>JwtBodyClaim</parameterType>\r\n" +
				"        <parameterValue>{!IF(ISBLANK($User.Email),\r\n" +
				"            &quot;nobody&quot;, $User.Emial)}</parameterValue>\r\n" +
				"    </externalCredentialParameters>\r\n" +
				"    <label>Support Portal</label>\r\n" +
				"</ExternalCredential>\r\n",
			want: []scope.Finding{{Rule: "CS401", Severity: scope.Error, Pos: scope.Pos{File: name, Offset: 443, Line: 9, Column: 33},
				Message: "in JWT claim sub of Support_Portal: Field $User.Emial does not exist. Check spelling. Did you mean $User.Email?"}},
		},
		{
			name: "character reference before the fault",
			src: `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>{!&#34;role:&#x22; &amp; BOGUS()}</parameterValue>
    </externalCredentialParameters>
    <label>Support Portal</label>
</ExternalCredential>
`,
			want: []scope.Finding{{Rule: "CS401", Severity: scope.Error, Pos: scope.Pos{File: name, Offset: 404, Line: 8, Column: 50},
				Message: "in the credential-level scope of Support_Portal: Unknown function BOGUS. Check spelling."}},
		},
		{
			name: "a comment before the formula",
			src: `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>sub</parameterName>
        <parameterType>JwtBodyClaim</parameterType>
        <parameterValue><!-- the user's name -->{!$User.Usrname}</parameterValue>
    </externalCredentialParameters>
    <label>Support Portal</label>
</ExternalCredential>
`,
			want: []scope.Finding{{Rule: "CS401", Severity: scope.Error, Pos: scope.Pos{File: name, Offset: 402, Line: 8, Column: 51},
				Message: "in JWT claim sub of Support_Portal: Field $User.Usrname does not exist. Check spelling. Did you mean $User.Username?"}},
		},
		{
			name: "malformed XML after characters outside ASCII",
			src: `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Café – Portal</labl>
</ExternalCredential>
`,
			// Columns count characters: the line has 31, and the
			// decoder stops after the end tag.
			want: []scope.Finding{{Rule: "CS001", Severity: scope.Error, Pos: scope.Pos{File: name, Offset: 142, Line: 3, Column: 32},
				Message: "malformed XML: element <label> closed by </labl>"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lintSource(name, tt.src)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range got {
				if line, col := lineCol(tt.src, f.Pos.Offset); line != f.Pos.Line || col != f.Pos.Column {
					t.Errorf("offset %d is at %d:%d, not at %s", f.Pos.Offset, line, col, f.Pos)
				}
			}
		})
	}
}

// lineCol returns the line and the column, in characters, of the byte at
// offset off of src.
func lineCol(src string, off int) (line, col int) {
	before := src[:off]
	start := strings.LastIndexByte(before, '\n') + 1
	return strings.Count(before, "\n") + 1, utf8.RuneCountInString(before[start:]) + 1
}

// TestLoadNonMetadataFile checks that a path that is not a metadata file is
// a CS001 finding, not a failure, and is not counted among the files asked
// about; the project around it still loads, for references.
func TestLoadNonMetadataFile(t *testing.T) {
	path := filepath.Join("..", "testdata", "example", "sfdx-project.json")
	p, err := scope.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.AskedFiles(); len(got) != 0 {
		t.Errorf("AskedFiles = %q, want none", got)
	}
	if len(p.Files) != 8 {
		t.Errorf("read %d files of the project, want 8: %q", len(p.Files), p.Files)
	}
	want := []scope.Finding{{Rule: "CS001", Severity: scope.Error, Pos: scope.Pos{File: path, Line: 1, Column: 1},
		Message: "not a credential metadata file: want *.externalCredential-meta.xml, *.namedCredential-meta.xml or *.permissionset-meta.xml, or the Metadata API's names without -meta.xml"}}
	if diff := cmp.Diff(want, scope.Lint(p, scope.LintOptions{})); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestLoadMissingPath checks that an unreadable path fails the load.
func TestLoadMissingPath(t *testing.T) {
	_, err := scope.Load(filepath.Join("..", "testdata", "no-such-project"))
	if err == nil || !strings.Contains(err.Error(), "no-such-project") {
		t.Errorf("Load of a missing path: err = %v, want one naming the path", err)
	}
}

// TestLoadExample checks what the example project holds.
func TestLoadExample(t *testing.T) {
	p, err := scope.Load(filepath.Join("..", "testdata", "example"))
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		External, Named, PermissionSets []string
		Problems                        int
	}
	var got summary
	for _, c := range p.ExternalCredentials {
		var principals []string
		for _, pr := range c.Principals() {
			principals = append(principals, pr.Name())
		}
		got.External = append(got.External, c.Name+"["+strings.Join(principals, ",")+"]")
	}
	for _, n := range p.NamedCredentials {
		ec, _ := n.ExternalCredentialName()
		got.Named = append(got.Named, n.Name+"→"+ec+" "+n.URL())
	}
	for _, ps := range p.PermissionSets {
		got.PermissionSets = append(got.PermissionSets, ps.Name)
	}
	got.Problems = len(p.Problems)
	want := summary{
		External: []string{"Acme_Billing[Billing_Admins,Billing_Users]", "Support_Portal[Sales_Team,Engineering]"},
		Named: []string{
			"Billing_API→Acme_Billing https://api.acme.example/billing/v2",
			"Support_API→Support_Portal https://support.example.net/api",
		},
		PermissionSets: []string{"Billing_Admin", "Engineering_Access", "Sales_JWT_Access"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("example project (-want +got):\n%s", diff)
	}
}

// TestUserFields loads the User object's custom fields and declares them
// in the project's schema.
func TestUserFields(t *testing.T) {
	p, err := scope.Load("../testdata/example")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.UserFields) != 1 || p.UserFields[0].Name != "Cost_Center__c" || p.UserFields[0].Type.Text != "Text" {
		t.Fatalf("UserFields = %+v", p.UserFields)
	}
	f, ok := p.Schema().Lookup("$User.Cost_Center__c")
	if !ok || f.Type != eval.Text {
		t.Errorf("$User.Cost_Center__c: %+v, %v", f, ok)
	}
	if len(p.Problems) != 0 {
		t.Errorf("problems: %v", p.Problems)
	}
}
