package difftest

import (
	"sort"

	"github.com/credscope/credscope/eval"
)

// Left out of the generator, each with the reason. Every other function
// of eval's table, apart from the Credential category, is generated.
var excluded = map[string]string{
	"ACOS": "not in the open-source engine", "ASIN": "not in the open-source engine",
	"ATAN": "not in the open-source engine", "ATAN2": "not in the open-source engine",
	"COS": "not in the open-source engine", "SIN": "not in the open-source engine",
	"TAN": "not in the open-source engine", "DISTANCE": "not in the open-source engine",
	"FORMATCURRENCY": "not in the open-source engine", "INCLUDES": "not in the open-source engine",
	"JSONPATHVALUE": "not in the open-source engine", "JSONVALUE": "not in the open-source engine",
	"URLENCODE":   "not in the open-source engine",
	"ISNEW":       "reads the record's prior version, which only record formulas have",
	"ISCLONE":     "reads the record's prior version, which only record formulas have",
	"ISCHANGED":   "reads the record's prior version, which only record formulas have",
	"PRIORVALUE":  "reads the record's prior version, which only record formulas have",
	"VLOOKUP":     "reads other records, which only validation rules have",
	"HYPERLINK":   "not in the open-source engine; formula fields only",
	"IMAGE":       "not in the open-source engine; formula fields only",
	"BR":          "not in the open-source engine; formula fields only",
	"CASESAFEID":  "not in the open-source engine; record formulas only",
	"HTMLENCODE":  "the engine refuses it outside template formulas",
	"JSENCODE":    "the engine refuses it outside template formulas",
	"GEOLOCATION": "a location goes only to DISTANCE, which the engine lacks",
	"NOW":         "reads the clock, which the two engines do not share",
	"TODAY":       "reads the clock, which the two engines do not share",
	"TIMENOW":     "reads the clock, which the two engines do not share",
}

// generated is the types a generated expression can have.
var generated = []eval.Type{eval.Text, eval.Number, eval.Boolean, eval.Date, eval.DateTime, eval.Time}

// picklists is the picklist types, of fields only: a picklist expression
// is a field, read where a function takes one.
var picklists = []eval.Type{eval.Picklist, eval.MultiPicklist}

// production is one way to build an expression of type result: a call of
// a function signature, with the parameter types and names to fill.
type production struct {
	name     string
	result   eval.Type
	params   []eval.Type
	names    []string
	variadic bool
}

// polymorphic names the functions whose signatures take Any: the generator
// writes their calls itself (see Generator.poly).
var polymorphic = map[string]bool{
	"IF": true, "IFS": true, "CASE": true, "BLANKVALUE": true, "NULLVALUE": true,
	"IFERROR": true, "IN": true, "ISBLANK": true, "ISNULL": true,
}

// productions returns the typed signatures of every generated function
// that is not polymorphic, by result type, and the names of the functions
// generated.
func productions() (map[eval.Type][]production, []string) {
	byType := map[eval.Type][]production{}
	var names []string
	for _, f := range eval.Functions() {
		if f.Category == "Credential" || excluded[f.Name] != "" {
			continue
		}
		names = append(names, f.Name)
		if polymorphic[f.Name] {
			continue
		}
		for _, s := range f.Sigs {
			if f.Name == "ISPICKVAL" && !readsPicklist(s) {
				continue // a Text field read as a picklist: deviation ispickval-text-field
			}
			p := production{name: f.Name, result: s.Result, variadic: s.Variadic}
			for _, prm := range s.Params {
				p.params = append(p.params, prm.Type)
				p.names = append(p.names, prm.Name)
			}
			byType[s.Result] = append(byType[s.Result], p)
		}
	}
	sort.Strings(names)
	return byType, names
}

// readsPicklist reports whether a signature takes a picklist.
func readsPicklist(s eval.Sig) bool {
	for _, prm := range s.Params {
		if prm.Type == eval.Picklist || prm.Type == eval.MultiPicklist {
			return true
		}
	}
	return false
}

// op is an operator with its operand and result types.
type op struct {
	sym         string
	left, right eval.Type // right is Invalid for a unary operator
	result      eval.Type
}

// operators lists every operator over the types it takes.
func operators() []op {
	var ops []op
	add := func(syms []string, l, r, res eval.Type) {
		for _, s := range syms {
			ops = append(ops, op{s, l, r, res})
		}
	}
	N, T, B := eval.Number, eval.Text, eval.Boolean
	D, DT, TM := eval.Date, eval.DateTime, eval.Time
	add([]string{"+", "-", "*", "/", "^"}, N, N, N)
	add([]string{"+", "&"}, T, T, T)
	add([]string{"+", "-"}, D, N, D)
	add([]string{"+"}, N, D, D)
	add([]string{"-"}, D, D, N)
	add([]string{"+", "-"}, DT, N, DT)
	add([]string{"+"}, N, DT, DT)
	add([]string{"-"}, DT, DT, N)
	add([]string{"+", "-"}, TM, N, TM)
	add([]string{"-"}, TM, TM, N)
	for _, t := range []eval.Type{N, T, D, DT, TM} {
		add([]string{"=", "==", "!=", "<>", "<", ">", "<=", ">="}, t, t, B)
	}
	add([]string{"=", "<>"}, B, B, B)
	add([]string{"&&", "||"}, B, B, B)
	add([]string{"-", "+"}, N, eval.Invalid, N)
	add([]string{"NOT", "!"}, B, eval.Invalid, B)
	return ops
}
