package formula

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGrammarDoc keeps the EBNF in GRAMMAR.md equal to the grammar the
// parser is built from.
func TestGrammarDoc(t *testing.T) {
	doc, err := os.ReadFile("../GRAMMAR.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```ebnf\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("GRAMMAR.md has no ```ebnf block")
	}
	want := strings.TrimSpace(grammarParser.String())
	if diff := cmp.Diff(want, strings.TrimSpace(string(m[1]))); diff != "" {
		t.Errorf("GRAMMAR.md's EBNF differs from the parser's grammar (-parser +doc):\n%s", diff)
	}
}

// TestGrammarDocOperand keeps GRAMMAR.md's operand production equal to the
// one documented on the code that parses it.
func TestGrammarDocOperand(t *testing.T) {
	doc, err := os.ReadFile("../GRAMMAR.md")
	if err != nil {
		t.Fatal(err)
	}
	code, err := os.ReadFile("operand.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```ebnf-operand\n(.*?)```").FindSubmatch(doc)
	c := regexp.MustCompile(`(?m)^//\t(operand = .*)$`).FindSubmatch(code)
	if m == nil || c == nil {
		t.Fatal("the operand production is missing from GRAMMAR.md or operand.go")
	}
	if diff := cmp.Diff(string(c[1]), strings.TrimSpace(string(m[1]))); diff != "" {
		t.Errorf("GRAMMAR.md's operand differs from operand.go's (-code +doc):\n%s", diff)
	}
}

// TestGrammarDocExamples parses the worked examples of GRAMMAR.md and
// checks the trees it shows.
func TestGrammarDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../GRAMMAR.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^\$ credscope parse '(.*)'\n(.*)$`)
	examples := re.FindAllStringSubmatch(string(doc), -1)
	if len(examples) < 3 {
		t.Fatalf("found %d worked examples, want at least 3", len(examples))
	}
	for _, ex := range examples {
		tm, err := ParseInput("doc", ex[1])
		if err != nil {
			t.Errorf("example %q: %v", ex[1], err)
			continue
		}
		if diff := cmp.Diff(ex[2], SExprTemplate(tm)); diff != "" {
			t.Errorf("example %q (-doc +parser):\n%s", ex[1], diff)
		}
	}
}
