package eval

import (
	"strings"

	"github.com/credscope/credscope/formula"
)

func p(name string, t Type) Param { return Param{Name: name, Type: t} }

// logicalFuncs declares IF, CASE, AND, OR, NOT and the null tests.
func logicalFuncs() []*Func {
	return []*Func{
		{
			Name: "IF", Category: "Logical",
			Doc:     "Returns value_if_true when the test is TRUE, otherwise value_if_false; a null test counts as FALSE. Only the chosen value is evaluated.",
			Example: `IF(CONTAINS("Sales Ops", "Sales"), "session:role:Sales", "")`, Want: `"session:role:Sales"`,
			Sigs:    []Sig{{Params: []Param{p("logical_test", Boolean), p("value_if_true", Any), p("value_if_false", Any)}, Result: Any}},
			check:   checkIf,
			choices: func(int) []int { return []int{1, 2} },
		},
		{
			Name: "CASE", Category: "Logical",
			Doc:     "Compares an expression with each value in turn and returns the result paired with the first equal one, or else_result. On a picklist field the values must be string literals, compared with its value; a multi-select picklist is refused. Every argument is evaluated, so an error in any fails it.",
			Example: `CASE("Service", "Sales", 1, "Service", 2, 0)`, Want: "2",
			Sigs:          []Sig{{Params: []Param{p("expression", Any), p("value1", Any), p("result1", Any), p("else_result", Any)}, Variadic: true, Result: Any}},
			check:         checkCase,
			choices:       caseChoices,
			takesPicklist: true,
		},
		{
			Name: "AND", Category: "Logical",
			Doc:     "Returns TRUE when every argument is TRUE; a null argument makes it FALSE.",
			Example: `AND(TRUE, 1 < 2)`, Want: "true",
			Sigs: []Sig{{Params: []Param{p("logical", Boolean)}, Variadic: true, Result: Boolean,
				impl: func(c *compiler, x *formula.Call, args []*node) *node { return c.logical(x, true, args) }}},
		},
		{
			Name: "OR", Category: "Logical",
			Doc:     "Returns TRUE when any argument is TRUE; null arguments are skipped.",
			Example: `OR(FALSE, 1 < 2)`, Want: "true",
			Sigs: []Sig{{Params: []Param{p("logical", Boolean)}, Variadic: true, Result: Boolean,
				impl: func(c *compiler, x *formula.Call, args []*node) *node { return c.logical(x, false, args) }}},
		},
		{
			Name: "ISBLANK", Category: "Logical",
			Doc:     "Returns TRUE when the expression has no value: a null, or empty text.",
			Example: `ISBLANK("")`, Want: "true",
			Sigs:          []Sig{{Params: []Param{p("expression", Any)}, Result: Boolean, impl: isBlankImpl(false)}},
			takesPicklist: true,
		},
		{
			Name: "ISNULL", Category: "Logical",
			Doc:     "Returns TRUE when the expression is null. Text is never null, only blank, so ISNULL of text is FALSE; use ISBLANK. A picklist field without a value is null.",
			Example: `ISNULL(NULL)`, Want: "true",
			Sigs:          []Sig{{Params: []Param{p("expression", Any)}, Result: Boolean, impl: isBlankImpl(true)}},
			takesPicklist: true,
		},
		{
			Name: "BLANKVALUE", Category: "Logical",
			Doc:     "Returns the expression, or substitute_expression when the expression is blank. Both are evaluated unless the expression can never be null.",
			Example: `BLANKVALUE("", "none")`, Want: `"none"`,
			Sigs:    []Sig{{Params: []Param{p("expression", Any), p("substitute_expression", Any)}, Result: Any}},
			check:   checkBlankValue(false),
			choices: func(int) []int { return []int{0, 1} },
		},
		{
			Name: "NULLVALUE", Category: "Logical",
			Doc:     "Returns the expression, or substitute_expression when the expression is null. Both are evaluated unless the expression can never be null.",
			Example: `NULLVALUE(NULL, 5)`, Want: "5",
			Sigs:    []Sig{{Params: []Param{p("expression", Any), p("substitute_expression", Any)}, Result: Any}},
			check:   checkBlankValue(true),
			choices: func(int) []int { return []int{0, 1} },
		},
		{
			Name: "IFERROR", Category: "Logical",
			Doc:     "Returns value, or value_if_error when evaluating value fails, for example on an invalid date.",
			Example: `IFERROR(DATEVALUE("not a date"), DATE(2026, 1, 1))`, Want: "2026-01-01",
			Sigs:  []Sig{{Params: []Param{p("value", Any), p("value_if_error", Any)}, Result: Any}},
			check: checkIfError,
		},
	}
}

func checkIf(c *compiler, x *formula.Call, args []*node) *node {
	if len(args) != 3 {
		c.arityError(x, "3", len(args))
		return nil
	}
	if args[0].typ != Boolean { // a NULL literal test is rejected too
		c.typeError(args[0], fnName(x.Name), Boolean)
		return nil
	}
	t, ok := c.unifyBranches(fnName(x.Name), args[1:])
	if !ok {
		return nil
	}
	if args[0].konst != nil { // a constant test: keep only the chosen branch
		if args[0].konst.valid && args[0].konst.b {
			return retype(args[1], t)
		}
		return retype(args[2], t)
	}
	n := ifNode(t, x, args[0].bl, args[1], args[2])
	if c.nodes != nil {
		cond := args[0].bl
		n.pick = func(fr *frame) int {
			if v, ok := cond(fr); v && ok {
				return 1
			}
			return 2
		}
	}
	return n
}

// caseChoices returns the result arguments of a CASE call with n
// arguments: every other one from the third, and the last.
func caseChoices(n int) []int {
	var out []int
	for i := 2; i < n-1; i += 2 {
		out = append(out, i)
	}
	return append(out, n-1)
}

// retype gives a NULL node the type of the expression it stands in.
func retype(n *node, t Type) *node {
	if n.typ == Null && t != Null {
		m := nullNode(n.src, t)
		return m
	}
	return n
}

func checkCase(c *compiler, x *formula.Call, args []*node) *node {
	if len(args) < 4 || len(args)%2 != 0 {
		c.arityError(x, "4 or more (an even number)", len(args))
		return nil
	}
	for _, a := range args {
		if a.typ == Boolean || a.typ == Geolocation {
			c.argTypeError(a, fnName(x.Name))
			return nil
		}
	}
	var results, values []*node
	var at []int
	for i := 1; i+1 < len(args); i += 2 {
		values = append(values, args[i])
		results = append(results, args[i+1])
		at = append(at, i)
	}
	subject := c.picklistSubject(x, args, at)
	if subject == nil {
		return nil
	}
	results = append(results, args[len(args)-1])
	st := subject.typ
	for _, v := range values {
		if st == Null {
			st = v.typ
		}
		if !assignable(v.typ, st) {
			c.typeError(v, fnName(x.Name), st)
			return nil
		}
	}
	t, ok := c.unifyBranches(fnName(x.Name), results)
	if !ok {
		return nil
	}
	eq := c.caseMatcher(x, st, subject, values)
	if eq == nil {
		return nil
	}
	// Salesforce evaluates every argument of CASE before it matches, so an
	// error in a value or a result that is not chosen still fails it.
	pick := eq
	if touch := c.touchers(args[1:]); touch != nil {
		pick = func(fr *frame) int {
			i := eq(fr)
			for j, f := range touch {
				if f != nil && j != 2*i+1 && !(i == len(values) && j == len(args)-2) {
					f(fr)
				}
			}
			return i
		}
	}
	n := choose(t, x, pick, results)
	if c.nodes != nil {
		choices := caseChoices(len(args))
		n.pick = func(fr *frame) int { return choices[eq(fr)] }
	}
	return n
}

// touchers returns, for each node that can fail, a function that evaluates
// it for its errors alone, and nil for constants and field reads, which
// cannot. It returns nil when no node can fail.
func (c *compiler) touchers(ns []*node) []func(*frame) bool {
	out := make([]func(*frame) bool, len(ns))
	some := false
	for i, n := range ns {
		if n.mayFail() {
			out[i], some = c.valid(n), true
		}
	}
	if !some {
		return nil
	}
	return out
}

// caseMatcher returns a function that picks the index of the first value
// equal to the subject, or the else result's index.
func (c *compiler) caseMatcher(x *formula.Call, t Type, subject *node, values []*node) func(*frame) int {
	elseIdx := len(values)
	switch t {
	case Text, Null:
		// Constant text values match through a map when there are many.
		if m, ok := constTextIndex(values); ok && len(values) > 4 {
			f := subject.str
			return func(fr *frame) int {
				s, _ := f(fr)
				if i, ok := m[s]; ok {
					return i
				}
				return elseIdx
			}
		}
		f := subject.str
		fns := make([]strFn, len(values))
		for i, v := range values {
			fns[i] = v.str
		}
		return func(fr *frame) int {
			s, _ := f(fr)
			for i, g := range fns {
				if v, _ := g(fr); v == s {
					return i
				}
			}
			return elseIdx
		}
	case Number:
		a, b := c.decSlot(), c.decSlot()
		f := subject.num
		fns := make([]numFn, len(values))
		for i, v := range values {
			fns[i] = v.num
		}
		return func(fr *frame) int {
			d := &fr.dec[a]
			if !f(fr, d) {
				return elseIdx
			}
			e := &fr.dec[b]
			for i, g := range fns {
				if g(fr, e) && d.Cmp(e) == 0 {
					return i
				}
			}
			return elseIdx
		}
	case Boolean:
		return matchComparable(subject.bl, values, func(n *node) boolFn { return n.bl }, elseIdx)
	case Date, DateTime, Time:
		return matchComparable(subject.i64, values, func(n *node) intFn { return n.i64 }, elseIdx)
	}
	c.typeError(subject, fnName(x.Name), Text, Number, Boolean, Date, DateTime, Time)
	return nil
}

// matchComparable picks the first value equal to the subject; a null on
// either side never matches.
func matchComparable[T comparable, F ~func(*frame) (T, bool)](subject F, values []*node, fn func(*node) F, elseIdx int) func(*frame) int {
	fns := make([]F, len(values))
	for i, v := range values {
		fns[i] = fn(v)
	}
	return func(fr *frame) int {
		s, ok := subject(fr)
		if !ok {
			return elseIdx
		}
		for i, g := range fns {
			if v, ok := g(fr); ok && v == s {
				return i
			}
		}
		return elseIdx
	}
}

// constTextIndex maps each constant text value to its first index.
func constTextIndex(values []*node) (map[string]int, bool) {
	m := make(map[string]int, len(values))
	for i, v := range values {
		if v.konst == nil || (v.konst.typ != Text && v.konst.typ != Null) {
			return nil, false
		}
		if _, dup := m[v.konst.str]; !dup {
			m[v.konst.str] = i
		}
	}
	return m, true
}

// isBlankImpl compiles ISBLANK, or ISNULL when nullOnly is set: ISNULL of
// text is always FALSE, as text is never null, only blank; a picklist
// with no value is null, as Salesforce's engine tests it.
func isBlankImpl(nullOnly bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		a := args[0]
		if a.typ == Boolean {
			c.argTypeError(a, fnName(x.Name))
			return nil
		}
		n := &node{typ: Boolean, src: x}
		if nullOnly && a.typ == Text {
			return constNode(x, BoolValue(false))
		}
		probe := c.valid(a)
		n.bl = func(fr *frame) (bool, bool) { return !probe(fr), true }
		return n
	}
}

// valid returns a function that evaluates n and reports whether it has a
// value (for text: a non-empty one).
func (c *compiler) valid(n *node) func(*frame) bool {
	switch n.typ {
	case Text, Blob, Picklist, MultiPicklist:
		f := n.str
		return func(fr *frame) bool { s, ok := f(fr); return ok && s != "" }
	case Number:
		f, slot := n.num, c.decSlot()
		return func(fr *frame) bool { return f(fr, &fr.dec[slot]) }
	case Boolean:
		f := n.bl
		return func(fr *frame) bool { _, ok := f(fr); return ok }
	case Date, DateTime, Time:
		f := n.i64
		return func(fr *frame) bool { _, ok := f(fr); return ok }
	case Geolocation:
		f := n.geo
		return func(fr *frame) bool { _, ok := f(fr); return ok }
	}
	return func(*frame) bool { return false }
}

// checkBlankValue compiles BLANKVALUE and NULLVALUE, which both substitute
// for a null or blank text. Salesforce's engine evaluates the substitute
// even when it is not used, so an error in it fails the call, unless its
// optimiser proves that the expression is never null (see neverNull): the
// call is then the expression alone.
func checkBlankValue(nullOnly bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		if args[0].typ == Boolean || args[0].typ == Geolocation {
			c.argTypeError(args[0], fnName(x.Name))
			return nil
		}
		t, ok := c.unifyBranches(fnName(x.Name), args)
		if !ok {
			return nil
		}
		blankText := func(v *Value) bool { return v.typ == Text && v.str == "" }
		if v := args[0].konst; v != nil && v.valid && !(blankText(v) && !nullOnly) ||
			v == nil && c.neverNull(x.Args[0]) {
			return retype(args[0], t)
		}
		touch := c.touchers(args[1:])
		if nullOnly && (args[0].typ == Text || args[1].typ == Text) {
			// Text is never null, so NULLVALUE leaves it as it is.
			if touch == nil {
				return retype(args[0], t)
			}
			first := func(fr *frame) int { touch[0](fr); return 0 }
			n := choose(t, x, first, args)
			if c.nodes != nil {
				n.pick = first
			}
			return n
		}
		probe := c.valid(args[0])
		pick := func(fr *frame) int {
			if probe(fr) {
				if touch != nil {
					touch[0](fr)
				}
				return 0
			}
			return 1
		}
		n := choose(t, x, pick, args)
		if c.nodes != nil {
			n.pick = pick
		}
		return n
	}
}

// neverNull reports whether the engine's optimiser proves x never null: a
// literal other than NULL, a number field read as zero when blank, an
// operation or call all of whose operands are so, or NULLVALUE of one. A checkbox field is not:
// the engine evaluates the substitute of BLANKVALUE(IF(Flag__c, 1, 2), …).
func (c *compiler) neverNull(x formula.Expr) bool {
	switch e := x.(type) {
	case *formula.NullLit:
		return false
	case *formula.NumberLit, *formula.StringLit, *formula.BoolLit:
		return true
	case *formula.Ident:
		f, ok := c.schema.Lookup(e.Name)
		return ok && f.Type == Number && !c.opts.BlankAsBlank
	case *formula.Paren:
		return c.neverNull(e.X)
	case *formula.Unary:
		return c.neverNull(e.X)
	case *formula.Binary:
		return c.neverNull(e.X) && c.neverNull(e.Y)
	case *formula.Call:
		if len(e.Args) == 2 && strings.EqualFold(e.Name, "NULLVALUE") {
			// NULLVALUE is null only when both its arguments are; not so
			// BLANKVALUE, which the optimiser takes as any other call.
			return c.neverNull(e.Args[0]) || c.neverNull(e.Args[1])
		}
		if len(e.Args) == 3 && strings.EqualFold(e.Name, "IF") {
			// The optimiser folds IF of a constant to its chosen branch first.
			if b, ok := constBool(e.Args[0]); ok {
				if b {
					return c.neverNull(e.Args[1])
				}
				return c.neverNull(e.Args[2])
			}
		}
		for _, a := range e.Args {
			if !c.neverNull(a) {
				return false
			}
		}
		return true
	}
	return false
}

// constBool reports the constant to which the engine's optimiser folds a
// condition, if it folds it: TRUE or FALSE, or an OR or AND (|| or &&)
// whose arguments, folded first, are FALSE (for OR) or TRUE (for AND) up
// to one that is TRUE (OR) or FALSE (AND), which it folds to.
func constBool(x formula.Expr) (value, ok bool) {
	switch e := x.(type) {
	case *formula.BoolLit:
		return e.Value, true
	case *formula.Paren:
		return constBool(e.X)
	case *formula.Binary:
		if e.Op == formula.OpOr || e.Op == formula.OpAnd {
			return foldLogical([]formula.Expr{e.X, e.Y}, e.Op == formula.OpOr)
		}
	case *formula.Call:
		if strings.EqualFold(e.Name, "OR") || strings.EqualFold(e.Name, "AND") {
			return foldLogical(e.Args, strings.EqualFold(e.Name, "OR"))
		}
	}
	return false, false
}

// foldLogical folds the arguments of OR (or) or AND as constBool does.
func foldLogical(args []formula.Expr, or bool) (value, ok bool) {
	for _, a := range args {
		v, ok := constBool(a)
		if !ok {
			return false, false
		}
		if v == or {
			return v, true
		}
	}
	return false, false
}

// checkIfError compiles IFERROR: the first argument's value, or the second's
// when evaluating the first fails.
func checkIfError(c *compiler, x *formula.Call, args []*node) *node {
	t, ok := c.unifyBranches(fnName(x.Name), args)
	if !ok {
		return nil
	}
	val, alt := retype(args[0], t), retype(args[1], t)
	return valueNode(t, x, func(fr *frame) Value {
		saved := fr.err
		fr.err = nil
		v := val.value(fr)
		failed := fr.err != nil
		fr.err = saved
		if failed {
			return alt.value(fr)
		}
		return v
	})
}
