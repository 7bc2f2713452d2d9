package scope_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// lintRecords loads files, in order, into a project, lints it and
// returns its record formulas' findings (CS405) as "LINE:COL: SEVERITY:
// MESSAGE", and how many formulas it counted and skipped.
func lintRecords(t *testing.T, files [][2]string) (got []string, formulas, skipped int) {
	t.Helper()
	p := &scope.Project{}
	for _, f := range files {
		p.LoadFile(f[0], []byte(f[1]))
	}
	if len(p.Problems) > 0 {
		t.Fatal(p.Problems)
	}
	r := scope.Run(p, scope.LintOptions{})
	got = []string{}
	for _, f := range r.Findings {
		if f.Rule == scope.RecordFormulaRule {
			got = append(got, fmt.Sprintf("%d:%d: %v: %s", f.Pos.Line, f.Pos.Column, f.Severity, f.Message))
		}
	}
	return got, r.Formulas, r.Skipped
}

// screenFlow is a screen flow whose formula Note reads what its screens
// and decisions hold: an input inside a section's column, a long text
// area, which has no data type, a decision's outcome, which is Boolean,
// and a component's output; EXPR is the formula.
const screenFlow = `<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <decisions>
        <name>Check</name>
        <rules>
            <name>Late</name>
            <conditionLogic>and</conditionLogic>
        </rules>
    </decisions>
    <formulas>
        <name>Note</name>
        <dataType>String</dataType>
        <expression>EXPR</expression>
    </formulas>
    <screens>
        <name>Ask</name>
        <fields>
            <name>Section</name>
            <fieldType>RegionContainer</fieldType>
            <fields>
                <name>Column</name>
                <fieldType>Region</fieldType>
                <fields>
                    <name>Due</name>
                    <dataType>Date</dataType>
                    <fieldType>InputField</fieldType>
                </fields>
            </fields>
        </fields>
        <fields>
            <name>Notes</name>
            <fieldType>LargeTextArea</fieldType>
        </fields>
        <fields>
            <name>Where</name>
            <extensionName>flowruntime:address</extensionName>
            <fieldType>ComponentInstance</fieldType>
        </fields>
    </screens>
</Flow>`

// TestFlowScreenResources checks that a flow formula reads the fields of
// its screens at any depth and its decisions' outcomes, with their types.
func TestFlowScreenResources(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{expr: `IF({!Late}, TEXT({!Due}) &amp; {!Notes}, {!Where.city})`, want: []string{
			"12:64: note: in formula Note of flow F: Where.city cannot be checked: the flow's element Where has outputs whose types its metadata does not give",
		}},
		{expr: `{!Due}`, want: []string{
			"12:23: error: in formula Note of flow F: Formula result is data type (Date), incompatible with expected data type (Text).",
		}},
		// A section holds no value.
		{expr: `{!Section}`, want: []string{
			"12:23: error: in formula Note of flow F: Field Section does not exist. Check spelling.",
		}},
	}
	for _, tt := range tests {
		src := strings.Replace(screenFlow, "EXPR", tt.expr, 1)
		got, _, _ := lintRecords(t, [][2]string{{"force-app/flows/F.flow-meta.xml", src}})
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: findings (-want +got):\n%s", tt.expr, diff)
		}
	}
}

// TestOwnPackageReferences checks a namespaced package's formulas: a
// flow of Task reads, with the package's prefix as an installed org sees
// it, a custom field of activities through its relationship, and a
// hierarchy custom setting through $Setup.
func TestOwnPackageReferences(t *testing.T) {
	fsys := fstest.MapFS{
		"sfdx-project.json": {Data: []byte(`{"packageDirectories": [{"path": "force-app", "default": true}], "namespace": "shelter"}`)},
		"force-app/objects/Activity/fields/Stay__c.field-meta.xml": {Data: []byte(`<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Stay__c</fullName>
    <referenceTo>Stay__c</referenceTo>
    <type>Lookup</type>
</CustomField>`)},
		"force-app/objects/Stay__c/fields/Kind__c.field-meta.xml": {Data: []byte(`<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Kind__c</fullName>
    <type>Text</type>
</CustomField>`)},
		"force-app/objects/Settings__c/Settings__c.object-meta.xml": {Data: []byte(`<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <customSettingsType>Hierarchy</customSettingsType>
</CustomObject>`)},
		"force-app/objects/Settings__c/fields/Prefix__c.field-meta.xml": {Data: []byte(`<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Prefix__c</fullName>
    <type>Text</type>
</CustomField>`)},
		"force-app/flows/Label.flow-meta.xml": {Data: []byte(`<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <formulas>
        <name>Label</name>
        <dataType>String</dataType>
        <expression>{!$Setup.shelter__Settings__c.shelter__Prefix__c} &amp; {!$Record.shelter__Stay__r.shelter__Kind__c} &amp; {!$Record.Stay__r.Kind__c}</expression>
    </formulas>
    <formulas>
        <name>Missing</name>
        <dataType>String</dataType>
        <expression>{!$Record.shelter__Stay__r.shelter__Nope__c}</expression>
    </formulas>
    <start>
        <object>Task</object>
    </start>
</Flow>`)},
	}
	p, err := scope.LoadFS(fsys, "shelter")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range scope.Lint(p, scope.LintOptions{}) {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", f.Pos.File, f.Pos.Line, f.Pos.Column, f.Message))
	}
	want := []string{
		"shelter/force-app/flows/Label.flow-meta.xml:10:23: in formula Missing of flow Label: Field $Record.shelter__Stay__r.shelter__Nope__c does not exist. Check spelling.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestFlowEntryCondition checks a record-triggered flow's entry
// condition: a Boolean formula of the record, which may ask what changed.
func TestFlowEntryCondition(t *testing.T) {
	const amount = `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Amount__c</fullName>
    <type>Number</type>
</CustomField>`
	tests := []struct {
		entry string
		want  []string
	}{
		{entry: `AND(ISCHANGED({!$Record.Amount__c}), {!$Record.Amount__c} &gt; 1)`, want: []string{}},
		{entry: `{!$Record.Amount__c}`, want: []string{
			"4:26: error: in the entry condition of flow Big: Formula result is data type (Number), incompatible with expected data type (Boolean).",
		}},
	}
	for _, tt := range tests {
		flow := `<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <start>
        <object>Deal__c</object>
        <filterFormula>` + tt.entry + `</filterFormula>
        <recordTriggerType>CreateAndUpdate</recordTriggerType>
    </start>
</Flow>`
		got, formulas, _ := lintRecords(t, [][2]string{
			{"force-app/objects/Deal__c/fields/Amount__c.field-meta.xml", amount},
			{"force-app/flows/Big.flow-meta.xml", flow},
		})
		if diff := cmp.Diff(tt.want, got); diff != "" || formulas != 1 {
			t.Errorf("%s: %d formulas; findings (-want +got):\n%s", tt.entry, formulas, diff)
		}
	}
}
