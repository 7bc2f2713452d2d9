package scope

import (
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/objects"
)

// Flow is a flow's formulas and the resources they may name: variables,
// constants, other formulas, text templates, choices, the records that
// Get Records and loops hold, and the triggering record, $Record.
type Flow struct {
	Name, File string
	Pos        Pos
	// Object is the object of a record-triggered flow's record, $Record;
	// "" for another flow.
	Object string
	// Entry is a record-triggered flow's entry condition, a Boolean
	// formula of the record (the start's filterFormula).
	Entry    Value
	Formulas []*FlowFormula
	// resources holds the flow's resources by lower-case name.
	resources map[string]flowResource
	// elements holds the lower-case names of every element, resource or
	// not, such as an action whose outputs a formula may read.
	elements map[string]bool
}

// FlowFormula is one <formulas> entry of a flow.
type FlowFormula struct {
	Name     string
	DataType string // Boolean, Currency, Date, DateTime, Number, String or Time
	// Expression is the formula, with {!references} inside it.
	Expression Value
}

// flowResource is what a flow resource holds: a value of a data type, or
// a record of an object.
type flowResource struct {
	dataType string
	object   string
	// collection marks a collection, which a formula cannot read; loop
	// names its loop's collection, whose item the loop holds.
	collection bool
	loop       string
}

// buildFlow reads a flow file.
func buildFlow(name, file string, root *element) *Flow {
	fl := &Flow{Name: name, File: file, Pos: root.Pos, resources: map[string]flowResource{}, elements: map[string]bool{}}
	add := func(e *element, r flowResource) {
		if n := valueOf(e, "name").Text; n != "" {
			fl.resources[strings.ToLower(n)] = r
		}
	}
	for _, e := range root.Children {
		if n := valueOf(e, "name").Text; n != "" {
			fl.elements[strings.ToLower(n)] = true
		}
		switch e.Name {
		case "start":
			fl.Object, fl.Entry = valueOf(e, "object").Text, rawValueOf(e, "filterFormula")
		case "variables":
			add(e, flowResource{dataType: valueOf(e, "dataType").Text, object: valueOf(e, "objectType").Text,
				collection: valueOf(e, "isCollection").Text == "true"})
		case "constants", "choices":
			add(e, flowResource{dataType: valueOf(e, "dataType").Text})
		case "formulas":
			f := &FlowFormula{Name: valueOf(e, "name").Text, DataType: valueOf(e, "dataType").Text, Expression: rawValueOf(e, "expression")}
			fl.Formulas = append(fl.Formulas, f)
			add(e, flowResource{dataType: f.DataType})
		case "textTemplates", "dynamicChoiceSets", "stages":
			add(e, flowResource{dataType: "String"})
		case "recordLookups":
			add(e, flowResource{dataType: "SObject", object: valueOf(e, "object").Text,
				collection: valueOf(e, "getFirstRecordOnly").Text != "true"})
		case "recordCreates":
			add(e, flowResource{dataType: "String"}) // the new record's Id
		case "loops":
			add(e, flowResource{loop: valueOf(e, "collectionReference").Text})
		case "screens":
			fl.addScreenFields(e, 0)
		case "decisions":
			// Each outcome is a Boolean: whether the flow took it.
			for _, rule := range e.Children {
				if rule.Name == "rules" {
					add(rule, flowResource{dataType: "Boolean"})
				}
			}
		}
	}
	return fl
}

// addScreenFields adds the fields of a screen, or of a section or column
// of one, that hold a value a formula reads by name: an input's, of its
// data type, or a long text area's, which has none. A component's
// outputs are read as Field.output, which its metadata does not type.
func (fl *Flow) addScreenFields(e *element, depth int) {
	if depth > 8 {
		return
	}
	for _, f := range e.Children {
		if f.Name != "fields" {
			continue
		}
		name := strings.ToLower(valueOf(f, "name").Text)
		dt := valueOf(f, "dataType").Text
		switch fieldType := valueOf(f, "fieldType").Text; {
		case name == "":
		case dt != "":
			fl.resources[name] = flowResource{dataType: dt}
		case fieldType == "LargeTextArea" || fieldType == "PasswordField":
			fl.resources[name] = flowResource{dataType: "String"}
		default:
			fl.elements[name] = true
		}
		fl.addScreenFields(f, depth+1)
	}
}

// flowType returns the formula type of a flow data type; Invalid for one
// that is not a value, such as SObject.
func flowType(dataType string) eval.Type {
	switch strings.ToLower(dataType) {
	case "string":
		return eval.Text
	case "number", "currency":
		return eval.Number
	case "boolean":
		return eval.Boolean
	case "date":
		return eval.Date
	case "datetime":
		return eval.DateTime
	case "time":
		return eval.Time
	case "picklist":
		return eval.Picklist
	case "multipicklist":
		return eval.MultiPicklist
	}
	return eval.Invalid
}

// flowGlobals are the $Flow and $GlobalConstant fields.
var flowGlobals = map[string]eval.Type{
	"$flow.currentdate": eval.Date, "$flow.currentdatetime": eval.DateTime, "$flow.interviewstarttime": eval.DateTime,
	"$flow.faultmessage": eval.Text, "$flow.interviewguid": eval.Text, "$flow.currentrecord": eval.Text,
	"$flow.currentstage": eval.Text, "$flow.activestages": eval.Text,
	"$globalconstant.true": eval.Boolean, "$globalconstant.false": eval.Boolean, "$globalconstant.emptystring": eval.Text,
}

// flowSchema returns the merge fields a formula of the flow may read: the
// global ones, $Record and $Record__Prior, $Flow and $GlobalConstant, and
// the flow's resources, a record's fields through relationships.
func flowSchema(m *objects.Model, labels *labelSet, fl *Flow) *eval.Schema {
	s := globalSchema(m, labels)
	s.AddResolver(func(name string) (eval.Type, bool) {
		if t, ok := flowGlobals[strings.ToLower(name)]; ok {
			return t, true
		}
		head, rest, dotted := strings.Cut(name, ".")
		switch strings.ToLower(head) {
		case "$record", "$record__prior":
			if fl.Object == "" || !dotted {
				return eval.Invalid, false
			}
			t, err := m.Type(fl.Object, rest)
			return t, err == nil
		}
		r, ok := fl.resource(head, 0)
		if !ok || r.collection {
			return eval.Invalid, false
		}
		if !dotted {
			t := flowType(r.dataType)
			return t, t != eval.Invalid
		}
		if r.object == "" {
			return eval.Invalid, false
		}
		t, err := m.Type(r.object, rest)
		return t, err == nil
	})
	return s
}

// resource returns the resource of that name, a loop standing for an
// item of its collection.
func (fl *Flow) resource(name string, depth int) (flowResource, bool) {
	r, ok := fl.resources[strings.ToLower(name)]
	if !ok || r.loop == "" {
		return r, ok
	}
	if depth > 8 {
		return flowResource{}, false
	}
	item, ok := fl.resource(r.loop, depth+1)
	item.collection = false
	return item, ok
}

// stripFlowRefs blanks the {! and } around each reference inside a flow
// formula, so that {!Amount} > 1 reads as Amount > 1 with every other
// character where it was: positions in the formula stay positions in the
// file. String literals and comments are left as they are.
func stripFlowRefs(src string) string {
	b := []byte(src)
	open := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"' || c == '\'':
			for i++; i < len(b) && b[i] != c; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return string(b)
			}
			i += end + 3
		case c == '{' && i+1 < len(b) && b[i+1] == '!' && !open:
			b[i], b[i+1] = ' ', ' '
			open = true
			i++
		case c == '}' && open:
			b[i] = ' '
			open = false
		}
	}
	return string(b)
}
