package scope_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// TestLoadFindsTheProject loads paths inside the projects of both formats
// and checks which files are read, which are asked about, and which
// findings remain: references always resolve against the whole project.
func TestLoadFindsTheProject(t *testing.T) {
	sfdx := filepath.Join("..", "testdata", "formats", "sfdx")
	mdapi := filepath.Join("..", "testdata", "formats", "mdapi")
	force := filepath.Join(sfdx, "force-app", "main", "default")
	src := filepath.Join(mdapi, "src")
	type result struct {
		Read, Asked int
		Findings    []string // FILE-BASE:LINE RULE
	}
	sfdxWarning := "Ledger_Legacy.namedCredential-meta.xml:5 CS801"
	mdapiWarning := "Payroll_Legacy.namedCredential:5 CS801"
	tests := []struct {
		name  string
		paths []string
		want  result
	}{
		{"source format, the project root", []string{sfdx}, result{5, 5, []string{sfdxWarning}}},
		{"source format, one named credential", []string{filepath.Join(force, "namedCredentials", "Ledger_API.namedCredential-meta.xml")}, result{5, 1, nil}},
		{"source format, a permission set folder", []string{filepath.Join(force, "permissionsets")}, result{5, 1, nil}},
		{"source format, overlapping paths", []string{filepath.Join(sfdx, "force-app"), sfdx, force}, result{5, 5, []string{sfdxWarning}}},
		{"source format, one file twice", []string{filepath.Join(force, "namedCredentials", "Ledger_Legacy.namedCredential-meta.xml"), filepath.Join(force, "namedCredentials", ".", "Ledger_Legacy.namedCredential-meta.xml")}, result{5, 1, []string{sfdxWarning}}},
		{"Metadata API format, the folder above src", []string{mdapi}, result{5, 5, []string{mdapiWarning}}},
		{"Metadata API format, src", []string{src}, result{5, 5, []string{mdapiWarning}}},
		{"Metadata API format, one named credential", []string{filepath.Join(src, "namedCredentials", "Payroll_API.namedCredential")}, result{5, 1, nil}},
		{"Metadata API format, a permission set", []string{filepath.Join(src, "permissionsets", "Payroll_Users.permissionset")}, result{5, 1, nil}},
		{"both formats", []string{src, sfdx}, result{10, 10, []string{mdapiWarning, sfdxWarning}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := scope.Load(tt.paths...)
			if err != nil {
				t.Fatal(err)
			}
			got := result{Read: len(p.Files), Asked: len(p.AskedFiles())}
			for _, f := range scope.Lint(p, scope.LintOptions{}) {
				got.Findings = append(got.Findings, filepath.Base(f.Pos.File)+":"+itoa(f.Pos.Line)+" "+f.Rule)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if len(p.Empty) != 0 {
				t.Errorf("Empty = %q", p.Empty)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestLoadNamespaceAndFields checks what the source-format project
// declares: its namespace, and the User fields of a non-default package
// directory; and what the Metadata API project declares in User.object.
func TestLoadNamespaceAndFields(t *testing.T) {
	p, err := scope.Load(filepath.Join("..", "testdata", "formats", "sfdx"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Namespace != "ledgr" {
		t.Errorf("Namespace = %q, want ledgr", p.Namespace)
	}
	if _, ok := p.ExternalCredential("ledgr__Ledger_Auth"); !ok {
		t.Error("ledgr__Ledger_Auth does not find Ledger_Auth")
	}
	if _, ok := p.ExternalCredential("other__Ledger_Auth"); ok {
		t.Error("other__Ledger_Auth finds Ledger_Auth")
	}
	m, err := scope.Load(filepath.Join("..", "testdata", "formats", "mdapi"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		p    *scope.Project
		want string
	}{{p, "Ledger_Region__c"}, {m, "Payroll_Region__c"}} {
		var names []string
		for _, f := range tt.p.UserFields {
			names = append(names, f.Name+":"+f.Type.Text)
		}
		if diff := cmp.Diff([]string{tt.want + ":Text"}, names); diff != "" {
			t.Errorf("user fields (-want +got):\n%s", diff)
		}
	}
}

// TestLoadEmptyAndAbsolute checks that a path without metadata is reported
// as empty, and that an absolute path gives absolute file names.
func TestLoadEmptyAndAbsolute(t *testing.T) {
	empty := t.TempDir()
	abs, err := filepath.Abs(filepath.Join("..", "testdata", "formats", "mdapi", "src"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := scope.Load(empty, abs)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{empty}, p.Empty); diff != "" {
		t.Errorf("Empty (-want +got):\n%s", diff)
	}
	for _, f := range p.Files {
		if !filepath.IsAbs(f) {
			t.Errorf("%s is not absolute", f)
		}
	}
	if err := os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err = scope.Load(empty); err != nil || len(p.Empty) != 1 {
		t.Errorf("a folder of other files: Empty = %q, err %v", p.Empty, err)
	}
}

// TestSuppressedFindings checks that the good fixture of CS002 has its two
// findings silenced, each counted, and that the report counts what it read.
func TestSuppressedFindings(t *testing.T) {
	p, err := scope.Load(filepath.Join("..", "testdata", "lint", "CS002", "good"))
	if err != nil {
		t.Fatal(err)
	}
	rep := scope.Run(p, scope.LintOptions{})
	var got []string
	for _, f := range rep.Suppressed {
		got = append(got, filepath.Base(f.Pos.File)+":"+strconv.Itoa(f.Pos.Line)+" "+f.Rule)
	}
	want := []string{"Status_API.namedCredential-meta.xml:6 CS801", "Status_Page.externalCredential-meta.xml:9 CS204"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suppressed (-want +got):\n%s", diff)
	}
	if len(rep.Findings) != 0 || rep.Files != 2 || rep.ExternalCredentials != 1 || rep.NamedCredentials != 1 || rep.PermissionSets != 0 {
		t.Errorf("report %+v", rep)
	}
}

// TestLoadNestedProject lints a repository whose project sits in a
// subfolder: the project's namespace resolves the permission set's grant,
// and its API version, 55, allows the <principal> element; under a later
// version the element is a warning.
func TestLoadNestedProject(t *testing.T) {
	repo := filepath.Join("..", "testdata", "formats", "nested")
	p, err := scope.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	if fs := scope.Lint(p, scope.LintOptions{}); len(fs) != 0 {
		t.Errorf("findings: %v", fs)
	}
	if len(p.Roots) != 1 || p.Namespace != "vox01" {
		t.Errorf("roots %q, namespace %q", p.Roots, p.Namespace)
	}
	ec := p.ExternalCredentials[0]
	if v := p.APIVersion(ec.File); v != 55 {
		t.Errorf("API version %v, want 55", v)
	}
	// The same file alone, in no project, has no version to excuse it.
	data, err := os.ReadFile(ec.File)
	if err != nil {
		t.Fatal(err)
	}
	alone := &scope.Project{}
	alone.LoadFile("Voice_API"+scope.ExternalCredentialSuffix, data)
	var rules []string
	for _, f := range scope.Lint(alone, scope.LintOptions{}) {
		rules = append(rules, f.Rule+" "+strconv.Itoa(f.Pos.Line))
	}
	if diff := cmp.Diff([]string{"CS601 8"}, rules); diff != "" {
		t.Errorf("alone (-want +got):\n%s", diff)
	}
}
