package eval

import "strings"

// Context is the kind of formula being compiled. Salesforce makes some
// functions available only in some kinds (ISCHANGED in validation rules,
// not in formula fields; IMAGE in formula fields, not in credentials), and
// a formula that calls one elsewhere fails with "Function ISCHANGED may not
// be used in this type of formula".
type Context uint8

// The contexts. The zero Context is a credential's, where credscope began.
const (
	// CredentialContext is an External or Named Credential's formula: a
	// scope, a JWT claim or a header.
	CredentialContext Context = iota
	// FormulaFieldContext is a formula field, whose result type the
	// field's metadata gives.
	FormulaFieldContext
	// ValidationRuleContext is a validation rule's error condition, which
	// must be Boolean.
	ValidationRuleContext
	// DefaultValueContext is a field's default value.
	DefaultValueContext
	// WorkflowContext is the criteria of a workflow, approval or
	// assignment rule, and a field update's formula.
	WorkflowContext
	// FlowContext is a flow's formula resource or criteria.
	FlowContext
	numContexts
)

var contextNames = [...]string{
	CredentialContext: "credential", FormulaFieldContext: "formula field", ValidationRuleContext: "validation rule",
	DefaultValueContext: "default value", WorkflowContext: "workflow", FlowContext: "flow",
}

// String names the context.
func (c Context) String() string {
	if int(c) < len(contextNames) {
		return contextNames[c]
	}
	return "unknown"
}

// ParseContext returns the context named s, as String names it or with
// hyphens for spaces (formula-field), ignoring case.
func ParseContext(s string) (Context, bool) {
	s = strings.ReplaceAll(strings.ToLower(s), "-", " ")
	for i, name := range contextNames {
		if name == s {
			return Context(i), true
		}
	}
	return 0, false
}

// Contexts is a set of contexts, for the function table: the contexts a
// function is available in.
type Contexts uint16

// In returns the set of the contexts given.
func In(cs ...Context) Contexts {
	var s Contexts
	for _, c := range cs {
		s |= 1 << c
	}
	return s
}

// Has reports whether c is in the set.
func (s Contexts) Has(c Context) bool { return s&(1<<c) != 0 }

// recordContexts are every context that has a record.
var recordContexts = In(FormulaFieldContext, ValidationRuleContext, DefaultValueContext, WorkflowContext, FlowContext)

// AvailableIn reports whether the function may be called in context c:
// the contexts its table entry lists, or for one that lists none, every
// context, except that the credential functions (BASE64ENCODE, HMAC, …)
// exist only in credentials.
func (f *Func) AvailableIn(c Context) bool {
	switch {
	case f.Contexts != 0:
		return f.Contexts.Has(c)
	case f.Category == "Credential":
		return c == CredentialContext
	}
	return true
}
