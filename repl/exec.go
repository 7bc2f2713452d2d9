package repl

import "strings"

// exec runs one entry, a command or a formula, and reports its error.
func (s *session) exec(e *entry) {
	text := strings.TrimSpace(e.text)
	if text == "" || text[0] == '#' {
		return
	}
	var err error
	switch bare := strings.ToLower(text); {
	case bare == "help" || bare == "exit" || bare == "quit":
		// Not formulas, and what a newcomer types first.
		c, _ := s.lookup(bare)
		err = c.run(s, arg{})
	case text[0] == ':':
		err = s.command(e)
	default:
		err = s.evaluate(e, 0)
	}
	if err != nil {
		s.failed++
		s.report(e, err)
	}
}

// more returns what the entry so far leaves open, as open does, when it
// should continue on the next line: a formula, or a command whose argument
// is one.
func (s *session) more(text string) byte {
	trimmed := strings.TrimSpace(text)
	switch {
	case trimmed == "" || trimmed[0] == '#':
		return 0
	case trimmed[0] != ':':
		return open(text)
	}
	name, a := splitCommand(text)
	c, err := s.lookup(name)
	if err != nil || (c.arg != argFormula && c.arg != argAssign) {
		return 0
	}
	return open(text[a.base:])
}
