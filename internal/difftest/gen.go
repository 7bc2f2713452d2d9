package difftest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/credscope/credscope/eval"
)

// Generator writes random, well-typed cases. It is deterministic for a
// seed, and not safe for concurrent use.
type Generator struct {
	rnd    *rand.Rand
	prods  map[eval.Type][]production
	ops    map[eval.Type][]op
	fields []Field // of the case being generated
	// MaxDepth bounds the nesting of calls and operators; 4 when zero.
	MaxDepth int
}

// NewGenerator returns a generator seeded with seed.
func NewGenerator(seed uint64) *Generator {
	g := &Generator{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), ops: map[eval.Type][]op{}}
	g.prods, _ = productions()
	for _, o := range operators() {
		g.ops[o.result] = append(g.ops[o.result], o)
	}
	return g
}

// Functions returns the names of the functions the generator calls.
func Functions() []string {
	_, names := productions()
	return names
}

// Case returns the next random case.
func (g *Generator) Case() *Case {
	g.fields = nil
	t := generated[g.rnd.IntN(len(generated))]
	root := g.expr(t, 0)
	c := &Case{Formula: root.String(), Expr: root, Type: t, BlankAsBlank: g.rnd.IntN(2) == 0, Fields: g.fields}
	return c
}

func (g *Generator) maxDepth() int {
	if g.MaxDepth <= 0 {
		return 4
	}
	return g.MaxDepth
}

// expr returns an expression of type t at nesting depth.
func (g *Generator) expr(t eval.Type, depth int) *Expr {
	if slices.Contains(picklists, t) {
		return &Expr{Kind: Ref, Src: g.field(t), Type: t}
	}
	if depth >= g.maxDepth() || g.rnd.Float64() < 0.1+0.25*float64(depth) {
		return g.leaf(t)
	}
	prods, ops := g.prods[t], g.ops[t]
	switch r := g.rnd.IntN(10); {
	case r < 2:
		if e := g.poly(t, depth); e != nil {
			return e
		}
	case r < 4 && len(ops) > 0:
		o := ops[g.rnd.IntN(len(ops))]
		e := &Expr{Kind: Binary, Src: o.sym, Type: t, Bare: g.rnd.IntN(5) == 0}
		if o.right == eval.Invalid {
			e.Kind = Unary
			e.Args = []*Expr{g.expr(o.left, depth+1)}
		} else {
			e.Args = []*Expr{g.expr(o.left, depth+1), g.expr(o.right, depth+1)}
		}
		return e
	}
	if len(prods) == 0 {
		return g.leaf(t)
	}
	p := prods[g.rnd.IntN(len(prods))]
	n := len(p.params)
	if p.variadic {
		n = max(n, 1) + g.rnd.IntN(3)
	}
	e := &Expr{Kind: Call, Src: p.name, Type: t}
	for i := range n {
		j := min(i, len(p.params)-1)
		e.Args = append(e.Args, g.arg(p.names[j], p.params[j], depth+1))
	}
	return e
}

// arg returns an argument for a parameter: a literal from the parameter's
// own pool where it takes one (a locale, a pattern), else any expression.
func (g *Generator) arg(name string, t eval.Type, depth int) *Expr {
	if name == "text_literal" { // ISPICKVAL's, which takes nothing else
		return g.picklistLiteral()
	}
	pool := map[string][]string{"locale": locales, "regex_text": regexes, "pattern": likePatterns}[name]
	if pool != nil && g.rnd.IntN(5) > 0 {
		return &Expr{Kind: Lit, Src: pool[g.rnd.IntN(len(pool))], Type: eval.Text}
	}
	return g.expr(t, depth)
}

// poly writes a call of a function that takes values of any type.
func (g *Generator) poly(t eval.Type, depth int) *Expr {
	d := depth + 1
	anyType := func() eval.Type { return generated[g.rnd.IntN(len(generated))] }
	call := func(name string, args ...*Expr) *Expr { return &Expr{Kind: Call, Src: name, Type: t, Args: args} }
	if t == eval.Boolean && g.rnd.IntN(2) == 0 {
		x := anyType()
		switch g.rnd.IntN(3) {
		case 0:
			return call("ISBLANK", g.expr(g.orPicklist(x, picklists...), d))
		case 1:
			return call("ISNULL", g.expr(g.orPicklist(x, picklists...), d))
		}
		x = g.orPicklist(x, eval.Picklist)
		e := call("IN", g.expr(x, d), g.caseValue(x, d))
		for range g.rnd.IntN(3) {
			e.Args = append(e.Args, g.caseValue(x, d))
		}
		return e
	}
	k := g.rnd.IntN(6)
	if t == eval.Boolean && k >= 2 && k <= 4 { // CASE, BLANKVALUE and NULLVALUE return no Boolean
		k = 0
	}
	switch k {
	case 0:
		return call("IF", g.expr(eval.Boolean, d), g.expr(t, d), g.expr(t, d))
	case 1:
		e := call("IFS", g.expr(eval.Boolean, d), g.expr(t, d))
		for range g.rnd.IntN(2) {
			e.Args = append(e.Args, g.expr(eval.Boolean, d), g.expr(t, d))
		}
		return call("IFS", append(e.Args, g.expr(t, d))...)
	case 2:
		x := []eval.Type{eval.Text, eval.Number, eval.Date, eval.Picklist}[g.rnd.IntN(4)]
		e := call("CASE", g.expr(x, d))
		for range 1 + g.rnd.IntN(2) {
			e.Args = append(e.Args, g.caseValue(x, d), g.expr(t, d))
		}
		return call("CASE", append(e.Args, g.expr(t, d))...)
	case 3:
		return call("BLANKVALUE", g.expr(t, d), g.expr(t, d))
	case 4:
		return call("NULLVALUE", g.expr(t, d), g.expr(t, d))
	}
	return call("IFERROR", g.expr(t, d), g.expr(t, d))
}

// orPicklist returns, one time in six, one of the picklist types ps in
// place of t.
func (g *Generator) orPicklist(t eval.Type, ps ...eval.Type) eval.Type {
	if g.rnd.IntN(6) == 0 {
		return ps[g.rnd.IntN(len(ps))]
	}
	return t
}

// caseValue returns a value for CASE or IN to compare with an expression
// of type x: for a picklist, a string literal, the only value it takes.
func (g *Generator) caseValue(x eval.Type, depth int) *Expr {
	if x == eval.Picklist {
		return g.picklistLiteral()
	}
	return g.expr(x, depth)
}

// picklistLiteral returns a string literal that names a picklist value,
// or none.
func (g *Generator) picklistLiteral() *Expr {
	v := ""
	if g.rnd.IntN(6) > 0 {
		v = picklistValues[g.rnd.IntN(len(picklistValues))]
	}
	return &Expr{Kind: Lit, Src: strconv.Quote(v), Type: eval.Text}
}

// leaf returns a literal or a field of type t.
func (g *Generator) leaf(t eval.Type) *Expr {
	if g.rnd.IntN(3) == 0 {
		return &Expr{Kind: Ref, Src: g.field(t), Type: t}
	}
	if g.rnd.IntN(60) == 0 {
		return &Expr{Kind: Lit, Src: "NULL", Type: t}
	}
	return &Expr{Kind: Lit, Src: g.literal(t), Type: t}
}

var fieldPrefix = map[eval.Type]string{
	eval.Text: "Txt", eval.Number: "Num", eval.Boolean: "Flag",
	eval.Date: "Day", eval.DateTime: "Stamp", eval.Time: "Clock",
	eval.Picklist: "Pick", eval.MultiPicklist: "Multi",
}

// field returns the name of a field of type t, declaring a new one with a
// random value (at most two of each type per case).
func (g *Generator) field(t eval.Type) string {
	var same []string
	for _, f := range g.fields {
		if f.Type == t {
			same = append(same, f.Name)
		}
	}
	if len(same) == 2 || len(same) == 1 && g.rnd.IntN(2) == 0 {
		return same[g.rnd.IntN(len(same))]
	}
	f := Field{Name: fmt.Sprintf("%s%d", fieldPrefix[t], len(same)+1), Type: t}
	if t != eval.Boolean && g.rnd.IntN(4) == 0 {
		f.Null = true
	} else {
		f.Value = g.value(t)
	}
	g.fields = append(g.fields, f)
	return f.Name
}

// value returns a random field value of type t, as Field.Value holds it.
func (g *Generator) value(t eval.Type) string {
	switch t {
	case eval.Text:
		return textValues[g.rnd.IntN(len(textValues))]
	case eval.Number:
		return numberValues[g.rnd.IntN(len(numberValues))]
	case eval.Boolean:
		return strconv.FormatBool(g.rnd.IntN(2) == 0)
	case eval.Date:
		return g.date()
	case eval.DateTime:
		return g.date() + " " + g.clock(false)
	case eval.Picklist:
		return picklistValues[g.rnd.IntN(len(picklistValues))]
	case eval.MultiPicklist:
		var vs []string
		for _, i := range g.rnd.Perm(len(picklistValues))[:1+g.rnd.IntN(3)] {
			vs = append(vs, picklistValues[i])
		}
		return strings.Join(vs, ";")
	}
	return g.clock(true)
}

func (g *Generator) date() string {
	y := 1900 + g.rnd.IntN(201)
	if g.rnd.IntN(10) == 0 {
		y = []int{1600, 1970, 2000, 2024, 2400, 9999}[g.rnd.IntN(6)]
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, 1+g.rnd.IntN(12), 1+g.rnd.IntN(28))
}

func (g *Generator) clock(ms bool) string {
	s := fmt.Sprintf("%02d:%02d:%02d", g.rnd.IntN(24), g.rnd.IntN(60), g.rnd.IntN(60))
	if ms {
		s += fmt.Sprintf(".%03d", g.rnd.IntN(1000))
	}
	return s
}

// literal returns the source of a literal of type t; dates, date-times and
// times are written as the conversions that make them.
func (g *Generator) literal(t eval.Type) string {
	switch t {
	case eval.Text:
		return textLiterals[g.rnd.IntN(len(textLiterals))]
	case eval.Number:
		if g.rnd.IntN(2) == 0 {
			return strconv.Itoa(g.rnd.IntN(21))
		}
		return numberLiterals[g.rnd.IntN(len(numberLiterals))]
	case eval.Boolean:
		return []string{"TRUE", "FALSE", "true", "False"}[g.rnd.IntN(4)]
	case eval.Date:
		if g.rnd.IntN(2) == 0 {
			d := g.date()
			return fmt.Sprintf("DATE(%s, %s, %s)", d[:4], trimZero(d[5:7]), trimZero(d[8:10]))
		}
		return "DATEVALUE(" + strconv.Quote(g.date()) + ")"
	case eval.DateTime:
		return "DATETIMEVALUE(" + strconv.Quote(g.date()+" "+g.clock(false)) + ")"
	}
	return "TIMEVALUE(" + strconv.Quote(g.clock(true)) + ")"
}

func trimZero(s string) string {
	if s[0] == '0' {
		return s[1:]
	}
	return s
}

// The pools of values. Text literals are written as formula source.
var (
	textLiterals = []string{
		`""`, `" "`, `"a"`, `"abc"`, `"Hello World"`, `"  two  spaces  "`, `"12"`, `"-3.5"`, `"1,000"`,
		`"1e3"`, `"2020-02-29"`, `"2021-12-31 23:59:59"`, `"10:30:15.250"`, `"TRUE"`, `"%"`, `"a_c"`,
		`"ünïcödé"`, `"straße"`, `"İstanbul"`, `"😀"`, `"a😀b"`, `"x\\y"`, `"say \"hi\""`, `'single'`,
		`"Sales"`, `"Customer Service"`, `"0"`, `"007"`, `"ABC def-ghi"`, `"a.b.c"`, `"ǅemal"`, `"ﬁne"`,
		`"line\nbreak"`, `"tab\tend"`, `'it\'s'`, `"back\\slash"`,
	}
	// A blank text field is null, never "": Salesforce stores no empty text.
	textValues = []string{
		"a", "Sales", "Customer Service", " x ", "12", "3.75", "😀x", "straße", "2020-01-31",
		"10:00:00.000", "a%b_c", "İ", "hello world", "MiXeD cAsE", "-0.5",
	}
	numberLiterals = []string{
		"0.5", "1.5", "2.25", "100", "1000", "3.14159", "0.001", "12345.6789", "1000000",
		"2147483648", "99999999999", "0.0", "1.50", "25.00", "7.5", "86400", "0.1",
	}
	numberValues = []string{
		"0", "1", "2", "-1", "3.5", "-2.25", "10", "100.5", "0.0001", "1234.5678", "-99", "31", "12",
	}
	// Picklist values are API names, as a picklist field holds them.
	picklistValues = []string{"Open", "Closed Won", "open", "Sales", "a", "A-1", "Ünïcödé", "x y"}
	locales        = []string{`"tr_TR"`, `"en_US"`, `"de"`, `"az"`, `"lt"`, `""`}
	regexes        = []string{`"[a-z]+"`, `".*"`, `"a.c"`, `"(Sales|Service)"`, `"[A-Z][a-z]*( [A-Z][a-z]*)*"`, `"x?"`, `"\\d+"`, `"[^ ]+"`}
	likePatterns   = []string{`"%"`, `"a%"`, `"%a%"`, `"_"`, `"S_les"`, `"\\%"`, `""`, `"%Service"`}
)
