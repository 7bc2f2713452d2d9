package repl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestObjectAndRecord reads formulas as an object's formula fields, sets a
// record from a file and goes back to credential formulas.
func TestObjectAndRecord(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "deal.yaml")
	if err := os.WriteFile(rec, []byte("StageName: Prospecting\nAmount: 1200\nAccount: {Name: Acme}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, err := runScript(t, Config{},
		`:record `+rec,
		`:object Opportunity`,
		`:record `+rec,
		`TEXT(StageName) & " " & Account.Name & " " & TEXT(Amount * 2)`,
		`StageName & "x"`,
		`:object Nothing__c`,
		`:object off`,
		`$User.Department`,
	)
	want := "Formulas are formula fields of Opportunity: its fields, and its relationships' fields, such as Owner.Email.\n" +
		"3 fields of Opportunity set from " + rec + ".\n" +
		"\"Prospecting Acme 2400\" : Text\n" +
		"Formulas are credential formulas; :object NAME reads them as an object's formula fields.\n" +
		"\"Sales\" : Text\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	wantErrs := "<stdin>:1: :record needs an object first: :object NAME\n" +
		"<stdin>:5:1: Field StageName is a picklist field. Picklist fields are only supported in certain functions.\n    StageName & \"x\"\n    ^\n" +
		"<stdin>:6: object Nothing__c is neither a standard object credscope knows nor an object of the project\n"
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if err == nil {
		t.Error("the script's failures went unreported")
	}
}
