package engine

import (
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// UserFromContext reads a user context file (YAML or JSON, as --user
// takes) into the page's form of a user: each field it sets, with its type
// and its value as written.
func UserFromContext(name string, data []byte) (User, error) {
	uc, err := scope.ParseUserContext(name, data)
	if err != nil {
		return User{}, err
	}
	schema := (&scope.Project{}).Schema()
	vals := schema.NewValues()
	if err := uc.Apply(vals); err != nil {
		return User{}, err
	}
	u := User{PermissionSets: append([]string{}, uc.PermissionSets...), Fields: []Field{}}
	for _, name := range uc.Fields() {
		f, ok := schema.Lookup(name)
		if !ok {
			continue
		}
		v, err := vals.Get(name)
		if err != nil {
			continue
		}
		u.Fields = append(u.Fields, Field{Name: f.Name, Type: f.Type.String(), Secret: f.Secret || v.Secret(), Value: written(v)})
	}
	return u, nil
}

// written renders a value as a context file writes it, secrets included:
// the page holds them, to evaluate with, and shows them masked.
func written(v eval.Value) string {
	switch {
	case v.IsNull():
		return ""
	case v.Type() == eval.Text:
		return v.Text()
	case v.Type() == eval.DateTime:
		return v.Time().Format("2006-01-02T15:04:05Z")
	}
	return v.String()
}

// declare adds to schema the user's fields it lacks, with their types.
func declare(schema *eval.Schema, fields []Field) {
	for _, f := range fields {
		if _, ok := schema.Lookup(f.Name); ok {
			continue
		}
		t, ok := eval.ParseType(f.Type)
		if !ok {
			t = eval.Text
		}
		secret := f.Secret || strings.HasPrefix(strings.ToLower(f.Name), "$credential.")
		_, _ = schema.Declare(f.Name, t, secret) // a bad name is reported when set
	}
}

// setFields sets the user's fields into vals, and returns why each field
// that does not read failed.
func setFields(vals *eval.Values, fields []Field) map[string]string {
	var bad map[string]string
	for _, f := range fields {
		if err := vals.SetString(f.Name, f.Value); err != nil {
			if bad == nil {
				bad = map[string]string{}
			}
			bad[f.Name] = err.Error()
		}
	}
	return bad
}
