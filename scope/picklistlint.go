package scope

import (
	"fmt"
	"strings"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/objects"
)

// Picklist values (CS406). A formula that compares a picklist with a text
// literal, as ISPICKVAL(Stage__c, "Won"), CASE(Stage__c, "Won", …),
// INCLUDES(Colors__c, "Red") and TEXT(Stage__c) = "Won" do, deploys
// whatever the literal, and is silently never true when the literal is
// not one of the field's values. The values are those the field's
// metadata lists, its global value set's, or a standard picklist's
// standard value set's; a field whose values the project does not give
// is not checked.
//
// A value matches only as written. Salesforce's documentation does not
// say whether ISPICKVAL, CASE and INCLUDES ignore letter case; its
// knowledge articles say a record holds a value in the letter case the
// value set gives it (a picklist's values are unique ignoring case, and a
// value written in another case takes the defined one), and that a
// literal matches a value only with the value's exact spacing. TEXT
// returns the value's API name, and = compares text exactly, as
// credscope's evaluator compares all four. So a literal that differs from
// a value, even only in letter case, is warned about, and the value
// suggested.

// PicklistValueRule is the rule of picklist values.
const PicklistValueRule = "CS406"

// checkPicklistValues warns of each literal compared with a picklist that
// is none of the picklist's values.
func checkPicklistValues(l *linter) {
	l.formulaFields()
	formulas, _ := l.prepared.Records()
	m := l.model()
	sets := valueSets{}
	for _, f := range formulas {
		if f.Template == nil {
			continue
		}
		for _, seg := range f.Template.Segments {
			formula.Inspect(seg.Expr, func(x formula.Expr) bool {
				for _, c := range picklistComparisons(x) {
					l.checkPicklistValue(m, sets, f, c)
				}
				return true
			})
		}
	}
}

// picklistComparison is a literal compared with a merge field.
type picklistComparison struct {
	field string
	lit   *formula.StringLit
	// multi is set for INCLUDES, which takes a multi-select picklist.
	multi bool
}

// picklistComparisons returns the comparisons of a picklist field with a
// literal that x makes itself: ISPICKVAL, INCLUDES, CASE, and = or <>
// between TEXT of a field and a literal. A field may be read through
// PRIORVALUE.
func picklistComparisons(x formula.Expr) []picklistComparison {
	switch x := x.(type) {
	case *formula.Call:
		name := strings.ToUpper(x.Name)
		switch {
		case (name == "ISPICKVAL" || name == "INCLUDES") && len(x.Args) == 2:
			field, lit := fieldName(x.Args[0]), stringLit(x.Args[1])
			if field != "" && lit != nil {
				return []picklistComparison{{field: field, lit: lit, multi: name == "INCLUDES"}}
			}
		case name == "CASE" && len(x.Args) >= 3:
			field := fieldName(x.Args[0])
			if field == "" {
				field = textOfField(x.Args[0])
			}
			if field == "" {
				return nil
			}
			var out []picklistComparison
			// CASE(expression, value1, result1, value2, result2, …, else)
			for i := 1; i+1 < len(x.Args); i += 2 {
				if lit := stringLit(x.Args[i]); lit != nil {
					out = append(out, picklistComparison{field: field, lit: lit})
				}
			}
			return out
		}
	case *formula.Binary:
		if x.Op != formula.OpEq && x.Op != formula.OpNe {
			return nil
		}
		for _, side := range [][2]formula.Expr{{x.X, x.Y}, {x.Y, x.X}} {
			if field, lit := textOfField(side[0]), stringLit(side[1]); field != "" && lit != nil {
				return []picklistComparison{{field: field, lit: lit}}
			}
		}
	}
	return nil
}

// fieldName returns the merge field x reads, directly or through
// PRIORVALUE, or "".
func fieldName(x formula.Expr) string {
	switch x := formula.Unparen(x).(type) {
	case *formula.Ident:
		return x.Name
	case *formula.Call:
		if strings.EqualFold(x.Name, "PRIORVALUE") && len(x.Args) == 1 {
			return fieldName(x.Args[0])
		}
	}
	return ""
}

// textOfField returns the field of TEXT(field), or "".
func textOfField(x formula.Expr) string {
	if c, ok := formula.Unparen(x).(*formula.Call); ok && strings.EqualFold(c.Name, "TEXT") && len(c.Args) == 1 {
		return fieldName(c.Args[0])
	}
	return ""
}

// stringLit returns x as a string literal that is not blank, or nil: a
// blank literal tests for a blank field, which any picklist may be.
func stringLit(x formula.Expr) *formula.StringLit {
	lit, ok := formula.Unparen(x).(*formula.StringLit)
	if !ok || strings.TrimSpace(lit.Value) == "" {
		return nil
	}
	return lit
}

// valueSets holds each picklist's values as a set, made once for all the
// literals compared with it, by the first of its values.
type valueSets map[*string]map[string]bool

// has reports whether v is one of values.
func (vs valueSets) has(values []string, v string) bool {
	set, ok := vs[&values[0]]
	if !ok {
		set = make(map[string]bool, len(values))
		for _, v := range values {
			set[v] = true
		}
		vs[&values[0]] = set
	}
	return set[v]
}

// checkPicklistValue warns when c's literal is none of its field's values,
// and the field is a picklist whose values the project gives.
func (l *linter) checkPicklistValue(m *objects.Model, sets valueSets, f *Formula, c picklistComparison) {
	object, path, ok := recordPath(f, c.field)
	if !ok {
		return
	}
	field, err := m.Resolve(object, path)
	if err != nil || len(field.Values) == 0 {
		return
	}
	kind := "picklist"
	switch {
	case strings.EqualFold(field.Type, "MultiselectPicklist"):
		kind = "multi-select picklist"
	case !strings.EqualFold(field.Type, "Picklist") || c.multi:
		return // not a picklist: the formula's compile error says so
	}
	if sets.has(field.Values, c.lit.Value) {
		return
	}
	msg := fmt.Sprintf("in %s: %s is not a value of %s %s", f.What, formula.Quote(c.lit.Value), kind, c.field)
	if near := suggest.Near(c.lit.Value, field.Values); len(near) > 0 {
		msg += ". Did you mean " + formula.Quote(near[0]) + "?" // the closest
	} else if len(field.Values) <= 10 {
		msg += fmt.Sprintf(", whose values are %s", suggest.AndList(quoteAll(field.Values)))
	} else {
		msg += fmt.Sprintf(", one of %d values", len(field.Values))
	}
	l.report(f.Value.PosAt(c.lit.ValuePos.Offset), "%s", msg)
}

// quoteAll quotes each value.
func quoteAll(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = formula.Quote(v)
	}
	return out
}
