package scope_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// FuzzLoadLabels loads arbitrary bytes as a labels file, in both formats
// and decomposed,
// a global value set and a standard value set, next to a picklist field
// that uses them, then lints the project and evaluates a label. Nothing may
// panic, every problem must point inside the file it names, and every
// label read has a name.
func FuzzLoadLabels(f *testing.F) {
	for _, path := range []string{
		filepath.Join(picklistsDir, "force-app/main/default/labels/CustomLabels.labels-meta.xml"),
		filepath.Join(picklistsDir, "force-app/main/default/globalValueSets/Regions.globalValueSet-meta.xml"),
		filepath.Join(picklistsDir, "force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml"),
		filepath.Join(picklistsMDAPIDir, "src/labels/CustomLabels.labels"),
		filepath.Join("testdata", "labels-decomposed", "force-app/main/default/labels/Farewell.label-meta.xml"),
	} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	field, err := os.ReadFile(filepath.Join(picklistsDir, "force-app/main/default/objects/Deal__c/fields/Region__c.field-meta.xml"))
	if err != nil {
		f.Fatal(err)
	}
	formula := []byte(`<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>F__c</fullName><type>Text</type>
<formula>IF(ISPICKVAL(Region__c, "North") || TEXT(Region__c) = "South", $Label.Greeting, $Label.acme__Greeting)</formula></CustomField>`)
	f.Fuzz(func(t *testing.T, data []byte) {
		p := &scope.Project{}
		p.LoadFile(filepath.Join("labels", "CustomLabels.labels-meta.xml"), data)
		p.LoadFile(filepath.Join("labels", "More.labels"), data)
		p.LoadFile(filepath.Join("labels", "One.label-meta.xml"), data)
		p.LoadFile(filepath.Join("globalValueSets", "Regions.globalValueSet-meta.xml"), data)
		p.LoadFile(filepath.Join("standardValueSets", "OpportunityStage.standardValueSet"), data)
		p.LoadFile(filepath.Join("objects", "Deal__c", "fields", "Region__c.field-meta.xml"), field)
		p.LoadFile(filepath.Join("objects", "Deal__c", "fields", "F__c.field-meta.xml"), formula)
		for _, e := range p.Problems {
			if e.Pos.Line < 1 || e.Pos.Column < 1 {
				t.Errorf("problem at %v: %s", e.Pos, e.Msg)
			}
		}
		for _, l := range p.Labels {
			if l.Name == "" {
				t.Errorf("a label without a name, at %v", l.Pos)
			}
		}
		for _, finding := range scope.Lint(p, scope.LintOptions{}) {
			if finding.Pos.Line < 1 || finding.Pos.Column < 1 {
				t.Errorf("finding at %v: %s", finding.Pos, finding.Message)
			}
		}
		s, err := p.ObjectSchema("Deal__c")
		if err != nil {
			t.Fatal(err)
		}
		if prog, err := eval.Compile(`BLANKVALUE($Label.Greeting, "")`, s, eval.Options{}); err == nil {
			vals := s.NewValues()
			if err := p.SetLabels(vals); err != nil {
				t.Fatalf("SetLabels: %v", err)
			}
			if _, err := prog.Eval(vals, eval.Env{}); err != nil {
				t.Errorf("evaluating a label: %v", err)
			}
		}
	})
}
