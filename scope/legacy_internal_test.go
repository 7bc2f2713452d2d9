package scope

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEveryLegacyField loads a file with every legacy field, each holding
// its element's name, and checks that each lands in its own field and that
// none is unknown.
func TestEveryLegacyField(t *testing.T) {
	p, err := Load(filepath.Join("..", "testdata", "legacy", "Every_Field.namedCredential-meta.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.NamedCredentials) != 1 {
		t.Fatalf("loaded %d named credentials, want 1", len(p.NamedCredentials))
	}
	n := p.NamedCredentials[0]
	for _, e := range n.Unknown {
		t.Errorf("<%s> at %s is unknown", e.Name, e.Pos)
	}
	got := map[string]string{}
	for _, f := range legacyFieldList {
		got[f.name] = f.field(&n.Legacy).Text
	}
	want := map[string]string{}
	for _, f := range legacyFieldList {
		want[f.name] = f.name
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("legacy fields (-want +got):\n%s", diff)
	}
	if len(legacyFieldList) != 22 {
		t.Errorf("%d legacy fields, want the Metadata API's 22", len(legacyFieldList))
	}
	if !n.IsLegacy() || n.URL() != "endpoint" || n.Description.Text != "description" {
		t.Errorf("IsLegacy %v, URL %q, description %q", n.IsLegacy(), n.URL(), n.Description.Text)
	}
}
