package formula

import "strings"

// TemplateKind says what a credential field holds.
type TemplateKind uint8

const (
	// Static is plain text with no {! segment.
	Static TemplateKind = iota
	// Formula is a field that holds exactly one {!expr} segment and nothing
	// else, not even white space.
	Formula
	// Mixed is text with one or more {!expr} segments.
	Mixed
)

// String returns the kind's name.
func (k TemplateKind) String() string {
	switch k {
	case Formula:
		return "formula"
	case Mixed:
		return "mixed"
	}
	return "static"
}

// Segment is a piece of a template: static text when Expr is nil, otherwise
// a {!expr} segment. Start and End bound the segment in the source, the
// {! and } included.
type Segment struct {
	Start, End Pos
	Text       string
	Expr       Expr
}

// Template is a parsed credential field: static text with any number of
// {!expr} segments.
type Template struct {
	Kind     TemplateKind
	Segments []Segment
}

// Exprs returns the template's expressions in source order.
func (t *Template) Exprs() []Expr {
	var out []Expr
	for _, s := range t.Segments {
		if s.Expr != nil {
			out = append(out, s.Expr)
		}
	}
	return out
}

// ParseTemplate parses a credential field with the default limits: static
// text with any number of {!expr} segments. The error, if any, is an *Error.
func ParseTemplate(name, src string) (*Template, error) { return Config{}.ParseTemplate(name, src) }

// ParseTemplate parses a credential field with c's limits.
func (c Config) ParseTemplate(name, src string) (*Template, error) {
	if err := c.checkLength(name, src); err != nil {
		return nil, err
	}
	t := &Template{}
	at := startPos
	for at.Offset < len(src) {
		i := strings.Index(src[at.Offset:], "{!")
		if i < 0 {
			text := src[at.Offset:]
			t.Segments = append(t.Segments, Segment{Start: at, End: at.advance(text), Text: text})
			break
		}
		if i > 0 {
			text := src[at.Offset : at.Offset+i]
			next := at.advance(text)
			t.Segments = append(t.Segments, Segment{Start: at, End: next, Text: text})
			at = next
		}
		x, next, err := c.parseExpr(name, src, at.advance("{!"), len(src), true)
		if err != nil {
			return nil, err
		}
		end := at.advance(src[at.Offset:next])
		t.Segments = append(t.Segments, Segment{Start: at, End: end, Expr: x})
		at = end
	}
	switch {
	case len(t.Segments) == 1 && t.Segments[0].Expr != nil:
		t.Kind = Formula
	case len(t.Exprs()) > 0:
		t.Kind = Mixed
	}
	return t, nil
}

// ParseInput parses what a person types at the command line or the REPL: a
// template when src contains {!, otherwise a bare expression, which is
// returned as a Template of kind Formula.
func (c Config) ParseInput(name, src string) (*Template, error) {
	if strings.Contains(src, "{!") {
		return c.ParseTemplate(name, src)
	}
	x, err := c.Parse(name, src)
	if err != nil {
		return nil, err
	}
	return &Template{Kind: Formula, Segments: []Segment{{Start: x.Pos(), End: x.End(), Expr: x}}}, nil
}

// ParseInput is Config.ParseInput with the default limits.
func ParseInput(name, src string) (*Template, error) { return Config{}.ParseInput(name, src) }
