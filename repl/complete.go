package repl

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/suggest"
)

// completer completes the word before the cursor from the function table,
// the schema, the commands and the project.
type completer struct {
	s *session
}

// Do implements readline.AutoCompleter: it returns what each candidate
// adds to the word before the cursor, and the word's length.
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	word, cands := c.s.complete(string(line[:pos]))
	n := len([]rune(word))
	out := make([][]rune, 0, len(cands))
	for _, cand := range cands {
		if r := []rune(cand); len(r) >= n {
			out = append(out, r[n:])
		}
	}
	return out, n
}

// complete returns the word that ends head, the text before the cursor, and
// the candidates that could replace it. Every candidate starts with the
// word as typed.
func (s *session) complete(head string) (word string, cands []string) {
	if strings.HasPrefix(strings.TrimLeftFunc(head, unicode.IsSpace), ":") {
		return s.completeCommand(head)
	}
	return s.completeFormula(head)
}

// completeCommand completes a command name, or its argument.
func (s *session) completeCommand(head string) (string, []string) {
	name, a := splitCommand(head)
	if a.base == len(name)+strings.IndexByte(head, ':')+1 { // still in the name
		word := ":" + name
		var cands []string
		for _, c := range s.cmds {
			if strings.HasPrefix(c.name, strings.ToLower(name)) {
				cand := ":" + c.name
				if c.usage != "" {
					cand += " "
				}
				cands = append(cands, word+cand[len(word):])
			}
		}
		sort.Strings(cands)
		return word, cands
	}
	c, err := s.lookup(name)
	if err != nil {
		return "", nil
	}
	rest := head[a.base:]
	switch c.arg {
	case argFormula:
		return s.completeFormula(rest)
	case argAssign:
		if _, rhs, ok := strings.Cut(rest, "="); ok {
			return s.completeFormula(rhs)
		}
		return rest, s.fieldCands(rest)
	case argField:
		return rest, s.fieldCands(rest)
	case argName:
		return rest, s.nameCands(rest)
	case argCredential:
		return rest, s.credentialCands(rest)
	case argUser:
		return rest, s.userCands(rest)
	case argDir:
		return rest, s.pathCands(rest, true)
	case argChoice:
		return rest, fit(rest, c.choices)
	}
	return "", nil
}

// completeFormula completes a function or merge field name in a formula.
func (s *session) completeFormula(text string) (string, []string) {
	st := scan(text)
	if st.quote != 0 || st.comment || !st.inExpr {
		return "", nil
	}
	start := len(text)
	for start > 0 && isWordByte(text[start-1]) {
		start--
	}
	word := text[start:]
	switch {
	case strings.HasPrefix(word, "$"):
		return word, s.fieldCands(word)
	case strings.Contains(word, "."):
		return word, nil
	}
	var names []string
	for _, f := range eval.Functions() {
		names = append(names, f.Name+callSuffix(f))
	}
	names = append(names, "TRUE", "FALSE", "NULL", "NOT(")
	for _, f := range s.schema.Fields() {
		if !strings.HasPrefix(f.Name, "$") {
			names = append(names, f.Name)
		}
	}
	if word == "" {
		names = append(names, s.namespaces()...)
	}
	return word, fitCase(word, names)
}

// callSuffix is what completing a function's name adds: "()" for a function
// without parameters, such as NOW, and "(" otherwise.
func callSuffix(f *eval.Func) string {
	for _, sig := range f.Sigs {
		if len(sig.Params) > 0 || sig.Variadic {
			return "("
		}
	}
	return "()"
}

func isWordByte(c byte) bool {
	return c == '$' || c == '.' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// namespaces returns the $Namespace. prefixes, those that exist for every
// user included.
func (s *session) namespaces() []string {
	seen := map[string]bool{"$Permission": true, "$Credential": true}
	for _, ns := range s.schema.Namespaces() {
		seen[ns] = true
	}
	out := make([]string, 0, len(seen))
	for ns := range seen {
		out = append(out, ns+".")
	}
	sort.Strings(out)
	return out
}

// fieldCands completes a merge field: the namespaces until the word holds a
// dot, then the fields.
func (s *session) fieldCands(word string) []string {
	if strings.HasPrefix(word, "$") && !strings.Contains(word, ".") {
		return fit(word, s.namespaces())
	}
	return fit(word, suggest.Fields(s.schema))
}

// nameCands completes :doc: functions, merge fields and commands.
func (s *session) nameCands(word string) []string {
	if strings.HasPrefix(word, ":") {
		var names []string
		for _, c := range s.cmds {
			names = append(names, ":"+c.name)
		}
		return fit(word, names)
	}
	if strings.HasPrefix(word, "$") {
		return s.fieldCands(word)
	}
	var names []string
	for _, f := range eval.Functions() {
		names = append(names, f.Name)
	}
	return fitCase(word, names)
}

// credentialCands completes an external credential's name.
func (s *session) credentialCands(word string) []string {
	if s.project == nil {
		return nil
	}
	var names []string
	for _, c := range s.project.ExternalCredentials {
		names = append(names, c.Name)
	}
	return fit(word, names)
}

// userCands completes :user: context files, directories and the example
// users.
func (s *session) userCands(word string) []string {
	var cands []string
	for _, p := range s.pathCands(word, false) {
		if strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".json") {
			cands = append(cands, p)
		}
	}
	if !strings.Contains(word, "/") {
		cands = append(cands, fit(word, exampleNames(s.cfg.Example))...)
	}
	return cands
}

// pathCands completes a file or directory path; directories end in a slash.
func (s *session) pathCands(word string, dirsOnly bool) []string {
	dir, base := filepath.Split(word)
	list := s.expandHome(dir)
	if list == "" {
		list = "."
	}
	entries, err := os.ReadDir(list)
	if err != nil {
		return nil
	}
	var cands []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if info, err := os.Stat(filepath.Join(list, name)); err == nil {
				isDir = info.IsDir()
			}
		}
		switch {
		case isDir:
			cands = append(cands, dir+name+"/")
		case !dirsOnly:
			cands = append(cands, dir+name)
		}
	}
	return cands
}

// fit returns the names that start with word, ignoring case, sorted, each
// spelt as word followed by the rest of the name.
func fit(word string, names []string) []string {
	var out []string
	for _, n := range names {
		if len(n) >= len(word) && strings.EqualFold(n[:len(word)], word) {
			out = append(out, word+n[len(word):])
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

// fitCase is fit for function names and keywords, which ignore case: when
// the word is in lower case the rest is too, so that cont completes to
// contains(.
func fitCase(word string, names []string) []string {
	out := fit(word, names)
	if word != strings.ToLower(word) || word == strings.ToUpper(word) {
		return out
	}
	for i, n := range out {
		out[i] = strings.ToLower(n)
	}
	return out
}
