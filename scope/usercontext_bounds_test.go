package scope

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/google/go-cmp/cmp"
)

// contextError is a context file's error, without its offset.
type contextError struct {
	Pos formula.Pos
	Msg string
}

// positioned returns err, a *formula.Error, as a contextError.
func positioned(t *testing.T, err error) contextError {
	t.Helper()
	var fe *formula.Error
	if !errors.As(err, &fe) {
		t.Fatalf("not a formula error: %v", err)
	}
	return contextError{Pos: formula.Pos{Line: fe.Pos.Line, Column: fe.Pos.Column}, Msg: fe.Msg}
}

// TestUserContextLimits: a context file beyond the limits is refused before
// the YAML parser sees it, at the place it goes beyond them.
func TestUserContextLimits(t *testing.T) {
	longLine := "user:\n  Department: " + strings.Repeat("a", MaxUserContextSize) + "\n"
	manyLines := "fields:\n" + strings.Repeat("  A__c: 1\n", MaxUserContextLines)
	tests := []struct {
		name, src string
		want      contextError
	}{
		{"size", longLine, contextError{formula.Pos{Line: 2, Column: MaxUserContextSize - 6 + 1}, "a context file is at most 1048576 bytes; this one is longer"}},
		{"lines", manyLines, contextError{formula.Pos{Line: MaxUserContextLines + 1, Column: 1}, "a context file has at most 2000 lines; this one has more"}},
		{"nesting", "user: " + strings.Repeat("[", 65), contextError{formula.Pos{Line: 1, Column: 7 + 64}, "lists and mappings nest at most 64 deep in a context file"}},
		{"value", "user:\n  Department: " + strings.Repeat("a", eval.MaxTextLength+1) + "\n", contextError{formula.Pos{Line: 2, Column: 15}, "The text of $User.Department is too long (131073 characters). Maximum length is 131072 characters"}},
		{"credential value", "credentials: {Api: {Password: " + strings.Repeat("é", eval.MaxTextLength+1) + "}}\n", contextError{formula.Pos{Line: 1, Column: 31}, "The text of $Credential.Api.Password is too long (131073 characters). Maximum length is 131072 characters"}},
		{"at the limits", "user:\n  Department: " + strings.Repeat("a", eval.MaxTextLength) + "\nfields: " + strings.Repeat("[", 63) + strings.Repeat("]", 63) + "\n", contextError{formula.Pos{Line: 3, Column: 9}, "fields maps field names to values"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseUserContext("user.yaml", []byte(tt.src))
			got := positioned(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if fe, ok := err.(*formula.Error); ok && len(fe.Line) > 200 {
				t.Errorf("the error quotes a line of %d bytes", len(fe.Line))
			}
		})
	}
}

// TestReadUserContextLimit: reading stops one byte past the limit, whatever
// the file's length.
func TestReadUserContextLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "user.yaml")
	if err := os.WriteFile(path, []byte("user:\n  Department: "+strings.Repeat("a", 16*MaxUserContextSize)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadUserContext(path)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "at most 1048576 bytes") {
		t.Fatalf("got %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8*MaxUserContextSize {
		t.Errorf("reading a file of 16 times the limit allocated %d bytes, more than 8 times the limit", alloc)
	}
}

// TestUserContextLinear: loading takes memory linear in the number of
// fields: twice the fields, about twice the bytes. (Before, every field
// split the whole file to find its line.)
func TestUserContextLinear(t *testing.T) {
	alloc := func(n int) uint64 {
		var b strings.Builder
		b.WriteString("fields: {")
		for i := range n {
			fmt.Fprintf(&b, "F%d__c: %d, ", i, i)
		}
		b.WriteString("Last__c: 0}\n")
		data := []byte(b.String())
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		uc, err := ParseUserContext("user.yaml", data)
		runtime.ReadMemStats(&after)
		if err != nil || len(uc.Fields()) != n+1 {
			t.Fatalf("%d fields: %v", n, err)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(5_000), alloc(20_000)
	if ratio := float64(large) / float64(small); ratio > 5 {
		t.Errorf("4× the fields took %.1f× the memory (%d bytes, then %d)", ratio, small, large)
	}
}
