package credscope_test

import (
	"io/fs"
	"testing"

	"github.com/credscope/credscope"
	"github.com/google/go-cmp/cmp"
)

func TestExample(t *testing.T) {
	users, err := fs.Glob(credscope.Example(), "users/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"users/alice.yaml", "users/bob.yaml", "users/carol.yaml"}, users); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}
	for _, file := range []string{
		"sfdx-project.json",
		"force-app/main/default/externalCredentials/Support_Portal.externalCredential-meta.xml",
	} {
		if _, err := fs.Stat(credscope.Example(), file); err != nil {
			t.Errorf("the example lacks %s: %v", file, err)
		}
	}
}
