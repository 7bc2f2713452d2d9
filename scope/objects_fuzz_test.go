package scope_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// FuzzLoadObject loads arbitrary bytes as a field file, a Metadata API
// object file, a validation rule, a workflow and a flow, then builds the
// model, compiles a formula that follows a relationship against each
// object, and compiles the records' formulas. Nothing may panic, and
// every problem must point inside the file it names.
func FuzzLoadObject(f *testing.F) {
	for _, path := range []string{
		"../testdata/objects/sfdx/force-app/main/default/objects/Client__c/fields/Tier__c.field-meta.xml",
		"../testdata/objects/sfdx/force-app/main/default/objects/Invoice__c/fields/Client__c.field-meta.xml",
		"../testdata/objects/mdapi/src/objects/Ledger__c.object",
		"../testdata/objects/sfdx/force-app/main/default/flows/Invoice_Reminder.flow-meta.xml",
		"../testdata/objects/sfdx/force-app/main/default/workflows/Invoice__c.workflow-meta.xml",
	} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// A screen flow with an entry condition, and a formula with the
	// namespace tokens a CumulusCI deploy replaces.
	f.Add([]byte(strings.Replace(screenFlow, "<screens>", "<start><object>Thing__c</object><filterFormula>ISCHANGED({!$Record.Name})</filterFormula></start><screens>", 1)))
	f.Add([]byte(`<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>%%%NAMESPACE%%%Link__c</fullName>
<formula>%%%NAMESPACE%%%Amount__c &amp; "%%%NAMESPACE_OR_C%%%" + %%%NAMESPACED_ORG%%%Nope__c</formula><type>Text</type></CustomField>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := &scope.Project{}
		p.LoadFile(filepath.Join("objects", "Thing__c", "fields", "Link__c.field-meta.xml"), data)
		p.LoadFile(filepath.Join("objects", "Other__c.object"), data)
		p.LoadFile(filepath.Join("objects", "Thing__c", "validationRules", "V.validationRule-meta.xml"), data)
		p.LoadFile(filepath.Join("workflows", "Thing__c.workflow"), data)
		p.LoadFile(filepath.Join("flows", "F.flow-meta.xml"), data)
		for _, e := range p.Problems {
			if e.Pos.Line < 1 || e.Pos.Column < 1 {
				t.Errorf("problem at %v: %s", e.Pos, e.Msg)
			}
		}
		for _, o := range p.Model().Objects() {
			s, err := p.ObjectSchema(o.Name)
			if err != nil {
				t.Fatalf("object %s of the model has no schema: %v", o.Name, err)
			}
			_, _ = eval.Check("Link__r.Link__r.Name & TEXT(Amount__c)", s, eval.Options{})
		}
		pp, _ := p.Prepare(p.Schema(), eval.Options{})
		formulas, findings := pp.Records()
		for _, fd := range findings {
			if fd.Pos.Line < 1 || fd.Pos.Column < 1 {
				t.Errorf("finding at %v: %s", fd.Pos, fd.Message)
			}
		}
		if len(formulas) > 0 && len(findings) == 0 && formulas[0].Program == nil {
			t.Errorf("%s did not compile, and no finding says why", formulas[0].What)
		}
	})
}
