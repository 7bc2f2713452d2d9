package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestClaimsAsDryRun checks that the REPL's :claims prints the JWT header
// and claims that token --dry-run prints, for each user and credential the
// dry run accepts. Only jti, random in each assertion, differs.
func TestClaimsAsDryRun(t *testing.T) {
	const project, now = "../../testdata/example", "2026-01-01T00:00:00Z"
	jti := regexp.MustCompile(`"jti": "[A-Z2-7]{26}"`)
	// jwt cuts the header and claims out of an output, from "JWT header:"
	// up to before, jti made constant.
	jwt := func(out, before string) string {
		_, out, _ = strings.Cut(out, "JWT header:")
		out, _, _ = strings.Cut(out, before)
		return jti.ReplaceAllString(out, `"jti": "JTI"`)
	}
	for _, tt := range []struct{ user, credential string }{
		{"alice", "Acme_Billing"},
		{"alice", "Support_Portal"},
		{"bob", "Acme_Billing"},
	} {
		t.Run(tt.user+"/"+tt.credential, func(t *testing.T) {
			user := project + "/users/" + tt.user + ".yaml"
			status, dry, errs := runCLI(t, "", "token", "--dry-run", "--now", now, "--project", project, "--user", user, "--credential", tt.credential)
			if status != 0 {
				t.Fatalf("token --dry-run: status %d: %s", status, errs)
			}
			status, claims, errs := runCLI(t, ":now "+now+"\n:claims "+tt.credential+"\n", "repl", "--project", project, "--user", user)
			if status != 0 {
				t.Fatalf("repl: status %d: %s", status, errs)
			}
			want := jwt(dry, "form:\n")
			if !strings.Contains(want, `"iat": 1767225600`) {
				t.Fatalf("the dry run shows no iat:\n%s", dry)
			}
			if diff := cmp.Diff(want, jwt(claims, "\x00")); diff != "" {
				t.Errorf(":claims differs from token --dry-run (-dry-run +:claims):\n%s", diff)
			}
		})
	}
}
