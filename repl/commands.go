package repl

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/credscope/credscope/internal/suggest"
)

// argKind says what a command's argument is, for continuation and
// completion.
type argKind uint8

const (
	argNone       argKind = iota
	argFormula            // a formula, which may continue on the next line
	argAssign             // NAME = FORMULA
	argField              // a merge field
	argName               // a function, a merge field or a command
	argCredential         // an external credential of the project
	argUser               // a context file or an example user
	argDir                // a directory
	argChoice             // one of choices
	argObject             // an object, or off
)

// command is a REPL command, typed as :name.
type command struct {
	name    string
	usage   string // the arguments, such as "NAME = FORMULA"
	help    string // one line
	arg     argKind
	choices []string
	run     func(s *session, a arg) error
}

// arg is a command's argument: its text, trimmed, and where it starts in
// the entry.
type arg struct {
	text string
	base int
}

// commands returns the command table, in the order :help lists it.
func commands() []command {
	return []command{
		{name: "set", usage: "NAME = FORMULA", help: "set a merge field to a formula's value", arg: argAssign, run: (*session).cmdSet},
		{name: "unset", usage: "NAME", help: "make a merge field blank again", arg: argField, run: (*session).cmdUnset},
		{name: "fields", usage: "[PREFIX]", help: "list the merge fields, or the :object record's, with their types and values", arg: argField, run: (*session).cmdFields},
		{name: "user", usage: "[FILE|NAME]", help: "show the user, or load a file or alice, bob, carol", arg: argUser, run: (*session).cmdUser},
		{name: "save", usage: "FILE", help: "write the user to a new context file (mode 0600) that :user and --user read", arg: argUser, run: (*session).cmdSave},
		{name: "load", usage: "[DIR]", help: "show the project, or load an SFDX project", arg: argDir, run: (*session).cmdLoad},
		{name: "object", usage: "[OBJECT|off]", help: "read formulas as an object's formula fields; alone, list the objects", arg: argObject, run: (*session).cmdObject},
		{name: "record", usage: "FILE", help: "set the fields of the :object record from a YAML or JSON file", arg: argUser, run: (*session).cmdRecord},
		{name: "principals", usage: "[CRED]", help: "list principals and the one the user reaches", arg: argCredential, run: (*session).cmdPrincipals},
		{name: "scope", usage: "[CRED]", help: "compose the OAuth scope, as credscope scope does", arg: argCredential, run: (*session).cmdScope},
		{name: "claims", usage: "CRED", help: "show the JWT a credential would sign, as token --dry-run does", arg: argCredential, run: (*session).cmdClaims},
		{name: "type", usage: "FORMULA", help: "show a formula's result type", arg: argFormula, run: (*session).cmdType},
		{name: "explain", usage: "FORMULA", help: "show why a formula has its value: each sub-expression's value", arg: argFormula, run: (*session).cmdExplain},
		{name: "ast", usage: "FORMULA", help: "show a formula's syntax tree", arg: argFormula, run: (*session).cmdAST},
		{name: "fmt", usage: "FORMULA", help: "show a formula in canonical form", arg: argFormula, run: (*session).cmdFmt},
		{name: "mode", usage: "[MODE]", help: "blank-as-zero or blank-as-blank: how blank numbers read", arg: argChoice, choices: []string{"blank-as-zero", "blank-as-blank"}, run: (*session).cmdMode},
		{name: "now", usage: "[INSTANT|off]", help: "fix NOW() at an RFC 3339 instant, or follow the clock", arg: argChoice, choices: []string{"off"}, run: (*session).cmdNow},
		{name: "functions", usage: "[PREFIX]", help: "list the functions, by name or category", arg: argChoice, choices: []string{"credential", "date", "location", "logical", "math", "text"}, run: (*session).cmdFunctions},
		{name: "doc", usage: "NAME", help: "document a function, a merge field or a command", arg: argName, run: (*session).cmdDoc},
		{name: "history", usage: "[N]", help: "show the last N entries (20 by default)", run: (*session).cmdHistory},
		{name: "help", help: "list the commands", run: (*session).cmdHelp},
		{name: "quit", help: "leave (so does Ctrl-D)", run: (*session).cmdQuit},
	}
}

// alias returns the command an alias stands for, or name itself.
func alias(name string) string {
	switch name {
	case "q", "exit":
		return "quit"
	case "h", "?":
		return "help"
	}
	return name
}

// lookup finds a command by name, alias or unique prefix.
func (s *session) lookup(name string) (*command, error) {
	name = alias(strings.ToLower(name))
	var found []*command
	for i := range s.cmds {
		c := &s.cmds[i]
		if c.name == name {
			return c, nil
		}
		if name != "" && strings.HasPrefix(c.name, name) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		err := fmt.Errorf("unknown command :%s", name)
		names := make([]string, len(s.cmds))
		for i, c := range s.cmds {
			names[i] = c.name
		}
		if near := suggest.Near(name, names); len(near) > 0 {
			return nil, &hintError{err: err, hint: "did you mean :" + near[0] + "? :help lists the commands"}
		}
		return nil, &hintError{err: err, hint: ":help lists the commands"}
	}
	var names []string
	for _, c := range found {
		names = append(names, ":"+c.name)
	}
	return nil, fmt.Errorf(":%s is ambiguous: %s", name, suggest.AndList(names))
}

// splitCommand splits an entry that starts with a colon into the command
// name and its argument.
func splitCommand(text string) (name string, a arg) {
	start := strings.IndexByte(text, ':') + 1
	end := start
	for end < len(text) && !unicode.IsSpace(rune(text[end])) {
		end++
	}
	base := end
	for base < len(text) && unicode.IsSpace(rune(text[base])) {
		base++
	}
	return text[start:end], arg{text: strings.TrimRightFunc(text[base:], unicode.IsSpace), base: base}
}

// command runs an entry that starts with a colon.
func (s *session) command(e *entry) error {
	name, a := splitCommand(e.text)
	c, err := s.lookup(name)
	if err != nil {
		return err
	}
	return c.run(s, a)
}

// usage reports a command used wrongly.
func (s *session) usage(name string) error {
	for _, c := range s.cmds {
		if c.name == name {
			return fmt.Errorf("usage: :%s %s", c.name, c.usage)
		}
	}
	return fmt.Errorf("usage: :%s", name)
}

func (s *session) cmdHelp(a arg) error {
	p := s.out
	p.println("Type a formula, such as \"session:role:\" + $User.Department, or a {!…} template")
	p.println("to evaluate it for the running user. Commands:")
	tw := tabwriter.NewWriter(p.out, 0, 8, 2, ' ', 0)
	for _, c := range s.cmds {
		fmt.Fprintf(tw, "  %s\t%s\n", strings.TrimSpace(":"+c.name+" "+c.usage), c.help)
	}
	tw.Flush()
	p.println("TAB completes functions, $ merge fields, commands, credentials and objects, and")
	p.println("after :object the record's fields and relationships, as Account.Owner.Email.")
	p.println("An unclosed ( \" or {! continues the entry on the next line; Ctrl-C clears it,")
	p.println("Ctrl-D leaves.")
	return nil
}

func (s *session) cmdQuit(a arg) error {
	s.quit = true
	return nil
}

func (s *session) cmdHistory(a arg) error {
	n := 20
	if a.text != "" {
		var err error
		if n, err = strconv.Atoi(a.text); err != nil || n < 1 {
			return fmt.Errorf("usage: :history [N], with N a positive number")
		}
	}
	first := max(0, len(s.history)-n)
	for i, h := range s.history[first:] {
		s.out.printf("%5d  %s\n", first+i+1, h)
	}
	return nil
}
