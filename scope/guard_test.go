package scope_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// xmlText escapes a formula for a parameterValue element.
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// guardProject is a project whose credential G has the given
// credential-level scope.
func guardProject(t testing.TB, scopeField string) (*scope.Project, *scope.ExternalCredential) {
	t.Helper()
	p := &scope.Project{}
	p.LoadFile("G.externalCredential-meta.xml", []byte(externalCredentialXML(
		scopeParam(scope.DefaultGroup, xmlText.Replace(scopeField)),
	)))
	if len(p.Problems) > 0 {
		t.Fatalf("the test project does not load: %v", p.Problems[0])
	}
	return p, credential(t, p, "G")
}

// TestScopeGuard holds the rule for every type of field and through every
// function: field data may change the text inside a scope token, never add
// a space or a character outside NQCHAR, and whitespace from a field is
// refused, never trimmed away.
func TestScopeGuard(t *testing.T) {
	tests := []struct {
		name, scope string
		fields      map[string]string // set with Values.SetString
		want        string            // the composed scope, when accepted
		inj         *scope.InjectionError
	}{
		{
			name:   "SUBSTITUTE adds a space",
			scope:  `{!SUBSTITUTE($User.Department, "+", " ")}`,
			fields: map[string]string{"$User.Department": "read+admin:all"},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "read+admin:all", Via: "SUBSTITUTE()", Char: ' '},
		},
		{
			name:   "JSONVALUE unwraps a space",
			scope:  `{!"t:" & JSONVALUE($User.Department, "t")}`,
			fields: map[string]string{"$User.Department": `{"t":"x admin:all"}`},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: `{"t":"x admin:all"}`, Via: "JSONVALUE()", Char: ' '},
		},
		{
			// Neutralising the quotes of this value made the JSON invalid,
			// and a guard that re-evaluated with it let the scope through.
			name:   "a value whose check by re-evaluation fails",
			scope:  `{!"t:" & JSONVALUE($User.Department, "t")}`,
			fields: map[string]string{"$User.Department": `{"t":"a b"}`},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: `{"t":"a b"}`, Via: "JSONVALUE()", Char: ' '},
		},
		{
			name:   "a date-time parsed from a text field",
			scope:  `{!"d:" & TEXT(DATETIMEVALUE($User.Department))}`,
			fields: map[string]string{"$User.Department": "2024-01-01 10:00:00"},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "2024-01-01 10:00:00", Via: "TEXT()", Char: ' '},
		},
		{
			name:   "a DateTime field",
			scope:  `{!"d:" & TEXT($User.LastLoginDate)}`,
			fields: map[string]string{"$User.LastLoginDate": "2024-01-01T10:00:00Z"},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.LastLoginDate", Value: "2024-01-01 10:00:00Z", Via: "TEXT()", Char: ' '},
		},
		{
			name:   "a DateTime field in a template",
			scope:  `d:{!$User.LastLoginDate}`,
			fields: map[string]string{"$User.LastLoginDate": "2024-01-01T10:00:00Z"},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.LastLoginDate", Value: "2024-01-01 10:00:00Z", Via: "TEXT()", Char: ' '},
		},
		{
			name:   "a trailing space",
			scope:  `{!"role:" & $User.Department}`,
			fields: map[string]string{"$User.Department": "admin "},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "admin ", Char: ' '},
		},
		{
			name:   "a leading space",
			scope:  `{!"role:" & $User.Department}`,
			fields: map[string]string{"$User.Department": " admin"},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: " admin", Char: ' '},
		},
		{
			name:   "a no-break space alone",
			scope:  `{!"role:" & $User.Department}`,
			fields: map[string]string{"$User.Department": "\u00a0"},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "\u00a0", Char: '\u00a0'},
		},
		{
			name:   "a space a function puts next to field text",
			scope:  `{!"role:" & LPAD($User.Department, 8)}`,
			fields: map[string]string{"$User.Department": "ops"},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "ops", Via: "LPAD()", Char: ' '},
		},
		{
			name:  "a space from the clock",
			scope: `{!"t:" & TEXT(NOW())}`,
			inj:   &scope.InjectionError{Credential: "G", Field: "NOW()", Via: "TEXT()", Char: ' '},
		},
		{
			name:   "a space from either of two fields",
			scope:  `{!"r:" & SUBSTITUTE($User.Department, "-", $User.Title)}`,
			fields: map[string]string{"$User.Department": "a-b", "$User.Title": " "},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "a-b", Others: []string{"$User.Title"}, Via: "SUBSTITUTE()", Char: ' '},
		},
		{
			name:   "a quote through UPPER",
			scope:  `{!"r:" & UPPER($User.Department)}`,
			fields: map[string]string{"$User.Department": `a"b`},
			inj:    &scope.InjectionError{Credential: "G", Field: "$User.Department", Value: `a"b`, Via: "UPPER()", Char: '"'},
		},
		// Accepted: the data changes the text inside a token only.
		{
			name:   "an encoded space",
			scope:  `{!"r:" & URLENCODE($User.Department)}`,
			fields: map[string]string{"$User.Department": "Customer Service"},
			want:   "r:Customer+Service",
		},
		{
			name:   "literal spaces chosen by a field",
			scope:  `{!IF($User.Department = "Sales", "sales.read sales.write", "basic")}`,
			fields: map[string]string{"$User.Department": "Sales"},
			want:   "sales.read sales.write",
		},
		{
			name:   "literal spaces through a function, chosen by a field",
			scope:  `{!UPPER(IF($User.Department = "Sales", "sales.read sales.write", "basic"))}`,
			fields: map[string]string{"$User.Department": "Sales"},
			want:   "SALES.READ SALES.WRITE",
		},
		{
			name:   "a field between literal spaces",
			scope:  `read {!$User.Department} write`,
			fields: map[string]string{"$User.Department": "team:ops"},
			want:   "read team:ops write",
		},
		{
			name:  "a blank field between literal spaces",
			scope: `read {!$User.Department} write`,
			want:  "read write",
		},
		{
			name:   "a guarded field",
			scope:  `{!IF(REGEX($User.Department, "[A-Za-z]+"), "role:" & $User.Department, "role:other")}`,
			fields: map[string]string{"$User.Department": "Customer Service"},
			want:   "role:other",
		},
		{
			name:   "a date printed",
			scope:  `{!"d:" & TEXT(DATEVALUE($User.LastLoginDate))}`,
			fields: map[string]string{"$User.LastLoginDate": "2024-01-01T10:00:00Z"},
			want:   "d:2024-01-01",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, c := guardProject(t, tt.scope)
			prep := prepare(t, p)
			vals := prep.NewValues()
			for name, v := range tt.fields {
				if err := vals.SetString(name, v); err != nil {
					t.Fatal(err)
				}
			}
			comp, err := prep.Compose(c, scope.User{Values: vals}, eval.Env{})
			if tt.inj == nil {
				if err != nil {
					t.Fatalf("Compose: %v", err)
				}
				if got := comp.Scope.Text(); got != tt.want {
					t.Errorf("scope %q, want %q", got, tt.want)
				}
				return
			}
			var inj *scope.InjectionError
			if !errors.As(err, &inj) {
				t.Fatalf("Compose gave scope %q and error %v, want an *InjectionError", comp.Scope.Text(), err)
			}
			if diff := cmp.Diff(tt.inj, inj); diff != "" {
				t.Errorf("InjectionError (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScopeGuardMessages shows what a refusal says: the field, its value
// and the function it went through, or the clock, and never a secret.
func TestScopeGuardMessages(t *testing.T) {
	tests := []struct {
		inj  scope.InjectionError
		want string
	}{
		{
			scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "read+admin:all", Via: "SUBSTITUTE()", Char: ' '},
			`scope of G refused: SUBSTITUTE() turns $User.Department = "read+admin:all" into text with a space, which would add a scope; credscope never sends a widened scope`,
		},
		{
			scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "\u00a0", Char: '\u00a0'},
			`scope of G refused: $User.Department = "\u00a0" contains '\u00a0' (U+00A0), which is not allowed in a scope token; credscope never sends a widened scope`,
		},
		{
			scope.InjectionError{Credential: "G", Field: "NOW()", Via: "TEXT()", Char: ' '},
			`scope of G refused: TEXT() turns NOW() into text with a space, which would add a scope; credscope never sends a widened scope`,
		},
		{
			scope.InjectionError{Credential: "G", Field: "$User.Department", Value: "a-b", Others: []string{"$User.Title"}, Via: "SUBSTITUTE()", Char: ' '},
			`scope of G refused: SUBSTITUTE() turns $User.Department = "a-b" and $User.Title into text with a space, which would add a scope; credscope never sends a widened scope`,
		},
	}
	for _, tt := range tests {
		if got := tt.inj.Error(); got != tt.want {
			t.Errorf("Error():\n got %s\nwant %s", got, tt.want)
		}
	}
}

// TestScopeGuardSecretSource never shows a secret that decides a refusal:
// a secret field's value prints redacted.
func TestScopeGuardSecretSource(t *testing.T) {
	// A secret only in a condition leaves the scope itself secret-derived,
	// which Compose refuses before looking at characters.
	p, c := guardProject(t, `{!IF(ISBLANK($Credential.G.Tenant), "a", "b")} {!$User.Title}`)
	prep := prepare(t, p)
	vals := prep.NewValues()
	for name, v := range map[string]string{"$Credential.G.Tenant": "hunter2 x", "$User.Title": "t u"} {
		if err := vals.SetText(name, v); err != nil {
			t.Fatal(err)
		}
	}
	_, err := prep.Compose(c, scope.User{Values: vals}, eval.Env{})
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("Compose: %v", err)
	}
}
