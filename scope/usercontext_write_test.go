package scope_test

import (
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// TestWriteUserContextRoundTrip: what WriteUserContext writes reads back
// to the same values, each field with its type, secrets still secret.
func TestWriteUserContextRoundTrip(t *testing.T) {
	const src = `user:
  Username: alice@acme.example
  Department: "Sales \"EMEA\": #1"
  CreatedDate: "2026-01-31T08:30:00Z"
  Cost_Center__c: "1042"
  Quota__c: 12.50
  Remote__c: true
organization: {Name: Acme}
permissions: {Approve_Refunds: true, Refund_All: false}
credentials: {Billing_API: {Username: svc-billing}}
fields: {Region__c: EMEA}
permissionSets: [Sales_JWT_Access, "Billing Admin"]
`
	vals := load(t, "in.yaml", src)
	var b strings.Builder
	written, left, err := scope.WriteUserContext(&b, vals, []string{"Sales_JWT_Access", "Billing Admin"})
	if err != nil {
		t.Fatal(err)
	}
	if written != 11 || left != 0 {
		t.Errorf("written %d, left %d; want 11 and 0", written, left)
	}
	back := load(t, "out.yaml", b.String())
	uc, err := scope.ParseUserContext("out.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Sales_JWT_Access", "Billing Admin"}, uc.PermissionSets); diff != "" {
		t.Errorf("permission sets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(snapshot(t, vals), snapshot(t, back)); diff != "" {
		t.Errorf("values after the round trip (-want +got):\n%s\nthe file:\n%s", diff, b.String())
	}
}

// TestWriteUserContextLeavesOutCopiedSecrets: a secret copied into a field
// other than a credential parameter is not written.
func TestWriteUserContextLeavesOutCopiedSecrets(t *testing.T) {
	vals := load(t, "in.yaml", "credentials: {Billing_API: {Password: hunter2}}\n")
	secret, err := vals.Get("$Credential.Billing_API.Password")
	if err != nil {
		t.Fatal(err)
	}
	if err := vals.Set("$User.Department", secret); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	written, left, err := scope.WriteUserContext(&b, vals, nil)
	if err != nil || written != 1 || left != 1 {
		t.Fatalf("written %d, left %d, %v; want 1, 1", written, left, err)
	}
	if strings.Count(b.String(), "hunter2") != 1 || strings.Contains(b.String(), "Department") {
		t.Errorf("the copied secret was written:\n%s", b.String())
	}
}

func load(t *testing.T, name, src string) *eval.Values {
	t.Helper()
	uc, err := scope.ParseUserContext(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	vals := eval.NewSchema().NewValues()
	if err := uc.Apply(vals); err != nil {
		t.Fatal(err)
	}
	return vals
}

// snapshot lists the fields that are not blank, with type, secrecy and value.
func snapshot(t *testing.T, vals *eval.Values) []string {
	t.Helper()
	var out []string
	for _, f := range vals.Schema().Fields() {
		v, err := vals.Get(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !v.IsBlank() {
			out = append(out, f.Name+" "+v.Type().String()+" "+v.String()+map[bool]string{true: " secret"}[v.Secret()])
		}
	}
	return out
}
