// Package engine is the playground's engine: what the page asks of
// credscope, as plain data. It compiles the formula for the user on the
// page, evaluates and explains it, and composes the scope of each
// credential. The browser runs it compiled to WebAssembly
// (internal/play/wasm); tests run it as ordinary Go.
package engine

import (
	"errors"
	"strings"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
)

// Field is one merge field of the user on the page, with its value written
// as in a context file.
type Field struct {
	Name   string `json:"name"`
	Type   string `json:"type"`
	Secret bool   `json:"secret,omitempty"`
	Value  string `json:"value"`
}

// User is the running user on the page.
type User struct {
	Fields         []Field  `json:"fields"`
	PermissionSets []string `json:"permissionSets"`
}

// File is a credential metadata file, by name, with its text.
type File struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Request is one evaluation the page asks for.
type Request struct {
	Formula string `json:"formula"`
	User    User   `json:"user"`
	// BlankAsBlank keeps blank number fields null.
	BlankAsBlank bool `json:"blankAsBlank,omitempty"`
	// Now is NOW() as an RFC 3339 instant, or as 2006-01-02T15:04 in GMT
	// (what a datetime-local input holds); "" follows the clock.
	Now string `json:"now,omitempty"`
	// Files are the credential metadata the scope preview composes.
	Files []File `json:"files,omitempty"`
}

// Response is what the page shows.
type Response struct {
	// Type and Value are the result, Value as credscope eval prints it:
	// text as it is, secrets masked.
	Type   string `json:"type,omitempty"`
	Value  string `json:"value"`
	Secret bool   `json:"secret,omitempty"`
	// Errors are the formula's errors, each with its span.
	Errors []Diag `json:"errors,omitempty"`
	// Explain is the evaluation's explanation.
	Explain *Step `json:"explain,omitempty"`
	// FieldErrors are the user fields whose values do not read, by name.
	FieldErrors map[string]string `json:"fieldErrors,omitempty"`
	// NowError says why Now does not read.
	NowError string `json:"nowError,omitempty"`
	// Credentials are the scope previews, one per external credential.
	Credentials []Credential `json:"credentials,omitempty"`
	// Problems are the metadata files that do not load.
	Problems []string `json:"problems,omitempty"`
}

// Diag is an error at a span of the formula. From and To count UTF-16
// code units, as the page's editor does.
type Diag struct {
	From     int    `json:"from"`
	To       int    `json:"to"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Message  string `json:"message"`
	Rendered string `json:"rendered"` // the message with its source line and caret
}

// Step is one sub-expression of the explanation (eval.Step), with its span
// in UTF-16 code units and its value as text.
type Step struct {
	From    int     `json:"from"`
	To      int     `json:"to"`
	Source  string  `json:"source"`
	Type    string  `json:"type"`
	Value   string  `json:"value,omitempty"`
	Error   string  `json:"error,omitempty"`
	Skipped bool    `json:"skipped,omitempty"`
	Steps   []*Step `json:"steps,omitempty"`
}

// Evaluate compiles, evaluates and explains the request's formula for its
// user, and composes the scope of each credential in its files.
func Evaluate(req Request) Response {
	var resp Response
	project := req.project()
	for _, p := range project.Problems {
		resp.Problems = append(resp.Problems, p.Error())
	}
	schema := project.Schema()
	declare(schema, req.User.Fields)
	opts := eval.Options{BlankAsBlank: req.BlankAsBlank, Trace: true}
	var env eval.Env
	if req.Now != "" {
		t, err := parseNow(req.Now)
		if err != nil {
			resp.NowError = err.Error()
		} else {
			env.Now = func() time.Time { return t }
		}
	}
	var prog *eval.Program
	if strings.TrimSpace(req.Formula) != "" {
		p, err := eval.Compile(req.Formula, schema, opts)
		if err != nil {
			resp.Errors = diags(req.Formula, err)
		}
		prog = p
	}
	prepared, _ := project.Prepare(schema, opts)
	vals := schema.NewValues()
	resp.FieldErrors = setFields(vals, req.User.Fields)
	if prog != nil {
		resp.evaluate(req.Formula, prog, vals, env)
	}
	resp.Credentials = compose(prepared, scope.User{PermissionSets: req.User.PermissionSets, Values: vals}, env)
	return resp
}

// project loads the request's files.
func (req Request) project() *scope.Project {
	p := &scope.Project{}
	for _, f := range req.Files {
		p.LoadFile(f.Name, []byte(f.Text))
	}
	return p
}

// evaluate fills in the result and the explanation of vals in env.
func (resp *Response) evaluate(src string, prog *eval.Program, vals *eval.Values, env eval.Env) {
	resp.Type = prog.Type().String()
	if root, err := prog.Explain(vals, env); err == nil {
		resp.Explain = step(src, root)
	}
	v, err := prog.Eval(vals, env)
	if err != nil {
		resp.Errors = diags(src, err)
		return
	}
	resp.Type = v.Type().String()
	resp.Value, resp.Secret = display(v), v.Secret()
}

// display renders a value as credscope eval prints it: text as it is,
// blank for null text, secrets masked.
func display(v eval.Value) string {
	switch {
	case v.Secret():
		return eval.Redacted
	case v.IsNull() && (v.Type() == eval.Text || v.Type() == eval.Null):
		return ""
	}
	return v.String()
}

// parseNow reads NOW() from the page.
func parseNow(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("NOW() wants a date-time such as 2026-01-01T09:30")
}

// diags converts formula errors into spans of src.
func diags(src string, err error) []Diag {
	var list formula.ErrorList
	var one *formula.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = formula.ErrorList{one}
	default:
		return []Diag{{Message: err.Error(), Rendered: err.Error(), Line: 1, Column: 1, To: utf16Len(src)}}
	}
	out := make([]Diag, 0, len(list))
	for _, e := range list {
		from, to := span(src, e)
		out = append(out, Diag{From: utf16At(src, from), To: utf16At(src, to), Line: e.Pos.Line, Column: e.Pos.Column, Message: e.Msg, Rendered: e.Render()})
	}
	return out
}

// span returns the bytes of src an error underlines: to its end when it
// has one, else the token at its position; at the end of the formula, the
// last character, so that the underline shows.
func span(src string, e *formula.Error) (from, to int) {
	from = min(max(e.Pos.Offset, 0), len(src))
	if e.End.IsValid() && e.End.Offset > from && e.End.Offset <= len(src) {
		return from, e.End.Offset
	}
	to = tokenEnd(src, from)
	if from == to && from > 0 {
		from = prevRune(src, from)
	}
	return from, to
}

// tokenEnd returns where the token starting at byte i of src ends: a
// name, a number, a quoted string, or one character.
func tokenEnd(src string, i int) int {
	if i >= len(src) {
		return len(src)
	}
	c := src[i]
	switch {
	case c == '"' || c == '\'':
		for j := i + 1; j < len(src); j++ {
			if src[j] == '\\' {
				j++
			} else if src[j] == c {
				return j + 1
			}
		}
		return len(src)
	case isNameByte(c) || c >= '0' && c <= '9':
		j := i
		for j < len(src) && (isNameByte(src[j]) || src[j] >= '0' && src[j] <= '9') {
			j++
		}
		return j
	}
	return nextRune(src, i)
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '$' || c == '_' || c == '.' || c == ':' || c == '#'
}

// step converts an explanation for the page.
func step(src string, s *eval.Step) *Step {
	out := &Step{From: utf16At(src, s.Start.Offset), To: utf16At(src, s.End.Offset), Source: s.Source, Type: s.Type.String(), Skipped: s.Skipped}
	switch {
	case s.Skipped:
	case s.Err != nil:
		var fe *formula.Error
		if errors.As(s.Err, &fe) {
			out.Error = fe.Msg
		} else {
			out.Error = s.Err.Error()
		}
	default:
		out.Value = s.Value.Literal()
	}
	for _, c := range s.Steps {
		out.Steps = append(out.Steps, step(src, c))
	}
	return out
}
