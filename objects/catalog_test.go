package objects_test

import (
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/objects"
	"github.com/google/go-cmp/cmp"
)

// TestCatalogHonest keeps the catalog honest: it has every object the
// documentation promises, every type is one formulas read, every reference
// points at an object of the catalog by a relationship name, and no field
// or relationship name repeats within an object.
func TestCatalogHonest(t *testing.T) {
	m := objects.Standard()
	for _, name := range []string{"Account", "Contact", "Lead", "Opportunity", "OpportunityLineItem", "Case", "User", "Task", "Event",
		"Campaign", "Product2", "Pricebook2", "PricebookEntry", "Contract", "Order", "OrderItem", "Asset", "Quote", "RecordType"} {
		if _, ok := m.Object(name); !ok {
			t.Errorf("the catalog has no %s", name)
		}
	}
	for _, o := range m.Objects() {
		names, rels := map[string]bool{}, map[string]bool{}
		for _, f := range o.Fields {
			key := strings.ToLower(f.Name)
			if names[key] {
				t.Errorf("%s.%s is declared twice", o.Name, f.Name)
			}
			names[key] = true
			if _, ok := objects.FormulaType(f.Type); !ok {
				t.Errorf("%s.%s: type %q is not one formulas read", o.Name, f.Name, f.Type)
			}
			if (f.Type == "Lookup") != f.IsReference() || f.IsReference() != (f.Relationship != "") {
				t.Errorf("%s.%s: a Lookup needs both its objects and its relationship name, and only a Lookup has them", o.Name, f.Name)
			}
			for _, target := range f.ReferenceTo {
				if _, ok := m.Object(target); !ok {
					t.Errorf("%s.%s points at %s, which the catalog lacks", o.Name, f.Name, target)
				}
			}
			if f.Relationship != "" {
				if rels[strings.ToLower(f.Relationship)] {
					t.Errorf("%s: relationship %s is declared twice", o.Name, f.Relationship)
				}
				rels[strings.ToLower(f.Relationship)] = true
				if want := f.Relationship + "Id"; !strings.EqualFold(f.Name, want) {
					t.Errorf("%s.%s: a standard reference is named after its relationship: want %s", o.Name, f.Name, want)
				}
			}
		}
	}
}

// TestCatalogPaths resolves paths that real formulas use.
func TestCatalogPaths(t *testing.T) {
	m := objects.Standard()
	tests := []struct {
		object, path string
		want         eval.Type
	}{
		{"Opportunity", "Account.Owner.Manager.Email", eval.Text},
		{"Opportunity", "StageName", eval.Picklist},
		{"Opportunity", "Probability", eval.Number},
		{"Opportunity", "CloseDate", eval.Date},
		{"Opportunity", "IsWon", eval.Boolean},
		{"Case", "Owner:User.Email", eval.Text},
		{"Case", "Owner:Queue.DeveloperName", eval.Text},
		{"Case", "Account.BillingLatitude", eval.Number},
		{"Contact", "RecordType.DeveloperName", eval.Text},
		{"Contact", "CreatedBy.Profile.Name", eval.Text},
		{"Task", "Who:Lead.Company", eval.Text},
		{"OrderItem", "Order.Account.Industry", eval.Picklist},
		{"OpportunityLineItem", "Opportunity.CloseDate", eval.Date},
		{"EntityParticle", "FieldDefinition.EntityDefinition.QualifiedApiName", eval.Text},
		{"EntityParticle", "IsNillable", eval.Boolean},
		{"OpportunityLineItem", "Product2.Family", eval.Picklist},
		{"User", "UserRole.ParentRole.Name", eval.Text},
		{"Quote", "Opportunity.SyncedQuote.GrandTotal", eval.Number},
	}
	for _, tt := range tests {
		got, err := m.Type(tt.object, tt.path)
		if err != nil || got != tt.want {
			t.Errorf("%s.%s = %v, %v; want %v", tt.object, tt.path, got, err, tt.want)
		}
	}
}

// TestSystemFields checks what every custom object has, and that a
// custom metadata type has its own fields instead.
func TestSystemFields(t *testing.T) {
	var got []string
	for _, f := range objects.SystemFields("Invoice__c", "AutoNumber") {
		got = append(got, f.Name+":"+f.Type)
	}
	want := []string{"Id:Id", "CreatedDate:DateTime", "CreatedById:Lookup", "LastModifiedDate:DateTime", "LastModifiedById:Lookup",
		"SystemModstamp:DateTime", "IsDeleted:Checkbox", "CurrencyIsoCode:Picklist", "Name:AutoNumber", "OwnerId:Lookup", "RecordTypeId:Lookup",
		"LastActivityDate:Date", "LastViewedDate:DateTime", "LastReferencedDate:DateTime"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SystemFields (-want +got):\n%s", diff)
	}
	for _, f := range objects.SystemFields("Rate__mdt", "") {
		if f.Name == "OwnerId" || f.Name == "Name" {
			t.Errorf("a custom metadata type has %s", f.Name)
		}
	}
	for _, hierarchy := range []bool{true, false} {
		got = nil
		for _, f := range objects.SettingFields(hierarchy) {
			got = append(got, f.Name+":"+f.Type)
		}
		want = append(want[:8:8], "Name:Text")
		if hierarchy {
			want = append(want, "SetupOwnerId:Lookup")
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("SettingFields(%v) (-want +got):\n%s", hierarchy, diff)
		}
	}
}

// TestCatalogSetupObjects checks that the setup objects a custom metadata
// type's relationships point at have only their own fields, not those
// every record has.
func TestCatalogSetupObjects(t *testing.T) {
	m := objects.Standard()
	for _, name := range []string{"EntityDefinition", "FieldDefinition", "EntityParticle"} {
		o, ok := m.Object(name)
		if !ok {
			t.Fatalf("the catalog has no %s", name)
		}
		if _, ok := o.Field("Id"); !ok {
			t.Errorf("%s has no Id", name)
		}
		for _, common := range []string{"CreatedDate", "OwnerId", "IsDeleted", "CurrencyIsoCode"} {
			if _, ok := o.Field(common); ok {
				t.Errorf("%s has %s, which only records have", name, common)
			}
		}
	}
	if _, ok := m.Object("EntityParticle -*"); ok {
		t.Error("the marker -* became part of a name")
	}
}
