package repl

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/credscope/credscope"
	"github.com/google/go-cmp/cmp"
)

// testIO is a session's output.
type testIO struct {
	out, err bytes.Buffer
}

// newTestSession starts a session on the example user and project, as a
// script.
func newTestSession(t *testing.T) *session {
	t.Helper()
	s, _ := newTestSessionIO(t, Config{})
	return s
}

func newTestSessionIO(t *testing.T, cfg Config) (*session, *testIO) {
	t.Helper()
	var tio testIO
	cfg.Out, cfg.Err = &tio.out, &tio.err
	if cfg.Example == nil {
		cfg.Example = credscope.Example()
	}
	if cfg.Getenv == nil {
		cfg.Getenv = func(string) string { return "" }
	}
	s, err := newSession(cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	return s, &tio
}

// runScript runs lines as a script and returns the output, the errors and
// the result.
func runScript(t *testing.T, cfg Config, lines ...string) (string, string, error) {
	t.Helper()
	s, tio := newTestSessionIO(t, cfg)
	err := s.script(strings.NewReader(strings.Join(lines, "\n") + "\n"))
	return tio.out.String(), tio.err.String(), err
}

func TestScript(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		out     string
		errs    string
		failed  int
		project string
	}{
		{
			name:  "values print with their types",
			lines: []string{`"session:role:" + $User.Department`, `1 + 1`, `NULL`, `LEN("abc") > 2`, `DATE(2026, 1, 31)`, `$User.Title`, `""`},
			out:   "\"session:role:Sales\" : Text\n2 : Number\nnull : Null\ntrue : Boolean\n2026-01-31 : Date\nnull : Text\nnull : Text\n",
		},
		{
			name:  "the seed formula after :set, over several lines",
			lines: []string{`:set $User.Department = "Service"`, `IF(OR(CONTAINS($User.Department, "Sales"),`, `   CONTAINS($User.Department, "Service")),`, `   "session:role:" + $User.Department, "")`},
			out:   "$User.Department = \"Service\"\n\"session:role:Service\" : Text\n",
		},
		{
			name:  "templates",
			lines: []string{`api {!LOWER($Organization.Name)} {!$User.FirstName}`},
			out:   "\"api acme Alice\" : Text\n",
		},
		{
			name:  "secrets are redacted",
			lines: []string{`:set $Credential.Billing_API.Username = "svc-billing"`, `$Credential.Billing_API.Username & "!"`, `:set $User.Department = $Credential.Billing_API.Username`},
			out:   "$Credential.Billing_API.Username = ********\n******** : Text\n$User.Department = ********\n",
		},
		{
			name:   "errors carry the script's line and a caret",
			lines:  []string{`1 + 1`, `CONTAINS(1, "a")`},
			out:    "2 : Number\n",
			errs:   "<stdin>:2:10: Incorrect parameter type for function 'CONTAINS()'. Expected Text, received Number\n    CONTAINS(1, \"a\")\n             ^\n",
			failed: 1,
		},
		{
			name:   "an error on a continued line",
			lines:  []string{`IF(TRUE,`, `  1 +,`, `  2)`},
			errs:   "<stdin>:2:6: Syntax error. Extra ','\n      1 +,\n         ^\n",
			failed: 1,
		},
		{
			name:   "a command's formula is positioned in the line",
			lines:  []string{`:type 1 & "a"`},
			errs:   "<stdin>:1:7: Incorrect parameter type for operator '&'. Expected Text, received Number\n    :type 1 & \"a\"\n          ^\n",
			failed: 1,
		},
		{
			name:   ":set takes a formula, and says so",
			lines:  []string{`:set $User.Department = Sales`},
			errs:   "<stdin>:1:25: Field Sales does not exist. Check spelling.\n    :set $User.Department = Sales\n                            ^\nhint: the right side is a formula: write :set $User.Department = \"Sales\" for text\n",
			failed: 1,
		},
		{
			name:  ":set, :unset and booleans",
			lines: []string{`:set $User.IsActive = TRUE`, `NOT($User.IsActive)`, `:unset $User.IsActive`, `$User.IsActive`},
			out:   "$User.IsActive = true\nfalse : Boolean\n$User.IsActive = null\nfalse : Boolean\n",
		},
		{
			name:   "a type mismatch in :set",
			lines:  []string{`:set $User.IsActive = "yes"`},
			errs:   "<stdin>:1: $User.IsActive is Boolean, but the formula is Text\nhint: write TRUE or FALSE, without quotes\n",
			failed: 1,
		},
		{
			name:  "custom fields take the type of their first value",
			lines: []string{`:set Amount__c = 40`, `Amount__c + 2`},
			out:   "Amount__c = 40\n42 : Number\n",
		},
		{
			name:   "misspelt names get suggestions",
			lines:  []string{`CONTIANS("a", "b")`, `$User.Departmnt`},
			errs:   "<stdin>:1:1: Unknown function CONTIANS. Check spelling.\n    CONTIANS(\"a\", \"b\")\n    ^\nhint: did you mean CONTAINS? :functions lists them all\n<stdin>:2:1: Field $User.Departmnt does not exist. Check spelling.\n    $User.Departmnt\n    ^\nhint: did you mean $User.Department? :fields lists them all\n",
			failed: 2,
		},
		{
			name:  ":type, :ast and :fmt",
			lines: []string{`:type "a" & TEXT(1)`, `:ast IF(a__c, 1, 2)`, `:fmt if(contains($User.Department,'x'),1,2)`, `:fmt scope {!lower($User.Department)}`},
			out:   "Text\n(IF a__c 1 2)\nIF(CONTAINS($User.Department, \"x\"), 1, 2)\nscope {!LOWER($User.Department)}\n",
		},
		{
			name:  ":mode changes how blank numbers read",
			lines: []string{`:set Amount__c = 1`, `:unset Amount__c`, `Amount__c + 1`, `:mode blank-as-blank`, `Amount__c + 1`, `:mode`},
			out:   "Amount__c = 1\nAmount__c = null\n1 : Number\nblank-as-blank: blank Number fields stay null\nnull : Number\nblank-as-blank: blank Number fields stay null\n",
		},
		{
			name:  ":now fixes NOW()",
			lines: []string{`:now 2026-01-31T09:00:00Z`, `NOW()`, `TODAY()`, `:now off`},
			out:   "NOW() is 2026-01-31T09:00:00Z\n2026-01-31 09:00:00Z : DateTime\n2026-01-31 : Date\nNOW() follows the clock\n",
		},
		{
			name:  ":user switches to an example user",
			lines: []string{`:user bob`, `$User.Department`},
			out:   "User bob@acme.example, from the example user bob; permission sets Sales_JWT_Access.\n\"Customer Service\" : Text\n",
			// As a scope, his department would be two.
			errs: "warning: as a scope this would be refused: $User.Department = \"Customer Service\" contains a space, which would add a scope; credscope never sends a widened scope\n",
		},
		{
			name:   ":user with a missing file",
			lines:  []string{`:user nobody.yaml`},
			errs:   "<stdin>:1: nobody.yaml: no such file\nhint: the example users are alice, bob and carol\n",
			failed: 1,
		},
		{
			name:  ":fields lists types and values",
			lines: []string{`:fields $User.D`},
			out:   "$User.Department  Text  \"Sales\"\n$User.Division    Text  \"EMEA North\"\n2 fields, 2 set\n",
		},
		{
			name:  ":principals shows the one chosen",
			lines: []string{`:principals Support_Portal`},
			out:   "Support_Portal\n  1  Sales_Team   PerUserPrincipal  chosen, granted by Sales_JWT_Access\n  5  Engineering  NamedPrincipal    not granted to the user\n",
		},
		{
			name:  ":scope composes the scope",
			lines: []string{`:set $User.Department = "Service"`, `:scope support_portal`},
			out:   "$User.Department = \"Service\"\nSupport_Portal\n  principal: Sales_Team: the only principal granted, through permission set Sales_JWT_Access\n  scope:     tickets.read session:role:Service\n",
		},
		{
			// The credentials are prepared on the user's fields, through
			// scope.DeclareField: the record's Name stays behind, and in the
			// session.
			name:  ":scope on an object's record keeps the record and the user's custom fields",
			lines: []string{`:object Opportunity`, `:set Name = "Big_deal"`, `:set $User.Tier__c = 3`, `:scope support_portal`, `Name & "/" & TEXT($User.Tier__c)`},
			out: "Formulas are formula fields of Opportunity: its fields, and its relationships' fields, such as Owner.Email.\n" +
				"Name = \"Big_deal\"\n$User.Tier__c = 3\n" +
				"Support_Portal\n  principal: Sales_Team: the only principal granted, through permission set Sales_JWT_Access\n  scope:     tickets.read session:role:Sales\n" +
				"\"Big_deal/3\" : Text\n",
		},
		{
			name:   ":scope refuses a widened scope",
			lines:  []string{`:user bob`, `:scope Support_Portal`},
			out:    "User bob@acme.example, from the example user bob; permission sets Sales_JWT_Access.\nSupport_Portal\n  principal: Sales_Team: the only principal granted, through permission set Sales_JWT_Access\n  error:     scope of Support_Portal refused: $User.Department = \"Customer Service\" contains a space, which would add a scope; credscope never sends a widened scope\n",
			errs:   "<stdin>:2: 1 credential(s) failed\n",
			failed: 1,
		},
		{
			name:   "unknown credentials and commands",
			lines:  []string{`:scope Nope`, `:scpoe`, `:f`},
			errs:   "<stdin>:1: no external credential Nope in the example project\nhint: the credentials are Acme_Billing and Support_Portal\n<stdin>:2: unknown command :scpoe\nhint: did you mean :scope? :help lists the commands\n<stdin>:3: :f is ambiguous: :fields, :fmt and :functions\n",
			failed: 3,
		},
		{
			name:  "the example project's User custom fields, for every user",
			lines: []string{`:user carol`, `:fields $User.Cost`, `:set $User.Cost_Center__c = "CC-7"`, `:load example`, `:user bob`, `:fields $User.Cost`},
			out: "User carol@acme.example, from the example user carol; permission sets Engineering_Access.\n" +
				"$User.Cost_Center__c  Text  null\n1 field, 0 set\n" +
				"$User.Cost_Center__c = \"CC-7\"\n" +
				"Project the example project: external credentials Acme_Billing and Support_Portal; 2 named credential(s), 3 permission set(s).\n" +
				"User bob@acme.example, from the example user bob; permission sets Sales_JWT_Access.\n" +
				"$User.Cost_Center__c  Text  null\n1 field, 0 set\n",
		},
		{
			name:   ":set declares what a context file and --set declare",
			lines:  []string{`:set $Permission.Beta = TRUE`, `$Permission.Beta`, `:set $User.Tier__c = 3`, `:set Gone__c = NULL`, `:set $Permission.Gamma = "yes"`},
			out:    "$Permission.Beta = true\ntrue : Boolean\n$User.Tier__c = 3\n",
			errs:   "<stdin>:4: Field Gone__c does not exist. Check spelling.\n<stdin>:5: $Permission.Gamma is Boolean, but the formula is Text\nhint: write TRUE or FALSE, without quotes\n",
			failed: 2,
		},
		{
			name:  "comments, blank lines and :quit",
			lines: []string{`# a comment`, ``, `1`, `:quit`, `2`},
			out:   "1 : Number\n",
		},
		{
			name:  "bare help and quit",
			lines: []string{`quit`, `1`},
		},
		{
			name:  ":doc documents functions, fields and commands",
			lines: []string{`:doc $User.Department`, `:doc :unset`},
			out:   "$User.Department : Text = \"Sales\"\n  a merge field of the running user\n:unset NAME\n  make a merge field blank again\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkScript(t, Config{ProjectDir: tt.project}, tt.lines, tt.out, tt.errs, tt.failed)
		})
	}
}

// checkScript runs lines as a script and compares what it prints, and how
// many entries failed, with what is wanted.
func checkScript(t *testing.T, cfg Config, lines []string, wantOut, wantErrs string, failed int) {
	t.Helper()
	out, errs, err := runScript(t, cfg, lines...)
	if diff := cmp.Diff(wantOut, out); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	var fe *FailedError
	switch {
	case failed == 0 && err != nil:
		t.Errorf("script failed: %v", err)
	case failed > 0 && (!errors.As(err, &fe) || fe.Failed != failed):
		t.Errorf("script returned %v, want %d failure(s)", err, failed)
	}
}

// TestClaims checks that :claims shows the assertion token --dry-run would
// send: the header with typ, and the claims with iat, exp and jti as the
// identity provider reads them. internal/cli's TestClaimsAsDryRun checks
// that the two print the same.
func TestClaims(t *testing.T) {
	tests := []struct {
		name      string
		lines     []string
		out, errs string
	}{
		{
			name:  "the assertion for the running user",
			lines: []string{`:now 2026-01-01T00:00:00Z`, `:claims Support_Portal`},
			out: "NOW() is 2026-01-01T00:00:00Z\nSupport_Portal JWT for alice@acme.example\n" +
				"JWT header:\n  {\n    \"alg\": \"RS256\",\n    \"typ\": \"JWT\"\n  }\n" +
				"JWT claims:\n  {\n    \"aud\": \"https://support.example.net\",\n    \"exp\": 1767225720,\n    \"iat\": 1767225600,\n" +
				"    \"iss\": \"acme-salesforce\",\n    \"jti\": \"JTI\",\n    \"sub\": \"alice@acme.example\"\n  }\n",
		},
		{
			name:  "a blank claim the identity provider needs",
			lines: []string{`:unset $User.Email`, `:claims Support_Portal`},
			out:   "$User.Email = null\n",
			errs:  "<stdin>:2: example/force-app/main/default/externalCredentials/Support_Portal.externalCredential-meta.xml:38:25: in JWT claim sub of Support_Portal: the value is blank for this user; the identity provider needs sub\n",
		},
	}
	jti := regexp.MustCompile(`"jti": "[A-Z2-7]{26}"`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, _ := runScript(t, Config{}, tt.lines...)
			out = jti.ReplaceAllString(out, `"jti": "JTI"`)
			if diff := cmp.Diff(tt.out, out); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUserAndProjectFiles(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "dana.yaml")
	if err := os.WriteFile(user, []byte("user: {Username: dana@acme.example, Department: Sales}\npermissionSets: [Sales_JWT_Access]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// With --user and no --project, no project is loaded until :load.
	out, errs, err := runScript(t, Config{UserFile: user}, `$User.Username`, `:scope`, `:load ../testdata/example`, `:scope Support_Portal`)
	if err == nil {
		t.Error("the :scope without a project did not fail")
	}
	want := "\"dana@acme.example\" : Text\n" +
		"Project ../testdata/example: external credentials Acme_Billing and Support_Portal; 2 named credential(s), 3 permission set(s).\n" +
		"Support_Portal\n  principal: Sales_Team: the only principal granted, through permission set Sales_JWT_Access\n  scope:     tickets.read session:role:Sales\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	if !strings.Contains(errs, "no project is loaded") {
		t.Errorf("errors = %q", errs)
	}

	// A bad context file stops the REPL before it starts.
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("user: {Departmnet: Sales}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := newSession(Config{UserFile: bad, Getenv: os.Getenv}, false); err == nil || !strings.Contains(err.Error(), "Departmnet") {
		t.Errorf("newSession with a bad file: %v", err)
	}
}

// TestSaveMode: :save makes the file readable by its owner only, since it
// holds the $Credential parameters.
func TestSaveMode(t *testing.T) {
	file := filepath.Join(t.TempDir(), "u.yaml")
	var out, errs strings.Builder
	cfg := Config{In: strings.NewReader(":save " + file + "\n"), Out: &out, Err: &errs, Example: credscope.Example(), Getenv: func(string) string { return "" }}
	if err := Run(cfg); err != nil {
		t.Fatalf("%v: %s", err, errs.String())
	}
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600", file, fi.Mode().Perm())
	}
}
