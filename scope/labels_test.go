package scope_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// mustLoad loads the project in dir, failing the test if it cannot.
func mustLoad(t *testing.T, dir string) *scope.Project {
	t.Helper()
	p, err := scope.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The fixture projects of labels and picklist values: one in the source
// format, with a namespace, one in the Metadata API format.
var (
	picklistsDir      = filepath.Join("testdata", "picklists")
	picklistsMDAPIDir = filepath.Join("testdata", "picklists-mdapi")
)

// label is a scope.CustomLabel as the tables write it.
type label struct{ Name, Value, At string }

func TestLoadLabels(t *testing.T) {
	for _, tt := range []struct {
		dir  string
		want []label
	}{
		{picklistsDir, []label{
			{"Greeting", "Welcome aboard", "force-app/main/default/labels/CustomLabels.labels-meta.xml:3:5"},
			{"Deal_Closed", "This deal is closed & final", "force-app/main/default/labels/CustomLabels.labels-meta.xml:10:5"},
		}},
		{picklistsMDAPIDir, []label{
			{"Ledger_Title", "General ledger", "src/labels/CustomLabels.labels:3:5"},
		}},
		// Decomposed, one file a label, the name from the file when the
		// label has no fullName.
		{filepath.Join("testdata", "labels-decomposed"), []label{
			{"Farewell", "Until next time", "force-app/main/default/labels/Farewell.label-meta.xml:2:1"},
			{"Signature", "The team", "force-app/main/default/labels/Signature.label-meta.xml:2:1"},
		}},
		{filepath.Join("..", "testdata", "objects", "sfdx"), nil},
	} {
		// Load and LoadFS read a project alike.
		for _, load := range []struct {
			name string
			load func(dir string) (*scope.Project, error)
		}{
			{"Load", func(dir string) (*scope.Project, error) { return scope.Load(dir) }},
			{"LoadFS", func(dir string) (*scope.Project, error) { return scope.LoadFS(os.DirFS(dir), dir) }},
		} {
			t.Run(load.name+" "+tt.dir, func(t *testing.T) {
				p, err := load.load(tt.dir)
				if err != nil {
					t.Fatal(err)
				}
				var got []label
				for _, l := range p.Labels {
					rel, err := filepath.Rel(tt.dir, l.File)
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, label{l.Name, l.Value.Text, fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel), l.Pos.Line, l.Pos.Column)})
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("labels (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestLoadValueSets(t *testing.T) {
	type set struct {
		Kind, Name string
		Values     []string
	}
	for _, tt := range []struct {
		dir  string
		want []set
	}{
		{picklistsDir, []set{
			{"GlobalValueSet", "Regions", []string{"North", "South_East"}},
			{"StandardValueSet", "OpportunityStage", []string{"Prospecting", "Closed Won"}},
		}},
		{picklistsMDAPIDir, []set{{"GlobalValueSet", "Quarters", []string{"Q1", "Q2"}}}},
	} {
		t.Run(tt.dir, func(t *testing.T) {
			p := mustLoad(t, tt.dir)
			var got []set
			for _, vs := range p.ValueSets {
				got = append(got, set{vs.Kind, vs.Name, vs.Values})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("value sets (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPicklistValuesInModel checks where a picklist's values come from:
// its own value set, a global value set, a standard value set, or nowhere
// the project holds.
func TestPicklistValuesInModel(t *testing.T) {
	p := mustLoad(t, picklistsDir)
	m := p.Model()
	for _, tt := range []struct {
		object, field string
		want          []string
	}{
		{"Deal__c", "Stage__c", []string{"Prospect", "Closed Won", "Closed Lost"}},
		{"Deal__c", "Colors__c", []string{"Red", "Green"}},
		{"Deal__c", "Region__c", []string{"North", "South_East"}},
		{"Deal__c", "Channel__c", nil},                                      // its global value set is not in the project
		{"Opportunity", "StageName", []string{"Prospecting", "Closed Won"}}, // from standardValueSets
		{"Opportunity", "Type", nil},                                        // OpportunityType is not in the project
		{"Lead", "Status", nil},
	} {
		f, err := m.Resolve(tt.object, tt.field)
		if err != nil {
			t.Errorf("%s.%s: %v", tt.object, tt.field, err)
			continue
		}
		if diff := cmp.Diff(tt.want, f.Values); diff != "" {
			t.Errorf("%s.%s values (-want +got):\n%s", tt.object, tt.field, diff)
		}
	}
	// The catalog's own field stays as it was, for a project without the
	// standard value set.
	if f, _ := (&scope.Project{}).Model().Resolve("Opportunity", "StageName"); f == nil || len(f.Values) != 0 {
		t.Errorf("the catalog's Opportunity.StageName changed: %+v", f)
	}
}

// TestLabelFields checks what a formula may read of $Label: a project with
// a labels file its labels, under its namespace too, and a project without
// one any label.
func TestLabelFields(t *testing.T) {
	withLabels := mustLoad(t, picklistsDir)
	without := mustLoad(t, filepath.Join("..", "testdata", "objects", "sfdx"))
	for _, tt := range []struct {
		name    string
		p       *scope.Project
		formula string
		want    string // the type, or the error
	}{
		{"a label", withLabels, "$Label.Greeting", "Text"},
		{"letter case ignored", withLabels, "$label.GREETING", "Text"},
		{"own namespace", withLabels, "$Label.acme__Greeting & $Label.acme.Deal_Closed", "Text"},
		{"undefined", withLabels, "$Label.Greting", "formula:1:1: Field $Label.Greting does not exist. Check spelling."},
		{"another package", withLabels, "$Label.billing__Due", "formula:1:1: Field $Label.billing__Due does not exist. Check spelling."},
		{"no labels file", without, "$Label.Anything", "Text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.p.ObjectSchema("Account")
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if typ, err := eval.Check(tt.formula, s, eval.Options{}); err != nil {
				got = err.Error()
			} else {
				got = typ.String()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.formula, diff)
			}
		})
	}
}

// TestSetLabels checks that a formula of the project evaluates a label to
// its value, and that a project without labels leaves $Label null.
func TestSetLabels(t *testing.T) {
	withLabels := mustLoad(t, picklistsDir)
	for _, tt := range []struct {
		name    string
		p       *scope.Project
		formula string
		want    string
	}{
		{"a label", withLabels, `$Label.Greeting & ", " & $Label.acme__Deal_Closed`, "Welcome aboard, This deal is closed & final"},
		{"no labels file", &scope.Project{}, `BLANKVALUE($Label.Greeting, "(none)")`, "(none)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.p.ObjectSchema("Account")
			if err != nil {
				t.Fatal(err)
			}
			prog, err := eval.Compile(tt.formula, s, eval.Options{})
			if err != nil {
				t.Fatal(err)
			}
			vals := s.NewValues()
			if err := tt.p.SetLabels(vals); err != nil {
				t.Fatal(err)
			}
			got, err := prog.EvalText(vals, eval.Env{})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.formula, got, tt.want)
			}
		})
	}
}

// TestLintLabelsAndPicklists lints the fixtures: an undefined label is an
// error with the labels near it, another package's a note, and each
// literal that is not a value of its picklist a warning at the literal.
func TestLintLabelsAndPicklists(t *testing.T) {
	for _, tt := range []struct {
		dir  string
		want []finding
	}{
		{picklistsDir, []finding{
			{"CS406", W, "force-app/main/default/flows/Deal_Check.flow-meta.xml:6:52", `in formula Is_Won of flow Deal_Check: "Won" is not a value of picklist $Record.Stage__c, whose values are "Prospect", "Closed Won" and "Closed Lost"`},
			{"CS406", W, "force-app/main/default/objects/Deal__c/fields/Status_Text__c.field-meta.xml:5:53", `in formula field Deal__c.Status_Text__c: "Closed won" is not a value of picklist Stage__c. Did you mean "Closed Won"?`},
			{"CS406", W, "force-app/main/default/objects/Deal__c/fields/Status_Text__c.field-meta.xml:6:64", `in formula field Deal__c.Status_Text__c: "Blue" is not a value of multi-select picklist Colors__c, whose values are "Red" and "Green"`},
			{"CS406", W, "force-app/main/default/objects/Deal__c/fields/Status_Text__c.field-meta.xml:7:22", `in formula field Deal__c.Status_Text__c: "South East" is not a value of picklist Region__c. Did you mean "South_East"?`},
			{"CS406", W, "force-app/main/default/objects/Deal__c/validationRules/Needs_Reason.validationRule-meta.xml:5:60", `in validation rule Needs_Reason of Deal__c: "Lost" is not a value of picklist Stage__c, whose values are "Prospect", "Closed Won" and "Closed Lost"`},
			{"CS405", E, "force-app/main/default/objects/Deal__c/validationRules/Needs_Reason.validationRule-meta.xml:6:1", "in validation rule Needs_Reason of Deal__c: Field $Label.Greting does not exist. Check spelling. Did you mean $Label.Greeting?"},
			{"CS405", N, "force-app/main/default/objects/Deal__c/validationRules/Needs_Reason.validationRule-meta.xml:6:58", "in validation rule Needs_Reason of Deal__c: $Label.billing__Invoice_Due cannot be checked: it belongs to package billing, which the project cannot see"},
			{"CS406", W, "force-app/main/default/objects/Opportunity/fields/Stage_Note__c.field-meta.xml:4:86", `in formula field Opportunity.Stage_Note__c: "Closed-Won" is not a value of picklist StageName. Did you mean "Closed Won"?`},
		}},
		{picklistsMDAPIDir, []finding{
			{"CS406", W, "src/objects/Ledger__c.object:13:69", `in formula field Ledger__c.Title__c: "Q5" is not a value of picklist Quarter__c. Did you mean "Q1"?`},
			{"CS405", E, "src/objects/Ledger__c.object:13:121", "in formula field Ledger__c.Title__c: Field $Label.Ledger_Titel does not exist. Check spelling. Did you mean $Label.Ledger_Title?"},
		}},
	} {
		t.Run(tt.dir, func(t *testing.T) {
			p := mustLoad(t, tt.dir)
			if diff := cmp.Diff(tt.want, tableFindings(t, tt.dir, scope.Lint(p, scope.LintOptions{}))); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLabelsFileMakesLabelsClosed checks that an empty labels file is a
// labels file still: every $Label is then undefined.
func TestLabelsFileMakesLabelsClosed(t *testing.T) {
	p := &scope.Project{}
	p.LoadFile(filepath.Join("labels", "CustomLabels.labels-meta.xml"), []byte(`<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata"/>`))
	s, err := p.ObjectSchema("Account")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eval.Check("$Label.Greeting", s, eval.Options{}); err == nil {
		t.Error("$Label.Greeting compiled against a project whose labels file defines none")
	}
	if len(p.Problems) != 0 || len(p.Files) != 1 {
		t.Errorf("problems %v, files %v", p.Problems, p.Files)
	}
}

// TestLabelsFileTooLong checks that a labels file longer than the loader
// reads is a problem, as any metadata file is, and that $Label then stays
// open: the project's labels are unknown.
func TestLabelsFileTooLong(t *testing.T) {
	long := "<CustomLabels>" + strings.Repeat(" ", scope.MaxFileSize) + "</CustomLabels>"
	p, err := scope.LoadFS(fstest.MapFS{"labels/CustomLabels.labels-meta.xml": {Data: []byte(long)}}, "proj")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range p.Problems {
		got = append(got, e.Error())
	}
	want := []string{fmt.Sprintf("proj/labels/CustomLabels.labels-meta.xml:1:%d: the file is longer than %d bytes, the most credscope reads", scope.MaxFileSize+1, scope.MaxFileSize)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	s, err := p.ObjectSchema("Account")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eval.Check("$Label.Anything", s, eval.Options{}); err != nil {
		t.Errorf("$Label.Anything, with the labels file refused: %v", err)
	}
}
