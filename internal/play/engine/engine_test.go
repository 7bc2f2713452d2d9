package engine_test

import (
	"strings"
	"testing"

	"github.com/credscope/credscope/internal/play"
	"github.com/credscope/credscope/internal/play/engine"
	"github.com/google/go-cmp/cmp"
)

const seed = `IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Department, "Service")), "session:role:" + $User.Department, "")`

// request is the page's first request: the example project and alice,
// with her department set to dept.
func request(t *testing.T, formula, dept string) engine.Request {
	t.Helper()
	ctx, err := play.ExampleContext()
	if err != nil {
		t.Fatal(err)
	}
	user := ctx.User
	found := false
	for i, f := range user.Fields {
		if f.Name == "$User.Department" {
			user.Fields[i].Value = dept
			found = true
		}
	}
	if !found {
		t.Fatal("alice has no $User.Department")
	}
	return engine.Request{Formula: formula, User: user, Files: ctx.Files, Now: "2026-01-01T09:30"}
}

func credential(t *testing.T, r engine.Response, name string) engine.Credential {
	t.Helper()
	for _, c := range r.Credentials {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no credential %s in %+v", name, r.Credentials)
	return engine.Credential{}
}

func TestEvaluateSeed(t *testing.T) {
	r := engine.Evaluate(request(t, seed, "Service"))
	if diff := cmp.Diff([2]string{"session:role:Service", "Text"}, [2]string{r.Value, r.Type}); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	if len(r.Errors) != 0 || len(r.FieldErrors) != 0 || r.NowError != "" {
		t.Errorf("errors: %+v %v %q", r.Errors, r.FieldErrors, r.NowError)
	}
	c := credential(t, r, "Support_Portal")
	want := engine.Credential{Name: "Support_Portal", Principal: "Sales_Team", CredentialScope: "tickets.read", PrincipalScope: "session:role:Service", Scope: "tickets.read session:role:Service"}
	got := c
	got.Principals, got.Why = nil, ""
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Support_Portal (-want +got):\n%s", diff)
	}
	// The explanation: the condition, the branch taken and the one not.
	root := r.Explain
	if root == nil || len(root.Steps) != 3 {
		t.Fatalf("explanation: %+v", root)
	}
	if root.From != 0 || root.To != len(seed) || root.Value != `"session:role:Service"` {
		t.Errorf("root step: %+v", root)
	}
	if !root.Steps[2].Skipped || root.Steps[1].Skipped {
		t.Errorf("the else branch should be skipped, the then branch not: %+v %+v", root.Steps[1], root.Steps[2])
	}
}

func TestEvaluateInjectionRefusal(t *testing.T) {
	r := engine.Evaluate(request(t, seed, "Customer Service"))
	c := credential(t, r, "Support_Portal")
	if !strings.Contains(c.Error, "refused") || c.Scope != "" {
		t.Errorf("Support_Portal composed %q, error %q", c.Scope, c.Error)
	}
	want := &engine.Refusal{Level: "principal", Text: "session:role:Customer Service", From: 21, To: 22, Field: "$User.Department", Char: " "}
	if diff := cmp.Diff(want, c.Refusal); diff != "" {
		t.Errorf("refusal (-want +got):\n%s", diff)
	}
}

func TestEvaluateErrors(t *testing.T) {
	tests := []struct {
		name, formula string
		want          []engine.Diag
	}{
		{"syntax", `IF(TRUE, "a" "b")`, []engine.Diag{{From: 13, To: 16, Line: 1, Column: 14, Message: "Syntax error. Found '\"b\"'"}}},
		{"type, after a wide character", `"😀" & CONTAINS(1, "a")`, []engine.Diag{{From: 16, To: 17, Line: 1, Column: 16, Message: "Incorrect parameter type for function 'CONTAINS()'. Expected Text, received Number"}}},
		{"unknown field", `$User.Departmnet`, []engine.Diag{{From: 0, To: 16, Line: 1, Column: 1, Message: "Field $User.Departmnet does not exist. Check spelling."}}},
		{"runtime", `1/0`, []engine.Diag{{From: 0, To: 1, Line: 1, Column: 1, Message: "Division by zero"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := engine.Evaluate(request(t, tt.formula, "Sales"))
			for i := range r.Errors {
				if !strings.Contains(r.Errors[i].Rendered, "^") {
					t.Errorf("rendered without a caret: %q", r.Errors[i].Rendered)
				}
				r.Errors[i].Rendered = ""
			}
			if diff := cmp.Diff(tt.want, r.Errors); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEvaluateSecretsMasked(t *testing.T) {
	r := engine.Evaluate(request(t, `"user " & $Credential.Billing_API.Username`, "Sales"))
	if r.Value != "********" || !r.Secret {
		t.Errorf("value %q, secret %v", r.Value, r.Secret)
	}
	var walk func(s *engine.Step)
	walk = func(s *engine.Step) {
		if strings.Contains(s.Value, "svc") {
			t.Errorf("step %s shows the secret: %s", s.Source, s.Value)
		}
		for _, c := range s.Steps {
			walk(c)
		}
	}
	walk(r.Explain)
}

func TestEvaluateSettings(t *testing.T) {
	req := request(t, `TEXT(NOW()) & " " & TEXT($User.Amount__c + 1)`, "Sales")
	req.User.Fields = append(req.User.Fields, engine.Field{Name: "$User.Amount__c", Type: "Number", Value: ""})
	if r := engine.Evaluate(req); r.Value != "2026-01-01 09:30:00Z 1" {
		t.Errorf("blank as zero: %q %+v", r.Value, r.Errors)
	}
	req.BlankAsBlank = true
	if r := engine.Evaluate(req); r.Value != "2026-01-01 09:30:00Z " {
		t.Errorf("blank as blank: %q %+v", r.Value, r.Errors)
	}
	req.Now = "yesterday"
	req.User.Fields[len(req.User.Fields)-1].Value = "ten"
	r := engine.Evaluate(req)
	if r.NowError == "" || !strings.Contains(r.FieldErrors["$User.Amount__c"], `"ten" is not a number`) {
		t.Errorf("bad settings: now %q, fields %v", r.NowError, r.FieldErrors)
	}
}

func TestEvaluatePastedCredential(t *testing.T) {
	xml := `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>api {!$User.Division}</parameterValue>
    </externalCredentialParameters>
    <label>Pasted</label>
</ExternalCredential>`
	req := request(t, `1`, "Sales")
	req.Files = append(req.Files, engine.File{Name: "Pasted.externalCredential-meta.xml", Text: xml})
	c := credential(t, engine.Evaluate(req), "Pasted")
	if c.Refusal == nil || c.Refusal.Text != "api EMEA North" || c.Refusal.From != 8 {
		t.Errorf("pasted credential: %+v, refusal %+v", c, c.Refusal)
	}
	req.Files[len(req.Files)-1].Text = "<ExternalCredential"
	if r := engine.Evaluate(req); len(r.Problems) == 0 {
		t.Error("a malformed file is no problem")
	}
}

func TestCatalog(t *testing.T) {
	var contains *engine.Func
	for _, f := range engine.Functions() {
		if f.Name == "CONTAINS" {
			contains = &f
		}
	}
	if contains == nil || contains.Doc == "" || len(contains.Sigs) == 0 {
		t.Fatalf("CONTAINS: %+v", contains)
	}
	ctx, err := play.ExampleContext()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, f := range engine.Fields(ctx.User, ctx.Files) {
		names[f.Name] = f.Type
	}
	for name, typ := range map[string]string{"$User.Department": "Text", "$User.Cost_Center__c": "Text", "$Permission.Approve_Refunds": "Boolean"} {
		if names[name] != typ {
			t.Errorf("field %s: type %q, want %q", name, names[name], typ)
		}
	}
}

func TestUserFromContext(t *testing.T) {
	u, err := engine.UserFromContext("u.yaml", []byte("user: {Department: Sales, Amount__c: 12.5}\ncredentials: {Billing: {Password: hunter2}}\npermissionSets: [A]\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := engine.User{PermissionSets: []string{"A"}, Fields: []engine.Field{
		{Name: "$Credential.Billing.Password", Type: "Text", Secret: true, Value: "hunter2"},
		{Name: "$User.Amount__c", Type: "Number", Value: "12.5"},
		{Name: "$User.Department", Type: "Text", Value: "Sales"},
	}}
	if diff := cmp.Diff(want, u); diff != "" {
		t.Errorf("user (-want +got):\n%s", diff)
	}
	if _, err := engine.UserFromContext("bad.yaml", []byte("user: {Departmnet: x}")); err == nil {
		t.Error("an unknown field reads")
	}
}

// FuzzEvaluate checks that no formula or user value makes the engine
// panic, since a panic would stop the page's engine.
func FuzzEvaluate(f *testing.F) {
	f.Add(seed, "Service", "2026-01-01T09:30")
	f.Add(`"😀" & CONTAINS(1, "a")`, "x", "")
	f.Add(`{!$User.Department} {!NOW()}`, "", "bad")
	ctx, err := play.ExampleContext()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, formula, dept, now string) {
		user := ctx.User
		user.Fields = append([]engine.Field{{Name: "$User.Department", Type: "Text", Value: dept}}, user.Fields...)
		engine.Evaluate(engine.Request{Formula: formula, User: user, Files: ctx.Files, Now: now})
	})
}
