package scope

import (
	"errors"
	"fmt"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/suggest"
)

// FormulaError is a formula error in a metadata file: the formula's own
// error, and where it is in the file.
type FormulaError struct {
	// File is the position of the fault in the metadata file.
	File Pos
	// What names the field, such as "the scope of principal Sales_Team of
	// Billing"; "" when unknown.
	What string
	// Err is the error in the formula, positioned in its text.
	Err *formula.Error
}

// Error renders the error as FILE:LINE:COL: in WHAT: MESSAGE.
func (e *FormulaError) Error() string {
	if e.What == "" {
		return fmt.Sprintf("%s: %s", e.File, e.Err.Msg)
	}
	return fmt.Sprintf("%s: in %s: %s", e.File, e.What, e.Err.Msg)
}

// Unwrap returns the formula error.
func (e *FormulaError) Unwrap() error { return e.Err }

// errorsOf converts an error from compiling or evaluating f into formula
// errors at file positions: the one conversion every caller shares.
func (f FormulaField) errorsOf(err error) []*FormulaError {
	list, ok := formula.AsList(err)
	if !ok {
		fe := &formula.Error{Name: f.Value.Pos.File, Pos: formula.Pos{Line: 1, Column: 1}, Msg: err.Error()}
		return []*FormulaError{{File: f.Value.TextPos(), What: f.What, Err: fe}}
	}
	out := make([]*FormulaError, len(list))
	for i, e := range list {
		out[i] = &FormulaError{File: f.Value.PosAt(e.Pos.Offset), What: f.What, Err: e}
	}
	return out
}

// Formula is one formula field of a prepared project, compiled.
type Formula struct {
	FormulaField
	// Template is the parsed field; nil when it does not parse.
	Template *formula.Template
	// Program is the compiled field; nil when it does not compile.
	Program *eval.Program
	// Errs lists why it does not parse or compile.
	Errs []*FormulaError

	// mayInject marks a scope through which, by CS403's analysis, data
	// could put a space or a character outside NQCHAR: only such a scope
	// can be refused, so only it is traced.
	mayInject bool
}

// Eval evaluates the formula for the user whose values are vals, in env
// (the zero Env for the defaults). An error is a *FormulaError.
func (f *Formula) Eval(vals *eval.Values, env eval.Env) (eval.Value, error) {
	if f.Program == nil {
		return eval.Value{}, f.Errs[0]
	}
	v, err := f.Program.Eval(vals, env)
	if err != nil {
		return eval.Value{}, f.errorsOf(err)[0]
	}
	return v, nil
}

// evalScope evaluates a scope formula with the provenance of the result's
// characters, as far as the guard needs it. The guard refuses only a
// derived space or character outside NQCHAR, so two scopes need none: one
// whose every character may stand in a scope token, and one through which
// no data can reach the result as such a character (eval.Program.Flows,
// over every branch: literals chosen by a field, or a field that only
// URLENCODE reaches). Only another scope is evaluated again, traced.
func (f *Formula) evalScope(vals *eval.Values, env *eval.Env) (eval.Traced, error) {
	v, err := f.Eval(vals, *env)
	if err != nil {
		return eval.Traced{}, err
	}
	if !f.mayInject || allNQChar(v.Text()) {
		return eval.Traced{Value: v}, nil
	}
	t, err := f.Program.EvalTrace(vals, *env)
	if err != nil {
		return eval.Traced{}, f.errorsOf(err)[0]
	}
	return t, nil
}

// findings returns the compile errors as lint findings.
// A misspelt function or field is followed by the names near it in schema.
func (f *Formula) findings(schema *eval.Schema) []Finding {
	out := make([]Finding, len(f.Errs))
	for i, e := range f.Errs {
		msg := fmt.Sprintf("in %s: %s", f.What, e.Err.Msg)
		if hint := suggest.Formula(e.Err, schema); hint != "" {
			msg += " " + suggest.Sentence(hint)
		}
		out[i] = Finding{Severity: Error, Message: msg, Pos: e.File}
	}
	return out
}

// allNQChar reports whether every character of s may stand in a scope
// token.
func allNQChar(s string) bool {
	for _, r := range s {
		if !isNQChar(r) {
			return false
		}
	}
	return true
}

// Err joins the formula's compile errors; nil when it compiled.
func (f *Formula) Err() error {
	errs := make([]error, len(f.Errs))
	for i, e := range f.Errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// prepare parses and compiles the field: the one place a formula of
// metadata is compiled. A scope is compiled as Text, with the provenance
// Compose's guard and lint's injection rule need.
func (f FormulaField) prepare(schema *eval.Schema, opts eval.Options) *Formula {
	pf := &Formula{FormulaField: f}
	src := f.Value.Text
	var t *formula.Template
	var err error
	if f.Context == eval.CredentialContext {
		t, err = formula.ParseTemplate(f.Value.Pos.File, src)
	} else {
		// A record formula is an expression; a flow's may hold {!refs}.
		if f.Flow != nil {
			src = stripFlowRefs(src)
		}
		t, err = parseExpression(f.Value.Pos.File, src)
		opts.Context, opts.Result, opts.BlankAsBlank = f.Context, f.Result, f.BlankAsBlank
	}
	if err != nil {
		pf.Errs = f.errorsOf(err)
		return pf
	}
	pf.Template = t
	opts.Name = f.Value.Pos.File
	if f.Scope {
		opts.Result, opts.Trace = eval.Text, true
	}
	if pf.Program, err = eval.CompileTemplate(t, src, schema, opts); err != nil {
		pf.Errs = f.errorsOf(err)
	}
	pf.mayInject = f.Scope && len(scopeFlows(pf)) > 0
	return pf
}

// Prepared is a project whose formulas (every scope, JWT claim and header)
// are compiled once against a frozen schema. Composing a scope, or
// evaluating claims and headers, only evaluates. A Prepared is immutable
// and safe for concurrent use.
type Prepared struct {
	project  *Project
	schema   *eval.Schema
	opts     eval.Options
	formulas []*Formula
	params   map[*Parameter]*Formula
	headers  map[*NamedParameter]*Formula
	// grants holds each external credential's grants, for Resolve.
	grants map[*ExternalCredential][]Grant
	// records are the formulas of the project's records, compiled on
	// first use.
	records records
}

// Prepare compiles every formula field of the project against schema with
// opts, which declares the fields of open namespaces they read, such as a
// $Permission, and then freezes schema: values made from it afterwards
// hold every field the formulas read. Scopes are compiled as Text, with
// the provenance Compose's guard needs. The findings are the formulas that
// do not parse or compile, at their file positions; Compose, Claims and
// Headers report them again when they reach them.
func (p *Project) Prepare(schema *eval.Schema, opts eval.Options) (*Prepared, []Finding) {
	pp := &Prepared{project: p, schema: schema, opts: opts, params: map[*Parameter]*Formula{}, headers: map[*NamedParameter]*Formula{}}
	var findings []Finding
	for _, f := range p.FormulaFields() {
		pf := f.prepare(schema, opts)
		findings = append(findings, pf.findings(schema)...)
		pp.formulas = append(pp.formulas, pf)
		if f.param != nil {
			pp.params[f.param] = pf
		}
		if f.header != nil {
			pp.headers[f.header] = pf
		}
	}
	pp.grants = make(map[*ExternalCredential][]Grant, len(p.ExternalCredentials))
	for _, c := range p.ExternalCredentials {
		pp.grants[c] = p.grants(c)
	}
	schema.Freeze()
	return pp, findings
}

// Project returns the project prepared.
func (pp *Prepared) Project() *Project { return pp.project }

// Schema returns the frozen schema the formulas were compiled against.
func (pp *Prepared) Schema() *eval.Schema { return pp.schema }

// Options returns the options the formulas were compiled with.
func (pp *Prepared) Options() eval.Options { return pp.opts }

// NewValues returns values for one user, every field null.
func (pp *Prepared) NewValues() *eval.Values { return pp.schema.NewValues() }

// Formulas returns every prepared formula field, in FormulaFields order.
func (pp *Prepared) Formulas() []*Formula { return pp.formulas }

// Parameter returns the prepared formula of an external credential's
// parameter; nil for a parameter that holds no formula, such as a
// principal.
func (pp *Prepared) Parameter(prm *Parameter) *Formula { return pp.params[prm] }

// Header returns the prepared formula of a named credential's header.
func (pp *Prepared) Header(h *NamedParameter) *Formula { return pp.headers[h] }

// checkValues refuses values from another schema.
func (pp *Prepared) checkValues(vals *eval.Values) error {
	if vals == nil || vals.Schema() != pp.schema {
		return errors.New("scope: the values are not from the prepared schema")
	}
	return nil
}

// Claim is one evaluated JWT claim of a credential.
type Claim struct {
	// Parameter is the JwtHeaderClaim or JwtBodyClaim.
	Parameter *Parameter
	// Formula is the claim's prepared formula.
	Formula *Formula
	// Header marks a header claim.
	Header bool
	// Value is the claim's value; Err, a *FormulaError, when it failed.
	Value eval.Value
	Err   error
}

// Name returns the claim's name, such as iss.
func (c Claim) Name() string { return c.Parameter.Name.Text }

// Claims evaluates the JWT claims of credential c for user u, in env: the
// header claims, then the body claims, in file order. The error joins the
// errors of every claim that failed; each Claim holds its own.
func (pp *Prepared) Claims(c *ExternalCredential, u User, env eval.Env) ([]Claim, error) {
	n := 0
	for _, prm := range c.Parameters {
		if prm.Type.Text == TypeJwtHeaderClaim || prm.Type.Text == TypeJwtBodyClaim {
			n++
		}
	}
	return pp.AppendClaims(make([]Claim, 0, n), c, u, env)
}

// AppendClaims is Claims appending the claims to out, for a caller that
// reuses their memory from one user to the next.
func (pp *Prepared) AppendClaims(out []Claim, c *ExternalCredential, u User, env eval.Env) ([]Claim, error) {
	vals := u.Values
	if err := pp.checkValues(vals); err != nil {
		return out, err
	}
	var errs []error
	for _, kind := range [...]string{TypeJwtHeaderClaim, TypeJwtBodyClaim} {
		for _, prm := range c.Parameters {
			if prm.Type.Text != kind {
				continue
			}
			f := pp.params[prm]
			if f == nil {
				continue // not of the prepared project
			}
			cl := Claim{Parameter: prm, Formula: f, Header: kind == TypeJwtHeaderClaim}
			cl.Value, cl.Err = f.Eval(vals, env)
			if cl.Err != nil {
				errs = append(errs, cl.Err)
			}
			out = append(out, cl)
		}
	}
	return out, errors.Join(errs...)
}

// HeaderValue is one evaluated header of a named credential.
type HeaderValue struct {
	// Parameter is the HttpHeader parameter.
	Parameter *NamedParameter
	// Formula is the header's prepared formula.
	Formula *Formula
	// Value is the header's value; it may be secret.
	Value eval.Value
}

// Name returns the header's name.
func (h HeaderValue) Name() string { return h.Parameter.Name.Text }

// Headers evaluates the formula headers of named credential n for user u,
// in env. It fails, with a *FormulaError, at the first header that fails.
func (pp *Prepared) Headers(n *NamedCredential, u User, env eval.Env) ([]HeaderValue, error) {
	vals := u.Values
	if err := pp.checkValues(vals); err != nil {
		return nil, err
	}
	var out []HeaderValue
	for _, h := range n.Headers() {
		f := pp.headers[h]
		if f == nil {
			continue
		}
		v, err := f.Eval(vals, env)
		if err != nil {
			return nil, err
		}
		out = append(out, HeaderValue{Parameter: h, Formula: f, Value: v})
	}
	return out, nil
}
