package eval

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"

	"github.com/credscope/credscope/formula"
)

// The characters some results are made of, whatever the data.
const (
	alphabetDigits = "0123456789"
	alphabetLetter = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	alphabetURL    = alphabetLetter + alphabetDigits + ".-*_+%"
	alphabetHex    = alphabetDigits + "abcdef"
	alphabetBase64 = alphabetLetter + alphabetDigits + "+/="
)

// typeAlphabet returns every character TEXT() or a template segment can
// print for a value of type t, or "" when any can appear.
func typeAlphabet(t Type) string {
	switch t {
	case Number:
		return alphabetDigits + "-."
	case Date:
		return alphabetDigits + "-"
	case DateTime:
		return alphabetDigits + "-: Z"
	case Time:
		return alphabetDigits + ":."
	case Boolean:
		return "truefals"
	case Geolocation:
		return alphabetDigits + "-.+e, "
	}
	return ""
}

// Flow is one way data can reach the characters of a program's Text
// result; see Flows.
type Flow struct {
	// At is the merge field, or the call of a clock function such as
	// NOW(), that the data comes from.
	At formula.Expr
	// Source names it, as Span.Sources does.
	Source string
	// Type is the type of the field or of the function's result.
	Type Type
	// Via names the function or conversion that computes the result's
	// characters from the data, as Span.Via does; "" when a field's own
	// text is copied into the result.
	Via string
}

// Flows returns, for a program compiled with Options.Trace, every way the
// data of a merge field or a clock function could put into the result a
// character that allowed rejects, in source order, following the rule
// EvalTrace follows but over every branch. A Text field copied in a
// branch that REGEX(field, "pattern") guards, with a literal pattern that
// matches only text of allowed characters, does not flow there:
// IF(REGEX($User.Department, "[a-z]+"), "r:" & $User.Department, "").
// A result whose alphabet allowed accepts whole, such as URLENCODE's, does
// not flow either.
func (p *Program) Flows(allowed func(rune) bool) []Flow {
	if p.nodes == nil {
		return nil
	}
	w := &flowWalker{p: p, allowed: allowed}
	for _, seg := range p.tmpl.Segments {
		if seg.Expr == nil {
			continue
		}
		if n := p.nodes[seg.Expr]; n != nil && n.typ != Text && n.typ != Null {
			w.derived(seg.Expr, "TEXT()")
			continue
		}
		w.text(seg.Expr, nil)
	}
	return w.out
}

// flowWalker gathers the flows of one program.
type flowWalker struct {
	p       *Program
	allowed func(rune) bool
	out     []Flow
}

// text walks a Text expression whose characters the result copies.
// Guarded holds the lower-case names of the fields a REGEX guard proved
// to hold only allowed characters.
func (w *flowWalker) text(x formula.Expr, guarded map[string]bool) {
	n := w.p.nodes[x]
	if n == nil || n.konst != nil {
		return
	}
	switch x := x.(type) {
	case *formula.Paren:
		w.text(x.X, guarded)
		return
	case *formula.Ident:
		if !guarded[strings.ToLower(fieldName(w.p.schema, x))] {
			w.emit(x, n.typ, "")
		}
		return
	case *formula.Binary:
		if x.Op == formula.OpConcat || x.Op == formula.OpAdd {
			w.text(x.X, guarded)
			w.text(x.Y, guarded)
			return
		}
	case *formula.Call:
		if f, ok := lookupFunc(x.Name); ok && f.choices != nil {
			if i, ok := sameNode(w.p, x, n, f); (n.pick == nil || n.src != x) && ok {
				w.text(x.Args[i], guarded)
				return
			}
			for _, i := range f.choices(len(x.Args)) {
				g := guarded
				if f.Name == "IF" && i == 1 {
					g = w.regexGuards(x.Args[0], guarded)
				}
				w.text(x.Args[i], g)
			}
			return
		}
	}
	w.derived(x, via(x))
}

// derived records the data of x's value as flowing into the result,
// unless every character the value can hold is allowed.
func (w *flowWalker) derived(x formula.Expr, via string) {
	if a, ok := w.alphabet(x); ok && strings.IndexFunc(a, func(r rune) bool { return !w.allowed(r) }) < 0 {
		return
	}
	w.sources(x, via)
}

// alphabet returns every character x's value can hold, printed as TEXT()
// prints it, each once; ok is false when it can hold any character.
func (w *flowWalker) alphabet(x formula.Expr) (chars string, ok bool) {
	n := w.p.nodes[x]
	switch {
	case n == nil:
		return "", false
	case n.konst != nil && !n.konst.valid:
		return "", true
	case n.konst != nil:
		return charSet(textOf(*n.konst)), true
	case n.typ != Text:
		a := typeAlphabet(n.typ)
		return a, a != ""
	}
	switch x := x.(type) {
	case *formula.Paren:
		return w.alphabet(x.X)
	case *formula.Binary:
		if x.Op == formula.OpConcat || x.Op == formula.OpAdd {
			return w.alphabetOf([]formula.Expr{x.X, x.Y}, "")
		}
	case *formula.Call:
		f, found := lookupFunc(x.Name)
		switch {
		case !found:
		case f.choices != nil:
			if i, same := sameNode(w.p, x, n, f); same && (n.pick == nil || n.src != x) {
				return w.alphabet(x.Args[i])
			}
			return w.alphabetOf(argsAt(x.Args, f.choices(len(x.Args))), "")
		case f.Alphabet != "":
			return f.Alphabet, true
		case f.prints && len(x.Args) == 1:
			return w.alphabet(x.Args[0])
		case f.chars != nil:
			from, adds := f.chars(len(x.Args))
			a, ok := w.alphabetOf(argsAt(x.Args, from), adds)
			// These functions cut text in UTF-16 units, which can split a
			// character outside the BMP into one no argument holds.
			return a, ok && strings.IndexFunc(a, func(r rune) bool { return r > unicode.MaxASCII }) < 0
		}
	}
	return "", false
}

// alphabetOf returns the union of the alphabets of xs and adds.
func (w *flowWalker) alphabetOf(xs []formula.Expr, adds string) (string, bool) {
	all := adds
	for _, x := range xs {
		a, ok := w.alphabet(x)
		if !ok {
			return "", false
		}
		all += a
	}
	return charSet(all), true
}

// argsAt returns the arguments at the given indices that exist.
func argsAt(args []formula.Expr, at []int) []formula.Expr {
	var out []formula.Expr
	for _, i := range at {
		if i < len(args) {
			out = append(out, args[i])
		}
	}
	return out
}

// charSet returns the characters of s, each once, in order.
func charSet(s string) string {
	rs := []rune(s)
	slices.Sort(rs)
	return string(slices.Compact(rs))
}

// charsOf declares a function whose result's characters all come from the
// given arguments.
func charsOf(args ...int) func(int) ([]int, string) {
	return func(int) ([]int, string) { return args, "" }
}

// padChars declares LPAD and RPAD: the text and the pad string, a space
// when there is none, and "null" when it is blank, as Salesforce pads.
func padChars(n int) ([]int, string) {
	if n >= 3 {
		return []int{0, 2}, "nul"
	}
	return []int{0}, " "
}

// sources emits every merge field and clock call x's value can derive
// from, through every branch a selecting call may take.
func (w *flowWalker) sources(x formula.Expr, via string) {
	n := w.p.nodes[x]
	if n == nil || n.konst != nil {
		return
	}
	switch x := x.(type) {
	case *formula.Ident:
		w.emit(x, n.typ, via)
		return
	case *formula.Call:
		if f, ok := lookupFunc(x.Name); ok {
			if f.choices != nil {
				if i, ok := sameNode(w.p, x, n, f); (n.pick == nil || n.src != x) && ok {
					w.sources(x.Args[i], via)
					return
				}
				for _, i := range f.choices(len(x.Args)) {
					w.sources(x.Args[i], via)
				}
				return
			}
			if f.Impure {
				w.emit(x, n.typ, via)
			}
		}
	}
	for _, c := range children(x) {
		w.sources(c, via)
	}
}

func (w *flowWalker) emit(at formula.Expr, t Type, via string) {
	name := ""
	switch at := at.(type) {
	case *formula.Ident:
		name = fieldName(w.p.schema, at)
	case *formula.Call:
		name = strings.ToUpper(at.Name) + "()"
	}
	f := Flow{At: at, Source: name, Type: t, Via: via}
	if !slices.Contains(w.out, f) {
		w.out = append(w.out, f)
	}
}

// regexGuards adds to guarded the fields that cond, when TRUE, proves to
// hold only allowed characters: REGEX(field, "pattern") with a literal
// pattern that admits nothing else, alone or among the conjuncts of AND
// or &&.
func (w *flowWalker) regexGuards(cond formula.Expr, guarded map[string]bool) map[string]bool {
	out := guarded
	for _, c := range conjuncts(cond) {
		call, ok := c.(*formula.Call)
		if !ok || !strings.EqualFold(call.Name, "REGEX") || len(call.Args) != 2 {
			continue
		}
		id, ok1 := call.Args[0].(*formula.Ident)
		pat, ok2 := call.Args[1].(*formula.StringLit)
		if !ok1 || !ok2 || !patternAdmitsOnly(pat.Value, w.allowed) {
			continue
		}
		if len(out) == len(guarded) {
			out = make(map[string]bool, len(guarded)+1)
			for k := range guarded {
				out[k] = true
			}
		}
		out[strings.ToLower(fieldName(w.p.schema, id))] = true
	}
	return out
}

// conjuncts returns the tests that must all hold for cond to be TRUE: cond
// itself, or the operands of its AND() or &&, recursively. A test under
// NOT or OR proves nothing.
func conjuncts(cond formula.Expr) []formula.Expr {
	switch x := cond.(type) {
	case *formula.Paren:
		return conjuncts(x.X)
	case *formula.Binary:
		if x.Op == formula.OpAnd {
			return append(conjuncts(x.X), conjuncts(x.Y)...)
		}
	case *formula.Call:
		if strings.EqualFold(x.Name, "AND") {
			var out []formula.Expr
			for _, a := range x.Args {
				out = append(out, conjuncts(a)...)
			}
			return out
		}
	}
	return []formula.Expr{cond}
}

// patternAdmitsOnly reports whether every text a REGEX pattern matches is
// made of allowed characters: every character its literals and classes
// can match is allowed, case folding included, and it has no "any
// character" dot. A pattern REGEX would reject admits nothing and guards
// nothing.
func patternAdmitsOnly(pat string, allowed func(rune) bool) bool {
	r2, err := javaToRE2(pat)
	if err != nil {
		return false
	}
	re, err := syntax.Parse(r2, syntax.Perl)
	if err != nil {
		return false
	}
	return regexpAdmitsOnly(re, allowed)
}

func regexpAdmitsOnly(re *syntax.Regexp, allowed func(rune) bool) bool {
	switch re.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return false
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if !allowed(r) {
				return false
			}
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					if !allowed(f) {
						return false
					}
				}
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !allowed(r) {
					return false
				}
			}
		}
	}
	for _, sub := range re.Sub {
		if !regexpAdmitsOnly(sub, allowed) {
			return false
		}
	}
	return true
}
