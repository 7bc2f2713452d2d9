package scope_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// loaded is what a test compares of a project.
type loaded struct {
	Files, Credentials, UserFields, Problems []string
	Namespace                                string
	APIVersion                               float64
}

func summarize(p *scope.Project, strip string) loaded {
	var l loaded
	for _, f := range p.Files {
		l.Files = append(l.Files, filepath.ToSlash(strings.TrimPrefix(f, strip)))
	}
	for _, c := range p.ExternalCredentials {
		l.Credentials = append(l.Credentials, c.Name)
	}
	for _, f := range p.UserFields {
		l.UserFields = append(l.UserFields, f.Name+":"+f.Type.Text)
	}
	for _, e := range p.Problems {
		l.Problems = append(l.Problems, e.Error())
	}
	l.Namespace = p.Namespace
	if len(p.Files) > 0 {
		l.APIVersion = p.APIVersion(p.Files[0])
	}
	return l
}

// TestLoadFSAsLoad checks that LoadFS reads the projects of testdata as
// Load reads them: the same files, credentials, User fields, namespace and
// API version.
func TestLoadFSAsLoad(t *testing.T) {
	for _, dir := range []string{"example", "formats/sfdx", "formats/mdapi/src"} {
		t.Run(dir, func(t *testing.T) {
			root := filepath.Join("..", "testdata", filepath.FromSlash(dir))
			want, err := scope.Load(root)
			if err != nil {
				t.Fatal(err)
			}
			got, err := scope.LoadFS(os.DirFS(root), "proj")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(summarize(want, root+string(filepath.Separator)), summarize(got, "proj/")); diff != "" {
				t.Errorf("LoadFS differs from Load (-Load +LoadFS):\n%s", diff)
			}
		})
	}
}

// TestLoadFS checks what LoadFS reads and refuses in a tree of its own.
func TestLoadFS(t *testing.T) {
	cred := func(name string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(`<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>` + name + `</label></ExternalCredential>`)}
	}
	field := &fstest.MapFile{Data: []byte(`<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Cost__c</fullName><type>Currency</type></CustomField>`)}
	fsys := fstest.MapFS{
		"sfdx-project.json": {Data: []byte(`{"namespace": "acme", "sourceApiVersion": "61.0",
  "packageDirectories": [{"path": "app"}, {"path": "../up"}, {"path": "/abs"}, {"path": "later"}]}`)},
		"app/externalCredentials/A.externalCredential-meta.xml":                   cred("A"),
		"app/.hidden/externalCredentials/H.externalCredential-meta.xml":           cred("H"),
		"app/node_modules/x/externalCredentials/N.externalCredential-meta.xml":    cred("N"),
		"app/objects/User/fields/Cost__c.field-meta.xml":                          field,
		"app/externalCredentials/Pipe.externalCredential-meta.xml":                {Mode: os.ModeNamedPipe},
		"outside/externalCredentials/O.externalCredential-meta.xml":               cred("O"),
		"app/externalCredentials/notes.txt":                                       {Data: []byte("x")},
		"app/externalCredentials/Broken.externalCredential-meta.xml":              {Data: []byte("<ExternalCredential>")},
		"app/namedCredentials/Wrong.namedCredential-meta.xml":                     cred("W"),
		"app/permissionsets/P.permissionset-meta.xml":                             {Data: []byte(`<PermissionSet/>`)},
		"app/externalCredentials/sub/dir/B.externalCredential-meta.xml":           cred("B"),
		"app/objects/Account/fields/Other__c.field-meta.xml":                      field,
		"app/objects/User/fields/deeper/Skipped__c.field-meta.xml":                field,
		"app/objects/User/fields/Region__c.field-meta.xml":                        {Data: []byte(`<CustomField><fullName>Region__c</fullName><type>Text</type></CustomField>`)},
		"app/externalCredentials/.dot/D.externalCredential-meta.xml":              cred("D"),
		"app/externalCredentials/C.externalCredential-meta.xml":                   cred("C"),
		"app/externalCredentials/node_modules/M.externalCredential-meta.xml":      cred("M"),
		"app/externalCredentials/E.externalCredential":                            cred("E"),
		"app/namedCredentials/Billing.namedCredential-meta.xml":                   {Data: []byte(`<NamedCredential/>`)},
		"app/externalCredentials/deep/er/than/that/F.externalCredential-meta.xml": cred("F"),
	}
	p, err := scope.LoadFS(fsys, "p")
	if err != nil {
		t.Fatal(err)
	}
	want := loaded{
		Files: []string{
			"p/app/externalCredentials/A.externalCredential-meta.xml",
			"p/app/externalCredentials/Broken.externalCredential-meta.xml",
			"p/app/externalCredentials/C.externalCredential-meta.xml",
			"p/app/externalCredentials/E.externalCredential",
			"p/app/externalCredentials/deep/er/than/that/F.externalCredential-meta.xml",
			"p/app/externalCredentials/sub/dir/B.externalCredential-meta.xml",
			"p/app/namedCredentials/Billing.namedCredential-meta.xml",
			"p/app/namedCredentials/Wrong.namedCredential-meta.xml",
			"p/app/objects/Account/fields/Other__c.field-meta.xml",
			"p/app/objects/User/fields/Cost__c.field-meta.xml",
			"p/app/objects/User/fields/Region__c.field-meta.xml",
			"p/app/permissionsets/P.permissionset-meta.xml",
		},
		Credentials: []string{"A", "C", "E", "F", "B"},
		UserFields:  []string{"Cost__c:Currency", "Region__c:Text"},
		Problems: []string{
			`p/sfdx-project.json:2:53: package directory "../up" leaves the project`,
			`p/sfdx-project.json:2:72: package directory "/abs" is an absolute path; it must be relative to the project`,
			"p/app/externalCredentials/Broken.externalCredential-meta.xml:1:21: malformed XML: unexpected EOF",
			"p/app/externalCredentials/Pipe.externalCredential-meta.xml:1:1: this is a named pipe, where a file was expected; credscope reads only regular files",
			"p/app/namedCredentials/Wrong.namedCredential-meta.xml:1:1: the root element is <ExternalCredential>; a .namedCredential-meta.xml file holds <NamedCredential>",
		},
		Namespace:  "acme",
		APIVersion: 61,
	}
	if diff := cmp.Diff(want, summarize(p, "")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// FuzzLoadFS loads a project whose sfdx-project.json is arbitrary bytes.
// LoadFS may fail only with a JSON error naming the file; otherwise every
// problem points into a file of the project, and nothing panics.
func FuzzLoadFS(f *testing.F) {
	f.Add([]byte(`{"namespace": "acme", "sourceApiVersion": "62.0", "packageDirectories": [{"path": "app"}]}`))
	f.Add([]byte(`{"packageDirectories": [{"path": "../x"}, {"path": "/y"}, {"path": "."}, {"path": "app/../app"}]}`))
	f.Add([]byte(`{"packageDirectories": [{"path": "C:\\app"}], "sourceApiVersion": 62}`))
	f.Fuzz(func(t *testing.T, cfg []byte) {
		fsys := fstest.MapFS{
			"sfdx-project.json": {Data: cfg},
			"app/externalCredentials/A.externalCredential-meta.xml": {Data: []byte(`<ExternalCredential/>`)},
		}
		p, err := scope.LoadFS(fsys, "p")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "p/sfdx-project.json: ") {
				t.Fatalf("error %q does not name sfdx-project.json", err)
			}
			return
		}
		for _, e := range p.Problems {
			if _, ok := fsys[strings.TrimPrefix(e.Pos.File, "p/")]; !ok || e.Pos.Line < 1 || e.Pos.Column < 1 {
				t.Errorf("problem %v is not in a file of the project", e)
			}
		}
	})
}
