package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestReadmeListsEveryFlag checks that README's command table has a row
// for every command, and that the command's rows name each of its flags,
// (the long name, or the shorthand), so that the table cannot fall behind
// the command line.
func TestReadmeListsEveryFlag(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := readmeCommandRows(t, string(b))
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		for _, sub := range cmd.Commands() {
			if sub.Hidden || sub.Name() == "help" {
				continue
			}
			path := sub.CommandPath()
			row, ok := rows[path]
			if !ok {
				t.Errorf("README's command table has no row for %s", path)
			}
			sub.Flags().VisitAll(func(f *pflag.Flag) {
				if f.Hidden || f.Name == "help" || !ok {
					return
				}
				listed := `--` + regexp.QuoteMeta(f.Name)
				if f.Shorthand != "" {
					listed += `|-` + regexp.QuoteMeta(f.Shorthand)
				}
				if !regexp.MustCompile(`(^|[\s\[/])(` + listed + `)\b`).MatchString(row) {
					t.Errorf("README's row for %s does not list --%s", path, f.Name)
				}
			})
			walk(sub)
		}
	}
	walk(newRoot(IO{}))
}

// readmeCommandRows returns the text of the rows of README's command
// table, joined by the command they describe: the longest command path
// that starts the row's first cell.
func readmeCommandRows(t *testing.T, readme string) map[string]string {
	_, table, ok := strings.Cut(readme, "## The command line\n")
	if !ok {
		t.Fatal("README has no section \"The command line\"")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	paths := map[string]bool{}
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		paths[cmd.CommandPath()] = true
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(IO{}))
	rows := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.ReplaceAll(line, `\|`, "/"), "|")
		if len(cells) < 3 {
			continue
		}
		// A cell may name several commands: `credscope lint --list-rules`, `credscope explain RULE`.
		for _, code := range regexp.MustCompile("`([^`]*)`").FindAllStringSubmatch(cells[1], -1) {
			words := strings.Fields(code[1])
			best := ""
			for n := 1; n <= len(words); n++ {
				if p := strings.Join(words[:n], " "); paths[p] {
					best = p
				}
			}
			if best != "" {
				rows[best] += " " + code[1]
			}
		}
	}
	return rows
}
