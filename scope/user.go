package scope

import (
	"fmt"
	"strings"

	"github.com/credscope/credscope/eval"
)

// User is the running user of a composition, an exchange or a callout:
// who they are, the permission sets that decide their principal, and their
// merge-field values. A context file describes one (see UserContext).
type User struct {
	// Name identifies the user in the cache of per-user principals; when
	// empty, the user's $User.Username is used.
	Name string
	// PermissionSets lists the permission sets assigned to the user; they
	// decide the principal.
	PermissionSets []string
	// Values are the user's merge-field values, from the prepared schema.
	Values *eval.Values
}

// User returns the running user the context describes, with vals as the
// values: Apply must have set them.
func (uc *UserContext) User(vals *eval.Values) User {
	return User{PermissionSets: uc.PermissionSets, Values: vals}
}

// UnknownFieldError is a field that a schema lacks and that may not be
// declared on the fly.
type UnknownFieldError struct {
	Name string
}

// Error says the field does not exist, as Salesforce does.
func (e *UnknownFieldError) Error() string {
	return fmt.Sprintf("Field %s does not exist. Check spelling.", e.Name)
}

// DeclareField returns the field of schema named name, declaring it when
// the schema lacks it and a user's value may bring it: a permission ($Permission.NAME, Boolean), a credential
// parameter ($Credential.NAME.PARAM, secret Text), or a custom field
// (NAME__c, $User.NAME__c and so on) of type t, the type of the value
// given. It is the one rule for context files, eval's --set and the
// REPL's :set. Any other name, and a custom field whose value has no type
// (t is Null), is an *UnknownFieldError: standard fields come from the
// schema, and a misspelt one must not be declared.
func DeclareField(schema *eval.Schema, name string, t eval.Type) (eval.Field, error) {
	if f, ok := schema.Lookup(name); ok {
		return f, nil
	}
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(lower, "$permission."):
		t = eval.Boolean
	case strings.HasPrefix(lower, "$credential."):
		t = eval.Text
	case !strings.HasSuffix(lower, "__c") || t == eval.Null:
		return eval.Field{}, &UnknownFieldError{Name: name}
	}
	return schema.Declare(name, t, false)
}
