package difftest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/credscope/credscope/eval"
)

// Field is a record field of a case and its value.
type Field struct {
	Name string
	Type eval.Type
	// Null marks a blank field. A blank Boolean (checkbox) reads as false
	// in both engines, so the generator never makes one.
	Null bool
	// Value is the value in the form eval.ParseValue reads: text as it is,
	// a plain decimal, true or false, 2006-01-02, 2006-01-02 15:04:05 or
	// 15:04:05.000.
	Value string
}

// Case is one formula to evaluate, with its fields and blank mode.
type Case struct {
	Formula string
	// Expr is the generated tree of Formula; nil for a case read from text.
	Expr *Expr
	// Type is the result type asked of both engines.
	Type eval.Type
	// BlankAsBlank is the "treat blank fields as blanks" mode; otherwise a
	// blank number field reads as zero.
	BlankAsBlank bool
	Fields       []Field
	// Prior holds the values of fields in the record's prior version, for
	// ISCHANGED and PRIORVALUE; a case with Prior, even empty, is a
	// validation rule on a record being edited. Its fields are Text,
	// Number or picklists, which the engine's driver reads as they are.
	Prior []Field
}

// String writes the case in the notation that [ParseCase] reads and
// deviations.txt uses:
//
//	[blank-as-blank] [{Name Type value, …}] formula
//
//	[blank-as-blank] [{Name Type value, …}] [prior {Name Type value, …}] formula
//
// where each value is null or a Go-quoted string.
func (c *Case) String() string {
	var b strings.Builder
	if c.BlankAsBlank {
		b.WriteString("blank-as-blank ")
	}
	if len(c.Fields) > 0 {
		writeFields(&b, c.Fields)
	}
	if c.Prior != nil {
		b.WriteString("prior ")
		writeFields(&b, c.Prior)
	}
	b.WriteString(c.Formula)
	return b.String()
}

func writeFields(b *strings.Builder, fields []Field) {
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%s %v ", f.Name, f.Type)
		if f.Null {
			b.WriteString("null")
		} else {
			b.WriteString(strconv.Quote(f.Value))
		}
	}
	b.WriteString("} ")
}

// ParseCase reads a case written by [Case.String]. The result type is the
// formula's type as credscope checks it, Text when that is unknown.
func ParseCase(s string) (*Case, error) {
	c := &Case{}
	if rest, ok := strings.CutPrefix(s, "blank-as-blank "); ok {
		c.BlankAsBlank, s = true, rest
	}
	var err error
	if strings.HasPrefix(s, "{") {
		if c.Fields, s, err = parseFields(s); err != nil {
			return nil, err
		}
	}
	if strings.HasPrefix(s, "prior {") {
		if c.Prior, s, err = parseFields(s[len("prior "):]); err != nil {
			return nil, err
		}
		if c.Prior == nil {
			c.Prior = []Field{}
		}
	}
	c.Formula = s
	c.Type = inferType(c)
	return c, nil
}

// parseFields reads a block of fields, "{…} ", at the start of s, and
// returns them and the rest of s.
func parseFields(s string) ([]Field, string, error) {
	end := strings.Index(s, "} ")
	if end < 0 {
		return nil, "", fmt.Errorf("case %q: fields not closed with \"} \"", s)
	}
	var fields []Field
	if strings.TrimSpace(s[1:end]) != "" {
		for _, part := range splitFields(s[1:end]) {
			f, err := parseField(part)
			if err != nil {
				return nil, "", fmt.Errorf("case %q: %w", s, err)
			}
			fields = append(fields, f)
		}
	}
	return fields, s[end+2:], nil
}

// splitFields splits "a Text \"x, y\", b Number null" at the commas that
// are outside quotes.
func splitFields(s string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && quoted:
			i++
		case s[i] == '"':
			quoted = !quoted
		case s[i] == ',' && !quoted:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

func parseField(s string) (Field, error) {
	name, rest, ok1 := strings.Cut(s, " ")
	typ, val, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 {
		return Field{}, fmt.Errorf("field %q: want Name Type value", s)
	}
	t, ok := fieldType(typ)
	if !ok {
		return Field{}, fmt.Errorf("field %q: unknown type %q", s, typ)
	}
	f := Field{Name: name, Type: t}
	if val == "null" {
		f.Null = true
		return f, nil
	}
	v, err := strconv.Unquote(val)
	if err != nil {
		return Field{}, fmt.Errorf("field %q: value %s is neither null nor a quoted string", s, val)
	}
	f.Value = v
	return f, nil
}

// fieldType reads a field's type as [Case.String] writes it. The picklist
// types are read by their exact names, since eval.ParseType reads the
// name "picklist" as Text, as the running user's picklists read.
func fieldType(s string) (eval.Type, bool) {
	for _, t := range []eval.Type{eval.Picklist, eval.MultiPicklist} {
		if s == t.String() {
			return t, true
		}
	}
	return eval.ParseType(s)
}

// inferType returns the type credscope gives the case's formula, or Text
// when the formula does not check or is a bare NULL.
func inferType(c *Case) eval.Type {
	schema, err := c.schema()
	if err != nil {
		return eval.Text
	}
	t, err := eval.Check(c.Formula, schema, c.options())
	if err != nil || t == eval.Null {
		return eval.Text
	}
	return t
}

// options are the options credscope compiles the case with: a case with
// a prior version is a validation rule.
func (c *Case) options() eval.Options {
	o := eval.Options{Result: c.Type, BlankAsBlank: c.BlankAsBlank}
	if c.Prior != nil {
		o.Context = eval.ValidationRuleContext
	}
	return o
}

// schema declares the case's fields.
func (c *Case) schema() (*eval.Schema, error) {
	s := eval.EmptySchema()
	for _, f := range c.Fields {
		if _, err := s.Declare(f.Name, f.Type, false); err != nil {
			return nil, err
		}
	}
	return s, nil
}
