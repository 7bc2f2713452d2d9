package scope_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// TestRecordFormulaSpan checks that a path following more relationships
// than Salesforce allows is an error that says so, not a note about
// credscope's catalog, however far the catalog reaches.
func TestRecordFormulaSpan(t *testing.T) {
	formula := func(path string) string {
		return `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Far__c</fullName>
    <formula>` + path + `</formula>
    <type>Text</type>
</CustomField>`
	}
	tests := []struct {
		path string
		want []string
	}{
		{path: strings.Repeat("Parent.", 10) + "Name"},
		{path: "$User." + strings.Repeat("Manager.", 10) + "Email"},
		{path: strings.Repeat("Parent.", 11) + "Name", want: []string{
			"error: in formula field Account.Far__c: Field " + strings.Repeat("Parent.", 11) + "Name does not exist. Check spelling. It follows 11 relationships; a formula may follow at most 10.",
		}},
		{path: strings.Repeat("Parent.", 200) + "Nope", want: []string{
			"error: in formula field Account.Far__c: Field " + strings.Repeat("Parent.", 200) + "Nope does not exist. Check spelling. It follows 200 relationships; a formula may follow at most 10.",
		}},
		{path: "$User." + strings.Repeat("Manager.", 11) + "Email", want: []string{
			"error: in formula field Account.Far__c: Field $User." + strings.Repeat("Manager.", 11) + "Email does not exist. Check spelling. It follows 11 relationships; a formula may follow at most 10.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			fsys := fstest.MapFS{
				"sfdx-project.json": {Data: []byte(`{"packageDirectories": [{"path": "force-app", "default": true}]}`)},
				"force-app/objects/Account/fields/Far__c.field-meta.xml": {Data: []byte(formula(tt.path))},
			}
			p, err := scope.LoadFS(fsys, "far")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range scope.Lint(p, scope.LintOptions{}) {
				got = append(got, fmt.Sprintf("%s: %s", f.Severity, f.Message))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
