package repl

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chzyer/readline"
	"github.com/credscope/credscope/eval"
)

// FuzzComplete completes any text in three sessions: credential formulas
// of the example project, and formulas of a custom and a standard object of
// the objects project. Completion must not panic or hang, and every
// candidate must start with the word, ignoring case, and be a real name
// there: a function, a keyword, a command, or a field that a fresh schema
// of the session's kind resolves, and each relationship or namespace one
// that such a field lies behind.
func FuzzComplete(f *testing.F) {
	for _, seed := range []string{
		"", "CONT", "cont", "$", "$User.", "$user.manager.em", "Acc", "account.owner.", "Owner:", "Owner:Queue.",
		"Client__r.Parent__r.Parent__r.", "$Setup.", "$Setup.Billing_Settings__c.", "$CustomMetadata.Rate__mdt.X.",
		":object ", ":object opp", ":fields Acc", ":set Amo", ":set $User.Department = LOW", ":doc Account.",
		`IF(ISBLANK(Account.Name), "x", Acc`, `scope {!$User.Dep`, `"unclosed Acc`, "/* Acc", ":scope ", ":mode b",
		"Owner:Contact.", ".", "..", "$.", ":", "::", "$Setup..", "A.B.C.D.E.F.G.H.I.J.K.L.",
	} {
		for mode := range uint8(3) {
			f.Add(seed, mode)
		}
	}
	sessions := map[uint8]*fuzzSession{}
	f.Fuzz(func(t *testing.T, head string, mode uint8) {
		mode %= 3
		fs := sessions[mode]
		if fs == nil {
			fs = newFuzzSession(t, mode)
			sessions[mode] = fs
		}
		word, cands := fs.s.complete(head)
		if !strings.HasSuffix(head, word) {
			t.Fatalf("complete(%q) word %q does not end the text", head, word)
		}
		for _, c := range cands {
			if !hasPrefixFold(c, word) {
				t.Errorf("complete(%q) offers %q, which does not start with %q", head, c, word)
			}
			if err := fs.judge(head, c); err != nil {
				t.Errorf("complete(%q) offers %q: %v", head, c, err)
			}
		}
		line := []rune(head)
		c := &completer{s: fs.s}
		c.Do(line, len(line))
		c.OnChange(line, len(line), readline.CharTab)
	})
}

// fuzzSession is a session with a schema of its kind that no completion
// has touched, to judge candidates by.
type fuzzSession struct {
	s      *session
	oracle *eval.Schema
}

func newFuzzSession(t *testing.T, mode uint8) *fuzzSession {
	var s *session
	switch mode {
	case 0:
		s = newTestSession(t)
	case 1:
		s = objectSession(t, "Invoice__c")
	default:
		s = objectSession(t, "Opportunity")
	}
	return &fuzzSession{s: s, oracle: newSchema(s.project, s.object)}
}

// judge reports why a candidate completing head is not a real name there.
func (fs *fuzzSession) judge(head, cand string) error {
	s := fs.s
	if strings.HasPrefix(strings.TrimLeftFunc(head, isSpace), ":") {
		name, a := splitCommand(head)
		if a.base == len(name)+strings.IndexByte(head, ':')+1 {
			_, err := s.lookup(strings.TrimSpace(strings.TrimPrefix(cand, ":")))
			return err
		}
		c, err := s.lookup(name)
		if err != nil {
			return err
		}
		switch c.arg {
		case argCredential:
			return member(cand, credentialNames(s))
		case argChoice:
			return member(cand, c.choices)
		case argObject:
			if _, ok := s.objectModel().Object(cand); ok || cand == "off" {
				return nil
			}
			return fmt.Errorf("no such object")
		case argUser, argDir:
			if member(cand, exampleNames(s.cfg.Example)) == nil {
				return nil
			}
			_, err := os.Stat(s.expandHome(cand))
			return err
		}
	}
	return fs.name(cand)
}

// name judges a candidate in a formula, or a merge field argument.
func (fs *fuzzSession) name(cand string) error {
	switch {
	case strings.HasPrefix(cand, ":"):
		_, err := fs.s.lookup(cand[1:])
		return err
	case strings.HasSuffix(cand, "("), strings.HasSuffix(cand, "()"):
		if _, ok := eval.LookupFunc(strings.TrimRight(cand, "()")); ok || strings.EqualFold(cand, "NOT(") {
			return nil
		}
		return fmt.Errorf("no such function")
	case slices.Contains([]string{"TRUE", "FALSE", "NULL"}, strings.ToUpper(cand)):
		return nil
	case strings.HasSuffix(cand, "."):
		return fs.lead(cand, 3)
	}
	if _, ok := eval.LookupFunc(cand); ok {
		return nil
	}
	if _, ok := fs.oracle.Lookup(cand); !ok {
		return fmt.Errorf("the schema has no such field")
	}
	return nil
}

// lead judges a relationship or a namespace: a field lies behind it, as
// its completion offers within depth steps (after a record's name for
// $CustomMetadata), or it is an open namespace, whose every name is a
// field.
func (fs *fuzzSession) lead(cand string, depth int) error {
	if _, ok := fs.oracle.Lookup(cand + "Any_Name"); ok {
		return nil
	}
	for _, lead := range []string{cand, cand + "Any_Record."} {
		_, next := fs.s.complete(lead)
		for _, n := range next {
			if !strings.HasSuffix(n, ".") && fs.name(n) == nil {
				return nil
			}
		}
		for _, n := range next {
			if strings.HasSuffix(n, ".") && depth > 0 && fs.lead(n, depth-1) == nil {
				return nil
			}
		}
	}
	return fmt.Errorf("no field lies behind it")
}

func member(cand string, names []string) error {
	if slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, cand) }) {
		return nil
	}
	return fmt.Errorf("not one of %q", names)
}

func credentialNames(s *session) []string {
	var out []string
	if s.project != nil {
		for _, c := range s.project.ExternalCredentials {
			out = append(out, c.Name)
		}
	}
	return out
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}
