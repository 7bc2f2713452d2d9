package scope_test

import (
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
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
		{name: "empty", src: "", want: map[string]string{}},
		{name: "comment only", src: "# nothing yet\n", want: map[string]string{}},
		{name: "list", src: "Tags__c: [a, b]\n", wantErr: `r.yaml:1:10: Tags__c holds one value, not a list; a multi-select picklist's values go in one text, as "Red;Blue"`},
		{name: "not a mapping", src: "- a\n", wantErr: "r.yaml:1:1: a record file maps field names to values, such as Name: Acme"},
		{name: "syntax", src: "Name: Acme\nAmount: [1\n", wantErr: "r.yaml:2:9: invalid YAML:"},
		{name: "twice", src: "Name: Acme\nAccount: {Name: A}\nAccount:\n  Name: B\n", wantErr: `r.yaml:3:1: invalid YAML: mapping key "Account" already defined at [2:1]`},
		{name: "dotted key", src: "Name: Acme\nAccount.Name: A\n", wantErr: `r.yaml:2:1: "Account.Name" is not a field name; a related record's fields go under its relationship, as Account: {Name: Acme}`},
		{name: "too deep", src: strings.Repeat("{A: ", 12) + "1" + strings.Repeat("}", 12), wantErr: "r.yaml:1:42: a formula follows at most 10 relationships; A.A.A.A.A.A.A.A.A.A.A is one more"},
		{name: "lines", src: strings.Repeat("A: 1\n", 2001), wantErr: "r.yaml:2001:1: a record file has at most 2000 lines; this one has more"},
		{name: "nesting", src: "A: " + strings.Repeat("{a: ", 70), wantErr: "r.yaml:1:260: lists and mappings nest at most 64 deep in a record file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := scope.ParseRecord("r.yaml", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
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

// TestRecordApplyErrors checks that a field the object lacks is reported at
// its name and a value its field cannot hold at the value, each with the
// file's line.
func TestRecordApplyErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown field", "Name: Acme\nAmout: 5\n", "r.yaml:2:1: Field Amout does not exist. Check spelling.\n    Amout: 5\n    ^"},
		{"bad date", "Name: Acme\nAccount:\n  Name: Parent\nCloseDate: 2026-13-01\n", "r.yaml:4:12: field CloseDate: \"2026-13-01\" is not a date like 2006-01-02\n    CloseDate: 2026-13-01\n               ^"},
		{"bad number", "Amount: twelve\n", "r.yaml:1:9: field Amount: \"twelve\" is not a number\n    Amount: twelve\n            ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := scope.ParseRecord("r.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			s, err := (&scope.Project{}).ObjectSchema("Opportunity")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := eval.Compile(`Name & TEXT(Amount) & TEXT(CloseDate) & Account.Name`, s, eval.Options{}); err != nil {
				t.Fatal(err)
			}
			s.Freeze()
			err = r.Apply(s.NewValues(), false)
			if err == nil {
				t.Fatal("Apply succeeded; want an error")
			}
			if diff := cmp.Diff(tt.want, formula.Render(err)); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}
