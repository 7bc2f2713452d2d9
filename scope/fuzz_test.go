package scope_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// FuzzLoadExternalCredential loads arbitrary bytes as an external
// credential, next to the example project's other files, lints it against
// the example project as the previous version, and composes its scope for a
// user. Nothing may panic, every finding must point inside the file it
// names, and no error may show a secret.
func FuzzLoadExternalCredential(f *testing.F) {
	example := filepath.Join("..", "testdata", "example")
	prev, err := scope.Load(example)
	if err != nil {
		f.Fatal(err)
	}
	type file struct {
		name string
		data []byte
	}
	var others []file
	err = filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(path, scope.ExternalCredentialSuffix):
			f.Add(data)
		case strings.HasPrefix(path, example) && (strings.HasSuffix(path, scope.NamedCredentialSuffix) || strings.HasSuffix(path, scope.PermissionSetSuffix)):
			others = append(others, file{path, data})
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	// Malformed after characters outside ASCII: columns count characters.
	f.Add([]byte("<?xml version=\"1.0\"?>\n<ExternalCredential>\n    <label>Café – Portal</labl>\n</ExternalCredential>\n"))
	// A scope built from the secret.
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>{!&quot;tenant:&quot; &amp; $Credential.Support_Portal.Tenant}</parameterValue>
    </externalCredentialParameters>
    <label>Support Portal</label>
</ExternalCredential>
`))
	const name = "Support_Portal.externalCredential-meta.xml"
	f.Fuzz(func(t *testing.T, data []byte) {
		p := &scope.Project{}
		contents := map[string][]byte{name: data}
		for _, o := range others {
			p.LoadFile(o.name, o.data)
			contents[o.name] = o.data
		}
		p.LoadFile(name, data)
		findings := scope.Lint(p, scope.LintOptions{Previous: prev})
		for _, fd := range findings {
			src, ok := contents[fd.Pos.File]
			if !ok {
				t.Fatalf("finding in an unknown file: %v", fd)
			}
			checkPos(t, fd, src)
			if fd.Rule == "" || fd.Message == "" {
				t.Errorf("finding without a rule or message: %#v", fd)
			}
		}
		var sets []string
		for _, ps := range p.PermissionSets {
			sets = append(sets, ps.Name)
		}
		for _, c := range p.ExternalCredentials {
			r := p.Resolve(c, sets)
			if r.Principal != nil && r.Principal.Credential != c {
				t.Errorf("Resolve picked principal %s of another credential", r.Principal.Name())
			}
			vals, err := fuzzUser(p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Compose(c, sets, vals, eval.Options{Now: fuzzNow}); err != nil && strings.Contains(err.Error(), fuzzSecret) {
				t.Errorf("the error shows a secret: %v", err)
			}
		}
	})
}

// fuzzSecret is a secret credential parameter of the fuzzed user; no error
// may show it.
const fuzzSecret = "s3cr3t-tenant"

var fuzzNow = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

// fuzzUser returns the values of a user with a department that adds a
// scope and a secret with a space, for the project's schema.
func fuzzUser(p *scope.Project) (*eval.Values, error) {
	uc, err := eval.ParseUserContext("fuzz.yaml", []byte(`user: {Username: fuzz@acme.example, Department: Sales admin:all, Email: fuzz@acme.example}
permissions: {Approve_Refunds: true}
credentials: {Support_Portal: {Tenant: `+fuzzSecret+` x}}
`))
	if err != nil {
		return nil, err
	}
	schema := p.Schema()
	if err := uc.Declare(schema); err != nil {
		return nil, err
	}
	vals := schema.NewValues()
	return vals, uc.Apply(vals)
}

// checkPos fails unless the finding's line exists in src and its column is
// within the line, or just past its end.
func checkPos(t *testing.T, fd scope.Finding, src []byte) {
	t.Helper()
	lines := bytes.Split(src, []byte("\n"))
	if fd.Pos.Line < 1 || fd.Pos.Line > len(lines) {
		t.Fatalf("%v: line %d is not in the file's %d lines", fd, fd.Pos.Line, len(lines))
	}
	if n := utf8.RuneCount(lines[fd.Pos.Line-1]); fd.Pos.Col < 1 || fd.Pos.Col > n+1 {
		t.Fatalf("%v: column %d is not in line %d, of %d characters", fd, fd.Pos.Col, fd.Pos.Line, n)
	}
}
