package repl

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCaretUnder checks where carets go on a terminal 40 columns wide,
// after the prompt "credscope> " (11 columns).
func TestCaretUnder(t *testing.T) {
	long := `"0123456789" & "abcdefghij" & 1 & "0123456789abcdefghij"`
	early := `1 & "0123456789" & "abcdefghij" & "0123456789abcdefghij"`
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{
			name:  "under the line just typed",
			lines: []string{`CONTAINS(1, "a")`},
			want: []string{
				"                    ^",
				"Incorrect parameter type for function 'CONTAINS()'. Expected Text, received Number",
			},
		},
		{
			name:  "under an earlier line, shown again",
			lines: []string{`IF(1,`, `"a", "b")`},
			want: []string{
				"           IF(1,",
				"              ^",
				"Incorrect parameter type for function 'IF()'. Expected Boolean, received Number",
			},
		},
		{
			name:  "every error after the first shows its line",
			lines: []string{`$User.Foo & Bogus(1)`},
			want: []string{
				"           ^",
				"Field $User.Foo does not exist. Check spelling.",
				`           $User.Foo & Bogus(1)`,
				"                       ^",
				"Unknown function BOGUS. Check spelling.",
			},
		},
		{
			name:  "a wrapped line, with the fault on its last row",
			lines: []string{long},
			want: []string{
				" ^",
				"Incorrect parameter type for operator '&'. Expected Text, received Number",
			},
		},
		{
			name:  "a wrapped line, with the fault on its first row",
			lines: []string{early},
			want: []string{
				`           1 & "0123456789" & "abcdef…`,
				"           ^",
				"Incorrect parameter type for operator '&'. Expected Text, received Number",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, tio := newTestSessionIO(t, Config{})
			s.width = func() int { return 40 }
			prompts := make([]int, len(tt.lines))
			for i := range prompts {
				prompts[i] = len(prompt)
			}
			s.exec(newEntry(tt.lines, prompts, 1))
			got := strings.Split(strings.TrimSuffix(tio.err.String(), "\n"), "\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
