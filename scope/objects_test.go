package scope_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// fieldSummary is what a test compares of a loaded field.
type fieldSummary struct {
	Object, Name, Type, Ref, Rel, Formula string
	Values                                []string
	Line                                  int
}

func loadObjects(t *testing.T, dir string) *scope.Project {
	t.Helper()
	p, err := scope.Load(filepath.Join("..", "testdata", "objects", dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) > 0 {
		t.Fatalf("problems: %v", p.Problems)
	}
	return p
}

// TestLoadObjects reads objects in both formats, with each field's
// metadata and position.
func TestLoadObjects(t *testing.T) {
	tests := []struct {
		dir  string
		want []fieldSummary
	}{
		{dir: "sfdx", want: []fieldSummary{
			{Object: "Account", Name: "Industry", Line: 2},
			{Object: "Account", Name: "Region__c", Type: "Text", Line: 2},
			{Object: "Billing_Settings__c", Name: "Grace_Days__c", Type: "Number", Line: 2},
			{Object: "Client__c", Name: "Last_Due__c", Type: "Summary", Line: 2},
			{Object: "Client__c", Name: "Office__c", Type: "Location", Line: 2},
			{Object: "Client__c", Name: "Open_Total__c", Type: "Summary", Line: 2},
			{Object: "Client__c", Name: "Parent__c", Type: "Lookup", Ref: "Client__c", Rel: "Parent", Line: 2},
			{Object: "Client__c", Name: "Tier__c", Type: "Picklist", Values: []string{"Gold", "Silver"}, Line: 2},
			{Object: "Invoice__c", Name: "Amount__c", Type: "Currency", Line: 2},
			{Object: "Invoice__c", Name: "Client__c", Type: "MasterDetail", Ref: "Client__c", Rel: "Invoices", Line: 2},
			{Object: "Invoice__c", Name: "Due__c", Type: "Date", Line: 2},
			{Object: "Invoice__c", Name: "Overdue__c", Type: "Checkbox", Formula: "AND(NOT(ISBLANK(Due__c)), Due__c < TODAY())", Line: 2},
			{Object: "Region_Codes__c", Name: "Code__c", Type: "Text", Line: 2},
		}},
		{dir: "mdapi", want: []fieldSummary{
			{Object: "Ledger__c", Name: "Balance__c", Type: "Number", Line: 3},
			{Object: "Ledger__c", Name: "Owner_Ledger__c", Type: "Lookup", Ref: "Ledger__c", Rel: "Owner_Ledgers", Line: 10},
			{Object: "Ledger__c", Name: "Status__c", Type: "Picklist", Values: []string{"Open", "Closed"}, Line: 17},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			p := loadObjects(t, tt.dir)
			var got []fieldSummary
			for _, o := range p.Objects {
				for _, f := range o.Fields {
					got = append(got, fieldSummary{Object: f.Object, Name: f.Name, Type: f.Type.Text, Ref: f.ReferenceTo.Text,
						Rel: f.RelationshipName.Text, Formula: f.Formula.Text, Values: f.Values, Line: f.Pos.Line})
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

// TestObjectSchema compiles formulas of an object against the project:
// its fields, relationships, summaries and the global namespaces.
func TestObjectSchema(t *testing.T) {
	p := loadObjects(t, "sfdx")
	tests := []struct {
		object, formula string
		want            eval.Type
		wantErr         string
	}{
		{object: "Invoice__c", formula: "Amount__c * 2", want: eval.Number},
		{object: "Invoice__c", formula: "Overdue__c", want: eval.Boolean},
		{object: "Invoice__c", formula: "Client__r.Name", want: eval.Text},
		{object: "Invoice__c", formula: "Client__r.Parent__r.Parent__r.Office__Latitude__s", want: eval.Number},
		{object: "Invoice__c", formula: "DISTANCE(Client__r.Office__c, GEOLOCATION(0, 0), 'km')", want: eval.Number},
		{object: "Client__c", formula: "Open_Total__c", want: eval.Number},
		{object: "Client__c", formula: "Last_Due__c", want: eval.Date},
		{object: "Client__c", formula: "TEXT(Tier__c)", want: eval.Text},
		{object: "Client__c", formula: "$Setup.Billing_Settings__c.Grace_Days__c + 1", want: eval.Number},
		{object: "Client__c", formula: "$setup.billing_settings__c.SetupOwnerId", want: eval.Text},
		{object: "Client__c", formula: "$Setup.Invoice__c.Amount__c", wantErr: "Field $Setup.Invoice__c.Amount__c does not exist. Check spelling."},
		{object: "Client__c", formula: "$Setup.Region_Codes__c.Code__c", wantErr: "Field $Setup.Region_Codes__c.Code__c does not exist. Check spelling."},
		{object: "Client__c", formula: "$Setup.Billing_Settings__c.SetupOwner.Name", wantErr: "Field $Setup.Billing_Settings__c.SetupOwner.Name does not exist. Check spelling."},
		{object: "Client__c", formula: "$CustomMetadata.Invoice__c.Rec.Amount__c", wantErr: "Field $CustomMetadata.Invoice__c.Rec.Amount__c does not exist. Check spelling."},
		{object: "Client__c", formula: "$Label.Greeting & $User.Email", want: eval.Text},
		{object: "Client__c", formula: "$Permission.Can_Bill", want: eval.Boolean},
		{object: "Account", formula: "Region__c", want: eval.Text},
		{object: "Account", formula: "Region__c & Name & Owner.Email & TEXT(Industry)", want: eval.Text},
		{object: "Invoice__c", formula: "Client__r.Owner.Manager.Email", want: eval.Text},
		{object: "Invoice__c", formula: "CreatedBy.Profile.Name", want: eval.Text},
		{object: "Opportunity", formula: "ISPICKVAL(StageName, 'Closed Won') && Amount > 0", want: eval.Boolean},
		{object: "Client__c", formula: "$User.Manager.Email", want: eval.Text},
		{object: "Client__c", formula: `$User.UIThemeDisplayed = "Theme4d"`, want: eval.Boolean},
		{object: "Invoice__c", formula: "Client__r.Nope__c", wantErr: "Field Client__r.Nope__c does not exist. Check spelling."},
		{object: "Invoice__c", formula: "Amount__c & 'x'", wantErr: "Incorrect parameter type for operator '&'"},
	}
	for _, tt := range tests {
		t.Run(tt.object+" "+tt.formula, func(t *testing.T) {
			s, err := p.ObjectSchema(tt.object)
			if err != nil {
				t.Fatal(err)
			}
			got, err := eval.Check(tt.formula, s, eval.Options{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Check = %v, %v; want error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Check = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	if _, err := p.ObjectSchema("Nothing__c"); err == nil {
		t.Error("an unknown object has a schema")
	}
}

// TestObjectSchemaMDAPI reads a Metadata API object's fields.
func TestObjectSchemaMDAPI(t *testing.T) {
	p := loadObjects(t, "mdapi")
	s, err := p.ObjectSchema("Ledger__c")
	if err != nil {
		t.Fatal(err)
	}
	got, err := eval.Check("Owner_Ledger__r.Owner_Ledger__r.Balance__c + Balance__c", s, eval.Options{})
	if err != nil || got != eval.Number {
		t.Errorf("Check = %v, %v; want Number", got, err)
	}
}

// TestStandardFieldFiles checks that a standard field's file, which
// holds only what an org may change, leaves the field's type and
// reference as the catalog has them: Account's ParentId file calls it a
// Hierarchy and names no object, yet Parent.Name resolves. A custom
// hierarchy field points at its own object.
func TestStandardFieldFiles(t *testing.T) {
	got, formulas, skipped := lintRecords(t, [][2]string{
		{"objects/Account/fields/ParentId.field-meta.xml", `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>ParentId</fullName>
    <inlineHelpText>The health authority</inlineHelpText>
    <type>Hierarchy</type>
</CustomField>`},
		{"objects/Account/fields/Parent_Name__c.field-meta.xml", `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Parent_Name__c</fullName>
    <formula>Parent.Parent.Name &amp; Parent.Owner.Email</formula>
    <type>Text</type>
</CustomField>`},
		{"objects/User/fields/Coach__c.field-meta.xml", `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Coach__c</fullName>
    <type>Hierarchy</type>
</CustomField>`},
		{"objects/User/fields/Coach_Email__c.field-meta.xml", `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Coach_Email__c</fullName>
    <formula>Coach__r.Coach__r.Email</formula>
    <type>Text</type>
</CustomField>`},
	})
	if diff := cmp.Diff([]string{}, got); diff != "" || formulas != 2 || skipped != 0 {
		t.Errorf("%d formulas, %d skipped; findings (-want +got):\n%s", formulas, skipped, diff)
	}
}

// TestMetadataRelationship checks a custom metadata type's validation
// rule that reads, through a metadata relationship, the setup object the
// relationship points at.
func TestMetadataRelationship(t *testing.T) {
	got, formulas, skipped := lintRecords(t, [][2]string{
		{"objects/Rule__mdt/fields/Field__c.field-meta.xml", `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Field__c</fullName>
    <referenceTo>EntityParticle</referenceTo>
    <type>MetadataRelationship</type>
</CustomField>`},
		{"objects/Rule__mdt/validationRules/Numbers_Only.validationRule-meta.xml", `<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Numbers_Only</fullName>
    <active>true</active>
    <errorConditionFormula>Field__r.DataType &lt;&gt; &quot;Number&quot; &amp;&amp; Field__r.EntityDefinition.IsCustomSetting</errorConditionFormula>
</ValidationRule>`},
	})
	if diff := cmp.Diff([]string{}, got); diff != "" || formulas != 1 || skipped != 0 {
		t.Errorf("%d formulas, %d skipped; findings (-want +got):\n%s", formulas, skipped, diff)
	}
}
