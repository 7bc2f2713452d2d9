package scope_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
)

// TestUserContextErrorsHideCredentialLines checks that an error in a
// context file's credentials shows no source line, which would hold the
// secret.
func TestUserContextErrorsHideCredentialLines(t *testing.T) {
	for _, src := range []string{
		"credentials: {Api: {Password: [\"hunter2(SECRET\"]}}\n",
		"credentials: {Api: [\"hunter2(SECRET\"]}\n",
		"credentials: [\"hunter2(SECRET\"]\n",
		"credentials:\n  Api:\n    Password: {x: hunter2(SECRET}\n",
	} {
		_, err := scope.ParseUserContext("u.yaml", []byte(src))
		if err == nil {
			t.Errorf("%q: no error", src)
			continue
		}
		if out := formula.Render(err); leakIn(out, "") != "" {
			t.Errorf("%q: the error shows the secret:\n%s", src, out)
		}
	}
}

// hostileContext returns a user context file with n custom fields.
func hostileContext(n int) []byte {
	var b strings.Builder
	b.WriteString("fields:\n")
	for i := range n {
		fmt.Fprintf(&b, "  F%d__c: %d\n", i, i)
	}
	return []byte(b.String())
}

// BenchmarkHostileUserContext parses context files of 40,000 fields, in
// block style (beyond the line limit) and in flow style (within it), and
// one with a 50 MB value.
func BenchmarkHostileUserContext(b *testing.B) {
	b.Run("Keys40k", func(b *testing.B) {
		data := hostileContext(40_000)
		b.ReportAllocs()
		for b.Loop() {
			_, _ = scope.ParseUserContext("user.yaml", data)
		}
	})
	b.Run("Keys40kFlow", func(b *testing.B) {
		var s strings.Builder
		s.WriteString("fields: {")
		for i := range 40_000 {
			fmt.Fprintf(&s, "F%d__c: %d, ", i, i)
		}
		s.WriteString("Last__c: 0}\n")
		data := []byte(s.String())
		b.ReportAllocs()
		for b.Loop() {
			_, _ = scope.ParseUserContext("user.yaml", data)
		}
	})
	b.Run("Value50MB", func(b *testing.B) {
		data := []byte("user:\n  Department: " + strings.Repeat("a", 50<<20) + "\n")
		b.ReportAllocs()
		for b.Loop() {
			_, _ = scope.ParseUserContext("user.yaml", data)
		}
	})
}
