package eval

import (
	"fmt"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// Compile parses src, checks it against schema and compiles it. Src is a
// bare expression, or a template when it contains {!. The error, if any, is
// a formula.ErrorList holding every problem found, each positioned.
func Compile(src string, schema *Schema, opts Options) (*Program, error) {
	t, err := opts.Parse.ParseInput(opts.name(), src)
	if err != nil {
		return nil, formula.ErrorList{asFormulaError(err)}
	}
	return CompileTemplate(t, src, schema, opts)
}

// CompileField compiles a credential field: static text, or text with
// {!…} segments. Unlike Compile, a field without {! is static text, not an
// expression.
func CompileField(src string, schema *Schema, opts Options) (*Program, error) {
	t, err := opts.Parse.ParseTemplate(opts.name(), src)
	if err != nil {
		return nil, formula.ErrorList{asFormulaError(err)}
	}
	return CompileTemplate(t, src, schema, opts)
}

// Check compiles src and returns its result type, or every error found.
func Check(src string, schema *Schema, opts Options) (Type, error) {
	p, err := Compile(src, schema, opts)
	if err != nil {
		return Invalid, err
	}
	return p.Type(), nil
}

func asFormulaError(err error) *formula.Error {
	if fe, ok := err.(*formula.Error); ok {
		return fe
	}
	return &formula.Error{Pos: formula.Pos{Line: 1, Column: 1}, Msg: err.Error()}
}

// CompileTemplate compiles a parsed template whose source is src. A formula
// template compiles to its expression; a static or mixed one to Text, with
// each segment converted as TEXT() would.
func CompileTemplate(t *formula.Template, src string, schema *Schema, opts Options) (*Program, error) {
	c := &compiler{src: src, opts: &opts, schema: schema, seen: map[int]bool{}, budget: budgetOr(opts.Budget)}
	if opts.Trace {
		c.nodes = map[formula.Expr]*node{}
	}
	var root *node
	switch t.Kind {
	case formula.Formula:
		root = c.compile(t.Segments[0].Expr)
	default:
		root = c.template(t)
	}
	if len(c.errs) == 0 && isPicklist(root.typ) {
		c.picklistError(root) // a formula's result is never a picklist
	}
	if len(c.errs) == 0 && opts.Result == Date && root.typ == DateTime {
		// Salesforce takes a date-time where a date is expected, as a
		// Date field's default NOW(): the result is its day, as
		// DATEVALUE gives it.
		day := dateValueDateTime(c, nil, []*node{root})
		day.src, root = root.src, day
	}
	if len(c.errs) == 0 && opts.Result != Invalid && !assignable(root.typ, opts.Result) {
		// A lone {!expr} is wrong in its expression; a template as a whole.
		at := formula.Pos{Line: 1, Column: 1}
		switch {
		case t.Kind == formula.Formula:
			at = t.Segments[0].Expr.Pos()
		case len(t.Segments) > 0:
			at = t.Segments[0].Start
		}
		c.errorf(at, "Formula result is data type (%v), incompatible with expected data type (%v).", root.typ, opts.Result)
	}
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	if opts.Result != Invalid && root.typ == Null {
		root = nullNode(root.src, opts.Result)
	}
	limit := opts.MaxCompiledSize
	if limit == 0 {
		limit = MaxCompiledSize
	}
	// The canonical form is at most four times the source (! prints as
	// "NOT "), so a short source needs no measuring.
	if len(src)*4 > limit {
		if size := formulaSize(t); size > limit {
			c.errorf(formula.Pos{Line: 1, Column: 1}, "Compiled formula is too big to execute (%d characters). Maximum size is %d characters", size, limit)
			return nil, c.errs
		}
	}
	secret := false
	for _, f := range c.fields {
		secret = secret || f.Secret
	}
	root.secret = root.secret || secret
	prog := &Program{src: src, opts: opts, schema: schema, root: root, fields: c.fields, ndec: c.ndec}
	if opts.Trace {
		prog.tmpl, prog.nodes = t, c.nodes
	}
	return prog, nil
}

// MaxCompiledSize is Salesforce's limit on a compiled formula. credscope
// measures the compiled size as the length of the canonical form.
const MaxCompiledSize = 5000

func formulaSize(t *formula.Template) int {
	if t.Kind == formula.Formula {
		return len(formula.Format(t.Segments[0].Expr))
	}
	return len(formula.FormatTemplate(t))
}

// compiler checks and compiles one formula.
type compiler struct {
	src    string
	opts   *Options
	schema *Schema
	errs   formula.ErrorList
	fields []Field
	seen   map[int]bool
	ndec   int
	// nodes maps each expression to its compiled node when Options.Trace
	// is set, for EvalTrace and Flows; nil otherwise.
	nodes map[formula.Expr]*node
	// budget is what is left of the work constant folding may do.
	budget int
	// limitReported is set once a limit error has been reported.
	limitReported bool
	// foldDec is the scratch decimals constant folding evaluates with.
	foldDec []apd.Decimal
}

// spend charges constant folding n units of work and reports whether the
// budget allows it; the first refusal is a compile error at pos.
func (c *compiler) spend(at formula.Expr, n int) bool {
	c.budget -= n
	if c.budget < 0 {
		c.limitError(at, budgetError(budgetOr(c.opts.Budget)))
		return false
	}
	return true
}

// limitError reports, once, that constant folding went beyond a limit at
// x: the budget, or the length of a text. Once the budget is spent every
// later fold fails too, and one error says all there is.
func (c *compiler) limitError(x formula.Expr, msg string) {
	if c.limitReported {
		return
	}
	c.limitReported = true
	pos := formula.Pos{Line: 1, Column: 1}
	if x != nil {
		pos = x.Pos()
	}
	c.errorf(pos, "%s", msg)
}

func (c *compiler) errorf(at formula.Pos, format string, args ...any) {
	c.errs = append(c.errs, formula.NewError(c.opts.name(), c.src, at, fmt.Sprintf(format, args...)))
}

// decSlot hands out a scratch decimal that the evaluation frame holds.
func (c *compiler) decSlot() int {
	c.ndec++
	return c.ndec - 1
}

// compile checks and compiles x. It never returns nil: on an error it
// records it and returns an invalid node, so checking goes on.
func (c *compiler) compile(x formula.Expr) *node {
	n := c.compileExpr(x)
	if c.nodes != nil {
		c.nodes[x] = n
	}
	return n
}

func (c *compiler) compileExpr(x formula.Expr) *node {
	switch x := x.(type) {
	case *formula.NumberLit:
		v, err := ParseNumber(x.Raw)
		if err != nil {
			c.errorf(x.Pos(), "Syntax error. Found '%s'", x.Raw)
			return invalidNode(x)
		}
		// Salesforce reads a literal at 39 significant digits.
		if _, err := quoCtx.Round(&v.num, &v.num); err != nil {
			c.errorf(x.Pos(), "Syntax error. Found '%s'", x.Raw)
			return invalidNode(x)
		}
		return constNode(x, v)
	case *formula.StringLit:
		return constNode(x, TextValue(x.Value))
	case *formula.BoolLit:
		return constNode(x, BoolValue(x.Value))
	case *formula.NullLit:
		return nullNode(x, Null)
	case *formula.Paren:
		n := c.compile(x.X)
		return n
	case *formula.Ident:
		return c.field(x)
	case *formula.Unary:
		return c.unary(x)
	case *formula.Binary:
		return c.binary(x)
	case *formula.Call:
		return c.call(x)
	}
	c.errorf(x.Pos(), "Syntax error")
	return invalidNode(x)
}

// originDateTime is $System.OriginDateTime, 1900-01-01T00:00:00Z, in
// milliseconds since the epoch.
const originDateTime = -2208988800000

// field compiles a merge field read, bound to its slot.
func (c *compiler) field(x *formula.Ident) *node {
	if strings.EqualFold(x.Name, "$System.OriginDateTime") {
		return constNode(x, Value{typ: DateTime, valid: true, i64: originDateTime})
	}
	f, ok := c.schema.Lookup(x.Name)
	if !ok {
		c.errorf(x.Pos(), "Field %s does not exist. Check spelling.", x.Name)
		return invalidNode(x)
	}
	if !c.seen[f.slot] {
		c.seen[f.slot] = true
		c.fields = append(c.fields, f)
	}
	slot := f.slot
	n := &node{typ: f.Type, src: x, secret: f.Secret}
	switch f.Type {
	case Text, Blob, Picklist, MultiPicklist:
		n.str = func(fr *frame) (string, bool) {
			v := fr.field(slot)
			return v.str, v.valid && v.str != ""
		}
	case Number:
		if c.opts.BlankAsBlank {
			n.num = func(fr *frame, dst *apd.Decimal) bool {
				v := fr.field(slot)
				if !v.valid {
					return false
				}
				dst.Set(&v.num)
				return true
			}
		} else {
			n.num = func(fr *frame, dst *apd.Decimal) bool {
				v := fr.field(slot)
				if !v.valid {
					dst.SetInt64(0)
					return true
				}
				dst.Set(&v.num)
				return true
			}
		}
	case Boolean:
		n.bl = func(fr *frame) (bool, bool) {
			v := fr.field(slot)
			return v.b, true // a checkbox is never null
		}
	case Date, DateTime, Time:
		n.i64 = func(fr *frame) (int64, bool) {
			v := fr.field(slot)
			return v.i64, v.valid
		}
	case Geolocation:
		n.geo = func(fr *frame) (Geo, bool) {
			v := fr.field(slot)
			return v.geo, v.valid
		}
	}
	return n
}

// template compiles a static or mixed template to the concatenation of its
// text and its segments' values as text.
func (c *compiler) template(t *formula.Template) *node {
	parts := make([]strFn, 0, len(t.Segments))
	var text strings.Builder
	allConst := true
	secret := false
	for _, s := range t.Segments {
		if s.Expr == nil {
			text.WriteString(s.Text)
			st := s.Text
			parts = append(parts, func(*frame) (string, bool) { return st, true })
			continue
		}
		n := c.compile(s.Expr)
		secret = secret || n.secret
		tn := c.toText(n)
		parts = append(parts, tn.str)
		if tn.konst != nil {
			text.WriteString(tn.konst.str)
		} else {
			allConst = false
		}
	}
	if allConst {
		v := TextValue(text.String())
		if n := textLength(Text, v.str); n > MaxTextLength {
			c.limitError(nil, tooLong("the field", n))
		}
		v.secret = secret
		return constNode(nil, v)
	}
	n := &node{typ: Text, secret: secret}
	n.str = func(fr *frame) (string, bool) {
		var b strings.Builder
		for _, p := range parts {
			s, _ := p(fr)
			b.WriteString(s)
		}
		r := b.String()
		if !fr.checkText(nil, Text, "the field", r) {
			return "", false
		}
		return r, true
	}
	return n
}
