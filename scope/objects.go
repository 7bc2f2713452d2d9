package scope

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/credscope/credscope/objects"
)

// The object metadata the loader reads, besides the User fields formulas
// of credentials read as $User: in the source format an object's
// objects/NAME/NAME.object-meta.xml and its fields' files,
// objects/NAME/fields/FIELD.field-meta.xml; in the Metadata API format one
// objects/NAME.object holding the fields.
const (
	// ObjectSuffix names the source format's object files.
	ObjectSuffix = ".object-meta.xml"
	// mdapiObjectSuffix names the Metadata API's object files.
	mdapiObjectSuffix = ".object"
)

// CustomObject is an object of the project, standard or custom, with the
// fields the project declares for it.
type CustomObject struct {
	// Name is the object's API name, such as Account or Invoice__c.
	Name string
	// File is the object's own file; "" when the project has only field
	// files for it.
	File string
	Pos  Pos
	// NameFieldType is the type of the Name field of a custom object: Text
	// or AutoNumber.
	NameFieldType Value
	// SettingsType is a custom setting's customSettingsType, List or
	// Hierarchy; "" for any other object. $Setup reads custom settings.
	SettingsType string
	Fields       []*CustomField
	// ValidationRules are the object's validation rules.
	ValidationRules []*ValidationRule
}

// objectKind tells an object metadata file from its path: the object's own
// file, in either format, or one of its fields' files.
func objectKind(path string) (fileKind, bool) {
	base := filepath.Base(path)
	dir := filepath.Dir(path)
	if name, ok := strings.CutSuffix(base, CustomFieldSuffix); ok && name != "" &&
		filepath.Base(dir) == "fields" && filepath.Base(filepath.Dir(filepath.Dir(dir))) == "objects" {
		return fileKind{kind: "CustomField", suffix: CustomFieldSuffix, name: name, object: filepath.Base(filepath.Dir(dir))}, true
	}
	if name, ok := strings.CutSuffix(base, ObjectSuffix); ok && name != "" &&
		filepath.Base(dir) == name && filepath.Base(filepath.Dir(dir)) == "objects" {
		return fileKind{kind: "CustomObject", suffix: ObjectSuffix, name: name, object: name}, true
	}
	if name, ok := strings.CutSuffix(base, mdapiObjectSuffix); ok && name != "" && filepath.Base(dir) == "objects" {
		return fileKind{kind: "CustomObject", suffix: mdapiObjectSuffix, name: name, object: name}, true
	}
	return fileKind{}, false
}

// object returns the project's object of that name, made on first use.
func (p *Project) object(name string) *CustomObject {
	for _, o := range p.Objects {
		if strings.EqualFold(o.Name, name) {
			return o
		}
	}
	o := &CustomObject{Name: name}
	p.Objects = append(p.Objects, o)
	return o
}

// addObject records an object file: its own settings and, in the Metadata
// API format, its fields.
func (p *Project) addObject(name, file string, root *element) {
	o := p.object(name)
	o.File, o.Pos = file, root.Pos
	if nf := root.child("nameField"); nf != nil {
		o.NameFieldType = valueOf(nf, "type")
	}
	o.SettingsType = valueOf(root, "customSettingsType").Text
	for _, e := range root.Children {
		if e.Name == "validationRules" {
			o.ValidationRules = append(o.ValidationRules, buildValidationRule(valueOf(e, "fullName").Text, name, file, e))
		}
		if e.Name != "fields" {
			continue
		}
		full := valueOf(e, "fullName")
		f := buildField(full.Text, name, file, e)
		f.FullName = full
		o.Fields = append(o.Fields, f)
		if strings.EqualFold(name, "User") && strings.HasSuffix(full.Text, "__c") {
			p.UserFields = append(p.UserFields, f)
		}
	}
}

// addField records a source-format field file.
func (p *Project) addField(name, object, file string, root *element) {
	f := buildField(name, object, file, root)
	p.object(object).Fields = append(p.object(object).Fields, f)
	if strings.EqualFold(object, "User") {
		p.UserFields = append(p.UserFields, f)
	}
}

// buildField reads a field's element: the root of a field file, or a
// <fields> element of an object file.
func buildField(name, object, file string, e *element) *CustomField {
	f := &CustomField{Name: name, Object: object, File: file, Pos: e.Pos,
		FullName: valueOf(e, "fullName"), Type: valueOf(e, "type"),
		ReferenceTo: valueOf(e, "referenceTo"), RelationshipName: valueOf(e, "relationshipName"),
		Scale: valueOf(e, "scale"), Formula: rawValueOf(e, "formula"), DefaultValue: rawValueOf(e, "defaultValue"),
		TreatBlanksAs: valueOf(e, "formulaTreatBlanksAs"), SummaryOperation: valueOf(e, "summaryOperation"),
		SummarizedField: valueOf(e, "summarizedField")}
	f.Values, f.ValueSetName = picklistValues(e), valueSetName(e)
	return f
}

// model returns the field's description for formulas; ok is false for a
// field without a type, such as a standard field's file that only turns
// history tracking on.
func (f *CustomField) model() (*objects.Field, bool) {
	if f.Type.Text == "" {
		return nil, false
	}
	mf := &objects.Field{Name: f.Name, Type: f.Type.Text, Formula: f.Formula.Text, Values: f.Values,
		SummaryOperation: f.SummaryOperation.Text, SummarizedField: f.SummarizedField.Text}
	mf.Scale, _ = strconv.Atoi(f.Scale.Text)
	if f.ReferenceTo.Text != "" {
		mf.ReferenceTo = []string{f.ReferenceTo.Text}
		// A formula follows a custom reference by the field's name with
		// __r (relationshipName names the way back, from the parent's
		// side), and a standard one by its name without Id.
		if base, ok := strings.CutSuffix(f.Name, "__c"); ok {
			mf.Relationship = base + "__r"
		} else {
			mf.Relationship = strings.TrimSuffix(f.Name, "Id")
		}
	}
	return mf, true
}

// Model returns the objects formulas of the project may read: the standard
// objects' catalog, extended by the objects and fields of the project.
func (p *Project) Model() *objects.Model {
	m := objects.Standard()
	m.SetNamespaces(p.namespaces...)
	for _, o := range p.Objects {
		mo := &objects.Object{Name: o.Name, Setting: o.SettingsType}
		switch {
		case o.SettingsType != "":
			mo.Fields = objects.SettingFields(strings.EqualFold(o.SettingsType, "Hierarchy"))
		case strings.HasSuffix(o.Name, "__c") || strings.HasSuffix(o.Name, "__mdt"):
			mo.Fields = objects.SystemFields(o.Name, o.NameFieldType.Text)
		}
		catalog, _ := m.Object(o.Name)
		for _, f := range o.Fields {
			mf, ok := f.model()
			if !ok {
				continue
			}
			if vs, ok := p.valueSet("GlobalValueSet", f.ValueSetName); ok && len(mf.Values) == 0 {
				mf.Values = vs.Values
			}
			if known, ok := standardField(catalog, f.Name); ok {
				// A standard field's file holds what an org may change,
				// its help text, tracking or picklist values; its type
				// and reference stay the catalog's, as ParentId's, which
				// the file calls a Hierarchy pointing nowhere.
				merged := *known
				if len(mf.Values) > 0 {
					merged.Values = mf.Values
				}
				mf = &merged
			}
			if strings.EqualFold(mf.Type, "Hierarchy") && len(mf.ReferenceTo) == 0 {
				// A hierarchy relationship points at the object itself.
				mf.ReferenceTo, mf.Relationship = []string{o.Name}, strings.TrimSuffix(f.Name, "Id")
				if base, ok := strings.CutSuffix(f.Name, "__c"); ok {
					mf.Relationship = base + "__r"
				}
			}
			mo.Fields = append(mo.Fields, mf)
		}
		m.Add(mo)
		if strings.EqualFold(o.Name, "Activity") {
			// The custom fields of activities are fields of both kinds
			// of activity, tasks and events.
			for _, kind := range []string{"Task", "Event"} {
				m.Add(&objects.Object{Name: kind, Fields: mo.Fields})
			}
		}
	}
	p.addStandardValues(m)
	return m
}

// standardField returns the catalog's field of that name on object o, nil
// for an object of the project alone, when the name is a standard
// field's, without __.
func standardField(o *objects.Object, name string) (*objects.Field, bool) {
	if o == nil || strings.Contains(name, "__") {
		return nil, false
	}
	return o.Field(name)
}
