package scope

import (
	"fmt"
	"strings"

	"github.com/credscope/credscope/eval"
)

// The oracle of FuzzScopeGuard: formulas generated as trees that remember
// how each node's characters relate to its children's, and a reference
// interpreter that marks derived characters on those trees. It uses eval
// for values only, never eval's provenance.

// refKind says how a node's characters relate to its children's.
type refKind uint8

const (
	refStatic   refKind = iota // static template text
	refLit                     // a literal
	refField                   // a merge field: all its characters are data
	refClock                   // NOW() or TODAY(): data too
	refJoin                    // & or +: the children's characters, in order
	refSelect                  // IF, CASE…: the characters of the child selector names
	refCompute                 // any other call: all data if any child touches data
	refTemplate                // a template: its segments in order
)

// refNode is a generated expression or template.
type refNode struct {
	src  string
	typ  eval.Type
	kind refKind
	kids []*refNode
	// For refSelect: selector is a Number formula whose value n names the
	// child choices[n-1].
	selector string
	choices  []int
}

// generator builds formulas from fuzz bytes.
type generator struct {
	data  []byte
	i     int
	nodes int
}

func (g *generator) next(n int) int {
	if g.i >= len(g.data) {
		return 0
	}
	b := int(g.data[g.i])
	g.i++
	return b % n
}

// leaf reports whether the tree should stop growing here.
func (g *generator) leaf(depth int) bool {
	g.nodes++
	return depth >= 4 || g.nodes > 24 || g.i >= len(g.data)
}

var (
	refLits       = []string{"read", "a b", " ", "", "+", "x-y", "role:", "admin:all", "Sales", `{"t":"u v"}`, "t", "é", "1"}
	refStatics    = []string{"", "read ", " write", "a:", "b c "}
	refTextFields = []string{"$User.Department", "$User.Title", "$User.Json__c"}
	refPatterns   = []string{"[A-Za-z]+", "[a-z ]+", ".*", "[0-9]+"}
)

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func lit(s string, t eval.Type) *refNode { return &refNode{src: s, typ: t, kind: refLit} }

func call(t eval.Type, kind refKind, name string, kids ...*refNode) *refNode {
	srcs := make([]string, len(kids))
	for i, k := range kids {
		srcs[i] = k.src
	}
	return &refNode{src: name + "(" + strings.Join(srcs, ", ") + ")", typ: t, kind: kind, kids: kids}
}

// template generates a scope field: one formula, or text around one.
func (g *generator) template() *refNode {
	if g.next(3) == 0 {
		e := g.text(0)
		return &refNode{src: "{!" + e.src + "}", typ: eval.Text, kind: refTemplate, kids: []*refNode{e}}
	}
	pre := &refNode{src: refStatics[g.next(len(refStatics))], kind: refStatic}
	var e *refNode
	switch g.next(5) {
	case 0:
		e = g.number(1)
	case 1:
		e = g.date(1)
	case 2:
		e = g.dateTime(1)
	default:
		e = g.text(1)
	}
	post := &refNode{src: refStatics[g.next(len(refStatics))], kind: refStatic}
	return &refNode{src: pre.src + "{!" + e.src + "}" + post.src, typ: eval.Text, kind: refTemplate, kids: []*refNode{pre, e, post}}
}

func (g *generator) text(depth int) *refNode {
	if g.leaf(depth) {
		if g.next(2) == 0 {
			return lit(quote(refLits[g.next(len(refLits))]), eval.Text)
		}
		return &refNode{src: refTextFields[g.next(len(refTextFields))], typ: eval.Text, kind: refField}
	}
	d := depth + 1
	T := eval.Text
	switch g.next(24) {
	case 0, 1:
		a, b := g.text(d), g.text(d)
		op := []string{" & ", " + "}[g.next(2)]
		return &refNode{src: "(" + a.src + op + b.src + ")", typ: T, kind: refJoin, kids: []*refNode{a, b}}
	case 2:
		n := call(T, refSelect, "IF", g.boolean(d), g.text(d), g.text(d))
		n.selector, n.choices = "IF("+n.kids[0].src+", 1, 2)", []int{1, 2}
		return n
	case 3:
		f := &refNode{src: refTextFields[g.next(len(refTextFields))], typ: T, kind: refField}
		k1, k2 := lit(quote(refLits[g.next(3)]), T), lit(quote(refLits[4+g.next(5)]), T)
		n := call(T, refSelect, "CASE", f, k1, g.text(d), k2, g.text(d), g.text(d))
		n.selector, n.choices = fmt.Sprintf("CASE(%s, %s, 1, %s, 2, 3)", f.src, k1.src, k2.src), []int{2, 4, 5}
		return n
	case 4:
		n := call(T, refSelect, "IFS", g.boolean(d), g.text(d), g.boolean(d), g.text(d), g.text(d))
		n.selector, n.choices = fmt.Sprintf("IFS(%s, 1, %s, 2, 3)", n.kids[0].src, n.kids[2].src), []int{1, 3, 4}
		return n
	case 5:
		n := call(T, refSelect, "BLANKVALUE", g.text(d), g.text(d))
		n.selector, n.choices = sentinelSelector(n), []int{0, 1}
		return n
	case 6:
		n := call(T, refSelect, "NULLVALUE", g.text(d), g.text(d))
		n.selector, n.choices = sentinelSelector(n), []int{0, 1}
		return n
	case 7:
		return call(T, refCompute, []string{"UPPER", "LOWER", "TRIM", "URLENCODE"}[g.next(4)], g.text(d))
	case 8:
		return call(T, refCompute, []string{"LEFT", "RIGHT", "LPAD", "RPAD"}[g.next(4)], g.text(d), g.number(d))
	case 9:
		return call(T, refCompute, []string{"LPAD", "RPAD", "MID"}[g.next(2)], g.text(d), g.number(d), g.text(d))
	case 10:
		return call(T, refCompute, "MID", g.text(d), g.number(d), g.number(d))
	case 11, 12:
		return call(T, refCompute, "SUBSTITUTE", g.text(d), g.text(d), g.text(d))
	case 13:
		return call(T, refCompute, "JSONVALUE", g.text(d), lit(quote("t"), T))
	case 14:
		return call(T, refCompute, "HEX", call(eval.Blob, refCompute, "BLOB", g.text(d)))
	case 15:
		return call(T, refCompute, "TEXT", g.number(d))
	case 16:
		return call(T, refCompute, "TEXT", g.date(d))
	case 17, 18:
		return call(T, refCompute, "TEXT", g.dateTime(d))
	}
	return g.text(depth + 2)
}

// sentinelSelector tells which argument BLANKVALUE or NULLVALUE yields by
// running the call with a sentinel for the second: the engine may yield
// the first without testing it, as Salesforce's optimiser does.
func sentinelSelector(n *refNode) string {
	const sentinel = "\"\ue000sentinel\ue000\"" // private-use characters
	name := n.src[:strings.IndexByte(n.src, '(')]
	return fmt.Sprintf("IF(%s(%s, %s) = %s, 2, 1)", name, n.kids[0].src, sentinel, sentinel)
}

func (g *generator) number(depth int) *refNode {
	N := eval.Number
	if g.leaf(depth) {
		if g.next(2) == 0 {
			return lit([]string{"0", "1", "3", "8", "-1", "2.5", "12"}[g.next(7)], N)
		}
		return &refNode{src: "$User.Level__c", typ: N, kind: refField}
	}
	d := depth + 1
	switch g.next(4) {
	case 0:
		return call(N, refCompute, "LEN", g.text(d))
	case 1:
		a, b := g.number(d), g.number(d)
		return &refNode{src: "(" + a.src + " + " + b.src + ")", typ: N, kind: refCompute, kids: []*refNode{a, b}}
	case 2:
		n := call(N, refSelect, "IF", g.boolean(d), g.number(d), g.number(d))
		n.selector, n.choices = "IF("+n.kids[0].src+", 1, 2)", []int{1, 2}
		return n
	}
	return call(N, refCompute, "YEAR", g.date(d))
}

func (g *generator) date(depth int) *refNode {
	D := eval.Date
	if g.leaf(depth) {
		return &refNode{src: "$User.Hired__c", typ: D, kind: refField}
	}
	switch g.next(3) {
	case 0:
		return call(D, refCompute, "DATEVALUE", g.text(depth+1))
	case 1:
		return &refNode{src: "TODAY()", typ: D, kind: refClock}
	}
	return call(D, refCompute, "DATEVALUE", g.dateTime(depth+1))
}

func (g *generator) dateTime(depth int) *refNode {
	DT := eval.DateTime
	if g.leaf(depth) {
		return &refNode{src: "$User.LastLoginDate", typ: DT, kind: refField}
	}
	if g.next(2) == 0 {
		return &refNode{src: "NOW()", typ: DT, kind: refClock}
	}
	return call(DT, refCompute, "DATETIMEVALUE", g.text(depth+1))
}

func (g *generator) boolean(depth int) *refNode {
	B := eval.Boolean
	d := depth + 1
	switch g.next(4) {
	case 0:
		a, b := g.text(d), g.text(d)
		return &refNode{src: "(" + a.src + " = " + b.src + ")", typ: B, kind: refCompute, kids: []*refNode{a, b}}
	case 1:
		return call(B, refCompute, "ISBLANK", g.text(d))
	case 2:
		return call(B, refCompute, "CONTAINS", g.text(d), g.text(d))
	}
	f := &refNode{src: refTextFields[g.next(len(refTextFields))], typ: eval.Text, kind: refField}
	return call(B, refCompute, "REGEX", f, lit(quote(refPatterns[g.next(len(refPatterns))]), eval.Text))
}

// reference evaluates generated trees, marking derived characters.
type reference struct {
	schema *eval.Schema
	vals   *eval.Values
	env    eval.Env
}

// refText is a text with a mark on each byte that derives from data, and
// whether any data went into it at all.
type refText struct {
	text    string
	mask    []bool
	touched bool
}

func (r *reference) value(src string) (eval.Value, error) {
	prog, err := eval.Compile(src, r.schema, eval.Options{})
	if err != nil {
		return eval.Value{}, err
	}
	return prog.Eval(r.vals, r.env)
}

// whole is text whose bytes are all marked, or none.
func whole(s string, touched bool) refText {
	m := make([]bool, len(s))
	for i := range m {
		m[i] = touched
	}
	return refText{text: s, mask: m, touched: touched}
}

func (r *reference) text(n *refNode) (refText, error) {
	switch n.kind {
	case refStatic:
		return whole(n.src, false), nil
	case refJoin, refTemplate:
		var out refText
		for _, k := range n.kids {
			var t refText
			var err error
			if k.typ == eval.Text || k.kind == refStatic {
				t, err = r.text(k)
			} else {
				// A template prints a non-text segment as TEXT() does.
				t, err = r.computed("TEXT("+k.src+")", k)
			}
			if err != nil {
				return refText{}, err
			}
			out.text += t.text
			out.mask = append(out.mask, t.mask...)
			out.touched = out.touched || t.touched
		}
		return out, nil
	case refSelect:
		k, err := r.chosen(n)
		if err != nil {
			return refText{}, err
		}
		return r.text(k)
	}
	return r.computed(n.src, n)
}

// computed evaluates src, whose characters all derive from data when any
// of n's does.
func (r *reference) computed(src string, n *refNode) (refText, error) {
	touched, err := r.touched(n)
	if err != nil {
		return refText{}, err
	}
	v, err := r.value(src)
	if err != nil {
		return refText{}, err
	}
	return whole(v.Text(), touched), nil
}

func (r *reference) chosen(n *refNode) (*refNode, error) {
	v, err := r.value(n.selector)
	if err != nil {
		return nil, err
	}
	i, err := v.Decimal().Int64()
	if err != nil || i < 1 || int(i) > len(n.choices) {
		return nil, fmt.Errorf("selector %s gave %v", n.selector, v)
	}
	return n.kids[n.choices[i-1]], nil
}

// touched reports whether any data goes into n's value.
func (r *reference) touched(n *refNode) (bool, error) {
	switch n.kind {
	case refStatic, refLit:
		return false, nil
	case refField, refClock:
		return true, nil
	case refSelect:
		k, err := r.chosen(n)
		if err != nil {
			return false, err
		}
		return r.touched(k)
	}
	for _, k := range n.kids {
		if t, err := r.touched(k); err != nil || t {
			return t, err
		}
	}
	return false, nil
}
