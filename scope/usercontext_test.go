package scope

import (
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/google/go-cmp/cmp"
)

func TestUserContext(t *testing.T) {
	src := `# Alice, in sales
user:
  Username: alice@acme.example
  Department: Sales
  IsActive: true
  CreatedDate: "2024-03-01T09:30:00Z"
  Region__c: EMEA
  Quota__c: 1250000.50
organization: {Name: Acme}
permissions: {Approve_Refunds: true}
credentials: {Billing_API: {Username: svc-billing}}
fields: {Amount__c: 12.5}
permissionSets: [Sales_JWT_Access, Support]
`
	uc, err := ParseUserContext("alice.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	schema := eval.NewSchema()
	vals := schema.NewValues()
	if err := uc.Apply(vals); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, name := range uc.Fields() {
		v, err := vals.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		got[name] = v.Type().String() + " " + v.String()
	}
	want := map[string]string{
		"$User.Username":                   "Text alice@acme.example",
		"$User.Department":                 "Text Sales",
		"$User.IsActive":                   "Boolean true",
		"$User.CreatedDate":                "DateTime 2024-03-01 09:30:00Z",
		"$User.Region__c":                  "Text EMEA",
		"$User.Quota__c":                   "Number 1250000.50",
		"$Organization.Name":               "Text Acme",
		"$Permission.Approve_Refunds":      "Boolean true",
		"$Credential.Billing_API.Username": "Text " + eval.Redacted,
		"Amount__c":                        "Number 12.5",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Sales_JWT_Access", "Support"}, uc.PermissionSets); diff != "" {
		t.Errorf("permission sets (-want +got):\n%s", diff)
	}
}

func TestUserContextErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"user: {Departmnet: Sales}", "u.yaml:1:8: Field $User.Departmnet does not exist. Check spelling."},
		{"user:\n  IsActive: maybe", `u.yaml:2:13: field $User.IsActive: "maybe" is not true or false`},
		{"permissions: {X: 1}", "u.yaml:1:18: permission X must be true or false"},
		{"users: {}", `u.yaml:1:1: unknown key "users"; want one of user, organization, profile, userRole, permissions, credentials, fields, permissionSets`},
		{"- a\n- b", "u.yaml:1:1: a context file is a mapping with keys such as user and permissions"},
		{"user: [a]", "u.yaml:1:7: user maps field names to values"},
		{"user: {Department: [a]}", "u.yaml:1:20: the value of $User.Department must be text, a number or true/false"},
		{"permissionSets: Sales", "u.yaml:1:17: permissionSets is a list of permission set names"},
		{"credentials: {X: 1}", "u.yaml:1:18: a credential maps parameter names to values"},
	}
	for _, tt := range tests {
		uc, err := ParseUserContext("u.yaml", []byte(tt.src))
		if err == nil {
			err = uc.Apply(eval.NewSchema().NewValues())
		}
		if err == nil {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.src, diff)
		}
	}
}

// FuzzUserContext checks that no context file panics the loader.
func FuzzUserContext(f *testing.F) {
	f.Add("user: {Department: Sales}\npermissions: {A: true}\ncredentials: {C: {U: x}}\npermissionSets: [S]")
	f.Add("user:\n  CreatedDate: 2024-01-01\n  X__c: 1.5e3\nfields: {A__c: &a 1, B__c: *a}")
	f.Add("{")
	f.Fuzz(func(t *testing.T, src string) {
		uc, err := ParseUserContext("fuzz.yaml", []byte(src))
		if err != nil {
			return
		}
		_ = uc.Apply(eval.NewSchema().NewValues())
	})
}
