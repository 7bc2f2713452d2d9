package repl

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/chzyer/readline"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/scope"
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

// OnChange implements readline.Listener: after TAB, the word before the
// cursor takes the spelling its candidates share, so that account.ow
// completes to Account.Owner, as the model spells it.
func (c *completer) OnChange(line []rune, pos int, key rune) ([]rune, int, bool) {
	if key != readline.CharTab || pos > len(line) {
		return nil, 0, false
	}
	word, cands := c.s.complete(string(line[:pos]))
	canon, ok := shared(word, cands)
	if !ok || canon == word {
		return nil, 0, false
	}
	n := len([]rune(word))
	if n > pos {
		return nil, 0, false
	}
	out := append(append(append([]rune(nil), line[:pos-n]...), []rune(canon)...), line[pos:]...)
	return out, pos, true
}

// shared returns how every candidate spells word, when they agree.
func shared(word string, cands []string) (string, bool) {
	if len(cands) == 0 {
		return "", false
	}
	for _, c := range cands {
		if len(c) < len(word) || c[:len(word)] != cands[0][:len(word)] {
			return "", false
		}
	}
	return cands[0][:len(word)], strings.EqualFold(cands[0][:len(word)], word)
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
	case argNone:
		return "", nil
	case argFormula:
		return s.completeFormula(rest)
	case argAssign:
		if _, rhs, ok := strings.Cut(rest, "="); ok {
			return s.completeFormula(rhs)
		}
	}
	return rest, s.argCands(c, rest)
}

// argCands completes a command's argument other than a formula.
func (s *session) argCands(c *command, word string) []string {
	switch c.arg {
	case argAssign, argField:
		return s.fieldCands(word)
	case argName:
		return s.nameCands(word)
	case argObject:
		return fit(word, append(s.objectNames("", anyObject, ""), "off"))
	case argCredential:
		return s.credentialCands(word)
	case argUser:
		return s.userCands(word)
	case argDir:
		return s.pathCands(word, true)
	case argChoice:
		return fit(word, c.choices)
	}
	return nil
}

// completeFormula completes a function, a keyword or a merge field in a
// formula: with :object, the record's fields and relationships too, to any
// depth, as Account.Owner.Email.
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
		return word, s.recordCands(word)
	}
	names := append(functionCalls(), "TRUE", "FALSE", "NULL", "NOT(")
	cands := fitCase(word, names)
	var fields []string
	for _, f := range s.schema.Fields() {
		if !strings.HasPrefix(f.Name, "$") {
			fields = append(fields, f.Name)
		}
	}
	if word == "" {
		fields = append(fields, s.namespaces()...)
	}
	return word, merge(cands, s.recordCands(word), sameLevel(word, fit(word, fields)))
}

// functionCalls lists the functions, each with what completing its name
// adds, as callSuffix says.
func functionCalls() []string {
	fs := eval.Functions()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name + callSuffix(f)
	}
	return names
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

// isWordByte reports whether c continues a merge field or a function's
// name: a colon too, for a polymorphic relationship such as Owner:Queue.
func isWordByte(c byte) bool {
	return c == '$' || c == '.' || c == ':' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// namespaces returns the $Namespace. prefixes: for a credential formula
// those that exist for every user included, and for a formula of an object
// the global ones it reads.
func (s *session) namespaces() []string {
	seen := map[string]bool{}
	if s.object == "" {
		seen["$Permission"], seen["$Credential"] = true, true
	} else {
		for _, ns := range scope.GlobalNamespaces() {
			seen[ns] = true
		}
	}
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
// dot, then the fields; without a $, the :object record's fields. A formula of an object reads $User's fields
// through relationships, $Setup's custom settings and $CustomMetadata's
// types, from the model.
func (s *session) fieldCands(word string) []string {
	switch {
	case !strings.HasPrefix(word, "$"):
		return merge(s.recordCands(word), sameLevel(word, fit(word, suggest.Fields(s.schema))))
	case !strings.Contains(word, "."):
		return fit(word, s.namespaces())
	}
	return merge(s.globalCands(word), fit(word, suggest.Fields(s.schema)))
}

// sameLevel keeps the names with as many dots as word: a field a formula
// read through relationships, such as Account.Name, is offered only once
// the word reaches Account.
func sameLevel(word string, names []string) []string {
	var out []string
	for _, n := range names {
		if strings.Count(n, ".") == strings.Count(word, ".") {
			out = append(out, n)
		}
	}
	return out
}

// fieldNames lists the fields a misspelt name may have meant: the
// schema's and, for a formula of an object, those of the model that follow
// the relationships the name does.
func (s *session) fieldNames(name string) []string {
	lead := name[:strings.LastIndexByte(name, '.')+1]
	var more []string
	if strings.HasPrefix(name, "$") {
		more = s.globalCands(lead)
	} else {
		more = s.recordCands(lead)
	}
	return merge(more, suggest.Fields(s.schema))
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
	return merge(fitCase(word, suggest.Functions()), s.recordCands(word))
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

// fit returns the names that start with word, ignoring case as Salesforce
// names do, spelt as they are and sorted ignoring case.
func fit(word string, names []string) []string {
	var out []string
	for _, n := range names {
		if hasPrefixFold(n, word) {
			out = append(out, n)
		}
	}
	sortFold(out)
	return out
}

// hasPrefixFold reports whether s starts with prefix, ignoring the case of
// ASCII letters only: Salesforce's names are ASCII, and a prefix that
// folds to one of another length could not be completed in place.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lower(s[i]) != lower(prefix[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// sortFold sorts names ignoring case.
func sortFold(names []string) {
	sort.SliceStable(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
}

// merge joins lists of candidates into one sorted list, without a name
// twice in any case: the first list's spelling wins, so the model's comes
// before the spelling a name was first typed in.
func merge(lists ...[]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lists {
		for _, c := range l {
			if key := strings.ToLower(c); !seen[key] {
				seen[key] = true
				out = append(out, c)
			}
		}
	}
	sortFold(out)
	return out
}

// fitCase is fit for function names and keywords, which ignore case: when
// the word is in lower case the names are too, so that cont completes to
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
