package repl

import (
	"os"
	"path/filepath"
	"testing"
)

// TestObjectAndRecord reads formulas as an object's formula fields, sets a
// record from a file and goes back to credential formulas.
func TestObjectAndRecord(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "deal.yaml")
	if err := os.WriteFile(rec, []byte("StageName: Prospecting\nAmount: 1200\nAccount: {Name: Acme}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := []string{
		`:record ` + rec,
		`:object Opportunity`,
		`:record ` + rec,
		`TEXT(StageName) & " " & Account.Name & " " & TEXT(Amount * 2)`,
		`StageName & "x"`,
		`:object Nothing__c`,
		`:object off`,
		`$User.Department`,
	}
	want := "Formulas are formula fields of Opportunity: its fields, and its relationships' fields, such as Owner.Email.\n" +
		"3 fields of Opportunity set from " + rec + ".\n" +
		"\"Prospecting Acme 2400\" : Text\n" +
		"Formulas are credential formulas; :object NAME reads them as an object's formula fields.\n" +
		"\"Sales\" : Text\n"
	wantErrs := "<stdin>:1: :record needs an object first: :object NAME\n" +
		"<stdin>:5:1: Field StageName is a picklist field. Picklist fields are only supported in certain functions.\n    StageName & \"x\"\n    ^\n" +
		"<stdin>:6: object Nothing__c is neither a standard object credscope knows nor an object of the project\n" +
		"hint: :object lists the objects\n"
	checkScript(t, Config{}, lines, want, wantErrs, 3)
}

// TestObjectSession lists the objects, suggests one for a misspelt name,
// lists a record's fields through relationships and suggests a field for
// a misspelt one.
func TestObjectSession(t *testing.T) {
	lines := []string{
		`:object`,
		`:object Invoce__c`,
		`:object invoice__c`,
		`:fields Client__r.Parent__r.T`,
		`:fields Cli`,
		`:fields $User.Manager.Em`,
		`:set Amount__c = 12`,
		`:fields Am`,
		`Client__r.Parent__r.Tire__c`,
		`Amout__c`,
		`$User.Manager.Emial`,
		`:fields Nope`,
		`:doc amount__c`,
		`:doc client__r.parent__r.`,
		`:doc Client__r.Parent__r.Tier__c`,
		`:doc $User.Manager.`,
		`:doc Client__r.Nope.`,
	}
	want := "Formulas are credential formulas; :object NAME reads them as an object's formula fields.\n" +
		"Standard objects: Account, Asset, Campaign, Case, Contact, ContentDocument,\n" +
		"  ContentVersion, Contract, EntityDefinition, EntityParticle, Event,\n" +
		"  FieldDefinition, Group, Lead, Opportunity, OpportunityLineItem, Order,\n" +
		"  OrderItem, Pricebook2, PricebookEntry, Product2, Profile, Quote,\n" +
		"  QuoteLineItem, RecordType, Task, User, UserRole\n" +
		"The project's objects: Billing_Settings__c, Client__c, Invoice__c, Rate__mdt,\n  Region_Codes__c\n" +
		"Formulas are formula fields of Invoice__c: its fields, and its relationships' fields, such as Owner.Email.\n" +
		"Client__r.Parent__r.Tier__c  Picklist  null\n" +
		"1 field of Invoice__c, 0 set; :fields $ lists the merge fields\n" +
		"Client__c   Text  null\n" +
		"Client__r.        → Client__c\n" +
		"1 field of Invoice__c, 0 set; :fields $ lists the merge fields\n" +
		"$User.Manager.Email             Text  null\n" +
		"$User.Manager.EmailEncodingKey  Text  null\n" +
		"$User.Manager.EmployeeNumber    Text  null\n" +
		"3 fields, 0 set\n" +
		"Amount__c = 12\n" +
		"Amount__c  Number  12\n" +
		"1 field of Invoice__c, 1 set; :fields $ lists the merge fields\n" +
		"Amount__c : Number = 12\n  a field of the Invoice__c record\n" +
		"Client__r.Parent__r.\n  a relationship to Client__c: :fields Client__r.Parent__r. lists its fields\n" +
		"Client__r.Parent__r.Tier__c : Picklist = null\n  a field of Client__c, through the Invoice__c record's Client__r.Parent__r\n" +
		"$User.Manager.\n  a relationship to User: :fields $User.Manager. lists its fields\n"
	wantErrs := "<stdin>:2: object Invoce__c is neither a standard object credscope knows nor an object of the project\n" +
		"hint: did you mean Invoice__c? :object lists the objects\n" +
		"<stdin>:9:1: Field Client__r.Parent__r.Tire__c does not exist. Check spelling.\n    Client__r.Parent__r.Tire__c\n    ^\n" +
		"hint: did you mean Client__r.Parent__r.Tier__c? :fields lists them all\n" +
		"<stdin>:10:1: Field Amout__c does not exist. Check spelling.\n    Amout__c\n    ^\n" +
		"hint: did you mean Amount__c? :fields lists them all\n" +
		"<stdin>:11:1: Field $User.Manager.Emial does not exist. Check spelling.\n    $User.Manager.Emial\n    ^\n" +
		"hint: did you mean $User.Manager.Email? :fields lists them all\n" +
		"<stdin>:12: Field Nope… does not exist. Check spelling.\n" +
		"<stdin>:17: Field Client__r.Nope. does not exist. Check spelling.\n"
	checkScript(t, Config{ProjectDir: "testdata/objects"}, lines, want, wantErrs, 6)
}
