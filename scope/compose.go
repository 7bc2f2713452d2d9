package scope

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
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
	r := Resolution{Credential: c}
	assigned := map[string]bool{}
	for _, name := range permissionSets {
		assigned[strings.ToLower(name)] = true
	}
	seen := map[string]bool{}
	for _, ps := range p.PermissionSets {
		if !assigned[strings.ToLower(ps.Name)] {
			continue
		}
		for _, a := range ps.Accesses {
			cred, principal, ok := a.Target()
			if !ok || !a.IsEnabled() || cred != c.Name || seen[principal] {
				continue
			}
			if pr, found := c.Principal(principal); found {
				seen[principal] = true
				r.Reachable = append(r.Reachable, Grant{Principal: pr, PermissionSet: ps.Name})
			}
		}
	}
	sort.SliceStable(r.Reachable, func(i, j int) bool {
		return r.Reachable[i].Principal.sequenceOrder() < r.Reachable[j].Principal.sequenceOrder()
	})
	switch len(r.Reachable) {
	case 0:
		r.Why = fmt.Sprintf("no permission set of the user grants a principal of %s, so the user's callouts through it fail", c.Name)
	case 1:
		g := r.Reachable[0]
		r.Principal = &g.Principal
		r.Why = fmt.Sprintf("the only principal granted, through permission set %s", g.PermissionSet)
	default:
		g := r.Reachable[0]
		r.Principal = &g.Principal
		var others []string
		for _, o := range r.Reachable[1:] {
			others = append(others, fmt.Sprintf("%s (%s)", o.Principal.Name(), o.Principal.sequenceText()))
		}
		r.Why = fmt.Sprintf("lowest sequence number (%s) of the principals granted; also granted: %s", g.Principal.sequenceText(), strings.Join(others, ", "))
	}
	return r
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

// InjectionError is a scope that a merge-field value would widen.
type InjectionError struct {
	Credential string
	Field      string
	Value      string
	Char       rune
}

// Error names the field, its value (redacted when secret) and the character.
func (e *InjectionError) Error() string {
	what := "a space, which would add a scope"
	if e.Char != ' ' {
		what = fmt.Sprintf("%q (U+%04X), which is not allowed in a scope token", e.Char, e.Char)
	}
	return fmt.Sprintf("scope of %s refused: %s = %q contains %s; credscope never sends a widened scope", e.Credential, e.Field, e.Value, what)
}

// Compose resolves the principal, evaluates the credential-level and
// principal-level scopes for the user in vals, and joins them
// credential-first with one space. It fails when a formula fails, when a
// scope derives from a secret, or when a merge-field value would add a
// scope or carry a forbidden character.
func (p *Project) Compose(c *ExternalCredential, permissionSets []string, vals *eval.Values, opts eval.Options) (*Composition, error) {
	comp := &Composition{Resolution: p.Resolve(c, permissionSets)}
	var read []eval.Field
	var err error
	comp.CredentialScope, comp.PrincipalScope, read, err = p.evalLevels(c, comp.Principal, vals, opts)
	if err != nil {
		return comp, err
	}
	if comp.CredentialScope.Secret() || comp.PrincipalScope.Secret() {
		// Scopes travel in the clear and identity providers log them.
		return comp, fmt.Errorf("scope of %s refused: it is computed from a $Credential value, and a scope is never secret", c.Name)
	}
	raw := comp.CredentialScope.Text() + " " + comp.PrincipalScope.Text()
	if err := p.checkInjected(c, comp.Principal, raw, read, vals, opts); err != nil {
		return comp, err
	}
	// Blank levels drop out, and so do the stray spaces a template leaves
	// around an empty segment.
	scope := strings.Join(strings.Fields(raw), " ")
	if scope == "" {
		comp.Scope = eval.NullOf(eval.Text)
		return comp, nil
	}
	for _, tok := range strings.Split(scope, " ") {
		for _, r := range tok {
			if !isNQChar(r) {
				return comp, fmt.Errorf("scope of %s refused: token %q holds %q (U+%04X), which RFC 6749 does not allow", c.Name, tok, r, r)
			}
		}
	}
	comp.Scope = eval.TextValue(scope)
	return comp, nil
}

// evalLevels evaluates the credential-level scope and, when a principal is
// chosen, its scope; read lists the fields the formulas read.
func (p *Project) evalLevels(c *ExternalCredential, pr *Principal, vals *eval.Values, opts eval.Options) (cred, prin eval.Value, read []eval.Field, err error) {
	if cred, read, err = p.evalScope(c, DefaultGroup, vals, opts); err != nil {
		return
	}
	prin = eval.NullOf(eval.Text)
	if pr != nil {
		var more []eval.Field
		if prin, more, err = p.evalScope(c, pr.Name(), vals, opts); err != nil {
			return
		}
		read = append(read, more...)
	}
	return
}

// checkInjected refuses a scope that a text merge field's value widens.
// It evaluates the scopes again with that value's forbidden characters
// replaced by '_': when the real value yields more scope tokens, its white
// space split a scope in two; when a forbidden character it holds shows in
// the scope only with the real value, the value put it there. Functions
// such as UPPER or SUBSTITUTE cannot hide a value from this check, and a
// formula that tests the value first, such as IF(REGEX(…)), passes.
func (p *Project) checkInjected(c *ExternalCredential, pr *Principal, raw string, read []eval.Field, vals *eval.Values, opts eval.Options) error {
	seen := map[string]bool{}
	for _, f := range read {
		if f.Type != eval.Text || seen[f.Name] {
			continue
		}
		seen[f.Name] = true
		v, err := vals.Get(f.Name)
		if err != nil || v.IsBlank() {
			continue
		}
		neutral, forbidden := neutralise(v.Text())
		if len(forbidden) == 0 {
			continue
		}
		alt := vals.Clone()
		if err := alt.SetText(f.Name, neutral); err != nil {
			return err
		}
		cred, prin, _, err := p.evalLevels(c, pr, alt, opts)
		if err != nil {
			continue // the formula rejects the neutral value: it cannot be its text
		}
		raw2 := cred.Text() + " " + prin.Text()
		shown := redact.Value(v.Text(), v.Secret())
		for _, r := range forbidden {
			widened := unicode.IsSpace(r) && len(strings.Fields(raw)) > len(strings.Fields(raw2))
			if widened || !unicode.IsSpace(r) && strings.ContainsRune(raw, r) && !strings.ContainsRune(raw2, r) {
				return &InjectionError{Credential: c.Name, Field: f.Name, Value: shown, Char: r}
			}
		}
	}
	return nil
}

// neutralise replaces the characters a scope token may not hold with '_',
// and returns them, each once, in order.
func neutralise(s string) (string, []rune) {
	var forbidden []rune
	out := []rune(s)
	for i, r := range out {
		if isNQChar(r) {
			continue
		}
		if !slices.Contains(forbidden, r) {
			forbidden = append(forbidden, r)
		}
		out[i] = '_'
	}
	return string(out), forbidden
}

// evalScope evaluates the Scope parameter of a group, Null when there is
// none, and returns the fields the formula reads.
func (p *Project) evalScope(c *ExternalCredential, group string, vals *eval.Values, opts eval.Options) (eval.Value, []eval.Field, error) {
	prm := c.ScopeParameter(group)
	if prm == nil {
		return eval.NullOf(eval.Text), nil, nil
	}
	f := FormulaField{What: "scope", Value: prm.Value, Scope: true, Credential: c}
	prog, fs := f.Compile(vals.Schema(), opts)
	if len(fs) > 0 {
		return eval.Value{}, nil, fmt.Errorf("%s: %s", fs[0].Pos, fs[0].Message)
	}
	// Compiling declares the fields of open namespaces the formula reads,
	// such as a $Permission the user's values never mention; looking each
	// up makes vals hold a (null) value for it before evaluation.
	for _, fld := range prog.Fields() {
		if _, err := vals.Get(fld.Name); err != nil {
			return eval.Value{}, nil, err
		}
	}
	v, err := prog.Eval(vals)
	if err != nil {
		// A runtime error is positioned in the formula; place it in the file.
		if list, ok := formula.AsList(err); ok {
			fe := list[0]
			return eval.Value{}, nil, fmt.Errorf("%s: %s", prm.Value.PosAt(fe.Pos.Offset), fe.Msg)
		}
		return eval.Value{}, nil, fmt.Errorf("%s: %v", prm.Value.TextPos(), err)
	}
	return v, prog.Fields(), nil
}
