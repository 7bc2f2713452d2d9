package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// envSARIFSchema names the SARIF 2.1.0 schema file; see
// testdata/sarif/README.md.
const envSARIFSchema = "CREDSCOPE_SARIF_SCHEMA"

// sarifSchemaID is the schema's own id, under which it is compiled.
const sarifSchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// sarifSchema compiles the official SARIF 2.1.0 schema, with format
// assertions on, so that URIs must be valid URI references.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := os.Getenv(envSARIFSchema)
	if path == "" {
		path = filepath.Join("..", "..", "..", "shared", "sarif", "sarif-schema-2.1.0.json")
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("the SARIF 2.1.0 schema is not at %s; set $%s (testdata/sarif/README.md says where it comes from)", path, envSARIFSchema)
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The library's URI formats accept what Go's url.Parse does, spaces
	// included; SARIF consumers hold URIs to RFC 3986.
	c.RegisterFormat(&jsonschema.Format{Name: "uri-reference", Validate: func(v any) error { return rfc3986(v, false) }})
	c.RegisterFormat(&jsonschema.Format{Name: "uri", Validate: func(v any) error { return rfc3986(v, true) }})
	if err := c.AddResource(sarifSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchemaID)
	if err != nil {
		t.Fatalf("compiling %s: %v", path, err)
	}
	return sch
}

// rfc3986 checks that v is a URI reference of RFC 3986's characters, with
// well-formed percent-encoding, and, when absolute is set, a scheme.
func rfc3986(v any, absolute bool) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return fmt.Errorf("malformed percent-encoding at byte %d", i)
			}
		default:
			return fmt.Errorf("%q at byte %d is not allowed in a URI", c, i)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if absolute && !u.IsAbs() {
		return errors.New("not an absolute URI")
	}
	return nil
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// TestSARIFValidatesAgainstSchema lints projects inside and outside the
// working directory, in a directory whose name has a space, and a clean
// one, and validates each report against the official schema.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := sarifSchema(t)
	spaced := filepath.Join(t.TempDir(), "with space", "force-app")
	if err := os.CopyFS(spaced, os.DirFS(filepath.Join("..", "..", "testdata", "lint", "CS801", "bad"))); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
	}{
		{"relative paths, no project", []string{filepath.Join("..", "..", "testdata", "lint", "CS202", "bad"), filepath.Join("..", "..", "testdata", "lint", "CS401", "bad")}},
		{"a source-format project", []string{filepath.Join("..", "..", "testdata", "formats", "sfdx")}},
		{"a Metadata API project", []string{filepath.Join("..", "..", "testdata", "formats", "mdapi", "src")}},
		{"an absolute path with a space", []string{spaced}},
		{"a clean project", []string{filepath.Join("..", "..", "testdata", "lint", "CS801", "good")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			Run(append([]string{"lint", "--format", "sarif"}, tt.args...), IO{In: strings.NewReader(""), Out: &stdout, Err: &stderr})
			if stderr.Len() > 0 {
				t.Errorf("stderr: %s", stderr.String())
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(stdout.Bytes()))
			if err != nil {
				t.Fatalf("the report is not JSON: %v", err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("the report does not validate against the SARIF 2.1.0 schema: %v", err)
			}
			// The schema bites: a raw space in a URI is refused.
			if bad := strings.ReplaceAll(stdout.String(), "%20", " "); bad != stdout.String() {
				inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
				if err != nil {
					t.Fatal(err)
				}
				if err := sch.Validate(inst); err == nil {
					t.Error("a report with a space in a URI validates")
				}
			}
		})
	}
}
