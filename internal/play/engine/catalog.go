package engine

import (
	"github.com/credscope/credscope/eval"
)

// Func documents one function for the page's completion and hover: the
// REPL's and credscope functions' table, eval.Functions.
type Func struct {
	Name     string   `json:"name"`
	Category string   `json:"category"`
	Doc      string   `json:"doc"`
	Example  string   `json:"example,omitempty"`
	Want     string   `json:"want,omitempty"`
	Sigs     []string `json:"sigs"`
}

// Functions returns the function table.
func Functions() []Func {
	var out []Func
	for _, f := range eval.Functions() {
		fn := Func{Name: f.Name, Category: f.Category, Doc: f.Doc, Example: f.Example, Want: f.Want}
		for _, s := range f.Sigs {
			fn.Sigs = append(fn.Sigs, s.String(f.Name))
		}
		out = append(out, fn)
	}
	return out
}

// Fields returns the merge fields a formula may read for the user and the
// files: the schema's, the user's and the projects' custom fields, with
// their types, for completion.
func Fields(user User, files []File) []Field {
	project := Request{User: user, Files: files}.project()
	schema := project.Schema()
	declare(schema, user.Fields)
	var out []Field
	for _, f := range schema.Fields() {
		out = append(out, Field{Name: f.Name, Type: f.Type.String(), Secret: f.Secret})
	}
	return out
}
