package repl

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/scope"
)

// compile compiles a formula against the session's schema. Compiling may
// declare fields of open namespaces, such as $Permission.X; each field the
// program reads is looked up in the values so that they hold it.
func (s *session) compile(src string) (*eval.Program, error) {
	return s.compileWith(src, s.opts)
}

// compileWith is compile with other options, such as Trace.
func (s *session) compileWith(src string, opts eval.Options) (*eval.Program, error) {
	prog, err := eval.Compile(src, s.schema, opts)
	if err != nil {
		return nil, err
	}
	for _, f := range prog.Fields() {
		if _, err := s.vals.Get(f.Name); err != nil {
			return nil, err
		}
	}
	return prog, nil
}

// evaluate compiles and evaluates the formula at byte base of the entry
// and prints its value.
func (s *session) evaluate(e *entry, base int) error {
	src := e.text[base:]
	prog, err := s.compile(src)
	if err != nil {
		return s.explain(&srcError{err: err, base: base}, "", "")
	}
	v, err := prog.Eval(s.vals, s.env)
	if err != nil {
		return &srcError{err: err, base: base}
	}
	s.out.result(v, prog.Type())
	s.warnScope(src, v)
	return nil
}

// warnScope warns, after a Text result, when a credential would refuse it
// as a scope: with the guard Compose applies, which traces the result to
// the merge fields its characters come from. A text whose every character
// may stand in a scope token needs no tracing, and a formula of an
// object's records is no scope.
func (s *session) warnScope(src string, v eval.Value) {
	if s.object != "" || v.Type() != eval.Text || v.IsBlank() || !strings.ContainsFunc(v.Text(), func(r rune) bool { return !scope.IsNQChar(r) }) {
		return
	}
	opts := s.opts
	opts.Trace = true
	prog, err := s.compileWith(src, opts)
	if err != nil {
		return
	}
	t, err := prog.EvalTrace(s.vals, s.env)
	if err != nil {
		return
	}
	var ie *scope.InjectionError
	if errors.As(scope.CheckInjected("", t, s.vals), &ie) {
		s.out.errLine(s.out.paint(sgrYellow, "warning: as a scope this would be refused: "+ie.Reason()))
	}
}

// explain adds a hint to a formula error: the names near a misspelt
// function or field, or, for :set NAME = rhs, quotes around a bare word.
func (s *session) explain(err error, setName, rhs string) error {
	kind, name, ok := suggest.Misspelt(err)
	switch {
	case !ok:
		return err
	case kind == suggest.Function:
		if near := suggest.DidYouMean(name, suggest.Functions()); near != "" {
			return &hintError{err: err, hint: near + " :functions lists them all"}
		}
		return &hintError{err: err, hint: ":functions lists the functions"}
	}
	word := strings.TrimSpace(rhs)
	if setName != "" && strings.EqualFold(word, name) && !strings.HasPrefix(word, "$") {
		return &hintError{err: err, hint: fmt.Sprintf("the right side is a formula: write :set %s = %s for text", setName, formula.Quote(word))}
	}
	if near := suggest.DidYouMean(name, s.fieldNames(name)); near != "" {
		return &hintError{err: err, hint: near + " :fields lists them all"}
	}
	if !strings.HasPrefix(name, "$") && s.object == "" {
		return &hintError{err: err, hint: "text goes in quotes, such as \"" + name + "\"; merge fields start with $, such as $User.Department"}
	}
	return err
}

// parse parses a command's formula argument.
func (s *session) parse(name string, a arg) (*formula.Template, error) {
	if a.text == "" {
		return nil, s.usage(name)
	}
	t, err := s.opts.Parse.ParseInput("formula", a.text)
	if err != nil {
		return nil, &srcError{err: err, base: a.base}
	}
	return t, nil
}

func (s *session) cmdType(a arg) error {
	if a.text == "" {
		return s.usage("type")
	}
	prog, err := s.compile(a.text)
	if err != nil {
		return s.explain(&srcError{err: err, base: a.base}, "", "")
	}
	s.out.println(s.out.paint(sgrCyan, prog.Type().String()))
	return nil
}

// cmdExplain prints every sub-expression of a formula with its value,
// indented under the expression it belongs to, then the result.
func (s *session) cmdExplain(a arg) error {
	if a.text == "" {
		return s.usage("explain")
	}
	opts := s.opts
	opts.Trace = true
	prog, err := s.compileWith(a.text, opts)
	if err != nil {
		return s.explain(&srcError{err: err, base: a.base}, "", "")
	}
	root, err := prog.Explain(s.vals, s.env)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(strings.TrimSuffix(root.String(), "\n"), "\n") {
		s.out.println("  " + line)
	}
	if root.Err != nil {
		return &srcError{err: root.Err, base: a.base}
	}
	s.out.result(root.Value, prog.Type())
	return nil
}

func (s *session) cmdAST(a arg) error {
	t, err := s.parse("ast", a)
	if err != nil {
		return err
	}
	s.out.println(formula.SExprTemplate(t))
	return nil
}

func (s *session) cmdFmt(a arg) error {
	t, err := s.parse("fmt", a)
	if err != nil {
		return err
	}
	s.out.println(canonical(a.text, t))
	return nil
}

// canonical returns the canonical form of what ParseInput parsed from src:
// a bare expression stays bare.
func canonical(src string, t *formula.Template) string {
	if t.Kind == formula.Formula && !strings.Contains(src, "{!") {
		return formula.Format(t.Segments[0].Expr)
	}
	return formula.FormatTemplate(t)
}

func (s *session) cmdFunctions(a arg) error {
	prefix := strings.ToLower(a.text)
	tw := tabwriter.NewWriter(s.out.out, 0, 8, 2, ' ', 0)
	n := 0
	for _, f := range eval.Functions() {
		if !strings.HasPrefix(strings.ToLower(f.Name), prefix) && !strings.HasPrefix(strings.ToLower(f.Category), prefix) {
			continue
		}
		n++
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.out.paint(sgrBold, f.Name), s.out.paint(sgrDim, f.Category), f.Doc)
	}
	tw.Flush()
	if n == 0 {
		return fmt.Errorf("no function starts with %q", a.text)
	}
	s.out.println(s.out.paint(sgrDim, ":doc NAME documents one of them"))
	return nil
}

func (s *session) cmdDoc(a arg) error {
	name := strings.TrimSuffix(strings.TrimSpace(a.text), "(")
	switch {
	case name == "":
		return s.usage("doc")
	case strings.HasPrefix(name, ":"):
		c, err := s.lookup(name[1:])
		if err != nil {
			return err
		}
		s.out.println(strings.TrimSpace(":"+c.name+" "+c.usage) + "\n  " + c.help)
		return nil
	}
	if f, ok := eval.LookupFunc(name); ok {
		s.describeFunc(f)
		return nil
	}
	if f, ok := s.schema.Lookup(name); ok {
		v, err := s.vals.Get(f.Name)
		if err != nil {
			return err
		}
		kind := s.fieldKind(f.Name)
		switch {
		case f.Secret:
			kind = "a secret: its value never prints"
		case v.Secret():
			kind = "a merge field of the running user, holding a secret value: it never prints"
		}
		s.out.printf("%s : %s = %s\n  %s\n", f.Name, s.out.paint(sgrCyan, f.Type.String()), showValue(v), kind)
		return nil
	}
	if to := s.leadsTo(name); strings.HasSuffix(name, ".") && to != "" {
		if spelt, ok := shared(name, s.fieldCands(name)); ok {
			name = spelt
		}
		s.out.printf("%s\n  a relationship to %s: :fields %s lists its fields\n", name, to, name)
		return nil
	}
	if strings.HasPrefix(name, "$") || strings.HasSuffix(strings.ToLower(name), "__c") || strings.Contains(name, ".") {
		return s.noField(name)
	}
	return s.explain(formula.ErrorList{{Msg: fmt.Sprintf("Unknown function %s. Check spelling.", strings.ToUpper(name))}}, "", "")
}

// fieldKind says whose field a merge field is: the running user's, or the
// :object record's, directly or through its relationships.
func (s *session) fieldKind(name string) string {
	if s.object == "" || strings.HasPrefix(name, "$") {
		return "a merge field of the running user"
	}
	lead := name[:strings.LastIndexByte(name, '.')+1]
	if lead == "" {
		return "a field of the " + s.object + " record"
	}
	return fmt.Sprintf("a field of %s, through the %s record's %s", s.leadsTo(lead), s.object, strings.TrimSuffix(lead, "."))
}

// describeFunc prints a function's signatures, documentation and example.
func (s *session) describeFunc(f *eval.Func) {
	p := s.out
	p.printf("%s %s\n", p.paint(sgrBold, f.Name), p.paint(sgrDim, "("+f.Category+")"))
	for _, sig := range f.Sigs {
		p.println("  " + sig.String(f.Name))
	}
	p.println(f.Doc)
	if f.Example != "" {
		p.printf("Example: %s  →  %s\n", f.Example, f.Want)
	}
}
