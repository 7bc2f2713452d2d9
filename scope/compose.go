package scope

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/redact"
)

// Resolution is the principal a user reaches for one external credential.
type Resolution struct {
	Credential *ExternalCredential
	// Principal is the chosen principal; nil when the user reaches none.
	Principal *Principal
	// Reachable lists every principal the user's permission sets grant, in
	// sequence order, with the permission set that grants each.
	Reachable []Grant
	// Why explains the choice in a sentence.
	Why string
}

// Grant is a principal reached through a permission set.
type Grant struct {
	Principal     Principal
	PermissionSet string
}

// Resolve finds, for credential c, the principals the given permission sets
// grant, and picks the one with the lowest sequence number, as Salesforce
// does when a user reaches several.
func (p *Project) Resolve(c *ExternalCredential, permissionSets []string) Resolution {
	return resolve(c, p.grants(c), permissionSets)
}

// grants lists every enabled grant of a principal of c, by any permission
// set, in the project's order.
func (p *Project) grants(c *ExternalCredential) []Grant {
	var out []Grant
	for _, ps := range p.PermissionSets {
		for _, a := range ps.Accesses {
			cred, principal, ok := a.Target()
			if !ok || !a.IsEnabled() || cred != c.Name {
				continue
			}
			if pr, found := c.Principal(principal); found {
				out = append(out, Grant{Principal: pr, PermissionSet: ps.Name})
			}
		}
	}
	return out
}

// resolve picks from grants, those of c the project holds, the ones of the
// user's permission sets; see Resolve.
func resolve(c *ExternalCredential, grants []Grant, permissionSets []string) Resolution {
	r := Resolution{Credential: c, Reachable: make([]Grant, 0, len(grants))}
	for _, g := range grants {
		if !holds(permissionSets, g.PermissionSet) || reaches(r.Reachable, g.Principal.Name()) {
			continue
		}
		r.Reachable = append(r.Reachable, g)
	}
	slices.SortStableFunc(r.Reachable, func(a, b Grant) int {
		return cmp.Compare(a.Principal.sequenceOrder(), b.Principal.sequenceOrder())
	})
	switch len(r.Reachable) {
	case 0:
		r.Why = fmt.Sprintf("no permission set of the user grants a principal of %s, so the user's callouts through it fail", c.Name)
	case 1:
		r.Principal = &r.Reachable[0].Principal
		r.Why = "the only principal granted, through permission set " + r.Reachable[0].PermissionSet
	default:
		r.Principal = &r.Reachable[0].Principal
		// Written out rather than with fmt: Compose resolves per request.
		var b strings.Builder
		b.WriteString("lowest sequence number (")
		b.WriteString(r.Principal.sequenceText())
		b.WriteString(") of the principals granted; also granted: ")
		for i, o := range r.Reachable[1:] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(o.Principal.Name())
			b.WriteString(" (")
			b.WriteString(o.Principal.sequenceText())
			b.WriteString(")")
		}
		r.Why = b.String()
	}
	return r
}

// holds reports whether the user's permission sets include name, ignoring
// case.
func holds(permissionSets []string, name string) bool {
	for _, s := range permissionSets {
		if strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// reaches reports whether a grant of the principal named is among gs.
func reaches(gs []Grant, principal string) bool {
	for _, g := range gs {
		if g.Principal.Name() == principal {
			return true
		}
	}
	return false
}

// Composition is the scope the platform would request for a user.
type Composition struct {
	Resolution
	// CredentialScope and PrincipalScope are the evaluated scopes; Null
	// when unset or blank.
	CredentialScope, PrincipalScope eval.Value
	// Scope is the final space-separated scope; Null means the auth
	// provider's default scopes apply.
	Scope eval.Value
}

// InjectionError is a scope that merge-field data would widen: a
// character derived from a field's value that is a space, which would add
// a scope, or that RFC 6749 does not allow in a scope token.
type InjectionError struct {
	Credential string
	// Field is the merge field, or clock function such as NOW(), the
	// character derives from; Value is the field's value as text,
	// Redacted when secret, and "" for a clock function.
	Field, Value string
	// Others names any further sources of the character.
	Others []string
	// Via names the function that computed the character from the data,
	// such as "SUBSTITUTE()"; "" when the field's own text holds it.
	Via  string
	Char rune
}

// Error names the credential, then says the Reason.
func (e *InjectionError) Error() string {
	return fmt.Sprintf("scope of %s refused: %s", e.Credential, e.Reason())
}

// Reason names the field, its value (redacted when secret), the function
// it went through and the character.
func (e *InjectionError) Reason() string {
	what := "a space, which would add a scope"
	if e.Char != ' ' {
		what = fmt.Sprintf("%q (U+%04X), which is not allowed in a scope token", e.Char, e.Char)
	}
	src := e.Field
	if !strings.HasSuffix(e.Field, "()") {
		src = fmt.Sprintf("%s = %q", e.Field, e.Value)
	}
	for _, o := range e.Others {
		src += " and " + o
	}
	if e.Via == "" {
		return fmt.Sprintf("%s contains %s; credscope never sends a widened scope", src, what)
	}
	return fmt.Sprintf("%s turns %s into text with %s; credscope never sends a widened scope", e.Via, src, what)
}

// Compose resolves the principal user's permission sets reach, evaluates
// the credential-level and principal-level scopes for the user's values,
// and joins them
// credential-first with one space. It fails when a formula fails, when a
// scope derives from a secret, when a character that merge-field data put
// in the scope is a space or outside RFC 6749's NQCHAR (see
// eval.Program.EvalTrace), or when the scope's origin cannot be traced.
// The values must come from the prepared schema; env is the evaluation's clock,
// time zone, budget and keys, the zero Env for the defaults. A formula
// error is a *FormulaError.
func (pp *Prepared) Compose(c *ExternalCredential, u User, env eval.Env) (*Composition, error) {
	grants, ok := pp.grants[c]
	if !ok {
		grants = pp.project.grants(c) // a credential added after Prepare
	}
	comp := &Composition{Resolution: resolve(c, grants, u.PermissionSets)}
	vals := u.Values
	if err := pp.checkValues(vals); err != nil {
		return comp, err
	}
	cred, prin, err := pp.evalLevels(c, comp.Principal, vals, &env)
	if err != nil {
		return comp, err
	}
	comp.CredentialScope, comp.PrincipalScope = cred.Value, prin.Value
	if cred.Value.Secret() || prin.Value.Secret() {
		// Scopes travel in the clear and identity providers log them.
		return comp, fmt.Errorf("scope of %s refused: it is computed from a $Credential value, and a scope is never secret", c.Name)
	}
	if err := CheckInjected(c.Name, cred, vals); err != nil {
		return comp, err
	}
	if err := CheckInjected(c.Name, prin, vals); err != nil {
		return comp, err
	}
	// Only the formulas' own text is left to split: blank levels drop out,
	// and so do the stray spaces a template leaves around an empty segment.
	scope := joinScope(cred.Value.Text(), prin.Value.Text())
	if scope == "" {
		comp.Scope = eval.NullOf(eval.Text)
		return comp, nil
	}
	for tok := range strings.SplitSeq(scope, " ") {
		for _, r := range tok {
			if !isNQChar(r) {
				return comp, fmt.Errorf("scope of %s refused: token %q holds %q (U+%04X), which RFC 6749 does not allow", c.Name, tok, r, r)
			}
		}
	}
	comp.Scope = eval.TextValue(scope)
	return comp, nil
}

// joinScope joins the two levels' tokens, separated by whitespace in
// either, with one space each.
func joinScope(cred, prin string) string {
	var b strings.Builder
	b.Grow(len(cred) + 1 + len(prin))
	for _, level := range [2]string{cred, prin} {
		for tok := range strings.FieldsSeq(level) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tok)
		}
	}
	return b.String()
}

// evalLevels evaluates, traced, the credential-level scope and, when a
// principal is chosen, its scope.
func (pp *Prepared) evalLevels(c *ExternalCredential, pr *Principal, vals *eval.Values, env *eval.Env) (cred, prin eval.Traced, err error) {
	if cred, err = pp.evalScope(c, DefaultGroup, vals, env); err != nil {
		return
	}
	prin = eval.Traced{Value: eval.NullOf(eval.Text)}
	if pr != nil {
		prin, err = pp.evalScope(c, pr.Name(), vals, env)
	}
	return
}

// CheckInjected is the guard Compose applies to each scope, for any traced
// text, such as a formula tried in the REPL: the *InjectionError that
// refuses t, in which a character derived from merge-field data is a space
// or outside NQCHAR, or nil. Such data may change the text inside a scope
// token, never add a token or break one. credential names the scope's
// credential in the error.
func CheckInjected(credential string, t eval.Traced, vals *eval.Values) error {
	text := t.Value.Text()
	for _, sp := range t.Spans {
		if !sp.Derived() {
			continue
		}
		for _, r := range text[sp.Start:sp.End] {
			if isNQChar(r) {
				continue
			}
			e := &InjectionError{Credential: credential, Field: sp.Sources[0], Via: sp.Via, Char: r}
			if len(sp.Sources) > 1 {
				e.Others = sp.Sources[1:]
			}
			if v, err := vals.Get(e.Field); err == nil && !v.IsNull() {
				text := v.Text()
				if v.Type() != eval.Text {
					text = v.String()
				}
				e.Value = redact.Value(text, v.Secret())
			}
			return e
		}
	}
	return nil
}

// evalScope evaluates, traced, the Scope parameter of a group: Null when
// there is none.
func (pp *Prepared) evalScope(c *ExternalCredential, group string, vals *eval.Values, env *eval.Env) (eval.Traced, error) {
	prm := c.ScopeParameter(group)
	if prm == nil {
		return eval.Traced{Value: eval.NullOf(eval.Text)}, nil
	}
	f := pp.params[prm]
	if f == nil {
		return eval.Traced{}, fmt.Errorf("scope: %s is not of the prepared project", c.Name)
	}
	return f.evalScope(vals, env)
}
