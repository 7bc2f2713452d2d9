package eval

import (
	"strings"

	"github.com/credscope/credscope/formula"
)

// Picklists. A picklist field holds one of a list of values, a
// multi-select picklist several, joined by semicolons. Salesforce lets a
// formula read them only through certain functions: TEXT, ISPICKVAL, CASE
// and IN for a picklist (IN as Salesforce's engine takes it, like CASE),
// INCLUDES for a multi-select one, ISBLANK and ISNULL for both, and the
// record functions. Anywhere else, as an operand or as
// the formula's result, a picklist is an error in Salesforce's wording.

// isPicklist reports whether t is one of the picklist types.
func isPicklist(t Type) bool { return t == Picklist || t == MultiPicklist }

// picklistError reports a picklist used where Salesforce does not take one.
func (c *compiler) picklistError(n *node) {
	name := "expression"
	if call, ok := n.src.(*formula.Call); ok && strings.EqualFold(call.Name, "PRIORVALUE") && len(call.Args) == 1 {
		if id, ok := formula.Unparen(call.Args[0]).(*formula.Ident); ok {
			name = id.Name // the field whose prior value it is
		}
	} else if id, ok := n.src.(*formula.Ident); ok {
		name = id.Name
	} else if n.src != nil {
		name = formula.Format(n.src)
	}
	if n.typ == MultiPicklist {
		c.errorf(n.src.Pos(), "Field %s is a multi-select picklist field. Multi-select picklist fields are only supported in certain functions.", name)
		return
	}
	c.errorf(n.src.Pos(), "Field %s is a picklist field. Picklist fields are only supported in certain functions.", name)
}

// rejectPicklists reports each picklist argument of a call to f that f
// does not take, and whether there was one. Functions marked takesPicklist
// take one as their first argument.
func (c *compiler) rejectPicklists(f *Func, args []*node) bool {
	bad := false
	for i, a := range args {
		if isPicklist(a.typ) && (i > 0 || !f.takesPicklist) {
			c.picklistError(a)
			bad = true
		}
	}
	return bad
}

// rejectPicklistOperands reports picklist operands of an operator.
func (c *compiler) rejectPicklistOperands(ns ...*node) bool {
	bad := false
	for _, n := range ns {
		if isPicklist(n.typ) {
			c.picklistError(n)
			bad = true
		}
	}
	return bad
}

// picklistText reads a picklist as the Text of its value, which TEXT,
// ISPICKVAL and CASE compare or return.
func picklistText(n *node) *node {
	m := *n
	m.typ = Text
	return &m
}

// picklistSubject reads args[0], the expression CASE or IN compares with
// the values at the positions given: a picklist as the Text of its value,
// each value then a string literal, as ISPICKVAL takes one; a multi-select
// picklist is an error. It returns nil after an error.
func (c *compiler) picklistSubject(x *formula.Call, args []*node, values []int) *node {
	switch args[0].typ {
	case MultiPicklist:
		c.picklistError(args[0])
		return nil
	case Picklist:
		for _, i := range values {
			if _, ok := formula.Unparen(x.Args[i]).(*formula.StringLit); !ok {
				c.errorf(args[i].src.Pos(), "Incorrect parameter type for %s. Expected Text Literal, received %v", fnName(x.Name), args[i].typ)
				return nil
			}
		}
		return picklistText(args[0])
	}
	return args[0]
}

// textOfPicklist compiles TEXT(picklist): the value's API name.
func textOfPicklist(c *compiler, x *formula.Call, args []*node) *node {
	n := picklistText(args[0])
	n.src = x
	return n
}

// checkIsPickval compiles ISPICKVAL(picklist_field, text_literal): whether
// the field's value is the literal, a blank field matching only "". The
// field is a picklist, or a Text field, since the running user's picklists
// read as Text, or PRIORVALUE of either; any other expression is an error,
// as Salesforce takes only a field there. The literal must be a string
// literal.
func checkIsPickval(c *compiler, x *formula.Call, args []*node) *node {
	if len(args) != 2 {
		c.arityError(x, "2", len(args))
		return nil
	}
	field, what := args[0], fnName(x.Name)
	switch {
	case field.typ == MultiPicklist:
		c.picklistError(field)
		return nil
	case field.typ != Picklist && (field.typ != Text || !isFieldRef(x.Args[0])):
		c.errorf(field.src.Pos(), "Incorrect parameter type for %s. Expected Picklist, received %v", what, field.typ)
		return nil
	}
	if _, ok := formula.Unparen(x.Args[1]).(*formula.StringLit); !ok || args[1].konst == nil {
		c.errorf(args[1].src.Pos(), "Incorrect parameter type for %s. Expected Text Literal, received %v", what, args[1].typ)
		return nil
	}
	want, f := args[1].konst.str, field.str
	return &node{typ: Boolean, src: x, bl: func(fr *frame) (bool, bool) {
		s, _ := f(fr)
		return s == want, true
	}}
}

// isFieldRef reports whether e is a field, or PRIORVALUE of one.
func isFieldRef(e formula.Expr) bool {
	switch e := formula.Unparen(e).(type) {
	case *formula.Ident:
		return true
	case *formula.Call:
		return strings.EqualFold(e.Name, "PRIORVALUE") && len(e.Args) == 1 && isFieldRef(e.Args[0])
	}
	return false
}

// includesImpl compiles INCLUDES(multiselect_picklist_field, text_literal):
// whether one of the values selected is the literal, which must be a
// non-blank string literal.
func includesImpl(c *compiler, x *formula.Call, args []*node) *node {
	sl, ok := formula.Unparen(x.Args[1]).(*formula.StringLit)
	if !ok || strings.TrimSpace(sl.Value) == "" {
		c.errorf(args[1].src.Pos(), "Incorrect parameter type for %s. Expected Text Literal, received %v", fnName(x.Name), args[1].typ)
		return nil
	}
	want, f := sl.Value, args[0].str
	return &node{typ: Boolean, src: x, bl: func(fr *frame) (bool, bool) {
		s, _ := f(fr)
		for s != "" {
			var v string
			v, s, _ = strings.Cut(s, ";")
			if v == want {
				return true, true
			}
		}
		return false, true
	}}
}
