package eval

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/credscope/credscope/formula"
)

// Func declares one formula function, once: the checker, the compiler, the
// REPL's completion, `credscope functions` and the documentation all read
// this table.
type Func struct {
	Name     string
	Category string // Logical, Math, Text, Date and Time, Location, Credential
	Doc      string // one line
	Example  string // a formula that uses the function
	Want     string // what Example evaluates to, as credscope prints it
	Sigs     []Sig
	// Impure functions read the clock, or the record's prior version, and
	// are never folded into constants.
	Impure bool
	// Alphabet, when set, holds every character the function's Text result
	// can contain, whatever its arguments: URLENCODE, HEX and BASE64ENCODE.
	Alphabet string
	// choices, set on IF, CASE and the like, returns which of a call's n
	// arguments the result can be, unchanged: the result's characters are
	// those of the chosen argument.
	choices func(n int) []int
	// chars, set on LEFT, SUBSTITUTE, LPAD and the like, returns for a
	// call with n arguments the arguments every character of the result
	// comes from, and the characters the function may add itself (LPAD's
	// default space).
	chars func(n int) (from []int, adds string)
	// prints marks TEXT, whose result is its argument printed, so that its
	// characters are those of the argument's type (see typeAlphabet).
	prints bool
	// strict marks functions that Salesforce's own validators check by
	// type, not by assignability: each argument must have one of the types
	// the signatures list at its position, never the NULL literal, and any
	// other is "Incorrect argument type" (DATEVALUE, HTMLENCODE, REGEX).
	strict bool
	// arityText, when set, is how Salesforce words the expected number of
	// arguments for the function when none of its signatures fits, such as
	// "2" for FIND, which takes 2 or 3.
	arityText string
	// Contexts lists the kinds of formula the function is available in;
	// none means every kind (see AvailableIn).
	Contexts Contexts
	// takesPicklist marks the functions whose first argument may be a
	// picklist: TEXT, ISPICKVAL, CASE, IN, INCLUDES, ISBLANK, ISNULL and
	// the record functions. Elsewhere a picklist is an error.
	takesPicklist bool
	// check, when set, types and compiles a call itself, for functions whose
	// result type depends on their arguments, such as IF and CASE. Sigs then
	// only document them.
	check implFn
}

// Sig is one signature of a function.
type Sig struct {
	Params []Param
	// Variadic means the last parameter may repeat any number of times,
	// including none when Min allows.
	Variadic bool
	Result   Type
	impl     implFn
}

// Param is a named, typed parameter.
type Param struct {
	Name string
	Type Type
}

// implFn compiles a call whose arguments are already compiled and checked.
type implFn func(c *compiler, call *formula.Call, args []*node) *node

// String renders the signature as NAME(name Type, …) Type.
func (s Sig) String(name string) string {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('(')
	for i, p := range s.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %v", p.Name, p.Type)
		if s.Variadic && i == len(s.Params)-1 {
			b.WriteString("...")
		}
	}
	fmt.Fprintf(&b, ") %v", s.Result)
	return b.String()
}

// library is the function table, built once from the per-category lists.
var library = sync.OnceValue(func() map[string]*Func {
	m := map[string]*Func{}
	for _, list := range [][]*Func{logicalFuncs(), textFuncs(), mathFuncs(), dateFuncs(), credentialFuncs(), miscFuncs(), recordFuncs()} {
		for _, f := range list {
			if _, dup := m[f.Name]; dup {
				panic("eval: function declared twice: " + f.Name)
			}
			m[f.Name] = f
		}
	}
	return m
})

// Selects reports whether the function's result is one of its arguments,
// unchanged, as for IF, CASE, IFS, BLANKVALUE and NULLVALUE.
func (f *Func) Selects() bool { return f.choices != nil }

// LookupFunc returns the function of that name, ignoring case. It is a
// copy: changing it changes nothing the compiler uses.
func LookupFunc(name string) (*Func, bool) {
	f, ok := lookupFunc(name)
	if !ok {
		return nil, false
	}
	return f.clone(), true
}

// lookupFunc returns the library's own function of that name, for the
// compiler, which never changes it.
func lookupFunc(name string) (*Func, bool) {
	f, ok := library()[strings.ToUpper(name)]
	return f, ok
}

// clone copies f with its signatures, so that no caller can change the
// library the whole process compiles with.
func (f *Func) clone() *Func {
	c := *f
	c.Sigs = make([]Sig, len(f.Sigs))
	for i, s := range f.Sigs {
		s.Params = slices.Clone(s.Params)
		c.Sigs[i] = s
	}
	return &c
}

// Functions returns a copy of every function, sorted by name.
func Functions() []*Func {
	lib := library()
	out := make([]*Func, 0, len(lib))
	for _, f := range lib {
		out = append(out, f.clone())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// fnName renders a function for Salesforce's messages: function 'IF()'.
func fnName(name string) string { return "function '" + name + "()'" }

// call checks and compiles a function call.
func (c *compiler) call(x *formula.Call) *node {
	f, ok := lookupFunc(x.Name)
	args := make([]*node, len(x.Args))
	bad := false
	for i, a := range x.Args {
		args[i] = c.compile(a)
		bad = bad || args[i].typ == Invalid
	}
	if !ok {
		c.errorf(x.Pos(), "Unknown function %s. Check spelling.", strings.ToUpper(x.Name))
		return invalidNode(x)
	}
	if !f.AvailableIn(c.opts.Context) {
		c.errorf(x.Pos(), "Function %s may not be used in this type of formula", f.Name)
		return invalidNode(x)
	}
	if bad || c.rejectPicklists(f, args) {
		return invalidNode(x)
	}
	var n *node
	if f.check != nil {
		n = f.check(c, x, args)
	} else if sig := c.resolve(f, x, args); sig != nil {
		n = sig.impl(c, x, args)
	}
	if n == nil {
		return invalidNode(x)
	}
	if n.src == nil {
		n.src = x
	}
	for _, a := range args {
		n.secret = n.secret || a.secret
	}
	if (n.typ == Text || n.typ == Blob) && n.konst == nil && !f.Selects() && !slices.Contains(args, n) {
		n = chargedText(x, n)
	}
	if f.Impure {
		return n
	}
	return c.fold(n, args...)
}

// chargedText returns a copy of a function's Text or Blob node whose every
// result is charged to the budget and capped at MaxTextLength, so that no
// function, however it builds its result, escapes the limits. Calls that
// select an argument's text, such as IF, build none and are not wrapped.
func chargedText(x *formula.Call, n *node) *node {
	m := *n
	f, typ, what := n.str, n.typ, fnName(x.Name)
	m.str = func(fr *frame) (string, bool) {
		s, ok := f(fr)
		if !fr.checkText(x, typ, what, s) {
			return "", false
		}
		return s, ok
	}
	return &m
}

// resolve picks the first signature the arguments fit, or reports why none
// does: the wrong number of arguments, or the first argument of a wrong type.
func (c *compiler) resolve(f *Func, x *formula.Call, args []*node) *Sig {
	var fit []*Sig
	for i := range f.Sigs {
		if arityFits(&f.Sigs[i], len(args)) {
			fit = append(fit, &f.Sigs[i])
		}
	}
	if len(fit) == 0 {
		c.arityError(x, f.expectedArity(), len(args))
		return nil
	}
	if f.strict {
		return c.resolveStrict(f, x, args, fit)
	}
	for _, s := range fit {
		if argsFit(s, args) {
			return s
		}
	}
	for i, a := range args {
		var want []Type
		ok := false
		for _, s := range fit {
			t := paramType(s, i)
			ok = ok || assignable(a.typ, t)
			if !typeIn(t, want) {
				want = append(want, t)
			}
		}
		if !ok {
			c.typeError(a, fnName(f.Name), want...)
			return nil
		}
	}
	// Each argument fits some signature, but no one signature fits all:
	// blame the last argument against the first signature.
	s := fit[0]
	for i := len(args) - 1; i >= 0; i-- {
		if !assignable(args[i].typ, paramType(s, i)) {
			c.typeError(args[i], fnName(f.Name), paramType(s, i))
			return nil
		}
	}
	return nil
}

func arityFits(s *Sig, n int) bool {
	if s.Variadic {
		return n >= len(s.Params)-1
	}
	return n == len(s.Params)
}

func paramType(s *Sig, i int) Type {
	if i >= len(s.Params) {
		return s.Params[len(s.Params)-1].Type
	}
	return s.Params[i].Type
}

func argsFit(s *Sig, args []*node) bool {
	for i, a := range args {
		if !assignable(a.typ, paramType(s, i)) {
			return false
		}
	}
	return true
}

// arityError reports a call with the wrong number of arguments.
func (c *compiler) arityError(x *formula.Call, expected string, got int) {
	c.errorf(x.Pos(), "Incorrect number of parameters for %s. Expected %s, received %d", fnName(x.Name), expected, got)
}

// resolveStrict picks the signature whose parameter types are exactly
// those of the arguments, among the signatures that fit their number. An
// argument of a type no signature lists at its position is reported, and
// failing that, the first argument.
func (c *compiler) resolveStrict(f *Func, x *formula.Call, args []*node, fit []*Sig) *Sig {
	for i, a := range args {
		if !slices.ContainsFunc(fit, func(s *Sig) bool { return paramType(s, i) == a.typ }) {
			c.argTypeError(a, fnName(x.Name))
			return nil
		}
	}
next:
	for _, s := range fit {
		for i, a := range args {
			if a.typ != paramType(s, i) {
				continue next
			}
		}
		return s
	}
	c.argTypeError(args[0], fnName(x.Name))
	return nil
}

// expectedArity words the accepted argument counts for an arity error.
func (f *Func) expectedArity() string {
	if f.arityText != "" {
		return f.arityText
	}
	return f.arity()
}

// arity describes the accepted argument counts: 3, 2 or 3, 1 or more.
func (f *Func) arity() string {
	counts := map[int]bool{}
	minVariadic := -1
	for _, s := range f.Sigs {
		if s.Variadic {
			m := len(s.Params) - 1
			if minVariadic < 0 || m < minVariadic {
				minVariadic = m
			}
			continue
		}
		counts[len(s.Params)] = true
	}
	var ns []int
	for n := range counts {
		if minVariadic < 0 || n < minVariadic {
			ns = append(ns, n)
		}
	}
	sort.Ints(ns)
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	if minVariadic >= 0 {
		parts = append(parts, fmt.Sprintf("%d or more", minVariadic))
	}
	switch len(parts) {
	case 0:
		return "0"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}
