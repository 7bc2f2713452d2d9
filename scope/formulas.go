package scope

import (
	"fmt"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
)

// FormulaField is a credential field that may hold a formula: a scope, a
// JWT claim or a named-credential header.
type FormulaField struct {
	// What describes the field, such as "the scope of principal Sales_Team".
	What  string
	Value Value
	// Scope marks scope fields, which must be Text and valid scope tokens.
	Scope bool
	// Credential is the external credential the field belongs to, if any.
	Credential *ExternalCredential
	// param or header is the parameter that holds the field.
	param  *Parameter
	header *NamedParameter

	// The rest describe a formula of records (see RecordFormulas); they
	// are zero for a credential's.

	// Context is the kind of formula, which decides the functions it may
	// call.
	Context eval.Context
	// Object is the object whose record the formula reads; "" for a flow
	// that has no record.
	Object string
	// Result is the type a record formula must return; Invalid when any
	// will do, as for a field update of a field the project does not
	// declare.
	Result eval.Type
	// BlankAsBlank is a formula field's "treat blank fields as blanks".
	BlankAsBlank bool
	// Flow is the flow a flow formula belongs to, whose resources its
	// {!references} name.
	Flow *Flow
}

// FormulaFields returns every formula-capable field of the project.
func (p *Project) FormulaFields() []FormulaField {
	var out []FormulaField
	for _, c := range p.ExternalCredentials {
		for _, prm := range c.Parameters {
			switch {
			case prm.Type.Text == TypeAuthParameter && prm.Name.Text == "Scope":
				what := "the credential-level scope of " + c.Name
				if g := prm.Group.Text; g != "" && g != DefaultGroup {
					what = "the scope of principal " + g + " of " + c.Name
				}
				out = append(out, FormulaField{What: what, Value: prm.Value, Scope: true, Credential: c, param: prm})
			case prm.Type.Text == TypeJwtBodyClaim || prm.Type.Text == TypeJwtHeaderClaim:
				kind := "JWT claim"
				if prm.Type.Text == TypeJwtHeaderClaim {
					kind = "JWT header claim"
				}
				out = append(out, FormulaField{What: fmt.Sprintf("%s %s of %s", kind, prm.Name.Text, c.Name), Value: prm.Value, Credential: c, param: prm})
			}
		}
	}
	for _, n := range p.NamedCredentials {
		for _, h := range n.Headers() {
			out = append(out, FormulaField{What: fmt.Sprintf("header %s of %s", h.Name.Text, n.Name), Value: h.Value, header: h})
		}
	}
	return out
}

// Schema returns the merge fields a project's formulas may read: the
// running user's and org's standard fields, the User object's custom fields
// in the project, any $Permission, and any $Credential parameter (secret).
func (p *Project) Schema() *eval.Schema {
	s := eval.NewSchema()
	s.Open("$Permission.", eval.Boolean, false)
	s.Open("$Credential.", eval.Text, true)
	for _, f := range p.UserFields {
		t, ok := eval.ParseType(f.Type.Text)
		if !ok {
			t = eval.Text // a field type formulas read as text, such as a lookup
		}
		_, _ = s.Declare("$User."+f.Name, t, false) // an invalid name is simply not declared
	}
	return s
}

// prepare returns the project prepared once per lint run, whichever rule
// asks first, and shared by the rules that read formulas.
func (l *linter) prepare() *Prepared {
	if l.prepared == nil {
		l.prepared, _ = l.p.Prepare(l.p.Schema(), eval.Options{})
	}
	return l.prepared
}

// formulaFields returns the project's prepared formula fields.
func (l *linter) formulaFields() []*Formula { return l.prepare().Formulas() }

func checkFormulas(l *linter) {
	for _, f := range l.formulaFields() {
		if !strings.Contains(f.Value.Text, "{!") {
			continue
		}
		for _, fd := range f.findings(l.prepared.Schema()) {
			l.report(fd.Pos, "%s", fd.Message)
		}
	}
}

// IsNQChar reports whether c may appear in an RFC 6749 scope token.
func IsNQChar(c rune) bool { return isNQChar(c) }

// isNQChar reports whether c may appear in an RFC 6749 scope token.
func isNQChar(c rune) bool {
	return c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E
}

// scopeTextProblem explains why static scope text is not a valid list of
// scope tokens, or returns "". At the edges of a formula segment, a space
// may separate the text from the segment's tokens.
func scopeTextProblem(text string, edgeSpaces bool) (int, string) {
	for i, r := range text {
		if r == ' ' {
			if !edgeSpaces && (i == 0 || i == len(text)-1) {
				return i, "a scope may not start or end with a space"
			}
			if i+1 < len(text) && text[i+1] == ' ' {
				return i, "scope tokens are separated by exactly one space"
			}
			continue
		}
		if !isNQChar(r) {
			return i, fmt.Sprintf("%q (U+%04X) is not allowed in a scope token", r, r)
		}
	}
	return -1, ""
}

func checkScopeTokens(l *linter) {
	for _, f := range l.formulaFields() {
		t := f.Template
		if !f.Scope || t == nil {
			continue // CS401 reports a parse error
		}
		mixed := t.Kind != formula.Static
		for _, seg := range t.Segments {
			if seg.Expr != nil {
				continue
			}
			if i, why := scopeTextProblem(seg.Text, mixed); why != "" {
				l.report(f.Value.PosAt(seg.Start.Offset+i), "%s: %s", f.What, why)
			}
		}
	}
}
