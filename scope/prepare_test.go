package scope_test

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// newYear evaluates with the clock at 2026-01-01T00:00:00Z.
var newYear = eval.Env{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }}

// exampleAlice prepares the example project and returns it with Alice's
// values.
func exampleAlice(t testing.TB) (*scope.Prepared, *eval.Values, []string) {
	t.Helper()
	p, err := scope.Load("../testdata/example")
	if err != nil {
		t.Fatal(err)
	}
	uc, err := scope.ReadUserContext("../testdata/example/users/alice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	schema := p.Schema()
	if err := uc.Declare(schema); err != nil {
		t.Fatal(err)
	}
	prep, findings := p.Prepare(schema, eval.Options{})
	if len(findings) > 0 {
		t.Fatalf("Prepare: %v", findings)
	}
	vals := prep.NewValues()
	if err := uc.Apply(vals); err != nil {
		t.Fatal(err)
	}
	return prep, vals, uc.PermissionSets
}

func TestPrepareFreezesSchema(t *testing.T) {
	prep, vals, sets := exampleAlice(t)
	schema := prep.Schema()
	if !schema.Frozen() {
		t.Fatal("the schema is not frozen")
	}
	before := len(schema.Fields())
	// The example's refunds scope reads $Permission.Approve_Refunds:
	// Prepare declared it, so the values hold it.
	if _, ok := schema.Lookup("$Permission.Approve_Refunds"); !ok {
		t.Error("Prepare did not declare the permission a scope reads")
	}
	if _, ok := schema.Lookup("$Permission.Never_Read"); ok {
		t.Error("a look-up grew the frozen schema")
	}
	// A permission no formula reads may still be set, and reads as null.
	if err := vals.SetString("$Permission.Never_Read", "true"); err != nil {
		t.Errorf("setting a permission no formula reads: %v", err)
	}
	for _, c := range prep.Project().ExternalCredentials {
		if _, err := prep.Compose(c, scope.User{PermissionSets: sets, Values: vals}, newYear); err != nil {
			t.Errorf("Compose %s: %v", c.Name, err)
		}
	}
	if after := len(schema.Fields()); after != before {
		t.Errorf("the schema grew from %d to %d fields after Prepare", before, after)
	}
}

func TestPreparedClaimsAndHeaders(t *testing.T) {
	prep, vals, _ := exampleAlice(t)
	c, _ := prep.Project().ExternalCredential("Acme_Billing")
	claims, err := prep.Claims(c, scope.User{Values: vals}, newYear)
	if err != nil {
		t.Fatal(err)
	}
	type shown struct {
		Header      bool
		Name, Value string
	}
	var got []shown
	for _, cl := range claims {
		got = append(got, shown{cl.Header, cl.Name(), cl.Value.String()})
	}
	want := []shown{
		{true, "kid", "acme-billing-2026"},
		{false, "iss", "salesforce-acme-billing"},
		{false, "sub", "alice@acme.example"},
		{false, "aud", "https://idp.acme.example/oauth2/token"},
		{false, "exp", "1767225900"},
		{false, "tenant", "acme"},
		{false, "cost_center", "CC-1042"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	named, _ := prep.Project().NamedCredential("Billing_API")
	headers, err := prep.Headers(named, scope.User{Values: vals}, newYear)
	if err != nil {
		t.Fatal(err)
	}
	gotH := map[string]string{}
	for _, h := range headers {
		gotH[h.Name()] = h.Value.String()
	}
	wantH := map[string]string{"X-Acme-User": "alice@acme.example", "X-Acme-Org": "00D5g000004XyZ1EAK"}
	if diff := cmp.Diff(wantH, gotH); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
}

// TestPreparedClockPerCall evaluates one Prepared with a clock per call,
// as a server with a clock per request does: the exp claim, which reads
// NOW(), follows each call's clock.
func TestPreparedClockPerCall(t *testing.T) {
	prep, vals, _ := exampleAlice(t)
	c, _ := prep.Project().ExternalCredential("Acme_Billing")
	for _, at := range []time.Time{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 6, 1, 12, 0, 0, 0, time.UTC)} {
		claims, err := prep.Claims(c, scope.User{Values: vals}, eval.Env{Now: func() time.Time { return at }})
		if err != nil {
			t.Fatal(err)
		}
		want := strconv.FormatInt(at.Unix()+300, 10)
		for _, cl := range claims {
			if cl.Name() == "exp" && cl.Value.String() != want {
				t.Errorf("exp at %v = %s, want %s", at, cl.Value, want)
			}
		}
	}
}

// TestFormulaErrorAs checks that a formula error in metadata, at compile
// time and at run time, is a *FormulaError holding both positions.
func TestFormulaErrorAs(t *testing.T) {
	tests := []struct {
		name, scope string
		wantFile    string // line:column in the file
		wantFormula formula.Pos
		wantMsg     string
	}{
		{"compile", `{!$User.Departmnet}`, "8:27", formula.Pos{Line: 1, Column: 3, Offset: 2}, "Field $User.Departmnet does not exist. Check spelling."},
		{"run time", `{!TEXT(DATEVALUE($User.Department))}`, "8:32", formula.Pos{Line: 1, Column: 8, Offset: 7}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, c := guardProject(t, tt.scope)
			prep := prepare(t, p)
			vals := prep.NewValues()
			if err := vals.SetText("$User.Department", "Sales"); err != nil {
				t.Fatal(err)
			}
			_, err := prep.Compose(c, scope.User{Values: vals}, newYear)
			var fe *scope.FormulaError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T), want a *scope.FormulaError", err, err)
			}
			var ferr *formula.Error
			if !errors.As(err, &ferr) || ferr != fe.Err {
				t.Errorf("errors.As to *formula.Error: %v", ferr)
			}
			if got := fe.File.String(); !strings.HasSuffix(got, ":"+tt.wantFile) {
				t.Errorf("file position %s, want line:column %s", got, tt.wantFile)
			}
			if fe.Err.Pos.Line != tt.wantFormula.Line || fe.Err.Pos.Column != tt.wantFormula.Column {
				t.Errorf("formula position %v, want %v", fe.Err.Pos, tt.wantFormula)
			}
			if tt.wantMsg != "" && fe.Err.Msg != tt.wantMsg {
				t.Errorf("message %q, want %q", fe.Err.Msg, tt.wantMsg)
			}
			if !strings.Contains(err.Error(), "in the credential-level scope of G: ") {
				t.Errorf("error %q does not name the field", err)
			}
		})
	}
}

// TestPreparedConcurrent composes for many users at once from one
// Prepared; run with -race.
func TestPreparedConcurrent(t *testing.T) {
	prep, _, sets := exampleAlice(t)
	c, _ := prep.Project().ExternalCredential("Support_Portal")
	depts := []string{"Sales", "Support", "Finance", ""}
	compose := func(dept string) (string, error) {
		vals := prep.NewValues()
		if err := vals.SetText("$User.Department", dept); err != nil {
			return "", err
		}
		comp, err := prep.Compose(c, scope.User{PermissionSets: sets, Values: vals}, newYear)
		if err != nil {
			return "", err
		}
		return comp.Scope.Text(), nil
	}
	want := map[string]string{}
	for _, d := range depts {
		s, err := compose(d)
		if err != nil {
			t.Fatal(err)
		}
		want[d] = s
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := depts[i%len(depts)]
			got, err := compose(d)
			if err != nil || got != want[d] {
				t.Errorf("department %q: scope %q, %v; want %q", d, got, err, want[d])
			}
		}()
	}
	wg.Wait()
}

func TestComposeRefusesForeignValues(t *testing.T) {
	prep, _, sets := exampleAlice(t)
	c, _ := prep.Project().ExternalCredential("Support_Portal")
	if _, err := prep.Compose(c, scope.User{PermissionSets: sets, Values: eval.NewSchema().NewValues()}, newYear); err == nil {
		t.Error("Compose accepted values from another schema")
	}
}
