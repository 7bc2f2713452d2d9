package objects

import (
	"strings"

	"github.com/credscope/credscope/eval"
)

// Field is one field of an object, described as the metadata describes it.
type Field struct {
	// Name is the API name, such as Name, AccountId or Region__c.
	Name string `json:"name"`
	// Type is the metadata field type, such as Text, Currency, Lookup or
	// Picklist. A formula field's Type is its return type.
	Type string `json:"type"`
	// Scale is the number of decimal places of a Number, Currency or
	// Percent field.
	Scale int `json:"scale,omitempty"`
	// ReferenceTo names the objects a Lookup, MasterDetail or standard
	// reference field points at; the first is the one a relationship path
	// follows unless the path names another (Owner:Queue.Name).
	ReferenceTo []string `json:"referenceTo,omitempty"`
	// Relationship is the name a formula follows the reference by: Account
	// for AccountId, Account__r for the custom lookup Account__c.
	Relationship string `json:"relationship,omitempty"`
	// Formula is a formula field's expression; "" for other fields.
	Formula string `json:"-"`
	// Values are a picklist's values, when the metadata lists them.
	Values []string `json:"values,omitempty"`
	// SummaryOperation and SummarizedField describe a roll-up summary
	// field: count, sum, min or max of Object.Field of the detail records.
	SummaryOperation string `json:"-"`
	SummarizedField  string `json:"-"`
}

// FormulaType returns the formula type a field of metadata type t reads as:
// Text for the text types, identifiers and references, Number for Number,
// Currency and Percent, Boolean for Checkbox, and so on. It reports false
// for a type formulas cannot read, or that is not known.
func FormulaType(t string) (eval.Type, bool) {
	switch strings.ToLower(t) {
	case "text", "textarea", "longtextarea", "html", "email", "phone", "url", "encryptedtext",
		"autonumber", "id", "lookup", "masterdetail", "hierarchy", "externallookup", "indirectlookup",
		"metadatarelationship", "reference", "string", "combobox":
		return eval.Text, true
	case "picklist":
		return eval.Picklist, true
	case "multiselectpicklist":
		return eval.MultiPicklist, true
	case "number", "currency", "percent", "double", "int", "integer":
		return eval.Number, true
	case "checkbox", "boolean":
		return eval.Boolean, true
	case "date":
		return eval.Date, true
	case "datetime":
		return eval.DateTime, true
	case "time":
		return eval.Time, true
	case "location":
		return eval.Geolocation, true
	}
	return eval.Invalid, false
}

// IsReference reports whether the field points at another record.
func (f *Field) IsReference() bool { return len(f.ReferenceTo) > 0 }

// Object is an object and its fields.
type Object struct {
	// Name is the API name, such as Account or Invoice__c.
	Name   string   `json:"name"`
	Fields []*Field `json:"fields"`
	// Setting is a custom setting's type, List or Hierarchy, and "" for
	// any other object. Formulas read a hierarchy setting through $Setup;
	// a list setting they cannot read at all.
	Setting string `json:"setting,omitempty"`
	// index maps lower-case field names, and relationship names, to
	// fields; built on first use.
	index map[string]*Field
	rels  map[string]*Field
}

// IsHierarchySetting reports whether $Setup reads the object: it is a
// hierarchy custom setting.
func (o *Object) IsHierarchySetting() bool { return strings.EqualFold(o.Setting, "Hierarchy") }

// Field returns the field of that name, ignoring case.
func (o *Object) Field(name string) (*Field, bool) {
	o.build()
	f, ok := o.index[strings.ToLower(name)]
	return f, ok
}

// Relationship returns the reference field a path follows by name, such as
// AccountId for Account or Account__c for Account__r, ignoring case.
func (o *Object) Relationship(name string) (*Field, bool) {
	o.build()
	f, ok := o.rels[strings.ToLower(name)]
	return f, ok
}

func (o *Object) build() {
	if o.index != nil {
		return
	}
	o.index = make(map[string]*Field, len(o.Fields))
	o.rels = map[string]*Field{}
	for _, f := range o.Fields {
		o.addIndex(f)
	}
}

func (o *Object) addIndex(f *Field) {
	o.index[strings.ToLower(f.Name)] = f
	if f.Relationship != "" {
		o.rels[strings.ToLower(f.Relationship)] = f
	}
	if strings.EqualFold(f.Type, "Location") {
		// A location reads as its two parts too: X__Latitude__s.
		base := strings.TrimSuffix(f.Name, "__c")
		for _, part := range [...]string{"__Latitude__s", "__Longitude__s"} {
			o.index[strings.ToLower(base+part)] = &Field{Name: base + part, Type: "Number", Scale: f.Scale}
		}
	}
}

// Add adds a field, or replaces the field of the same name: a project's
// field extends or overrides the catalog's.
func (o *Object) Add(f *Field) {
	o.build()
	if old, ok := o.index[strings.ToLower(f.Name)]; ok {
		for i, g := range o.Fields {
			if g == old {
				o.Fields[i] = f
			}
		}
		if old.Relationship != "" {
			delete(o.rels, strings.ToLower(old.Relationship))
		}
	} else {
		o.Fields = append(o.Fields, f)
	}
	o.addIndex(f)
}
