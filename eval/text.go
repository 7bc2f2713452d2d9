package eval

import (
	"strings"

	"github.com/credscope/credscope/formula"
)

// textFuncs declares the text functions.
func textFuncs() []*Func {
	return []*Func{
		{
			Name: "CONTAINS", Category: "Text",
			Doc:     "Returns TRUE when text contains compare_text, case-sensitively. An empty compare_text is always contained.",
			Example: `CONTAINS("Customer Service", "Service")`, Want: "true",
			Sigs: []Sig{{Params: []Param{p("text", Text), p("compare_text", Text)}, Result: Boolean,
				impl: textPredicate(strings.Contains)}},
		},
		{
			Name: "BEGINS", Category: "Text",
			Doc:     "Returns TRUE when text begins with compare_text, case-sensitively.",
			Example: `BEGINS("Sales Ops", "Sales")`, Want: "true",
			Sigs: []Sig{{Params: []Param{p("text", Text), p("compare_text", Text)}, Result: Boolean,
				impl: textPredicate(strings.HasPrefix)}},
		},
	}
}

// textPredicate compiles CONTAINS and BEGINS: a blank compare_text gives
// TRUE; otherwise a blank text gives null.
func textPredicate(test func(s, sub string) bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		fs, fsub := args[0].str, args[1].str
		return &node{typ: Boolean, src: x, bl: func(fr *frame) (bool, bool) {
			sub, ok := fsub(fr)
			if !ok || sub == "" {
				return true, true
			}
			s, ok := fs(fr)
			if !ok {
				return false, false
			}
			return test(s, sub), true
		}}
	}
}

// toText converts n to Text as TEXT() and template segments do.
func (c *compiler) toText(n *node) *node {
	if n.typ == Text || n.typ == Null || n.typ == Invalid {
		return n
	}
	src := n.src
	return c.fold(valueNode(Text, src, func(fr *frame) Value {
		v := n.value(fr)
		if !v.valid {
			return NullOf(Text)
		}
		return TextValue(textOf(v))
	}), n)
}

// textOf renders a non-null value as TEXT() does.
func textOf(v Value) string {
	if v.typ == Number {
		return formatNumberText(&v.num)
	}
	return v.text()
}
