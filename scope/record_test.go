package scope_test

import (
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

func TestParseRecord(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]string
		wantErr   string
	}{
		{name: "yaml", src: "Name: Acme\nAmount__c: 12.5\nIsWon: true\nCloseDate: 2026-01-31\nAccount:\n  Owner: {Email: a@b.c}\nNote__c: null\n",
			want: map[string]string{"Name": "Acme", "Amount__c": "12.5", "IsWon": "true", "CloseDate": "2026-01-31", "Account.Owner.Email": "a@b.c", "Note__c": ""}},
		{name: "json", src: `{"Name": "Acme", "Account": {"Name": "Parent"}}`, want: map[string]string{"Name": "Acme", "Account.Name": "Parent"}},
		{name: "list", src: "Tags__c: [a, b]\n", wantErr: "r.yaml: Tags__c: a field holds one value, not a list"},
		{name: "not a mapping", src: "- a\n", wantErr: "r.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := scope.ParseRecord("r.yaml", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseRecord = %v; want error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, r.Fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParseRecord reads arbitrary bytes as a record file and applies it to
// an Opportunity's values: nothing may panic.
func FuzzParseRecord(f *testing.F) {
	f.Add([]byte("Name: Acme\nAmount: 12.5\nAccount:\n  Owner: {Email: a@b.c}\n"))
	f.Add([]byte(`{"StageName": "Closed Won", "CloseDate": "2026-01-31"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := scope.ParseRecord("r.yaml", data)
		if err != nil {
			return
		}
		s, err := (&scope.Project{}).ObjectSchema("Opportunity")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := eval.Compile(`ISCHANGED(Amount) || ISNEW()`, s, eval.Options{Context: eval.ValidationRuleContext}); err != nil {
			t.Fatal(err)
		}
		s.Freeze()
		vals := s.NewValues()
		_ = r.Apply(vals, false)
		_ = r.Apply(vals, true)
	})
}
