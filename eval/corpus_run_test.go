package eval

import (
	"errors"
	"fmt"
	"strings"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/corpus"
)

// Compiling and running the cases of the conformance corpus the way its
// Java harness does.

// corpusField is a field of a case, compiled when it is a formula field.
type corpusField struct {
	f    corpus.Field
	typ  Type
	prog *Program // nil for an input field
}

// corpusRun is a case compiled for one path.
type corpusRun struct {
	tc      *corpus.Case
	schema  *Schema
	inputs  []corpusField // in the order of Row.Inputs
	derived []corpusField // formula fields, each after the fields it reads
	prog    *Program
	err     string // why the case cannot run: every row prints it
	opts    Options

	// lazy is the case formula with each formula field written out where
	// it is read, compiled on first need. Salesforce computes a formula
	// field only when the formula reads it, so a row whose formula field
	// fails is run this way.
	lazy     *Program
	lazyErr  string
	lazyDone bool
}

// runCorpusCase runs every row of a case on one path.
func runCorpusCase(tc *corpus.Case, path string) []corpusOutcome {
	r := compileCorpusCase(tc, path)
	out := make([]corpusOutcome, len(tc.Rows))
	for i := range tc.Rows {
		row := &tc.Rows[i]
		o := corpusOutcome{key: corpusKey{tc.Name, row.Index, path}, tc: tc, row: row, want: row.Expected[path]}
		if row.Malformed != "" {
			o.got, o.broken = "harness: malformed row: "+row.Malformed, true
		} else {
			o.got, o.broken = r.eval(row)
		}
		o.pass = !o.broken && corpusMatch(tc.DataType, o.want, o.got)
		out[i] = o
	}
	return out
}

// compileCorpusCase declares a case's fields and compiles its formulas
// with the options of path.
func compileCorpusCase(tc *corpus.Case, path string) (r *corpusRun) {
	opts := Options{
		BlankAsBlank: path == corpus.PathFormulaNullAsNull,
	}
	r = &corpusRun{tc: tc, schema: EmptySchema(), opts: opts}
	for _, f := range tc.AllFields() {
		typ, ok := corpusType(f.DataType)
		if !ok {
			r.err = fmt.Sprintf("harness: field %s has unknown type %q", f.Ref(), f.DataType)
			return r
		}
		if _, err := r.schema.Declare(f.Ref(), typ, false); err != nil {
			r.err = "harness: " + err.Error()
			return r
		}
		cf := corpusField{f: f, typ: typ}
		if f.Formula == "" {
			r.inputs = append(r.inputs, cf)
			continue
		}
		prog, err := corpusCompile(f.Formula, f.DataType, r.schema, opts)
		if err != nil {
			r.err = corpusErrorText(err)
			return r
		}
		cf.prog = prog
		r.derived = append(r.derived, cf)
	}
	prog, err := corpusCompile(tc.Formula, tc.DataType, r.schema, opts)
	if err != nil {
		r.err = corpusErrorText(err)
		return r
	}
	r.prog = prog
	return r
}

// corpusCompile compiles src for a result of type dataType. A DateOnly
// result accepts a Date or a DateTime, as Salesforce's check does.
func corpusCompile(src, dataType string, schema *Schema, opts Options) (p *Program, err error) {
	defer func() {
		if e := recover(); e != nil {
			p, err = nil, fmt.Errorf("panic: %v", e)
		}
	}()
	typ, _ := corpusType(dataType)
	if typ != Date {
		opts.Result = typ
	}
	p, err = Compile(src, schema, opts)
	if err == nil && typ == Date && p.Type() != Date && p.Type() != DateTime && p.Type() != Null {
		p, err = nil, fmt.Errorf("Formula result is data type (%v), incompatible with expected data type (Date).", p.Type())
	}
	return p, err
}

// corpusErrorText prints an error as the harness's "Error: …" output, or
// as a panic, which never matches.
func corpusErrorText(err error) string {
	msg := err.Error()
	var list formula.ErrorList
	var one *formula.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		msg = list[0].Msg
	case errors.As(err, &one):
		msg = one.Msg
	}
	if strings.HasPrefix(msg, "panic: ") {
		return msg
	}
	return "Error: " + msg
}

// eval evaluates a row and prints the result; broken is set when the row
// could not be run faithfully (a panic, or an input the harness could not
// read), which never passes.
func (r *corpusRun) eval(row *corpus.Row) (got string, broken bool) {
	defer func() {
		if e := recover(); e != nil {
			got, broken = fmt.Sprintf("panic: %v", e), true
		}
	}()
	if r.err != "" {
		return r.err, !strings.HasPrefix(r.err, "Error: ")
	}
	vals := r.schema.NewValues()
	for i, cf := range r.inputs {
		v, err := corpusInput(cf, row.Inputs[i])
		if err == nil {
			err = vals.Set(cf.f.Ref(), v)
		}
		if err != nil {
			return "harness: " + err.Error(), true
		}
	}
	for _, cf := range r.derived {
		v, err := cf.prog.Eval(vals, corpusEnv)
		if err != nil {
			return r.evalLazy(vals)
		}
		if err := vals.Set(cf.f.Ref(), corpusDerived(cf, v)); err != nil {
			return "harness: " + err.Error(), true
		}
	}
	v, err := r.prog.Eval(vals, corpusEnv)
	if err != nil {
		return corpusErrorText(err), false
	}
	return corpusRender(r.tc.DataType, v), false
}

// evalLazy evaluates the row with its formula fields written out in the
// case formula; vals holds the inputs.
func (r *corpusRun) evalLazy(vals *Values) (got string, broken bool) {
	if !r.lazyDone {
		r.lazyDone = true
		r.lazy, r.lazyErr = r.inline()
	}
	if r.lazy == nil {
		return r.lazyErr, !strings.HasPrefix(r.lazyErr, "Error: ")
	}
	v, err := r.lazy.Eval(vals, corpusEnv)
	if err != nil {
		return corpusErrorText(err), false
	}
	return corpusRender(r.tc.DataType, v), false
}

// inline compiles the case formula with each formula field replaced by
// its formula, converted as a read of the field converts it: in the
// formula path a number reads as zero when null, and a Boolean is false
// when null.
func (r *corpusRun) inline() (*Program, string) {
	subst := map[string]string{} // lower-case field name → expression
	for _, cf := range r.derived {
		src, err := corpusInline(cf.f.Formula, subst)
		if err != nil {
			return nil, "harness: " + err.Error()
		}
		switch {
		case cf.typ == Number && !r.opts.BlankAsBlank:
			src = "NULLVALUE((" + src + "), 0)"
		case cf.typ == Boolean:
			src = "IF((" + src + "), TRUE, FALSE)"
		default:
			src = "(" + src + ")"
		}
		subst[strings.ToLower(cf.f.Ref())] = src
	}
	src, err := corpusInline(r.tc.Formula, subst)
	if err != nil {
		return nil, "harness: " + err.Error()
	}
	p, err := corpusCompile(src, r.tc.DataType, r.schema, r.opts)
	if err != nil {
		return nil, corpusErrorText(err)
	}
	return p, ""
}

// corpusInline replaces the field reads in src that subst names.
func corpusInline(src string, subst map[string]string) (string, error) {
	return formula.ReplaceIdents("formula", src, func(id string) (string, bool) {
		s, ok := subst[strings.ToLower(id)]
		return s, ok
	})
}

// corpusInput reads an input value as the harness does: blank is null;
// numbers are trimmed and exact, a percent stored as a hundredth; text is
// kept as is; a Boolean is true when it reads "true" in any case; dates
// are colon-separated and lenient.
func corpusInput(cf corpusField, raw string) (Value, error) {
	if corpus.IsBlank(cf.f.DataType, raw) {
		return NullOf(cf.typ), nil
	}
	switch base := corpus.BaseType(cf.f.DataType); base {
	case "Double", "Currency", "Percent", "Integer":
		v, err := ParseNumber(corpus.Trim(raw))
		if err != nil {
			return Value{}, err
		}
		d := v.Decimal()
		if base == "Percent" {
			d = corpusPercentIn(d)
		} else if d.IsZero() {
			d.Negative = false
		}
		return NumberValue(d), nil
	case "Text":
		return TextValue(raw), nil
	case "Boolean":
		return BoolValue(strings.EqualFold(corpus.Trim(raw), "true")), nil
	case "DateOnly", "DateTime":
		t, err := corpus.ParseInputTime(raw, base == "DateOnly")
		if err != nil {
			return Value{}, err
		}
		if base == "DateOnly" {
			return DateValue(t), nil
		}
		return DateTimeValue(t), nil
	case "TimeOnly":
		return ParseValue(Time, corpus.Trim(raw))
	}
	return Value{}, fmt.Errorf("field %s: cannot read a %s input", cf.f.Ref(), cf.f.DataType)
}

// corpusDerived converts the result of a formula field into the value its
// readers see: a null Boolean is false, and a DateOnly field that computes
// a date-time holds its day. A Percent formula field is not scaled.
func corpusDerived(cf corpusField, v Value) Value {
	switch {
	case cf.typ == Boolean && v.IsNull():
		return BoolValue(false)
	case cf.typ == Date && v.Type() == DateTime && !v.IsNull():
		return DateValue(v.Time())
	}
	return v
}

// corpusType returns the formula type a corpus dataType stands for.
func corpusType(dataType string) (Type, bool) {
	switch corpus.BaseType(dataType) {
	case "Double", "Currency", "Percent", "Integer":
		return Number, true
	case "Text":
		return Text, true
	case "Boolean":
		return Boolean, true
	case "DateOnly":
		return Date, true
	case "DateTime":
		return DateTime, true
	case "TimeOnly":
		return Time, true
	}
	return Invalid, false
}
