package eval

import (
	"fmt"
	"sync"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/redact"
)

// Options configure compilation: what a program is, and the limits of
// compiling it. The zero Options are Salesforce's defaults for a credential
// formula, except that the result type is not enforced. What one
// evaluation needs, such as the clock, is an [Env], passed to each Eval.
type Options struct {
	// Name names the formula in error messages; "formula" when empty.
	Name string
	// Result, when set, is the type the formula must produce. A scope must
	// be Text. A Date result takes a DateTime too, as Salesforce's check
	// does, and is its day, as DATEVALUE gives it.
	Result Type
	// BlankAsBlank keeps blank number fields null ("treat blank fields as
	// blanks"). When false, blank Number fields read as zero ("treat blank
	// fields as zeroes"), Salesforce's default.
	BlankAsBlank bool
	// MaxCompiledSize bounds the compiled formula, measured as the length
	// of its canonical form in characters (Salesforce bounds its compiled
	// SQL at 5,000 characters). Zero means 5,000.
	MaxCompiledSize int
	// Budget bounds the constant folding of the compilation, in the units
	// of Env.Budget. Zero means DefaultBudget.
	Budget int
	// Parse holds the parser's limits.
	Parse formula.Config
	// Trace keeps in the program what EvalTrace, Explain and Flows need to
	// tell which characters of its result come from merge-field data. It
	// costs compile time and memory only: Eval runs exactly as without it.
	Trace bool
	// Context is the kind of formula: a credential's (the zero value), a
	// formula field, a validation rule and so on. It decides which
	// functions are available.
	Context Context
}

func (o *Options) name() string {
	if o.Name == "" {
		return "formula"
	}
	return o.Name
}

// Env is what one evaluation reads besides the field values: the clock,
// the time zone, the work budget and the signing keys. It is passed to
// each Eval, so that one compiled program serves any clock, such as one
// per request. The zero Env is the defaults: the system clock, GMT,
// DefaultBudget and no keys.
type Env struct {
	// Now returns the current instant for NOW, TODAY and TIMENOW. It is
	// called at most once per evaluation. Nil means time.Now.
	Now func() time.Time
	// Location is the time zone for TODAY and DATEVALUE of a date-time. Nil
	// means GMT.
	Location *time.Location
	// Budget bounds the work of the evaluation, in units of about a
	// character processed by the costly functions (REGEX, LIKE, SUBSTITUTE,
	// LPAD, concatenation and the like; see limits.go). Zero means
	// DefaultBudget.
	Budget int
	// Keys supplies private keys and certificates by name to SIGN and
	// SIGN_WITH_CERTIFICATE. Nil means no keys.
	Keys KeyProvider
}

func (e *Env) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

func (e *Env) location() *time.Location {
	if e.Location == nil {
		return time.UTC
	}
	return e.Location
}

// budget returns the work budget the environment allows.
func (e *Env) budget() int { return budgetOr(e.Budget) }

// Program is a compiled formula. It is immutable and safe for concurrent use.
type Program struct {
	src    string
	opts   Options
	schema *Schema
	root   *node
	fields []Field // fields read, in first-use order
	ndec   int     // decimal scratch slots each evaluation needs
	frames sync.Pool
	// tmpl and nodes are kept with Options.Trace, for EvalTrace and Flows.
	tmpl  *formula.Template
	nodes map[formula.Expr]*node
}

// Type returns the program's result type.
func (p *Program) Type() Type { return p.root.typ }

// Source returns the formula's source text.
func (p *Program) Source() string { return p.src }

// Fields returns the merge fields the program reads.
func (p *Program) Fields() []Field { return append([]Field(nil), p.fields...) }

// Eval evaluates the program against vals, which must come from the schema
// the program was compiled with, in the environment env (the zero Env for
// the defaults). A runtime error, such as an invalid date, is an
// *formula.Error positioned at the failing call. A null result has the
// formula's type, such as Text for a blank text, unless the formula itself
// is only NULL.
func (p *Program) Eval(vals *Values, env Env) (Value, error) {
	if vals == nil || vals.schema != p.schema {
		return Value{}, fmt.Errorf("eval: values are from another schema")
	}
	if k := p.root.konst; k != nil && k.typ != Number && len(p.fields) == 0 {
		// A constant of a program that reads no field cannot fail nor be
		// secret by a value read: no frame is needed. A number is copied
		// by evaluation instead, so that no caller shares its digits.
		v := *k
		if (v.typ == Text || v.typ == Blob) && v.str == "" {
			v.valid = false // an empty literal evaluates to null (constNode)
		}
		return v, nil
	}
	fr := p.frame(vals, &env)
	v := p.root.value(fr)
	v.secret = v.secret || fr.secret
	err := fr.error(p)
	p.release(fr)
	if err != nil {
		return Value{}, err
	}
	if !v.valid && v.typ != p.root.typ && p.root.typ != Null {
		v.typ = p.root.typ
	}
	return v, nil
}

// EvalText evaluates a Text program, as Eval does, without building a
// Value: the fast path for scopes and headers. A null result is "". The
// text may be secret: ask Secret before showing it.
func (p *Program) EvalText(vals *Values, env Env) (string, error) {
	if p.root.typ != Text && p.root.typ != Null {
		return "", fmt.Errorf("eval: the formula is %v, not Text", p.root.typ)
	}
	if vals == nil || vals.schema != p.schema {
		return "", fmt.Errorf("eval: values are from another schema")
	}
	fr := p.frame(vals, &env)
	s, _ := p.root.str(fr)
	err := fr.error(p)
	p.release(fr)
	return s, err
}

// Secret reports whether the program's result for vals is secret: the
// program reads a field declared secret, or a field whose value in vals is
// secret (secrecy follows the value, not the declaration).
func (p *Program) Secret(vals *Values) bool {
	return p.root.secret || vals != nil && p.readsSecretValue(vals.v, vals.tainted)
}

// readsSecretValue reports whether a field the program reads holds a
// secret value in vals. Values never tainted hold secrets only in fields
// declared secret, which compiling has accounted for already.
func (p *Program) readsSecretValue(vals []Value, tainted bool) bool {
	if !tainted {
		return false
	}
	for _, f := range p.fields {
		if f.slot < len(vals) && vals[f.slot].secret {
			return true
		}
	}
	return false
}

// frame returns a pooled frame for one evaluation of vals in env.
func (p *Program) frame(vals *Values, env *Env) *frame {
	fr, _ := p.frames.Get().(*frame)
	if fr == nil {
		fr = &frame{dec: make([]apd.Decimal, p.ndec)}
	}
	fr.env = *env
	fr.vals = vals.v
	fr.secret = p.readsSecretValue(vals.v, vals.tainted)
	fr.budget = env.budget()
	return fr
}

func (p *Program) release(fr *frame) {
	fr.env = Env{}
	fr.vals = nil
	fr.err = nil
	fr.nowSet = false
	fr.overLimit = false
	p.frames.Put(fr)
}

// frame is the state of one evaluation.
type frame struct {
	vals   []Value
	absent Value // the null a slot the values lack reads as; never written
	env    Env
	dec    []apd.Decimal // scratch decimals, one per slot the compiler handed out
	err    *runtimeError // the first runtime error
	now    time.Time
	nowSet bool
	budget int
	// secret is set when a field read holds a secret value that its
	// declaration does not make secret: the result, and every value an
	// error message would quote, is then secret.
	secret bool
	// overLimit is set when the budget ran out or a text grew too long:
	// the errors that compiling reports when folding constants.
	overLimit bool
}

// field returns the value in slot. Values made before a field was
// declared do not hold its slot, and read it as null.
func (fr *frame) field(slot int) *Value {
	if slot < len(fr.vals) {
		return &fr.vals[slot]
	}
	return &fr.absent
}

// runtimeError is a failure during evaluation, at a call.
type runtimeError struct {
	at  formula.Expr
	msg string
}

// fail records a runtime error at expression at; only the first is kept.
func (fr *frame) fail(at formula.Expr, msg string) {
	if fr.err == nil {
		fr.err = &runtimeError{at: at, msg: msg}
	}
}

// quote renders a value for a runtime error message, through the one
// redaction helper: masked when the value derives from a secret, or when
// this evaluation reads a secret value.
func (fr *frame) quote(s string, secret bool) string {
	return redact.Value(s, secret || fr.secret)
}

// failLimit records a runtime error that is a limit's: the budget, or the
// length of a text.
func (fr *frame) failLimit(at formula.Expr, msg string) {
	if fr.err == nil {
		fr.overLimit = true
	}
	fr.fail(at, msg)
}

// spend charges n units of work and reports whether the budget allows it.
func (fr *frame) spend(at formula.Expr, n int) bool {
	fr.budget -= n
	if fr.budget < 0 {
		fr.failLimit(at, budgetError(fr.env.budget()))
		return false
	}
	return true
}

// instant returns NOW() for this evaluation, the same for every call.
func (fr *frame) instant() time.Time {
	if !fr.nowSet {
		fr.now = fr.env.now()
		fr.nowSet = true
	}
	return fr.now
}

func (fr *frame) error(p *Program) error {
	if fr.err == nil {
		return nil
	}
	pos := formula.Pos{Line: 1, Column: 1}
	if fr.err.at != nil {
		pos = fr.err.at.Pos()
	}
	return formula.NewError(p.opts.name(), p.src, pos, fr.err.msg)
}
