package scope_test

import (
	"fmt"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// TestRecordFormulas compiles every formula of the fixtures' records in
// its context and checks what each is, its type and where it starts.
func TestRecordFormulas(t *testing.T) {
	tests := []struct {
		dir  string
		want []string
	}{
		{dir: "sfdx", want: []string{
			"formula field Invoice__c.Overdue__c (formula field of Invoice__c) Boolean at Overdue__c.field-meta.xml:4:14",
			"validation rule Amount_Positive of Invoice__c (validation rule of Invoice__c) Boolean at Amount_Positive.validationRule-meta.xml:5:28",
			"the entry criteria of approval process Invoice__c.Big_Invoices (workflow of Invoice__c) Boolean at Invoice__c.Big_Invoices.approvalProcess-meta.xml:13:18",
			"step Finance of approval process Invoice__c.Big_Invoices (workflow of Invoice__c) Boolean at Invoice__c.Big_Invoices.approvalProcess-meta.xml:7:22",
			"assignment rule Support of Case (workflow of Case) Boolean at Case.assignmentRules-meta.xml:9:22",
			"field update Stamp_Name of Invoice__c (workflow of Invoice__c) Text at Invoice__c.workflow-meta.xml:6:18",
			"workflow rule Large_Invoice of Invoice__c (workflow of Invoice__c) Boolean at Invoice__c.workflow-meta.xml:13:18",
			"formula DaysLate of flow Invoice_Reminder (flow of Invoice__c) Number at Invoice_Reminder.flow-meta.xml:7:21",
			"formula Subject of flow Invoice_Reminder (flow of Invoice__c) Text at Invoice_Reminder.flow-meta.xml:12:21",
			"formula Gold of flow Invoice_Reminder (flow of Invoice__c) Boolean at Invoice_Reminder.flow-meta.xml:17:21",
		}},
		{dir: "mdapi", want: []string{
			"validation rule Closed_Balanced of Ledger__c (validation rule of Ledger__c) Boolean at Ledger__c.object:41:32",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			p := loadObjects(t, tt.dir)
			pp, findings := p.Prepare(p.Schema(), eval.Options{})
			if len(findings) > 0 {
				t.Fatalf("credential findings: %v", findings)
			}
			formulas, findings := pp.Records()
			for _, f := range findings {
				t.Errorf("finding: %v", f)
			}
			var got []string
			for _, f := range formulas {
				if f.Program == nil {
					continue
				}
				at := f.Value.TextPos()
				got = append(got, fmt.Sprintf("%s (%v of %s) %v at %s:%d:%d", f.What, f.Context, f.Object, f.Program.Type(),
					baseName(at.File), at.Line, at.Column))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("record formulas (-want +got):\n%s", diff)
			}
		})
	}
}

func baseName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' || path[i] == '\\' {
			return path[i+1:]
		}
	}
	return path
}

// TestRecordFormulaErrors checks mistakes in record formulas, each at its
// position in the file: a missing field, a picklist used as text, a
// function the context lacks, a flow resource that does not exist, and a
// result of the wrong type.
func TestRecordFormulaErrors(t *testing.T) {
	const flowName = "force-app/flows/F.flow-meta.xml"
	files := map[string]string{
		"force-app/objects/Thing__c/fields/Label__c.field-meta.xml": `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Label__c</fullName>
    <formula>Nope__c &amp; &quot;x&quot;</formula>
    <type>Text</type>
</CustomField>`,
		"force-app/objects/Thing__c/fields/Count__c.field-meta.xml": `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Count__c</fullName>
    <formula>IF(ISCHANGED(Name), 1, 0)</formula>
    <type>Number</type>
</CustomField>`,
		"force-app/objects/Thing__c/fields/Stage__c.field-meta.xml": `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Stage__c</fullName>
    <type>Picklist</type>
</CustomField>`,
		"force-app/objects/Thing__c/validationRules/V.validationRule-meta.xml": `<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <errorConditionFormula>Stage__c = &quot;Open&quot;</errorConditionFormula>
</ValidationRule>`,
		"force-app/objects/Thing__c/validationRules/W.validationRule-meta.xml": `<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <errorConditionFormula>Name</errorConditionFormula>
</ValidationRule>`,
		flowName: `<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <formulas>
        <name>f</name>
        <dataType>Number</dataType>
        <expression>{!missing} + 1</expression>
    </formulas>
</Flow>`,
	}
	p := &scope.Project{}
	for _, name := range []string{"force-app/objects/Thing__c/fields/Count__c.field-meta.xml", "force-app/objects/Thing__c/fields/Label__c.field-meta.xml",
		"force-app/objects/Thing__c/fields/Stage__c.field-meta.xml", "force-app/objects/Thing__c/validationRules/V.validationRule-meta.xml",
		"force-app/objects/Thing__c/validationRules/W.validationRule-meta.xml", flowName} {
		p.LoadFile(name, []byte(files[name]))
	}
	if len(p.Problems) > 0 {
		t.Fatal(p.Problems)
	}
	pp, _ := p.Prepare(p.Schema(), eval.Options{})
	_, findings := pp.Records()
	var got []string
	for _, f := range findings {
		got = append(got, fmt.Sprintf("%d:%d: %s", f.Pos.Line, f.Pos.Column, f.Message))
	}
	want := []string{
		"3:17: in formula field Thing__c.Count__c: Function ISCHANGED may not be used in this type of formula",
		"3:14: in formula field Thing__c.Label__c: Field Nope__c does not exist. Check spelling.",
		"2:28: in validation rule V of Thing__c: Field Stage__c is a picklist field. Picklist fields are only supported in certain functions.",
		"2:28: in validation rule W of Thing__c: Formula result is data type (Text), incompatible with expected data type (Boolean).",
		"5:23: in formula f of flow F: Field missing does not exist. Check spelling.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
