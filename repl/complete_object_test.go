package repl

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// objectSession is a session on the objects project, reading formulas of
// object.
func objectSession(t testing.TB, object string) *session {
	t.Helper()
	s, err := newSession(Config{ProjectDir: "testdata/objects", Out: &strings.Builder{}, Err: &strings.Builder{},
		Getenv: func(string) string { return "" }}, false)
	if err != nil {
		t.Fatal(err)
	}
	if object != "" {
		if err := s.cmdObject(arg{text: object}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestCompleteObject(t *testing.T) {
	tests := []struct {
		object string
		head   string
		word   string
		cands  []string
	}{
		{"Opportunity", "Acc", "Acc", []string{"Account.", "AccountId"}},
		{"Opportunity", "IF(acc", "acc", []string{"Account.", "AccountId"}},
		{"Opportunity", "Account.Reg", "Account.Reg", []string{"Account.Region__c"}},
		{"Opportunity", "account.owner.man", "account.owner.man", []string{"Account.Owner.Manager.", "Account.Owner.ManagerId"}},
		{"Opportunity", "Account.Owner.Manager.Manager.Ema", "Account.Owner.Manager.Manager.Ema", []string{"Account.Owner.Manager.Manager.Email", "Account.Owner.Manager.Manager.EmailEncodingKey"}},
		{"Opportunity", "Account.Nope.", "Account.Nope.", nil},
		{"Opportunity", "Amount.", "Amount.", nil},
		{"Opportunity", "StageName.", "StageName.", nil},
		{"Opportunity", `"Acc`, "", nil},
		{"Opportunity", ":fields Acc", "Acc", []string{"Account.", "AccountId"}},
		{"Opportunity", ":set Amo", "Amo", []string{"Amount"}},
		{"Opportunity", ":doc Account.Ph", "Account.Ph", []string{"Account.Phone", "Account.PhotoUrl"}},
		{"Invoice__c", "cli", "cli", []string{"Client__c", "Client__r."}},
		{"Invoice__c", "Client__r.Parent__r.Parent__r.Off", "Client__r.Parent__r.Parent__r.Off", []string{
			"Client__r.Parent__r.Parent__r.Office__c", "Client__r.Parent__r.Parent__r.Office__Latitude__s", "Client__r.Parent__r.Parent__r.Office__Longitude__s"}},
		{"Invoice__c", "Owner", "Owner", []string{"Owner.", "Owner:Queue.", "Owner:User.", "OwnerId"}},
		{"Invoice__c", "Owner:Queue.De", "Owner:Queue.De", []string{"Owner:Queue.DeveloperName"}},
		{"Invoice__c", "owner:group.De", "owner:group.De", []string{"Owner:Group.DeveloperName"}},
		{"Invoice__c", "owner:user.Emai", "owner:user.Emai", []string{"Owner:User.Email", "Owner:User.EmailEncodingKey"}},
		{"Invoice__c", "Owner:Contact.", "Owner:Contact.", nil},
		{"Invoice__c", "Client__r." + strings.Repeat("Parent__r.", 9) + "Parent", "Client__r." + strings.Repeat("Parent__r.", 9) + "Parent", []string{
			"Client__r." + strings.Repeat("Parent__r.", 9) + "Parent__c"}}, // ten relationships: no eleventh
		{"Invoice__c", "$Se", "$Se", []string{"$Setup."}},
		{"Invoice__c", "$Setup.", "$Setup.", []string{"$Setup.Billing_Settings__c."}},
		{"Invoice__c", "$setup.billing_settings__c.End", "$setup.billing_settings__c.End", []string{"$Setup.Billing_Settings__c.Endpoint__c"}},
		{"Invoice__c", "$Setup.Billing_Settings__c.CreatedBy.", "$Setup.Billing_Settings__c.CreatedBy.", nil},
		{"Invoice__c", "$Setup.Client__c.", "$Setup.Client__c.", nil},
		{"Invoice__c", "$Setup.Reg", "$Setup.Reg", nil}, // a list setting, which formulas cannot read
		{"Invoice__c", "$Setup.Region_Codes__c.", "$Setup.Region_Codes__c.", nil},
		{"Invoice__c", "$Setup.Billing_Settings__c.Own", "$Setup.Billing_Settings__c.Own", nil},
		{"Invoice__c", "$Setup.Billing_Settings__c.Setup", "$Setup.Billing_Settings__c.Setup", []string{"$Setup.Billing_Settings__c.SetupOwnerId"}},
		{"Invoice__c", "$CustomMetadata.", "$CustomMetadata.", []string{"$CustomMetadata.Rate__mdt."}},
		{"Invoice__c", "$CustomMetadata.Rate__mdt.Standard.Per", "$CustomMetadata.Rate__mdt.Standard.Per", []string{"$CustomMetadata.Rate__mdt.Standard.Percent__c"}},
		{"Invoice__c", "$User.Manager.Em", "$User.Manager.Em", []string{"$User.Manager.Email", "$User.Manager.EmailEncodingKey", "$User.Manager.EmployeeNumber"}},
		{"Invoice__c", "$Cred", "$Cred", nil}, // a formula of an object has no $Credential
		{"Invoice__c", "$La", "$La", []string{"$Label."}},
		{"", "$Setup.", "$Setup.", nil},
	}
	sessions := map[string]*session{}
	for _, tt := range tests {
		s := sessions[tt.object]
		if s == nil {
			s = objectSession(t, tt.object)
			sessions[tt.object] = s
		}
		word, cands := s.complete(tt.head)
		if word != tt.word {
			t.Errorf("%s: complete(%q) word = %q, want %q", tt.object, tt.head, word, tt.word)
		}
		if diff := cmp.Diff(tt.cands, cands); diff != "" {
			t.Errorf("%s: complete(%q) (-want +got):\n%s", tt.object, tt.head, diff)
		}
	}
}

// TestCompleterSpelling checks that TAB leaves the word as its candidates
// spell it, and that a word they spell differently stays as typed.
func TestCompleterSpelling(t *testing.T) {
	c := &completer{s: objectSession(t, "Opportunity")}
	tests := []struct {
		line string
		want string // "" for no change
	}{
		{"account.owner", "Account.Owner"},
		{"LEN(account.owner.email", "LEN(Account.Owner.Email"},
		{"cont", ""},          // CONTAINS( and ContactId spell it apart
		{"Account.Owner", ""}, // spelt right already
		{"Nope", ""},
	}
	for _, tt := range tests {
		line := []rune(tt.line)
		got, pos, ok := c.OnChange(line, len(line), '\t')
		if tt.want == "" {
			if ok {
				t.Errorf("OnChange(%q) = %q, want no change", tt.line, string(got))
			}
			continue
		}
		if !ok || string(got) != tt.want || pos != len(line) {
			t.Errorf("OnChange(%q) = %q, %d, %v; want %q", tt.line, string(got), pos, ok, tt.want)
		}
	}
	if _, _, ok := c.OnChange([]rune("account.owner"), 13, 'x'); ok {
		t.Error("a key other than TAB changed the line")
	}
}
