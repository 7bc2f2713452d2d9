package scope_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// externalCredentialXML writes an external credential with the given
// parameters, each a parameterGroup, parameterName, parameterType,
// parameterValue and sequenceNumber; empty elements are left out.
func externalCredentialXML(params ...[5]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
`)
	for _, p := range params {
		b.WriteString("    <externalCredentialParameters>\n")
		for i, el := range []string{"parameterGroup", "parameterName", "parameterType", "parameterValue", "sequenceNumber"} {
			if p[i] != "" {
				fmt.Fprintf(&b, "        <%s>%s</%s>\n", el, p[i], el)
			}
		}
		b.WriteString("    </externalCredentialParameters>\n")
	}
	b.WriteString("    <label>Test</label>\n</ExternalCredential>\n")
	return b.String()
}

func principal(name, typ, seq string) [5]string { return [5]string{name, name, typ, "", seq} }
func scopeParam(group, value string) [5]string {
	return [5]string{group, "Scope", scope.TypeAuthParameter, value, ""}
}

// permissionSetXML writes a permission set granting each principal;
// a "!" prefix writes the access disabled.
func permissionSetXML(accesses ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
`)
	for _, a := range accesses {
		enabled := "true"
		if rest, ok := strings.CutPrefix(a, "!"); ok {
			a, enabled = rest, "false"
		}
		fmt.Fprintf(&b, "    <externalCredentialPrincipalAccesses>\n        <enabled>%s</enabled>\n        <externalCredentialPrincipal>%s</externalCredentialPrincipal>\n    </externalCredentialPrincipalAccesses>\n", enabled, a)
	}
	b.WriteString("    <label>Test</label>\n</PermissionSet>\n")
	return b.String()
}

const seedScope = `{!IF(OR(CONTAINS($User.Department, &quot;Sales&quot;), CONTAINS($User.Department, &quot;Service&quot;)), &quot;session:role:&quot; + $User.Department, &quot;&quot;)}`

// composeProject is a project with credentials for every composition case.
func composeProject(t testing.TB) *scope.Project {
	t.Helper()
	p := &scope.Project{}
	files := map[string]string{
		// Scopes at both levels; principals with and without a scope.
		"Support_Portal.externalCredential-meta.xml": externalCredentialXML(
			scopeParam(scope.DefaultGroup, "tickets.read"),
			principal("Sales_Team", scope.TypePerUserPrincipal, "1"),
			scopeParam("Sales_Team", seedScope),
			principal("Engineering", scope.TypeNamedPrincipal, "5"),
			scopeParam("Engineering", "tickets.write"),
			principal("Contractors", scope.TypePerUserPrincipal, "3"),
		),
		// No scope at either level.
		"Billing.externalCredential-meta.xml": externalCredentialXML(
			principal("Billing_Users", scope.TypePerUserPrincipal, "1"),
		),
		// A principal-level scope only.
		"Reports.externalCredential-meta.xml": externalCredentialXML(
			principal("Analysts", scope.TypeNamedPrincipal, "2"),
			scopeParam("Analysts", "reports.read reports.export"),
		),
		// A scope built from a secret credential parameter.
		"Upper_Portal.externalCredential-meta.xml": externalCredentialXML(
			principal("Upper_Team", scope.TypePerUserPrincipal, "1"),
			scopeParam("Upper_Team", "{!&quot;role:&quot; &amp; SUBSTITUTE(UPPER($User.Department), &quot;-&quot;, &quot;_&quot;)}"),
		),
		"Guarded_Portal.externalCredential-meta.xml": externalCredentialXML(
			principal("Guarded_Team", scope.TypePerUserPrincipal, "1"),
			scopeParam("Guarded_Team", "{!IF(REGEX($User.Department, &quot;[A-Za-z]+&quot;), &quot;role:&quot; &amp; $User.Department, &quot;role:other&quot;)}"),
		),
		"Upper_Access.permissionset-meta.xml": permissionSetXML("Upper_Portal-Upper_Team", "Guarded_Portal-Guarded_Team"),
		"Vault.externalCredential-meta.xml": externalCredentialXML(
			scopeParam(scope.DefaultGroup, "{!&quot;tenant:&quot; &amp; $Credential.Vault.Tenant}"),
		),
		// A permission the user's values may not mention.
		"Refunds.externalCredential-meta.xml": externalCredentialXML(
			scopeParam(scope.DefaultGroup, "billing.read {!IF($Permission.Approve_Refunds, &quot;refunds.approve&quot;, &quot;&quot;)}"),
		),
		// Static text that RFC 6749 forbids, and a formula that fails to compile.
		"Partner_Hub.externalCredential-meta.xml": externalCredentialXML(
			scopeParam(scope.DefaultGroup, "données.lire"),
		),
		"Broken.externalCredential-meta.xml": externalCredentialXML(
			scopeParam(scope.DefaultGroup, "{!&quot;role:&quot; &amp; $User.Departmnet}"),
		),
		"Sales_JWT_Access.permissionset-meta.xml":   permissionSetXML("Support_Portal-Sales_Team", "Billing-Billing_Users"),
		"Sales_Team_Backup.permissionset-meta.xml":  permissionSetXML("Support_Portal-Sales_Team"),
		"Engineering_Access.permissionset-meta.xml": permissionSetXML("Support_Portal-Engineering", "Reports-Analysts"),
		"Contractor_Access.permissionset-meta.xml":  permissionSetXML("Support_Portal-Contractors"),
		"Suspended_Access.permissionset-meta.xml":   permissionSetXML("!Support_Portal-Sales_Team", "!Reports-Analysts"),
		"Mistyped_Access.permissionset-meta.xml":    permissionSetXML("Support_Portal-Sales", "Support-Sales_Team", "Support_Portal"),
	}
	// Load in a fixed order: permission sets are searched in load order.
	for _, name := range []string{
		"Support_Portal.externalCredential-meta.xml", "Billing.externalCredential-meta.xml",
		"Reports.externalCredential-meta.xml", "Vault.externalCredential-meta.xml",
		"Refunds.externalCredential-meta.xml", "Partner_Hub.externalCredential-meta.xml", "Broken.externalCredential-meta.xml",
		"Sales_JWT_Access.permissionset-meta.xml", "Sales_Team_Backup.permissionset-meta.xml",
		"Engineering_Access.permissionset-meta.xml", "Contractor_Access.permissionset-meta.xml",
		"Suspended_Access.permissionset-meta.xml", "Mistyped_Access.permissionset-meta.xml",
		"Upper_Portal.externalCredential-meta.xml", "Guarded_Portal.externalCredential-meta.xml",
		"Upper_Access.permissionset-meta.xml",
	} {
		p.LoadFile(name, []byte(files[name]))
	}
	if len(p.Problems) > 0 {
		t.Fatalf("the test project does not load: %v", p.Problems[0])
	}
	return p
}

func credential(t testing.TB, p *scope.Project, name string) *scope.ExternalCredential {
	t.Helper()
	c, ok := p.ExternalCredential(name)
	if !ok {
		t.Fatalf("no external credential %s", name)
	}
	return c
}

// resolution is a scope.Resolution in comparable form.
type resolution struct {
	Principal string   // "" for none
	Reachable []string // PRINCIPAL(SEQUENCE) via PERMISSION-SET
	Why       string
}

func summarizeResolution(r scope.Resolution) resolution {
	var out resolution
	if r.Principal != nil {
		out.Principal = r.Principal.Name()
	}
	for _, g := range r.Reachable {
		n, _ := g.Principal.Sequence()
		out.Reachable = append(out.Reachable, fmt.Sprintf("%s(%d) via %s", g.Principal.Name(), n, g.PermissionSet))
	}
	out.Why = r.Why
	return out
}

func TestResolve(t *testing.T) {
	p := composeProject(t)
	const none = "no permission set of the user grants a principal of Support_Portal, so the user's callouts through it fail"
	tests := []struct {
		name string
		cred string
		sets []string
		want resolution
	}{
		{
			name: "the only principal",
			cred: "Support_Portal", sets: []string{"Engineering_Access"},
			want: resolution{"Engineering", []string{"Engineering(5) via Engineering_Access"},
				"the only principal granted, through permission set Engineering_Access"},
		},
		{
			name: "lowest sequence wins",
			cred: "Support_Portal", sets: []string{"Engineering_Access", "Contractor_Access"},
			want: resolution{"Contractors", []string{"Contractors(3) via Contractor_Access", "Engineering(5) via Engineering_Access"},
				"lowest sequence number (3) of the principals granted; also granted: Engineering (5)"},
		},
		{
			name: "lowest sequence wins whatever the order of the sets",
			cred: "Support_Portal", sets: []string{"Contractor_Access", "Engineering_Access", "Sales_JWT_Access"},
			want: resolution{"Sales_Team", []string{"Sales_Team(1) via Sales_JWT_Access", "Contractors(3) via Contractor_Access", "Engineering(5) via Engineering_Access"},
				"lowest sequence number (1) of the principals granted; also granted: Contractors (3), Engineering (5)"},
		},
		{
			name: "a principal granted twice counts once",
			cred: "Support_Portal", sets: []string{"Sales_Team_Backup", "Sales_JWT_Access"},
			want: resolution{"Sales_Team", []string{"Sales_Team(1) via Sales_JWT_Access"},
				"the only principal granted, through permission set Sales_JWT_Access"},
		},
		{
			name: "permission set names ignore case",
			cred: "Support_Portal", sets: []string{"sales_jwt_access"},
			want: resolution{"Sales_Team", []string{"Sales_Team(1) via Sales_JWT_Access"},
				"the only principal granted, through permission set Sales_JWT_Access"},
		},
		{
			name: "disabled access is ignored",
			cred: "Support_Portal", sets: []string{"Suspended_Access"},
			want: resolution{Why: none},
		},
		{
			name: "disabled access next to an enabled one",
			cred: "Support_Portal", sets: []string{"Suspended_Access", "Engineering_Access"},
			want: resolution{"Engineering", []string{"Engineering(5) via Engineering_Access"},
				"the only principal granted, through permission set Engineering_Access"},
		},
		{
			name: "unknown permission set",
			cred: "Support_Portal", sets: []string{"No_Such_Set"},
			want: resolution{Why: none},
		},
		{
			name: "accesses that name no principal of the credential",
			cred: "Support_Portal", sets: []string{"Mistyped_Access"},
			want: resolution{Why: none},
		},
		{
			name: "no permission sets",
			cred: "Support_Portal",
			want: resolution{Why: none},
		},
		{
			name: "another credential's principals",
			cred: "Reports", sets: []string{"Sales_JWT_Access", "Contractor_Access"},
			want: resolution{Why: "no permission set of the user grants a principal of Reports, so the user's callouts through it fail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := credential(t, p, tt.cred)
			r := p.Resolve(c, tt.sets)
			if r.Credential != c {
				t.Errorf("Resolution.Credential is %v, want %s", r.Credential, c.Name)
			}
			if diff := cmp.Diff(tt.want, summarizeResolution(r)); diff != "" {
				t.Errorf("Resolve(%s, %q) (-want +got):\n%s", tt.cred, tt.sets, diff)
			}
		})
	}
}

// composition is a scope.Composition in comparable form; nil scopes are
// blank or null.
type composition struct {
	Principal       string
	CredentialScope *string
	PrincipalScope  *string
	Scope           *string
}

func str(s string) *string { return &s }

func textOf(v eval.Value) *string {
	if v.IsBlank() {
		return nil
	}
	return str(v.Text())
}

func TestCompose(t *testing.T) {
	p := composeProject(t)
	tests := []struct {
		name   string
		cred   string
		sets   []string
		fields map[string]string
		want   composition
		// nullScope says the final scope is null: the auth provider's
		// default scopes apply.
		nullScope bool
	}{
		{
			name: "both levels, credential first",
			cred: "Support_Portal", sets: []string{"Sales_JWT_Access"},
			fields: map[string]string{"$User.Department": "Sales"},
			want:   composition{"Sales_Team", str("tickets.read"), str("session:role:Sales"), str("tickets.read session:role:Sales")},
		},
		{
			name: "the principal-level formula gives blank",
			cred: "Support_Portal", sets: []string{"Sales_JWT_Access"},
			fields: map[string]string{"$User.Department": "Engineering"},
			want:   composition{"Sales_Team", str("tickets.read"), nil, str("tickets.read")},
		},
		{
			name: "the lowest sequence picks the principal-level scope",
			cred: "Support_Portal", sets: []string{"Engineering_Access", "Sales_Team_Backup"},
			fields: map[string]string{"$User.Department": "Engineering"},
			want:   composition{"Sales_Team", str("tickets.read"), nil, str("tickets.read")},
		},
		{
			name: "credential-only: the principal has no scope",
			cred: "Support_Portal", sets: []string{"Contractor_Access"},
			want: composition{"Contractors", str("tickets.read"), nil, str("tickets.read")},
		},
		{
			name: "credential-only: no principal reached",
			cred: "Support_Portal",
			want: composition{"", str("tickets.read"), nil, str("tickets.read")},
		},
		{
			name: "principal-only",
			cred: "Reports", sets: []string{"Engineering_Access"},
			want: composition{"Analysts", nil, str("reports.read reports.export"), str("reports.read reports.export")},
		},
		{
			name: "null at both levels: the provider's defaults",
			cred: "Billing", sets: []string{"Sales_JWT_Access"},
			want:      composition{Principal: "Billing_Users"},
			nullScope: true,
		},
		{
			name:      "null at both levels and no principal",
			cred:      "Billing",
			want:      composition{},
			nullScope: true,
		},
		{
			// Only the fields a scope formula reads can widen it:
			// neither a title that the joined scope happens to contain,
			// nor a lone space, which the join itself contains.
			name: "fields no formula reads",
			cred: "Support_Portal", sets: []string{"Sales_JWT_Access"},
			fields: map[string]string{"$User.Department": "Sales", "$User.Title": "read session", "$User.Division": " "},
			want:   composition{"Sales_Team", str("tickets.read"), str("session:role:Sales"), str("tickets.read session:role:Sales")},
		},
		{
			// The values were made before compiling declared the
			// permission: it reads as unset.
			name: "a permission the values do not mention",
			cred: "Refunds",
			want: composition{"", str("billing.read "), nil, str("billing.read")},
		},
		{
			name:   "a permission granted",
			cred:   "Refunds",
			fields: map[string]string{"$Permission.Approve_Refunds": "true"},
			want:   composition{"", str("billing.read refunds.approve"), nil, str("billing.read refunds.approve")},
		},
		{
			name: "a guarded value with a space: REGEX turns it away",
			cred: "Guarded_Portal", sets: []string{"Upper_Access"},
			fields: map[string]string{"$User.Department": "Customer Service"},
			want:   composition{"Guarded_Team", nil, str("role:other"), str("role:other")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prep := prepare(t, p)
			vals := prep.NewValues()
			for name, v := range tt.fields {
				if err := vals.SetString(name, v); err != nil {
					t.Fatal(err)
				}
			}
			comp, err := prep.Compose(credential(t, p, tt.cred), scope.User{PermissionSets: tt.sets, Values: vals}, eval.Env{})
			if err != nil {
				t.Fatalf("Compose: %v", err)
			}
			got := composition{CredentialScope: textOf(comp.CredentialScope), PrincipalScope: textOf(comp.PrincipalScope), Scope: textOf(comp.Scope)}
			if comp.Principal != nil {
				got.Principal = comp.Principal.Name()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compose (-want +got):\n%s", diff)
			}
			if comp.Scope.IsNull() != tt.nullScope {
				t.Errorf("Scope.IsNull() = %v, want %v", comp.Scope.IsNull(), tt.nullScope)
			}
		})
	}
}

func TestComposeRefuses(t *testing.T) {
	p := composeProject(t)
	const secret = "acme prod"
	tests := []struct {
		name   string
		cred   string
		sets   []string
		fields map[string]string
		// want is the whole error text; inj, when set, the InjectionError.
		want string
		inj  *scope.InjectionError
	}{
		{
			name: "a department that adds a scope",
			cred: "Support_Portal", sets: []string{"Sales_JWT_Access"},
			fields: map[string]string{"$User.Department": "Sales admin:all"},
			want:   `scope of Support_Portal refused: $User.Department = "Sales admin:all" contains a space, which would add a scope; credscope never sends a widened scope`,
			inj:    &scope.InjectionError{Credential: "Support_Portal", Field: "$User.Department", Value: "Sales admin:all", Char: ' '},
		},
		{
			name: "a department with a quote",
			cred: "Support_Portal", sets: []string{"Sales_JWT_Access"},
			fields: map[string]string{"$User.Department": `Sales"EMEA`},
			want:   `scope of Support_Portal refused: $User.Department = "Sales\"EMEA" contains '"' (U+0022), which is not allowed in a scope token; credscope never sends a widened scope`,
			inj:    &scope.InjectionError{Credential: "Support_Portal", Field: "$User.Department", Value: `Sales"EMEA`, Char: '"'},
		},
		{
			name: "a department with a backslash",
			cred: "Support_Portal", sets: []string{"Sales_JWT_Access"},
			fields: map[string]string{"$User.Department": `Sales\EMEA`},
			want:   `scope of Support_Portal refused: $User.Department = "Sales\\EMEA" contains '\\' (U+005C), which is not allowed in a scope token; credscope never sends a widened scope`,
			inj:    &scope.InjectionError{Credential: "Support_Portal", Field: "$User.Department", Value: `Sales\EMEA`, Char: '\\'},
		},
		{
			name:   "a secret, even a valid one",
			cred:   "Vault",
			fields: map[string]string{"$Credential.Vault.Tenant": "acme-prod"},
			want:   `scope of Vault refused: it is computed from a $Credential value, and a scope is never secret`,
		},
		{
			name:   "a secret with a space",
			cred:   "Vault",
			fields: map[string]string{"$Credential.Vault.Tenant": secret},
			want:   `scope of Vault refused: it is computed from a $Credential value, and a scope is never secret`,
		},
		{
			name: "a department hidden behind UPPER",
			cred: "Upper_Portal", sets: []string{"Upper_Access"},
			fields: map[string]string{"$User.Department": "Customer Service"},
			want:   `scope of Upper_Portal refused: SUBSTITUTE() turns $User.Department = "Customer Service" into text with a space, which would add a scope; credscope never sends a widened scope`,
			inj:    &scope.InjectionError{Credential: "Upper_Portal", Field: "$User.Department", Value: "Customer Service", Via: "SUBSTITUTE()", Char: ' '},
		},
		{
			name: "static text RFC 6749 forbids",
			cred: "Partner_Hub",
			want: `scope of Partner_Hub refused: token "données.lire" holds 'é' (U+00E9), which RFC 6749 does not allow`,
		},
		{
			name: "a formula that does not compile",
			cred: "Broken",
			want: "Broken.externalCredential-meta.xml:8:51: in the credential-level scope of Broken: Field $User.Departmnet does not exist. Check spelling.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prep := prepare(t, p)
			vals := prep.NewValues()
			for name, v := range tt.fields {
				if err := vals.SetText(name, v); err != nil {
					t.Fatal(err)
				}
			}
			comp, err := prep.Compose(credential(t, p, tt.cred), scope.User{PermissionSets: tt.sets, Values: vals}, eval.Env{})
			if err == nil {
				t.Fatalf("Compose gave scope %v, want error %q", comp.Scope, tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n got %s\nwant %s", got, tt.want)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "acme") {
				t.Errorf("the error shows the secret: %s", err)
			}
			var inj *scope.InjectionError
			if tt.inj == nil {
				if errors.As(err, &inj) {
					t.Errorf("got an InjectionError %+v, want another error", inj)
				}
				return
			}
			if !errors.As(err, &inj) {
				t.Fatalf("error %T is not an *InjectionError", err)
			}
			if diff := cmp.Diff(tt.inj, inj); diff != "" {
				t.Errorf("InjectionError (-want +got):\n%s", diff)
			}
		})
	}
}

// TestComposeRefusesSecretScope refuses a scope computed from a $Credential
// value, and never shows the value.
func TestComposeRefusesSecretScope(t *testing.T) {
	p := &scope.Project{}
	p.LoadFile("Sec.externalCredential-meta.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>api {!$Credential.Sec.tenant}</parameterValue>
    </externalCredentialParameters>
    <label>Sec</label>
</ExternalCredential>`))
	c, _ := p.ExternalCredential("Sec")
	prep := prepare(t, p)
	vals := prep.NewValues()
	if err := vals.SetText("$Credential.Sec.tenant", "TOPSECRET"); err != nil {
		t.Fatal(err)
	}
	_, err := prep.Compose(c, scope.User{Values: vals}, eval.Env{})
	if err == nil || !strings.Contains(err.Error(), "computed from a $Credential value") || strings.Contains(err.Error(), "TOPSECRET") {
		t.Errorf("Compose: %v", err)
	}
}

// prepare prepares p against its own schema. A formula that does not
// compile fails when Compose reaches it, which the tests check.
func prepare(t testing.TB, p *scope.Project) *scope.Prepared {
	t.Helper()
	prep, _ := p.Prepare(p.Schema(), eval.Options{})
	if !prep.Schema().Frozen() {
		t.Fatal("Prepare left the schema growing")
	}
	return prep
}
