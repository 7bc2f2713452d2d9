package objects_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/objects"
	"github.com/google/go-cmp/cmp"
)

// chain returns a model of Link__c records, each pointing at the next
// through Next__c, with an amount, a picklist, a location and two
// summaries.
func chain() *objects.Model {
	m := objects.NewModel()
	m.Add(&objects.Object{Name: "Link__c", Fields: append(objects.SystemFields("Link__c", ""),
		&objects.Field{Name: "Next__c", Type: "Lookup", ReferenceTo: []string{"Link__c"}, Relationship: "Next__r"},
		&objects.Field{Name: "Amount__c", Type: "Currency", Scale: 2},
		&objects.Field{Name: "Stage__c", Type: "Picklist", Values: []string{"A", "B"}},
		&objects.Field{Name: "Where__c", Type: "Location"},
		&objects.Field{Name: "Total__c", Type: "Summary", SummaryOperation: "sum", SummarizedField: "Link__c.Amount__c"},
		&objects.Field{Name: "Latest__c", Type: "Summary", SummaryOperation: "max", SummarizedField: "Link__c.CreatedDate"},
		&objects.Field{Name: "Gone__c", Type: "Summary", SummaryOperation: "min", SummarizedField: "Elsewhere__c.X__c"},
		&objects.Field{Name: "Blob__c", Type: "Base64"},
	)})
	m.Add(&objects.Object{Name: "User", Fields: []*objects.Field{{Name: "Email", Type: "Email"}}})
	m.Add(&objects.Object{Name: "Group", Fields: []*objects.Field{{Name: "Name", Type: "Text"}, {Name: "Type", Type: "Picklist"}}})
	return m
}

// TestModelType resolves field paths of Link__c records, in a model
// without a namespace and in one whose own package is acme: its objects,
// fields and relationships resolve with the prefix too, another package's
// and a prefix without a name after it do not.
func TestModelType(t *testing.T) {
	type result struct {
		Type eval.Type
		Err  string
	}
	tests := []struct {
		namespace    string
		object, path string // object "" is Link__c
		want         result
	}{
		{path: "Amount__c", want: result{Type: eval.Number}},
		{path: "amount__C", want: result{Type: eval.Number}},
		{path: "Name", want: result{Type: eval.Text}},
		{path: "CreatedDate", want: result{Type: eval.DateTime}},
		{path: "IsDeleted", want: result{Type: eval.Boolean}},
		{path: "Next__c", want: result{Type: eval.Text}},
		{path: "Next__r.Amount__c", want: result{Type: eval.Number}},
		{path: "Next__r.Owner.Email", want: result{Type: eval.Text}},
		{path: "Next__r.Owner:Group.Type", want: result{Type: eval.Picklist}},
		{path: "Owner:Contact.Name", want: result{Err: "Contact is an invalid object type for the Owner field. Check spelling."}},
		{path: "Owner:Queue.Name", want: result{Type: eval.Text}},
		{path: "Where__c", want: result{Type: eval.Geolocation}},
		{path: "Where__Latitude__s", want: result{Type: eval.Number}},
		{path: "Total__c", want: result{Type: eval.Number}},
		{path: "Latest__c", want: result{Type: eval.DateTime}},
		{path: "Gone__c", want: result{Type: eval.Number}},
		{path: strings.Repeat("Next__r.", 10) + "Amount__c", want: result{Type: eval.Number}},
		{path: strings.Repeat("Next__r.", 11) + "Amount__c", want: result{Err: strings.Repeat("Next__r.", 11) + "Amount__c follows 11 relationships; a formula may follow at most 10"}},
		{path: "Next__r", want: result{Err: "Field Next__r does not exist. Check spelling."}},
		{path: "Amount__r.Name", want: result{Err: "Field Amount__r does not exist. Check spelling."}},
		{path: "RecordType.Name", want: result{Err: "Field RecordType.Name does not exist. Check spelling."}},
		{path: "Next__r.Nope__c", want: result{Err: "Field Next__r.Nope__c does not exist. Check spelling."}},
		{path: "Blob__c", want: result{Err: "field Blob__c has type Base64, which formulas cannot read"}},
		{object: "Nothing__c", path: "Name", want: result{Err: "object Nothing__c is not known"}},
		{namespace: "acme", object: "acme__Link__c", path: "acme__Amount__c", want: result{Type: eval.Number}},
		{namespace: "acme", path: "ACME__Next__r.acme__Next__r.Owner.Email", want: result{Type: eval.Text}},
		{namespace: "acme", object: "acme__Link__c", path: "Amount__c", want: result{Type: eval.Number}},
		{namespace: "acme", path: "other__Amount__c", want: result{Err: "Field other__Amount__c does not exist. Check spelling."}},
		{namespace: "acme", object: "other__Link__c", path: "Amount__c", want: result{Err: "object other__Link__c is not known"}},
		{namespace: "acme", path: "acme__c", want: result{Err: "Field acme__c does not exist. Check spelling."}},
	}
	for _, tt := range tests {
		object := tt.object
		if object == "" {
			object = "Link__c"
		}
		t.Run(tt.namespace+"/"+object+"/"+tt.path, func(t *testing.T) {
			m := chain()
			if tt.namespace != "" {
				m.SetNamespaces(tt.namespace)
			}
			var got result
			tp, err := m.Type(object, tt.path)
			if err != nil {
				got.Err = err.Error()
			} else {
				got.Type = tp
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Type(%s, %s) (-want +got):\n%s", object, tt.path, diff)
			}
		})
	}
}

func TestFormulaType(t *testing.T) {
	want := map[string]eval.Type{
		"Text": eval.Text, "TextArea": eval.Text, "LongTextArea": eval.Text, "Html": eval.Text,
		"Email": eval.Text, "Phone": eval.Text, "Url": eval.Text, "EncryptedText": eval.Text,
		"AutoNumber": eval.Text, "Lookup": eval.Text, "MasterDetail": eval.Text, "Id": eval.Text,
		"Picklist": eval.Picklist, "MultiselectPicklist": eval.MultiPicklist,
		"Number": eval.Number, "Currency": eval.Number, "Percent": eval.Number,
		"Checkbox": eval.Boolean, "Date": eval.Date, "DateTime": eval.DateTime, "Time": eval.Time,
		"Location": eval.Geolocation,
	}
	got := map[string]eval.Type{}
	for name := range want {
		if tp, ok := objects.FormulaType(name); ok {
			got[name] = tp
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FormulaType (-want +got):\n%s", diff)
	}
	if _, ok := objects.FormulaType("Summary"); ok {
		t.Error("Summary has a type without its operation")
	}
}

// TestAddExtends checks that a project's fields extend an object, replace
// a field of the same name, and leave the object added unchanged.
func TestAddExtends(t *testing.T) {
	base := &objects.Object{Name: "Account", Fields: []*objects.Field{
		{Name: "Name", Type: "Text"},
		{Name: "ParentId", Type: "Lookup", ReferenceTo: []string{"Account"}, Relationship: "Parent"},
	}}
	m := objects.NewModel()
	m.Add(base)
	m.Add(&objects.Object{Name: "account", Fields: []*objects.Field{
		{Name: "Region__c", Type: "Text"},
		{Name: "ParentId", Type: "Lookup", ReferenceTo: []string{"Account"}, Relationship: "Mother"},
	}})
	for path, want := range map[string]bool{"Region__c": true, "Name": true, "Mother.Name": true, "Parent.Name": false} {
		if _, err := m.Type("Account", path); (err == nil) != want {
			t.Errorf("Type(Account, %s): err %v, want found %v", path, err, want)
		}
	}
	if len(base.Fields) != 2 {
		t.Errorf("the object added changed: %d fields", len(base.Fields))
	}
	var names []string
	for _, o := range m.Objects() {
		names = append(names, o.Name)
	}
	if diff := cmp.Diff([]string{"Account"}, names); diff != "" {
		t.Errorf("Objects (-want +got):\n%s", diff)
	}
}

func TestModelNames(t *testing.T) {
	m := chain()
	link := []string{"Amount__c", "CreatedBy.", "CreatedById", "CreatedDate", "CurrencyIsoCode", "Gone__c", "Id", "IsDeleted",
		"LastActivityDate", "LastModifiedBy.", "LastModifiedById", "LastModifiedDate", "LastReferencedDate", "LastViewedDate",
		"Latest__c", "Name", "Next__c", "Next__r.", "Owner.", "Owner:Queue.", "Owner:User.", "OwnerId", "RecordTypeId",
		"Stage__c", "SystemModstamp", "Total__c", "Where__c", "Where__Latitude__s", "Where__Longitude__s"}
	prefixed := func(lead string, names []string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = lead + n
		}
		return out
	}
	var deepest []string
	for _, n := range link {
		if !strings.HasSuffix(n, ".") {
			deepest = append(deepest, strings.Repeat("Next__r.", 10)+n)
		}
	}
	tests := []struct {
		lead string
		want []string
	}{
		{"", link},
		{"next__R.", prefixed("Next__r.", link)},
		{"Next__r.owner.", []string{"Next__r.Owner.Email"}},
		{"Owner:queue.", []string{"Owner:Queue.Name", "Owner:Queue.Type"}},
		{"Owner:Group.", []string{"Owner:Group.Name", "Owner:Group.Type"}},
		{"Owner:Contact.", nil},
		{"RecordType.", nil}, // the model lacks RecordType
		{"Amount__r.", nil},
		{"Next__r", nil},
		{".", nil},
		{strings.Repeat("Next__r.", 10), deepest},
		{strings.Repeat("Next__r.", 11), nil},
	}
	for _, tt := range tests {
		got := m.Names("Link__c", tt.lead)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Names(%q) (-want +got):\n%s", tt.lead, diff)
		}
		for _, name := range got {
			if err := resolves(m, "Link__c", name); err != nil {
				t.Errorf("Names(%q) offers %s: %v", tt.lead, name, err)
			}
		}
	}
	if got := m.Names("Nothing__c", ""); got != nil {
		t.Errorf("Names of an unknown object = %q", got)
	}
}

// resolves checks a name Names offers: a field resolves to a type, and a
// relationship leads to an object with a field that does.
func resolves(m *objects.Model, object, name string) error {
	if !strings.HasSuffix(name, ".") {
		_, err := m.Type(object, name)
		return err
	}
	for _, next := range m.Names(object, name) {
		if !strings.HasSuffix(next, ".") {
			_, err := m.Type(object, next)
			return err
		}
	}
	return fmt.Errorf("%s leads to no field", name)
}

// TestStandardNames checks that every name the catalog's objects offer,
// and their relationships' names, resolves.
func TestStandardNames(t *testing.T) {
	m := objects.Standard()
	for _, o := range m.Objects() {
		for _, name := range m.Names(o.Name, "") {
			if err := resolves(m, o.Name, name); err != nil {
				t.Errorf("%s offers %s: %v", o.Name, name, err)
			}
			if !strings.HasSuffix(name, ".") {
				continue
			}
			for _, next := range m.Names(o.Name, name) {
				if err := resolves(m, o.Name, next); err != nil {
					t.Errorf("%s offers %s: %v", o.Name, next, err)
				}
			}
		}
	}
}
