package scope

import (
	"fmt"
	"sort"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/objects"
)

// ObjectSchema returns the merge fields a formula of object may read: the
// record's fields, through relationships to any depth Salesforce allows
// (Account__r.Owner.Email), the running user's, the org's and the global
// namespaces ($Setup, $CustomMetadata, $Label, $Permission, …). $Label
// holds the project's custom labels, or any label when the project has no
// labels file. It fails for an object that is neither a standard object
// of the catalog nor an object of the project.
func (p *Project) ObjectSchema(object string) (*eval.Schema, error) {
	return objectSchema(p.Model(), p.labels(), object)
}

// FlowSchema returns the merge fields a formula of a flow triggered by
// object's records may read: the triggering record as $Record and
// $Record__Prior, $Flow, $GlobalConstant and the global namespaces, as
// lint reads a record-triggered flow's formulas. It fails as
// ObjectSchema does.
func (p *Project) FlowSchema(object string) (*eval.Schema, error) {
	m := p.Model()
	o, ok := m.Object(object)
	if !ok {
		return nil, fmt.Errorf("object %s is neither a standard object credscope knows nor an object of the project", object)
	}
	return flowSchema(m, p.labels(), &Flow{Object: o.Name}), nil
}

// FlowExpression returns a flow formula's expression as a formula of the
// flow reads it: each {!reference} as the bare reference, every other
// character where it was.
func FlowExpression(src string) string { return stripFlowRefs(src) }

// FieldNames lists the fields a misspelt name of object's records may
// have meant: those of the object its relationships lead to, each with
// the path, such as Account.Owner.Email for Account.Owner.Emial; for
// $User.… the running user's, for $Setup.… the custom settings' fields;
// nil when they lead to no object.
func (p *Project) FieldNames(object, name string) []string {
	m := p.Model()
	ns, rest, _ := strings.Cut(name, ".")
	switch strings.ToLower(ns) {
	case "$user":
		return prefixed("$User.", fieldNames(m, "User", rest))
	case "$setup":
		setting, field, _ := strings.Cut(rest, ".")
		var out []string
		for _, o := range m.Objects() {
			if o.IsHierarchySetting() && (strings.EqualFold(o.Name, setting) || !strings.Contains(field, ".")) {
				out = append(out, prefixed("$Setup."+o.Name+".", fieldNames(m, o.Name, field))...)
			}
		}
		return out
	}
	return fieldNames(m, object, name)
}

// FlowFieldNames is FieldNames for a formula of a flow triggered by
// object's records, as FlowSchema reads one: the record's fields under
// $Record., the global namespaces as FieldNames has them, and no bare field.
func (p *Project) FlowFieldNames(object, name string) []string {
	rest, ok := strings.CutPrefix(name, "$Record.")
	switch {
	case !ok && strings.HasPrefix(name, "$"):
		return p.FieldNames(object, name) // $User's, $Setup's
	case !ok:
		return nil // a bare field is no flow's
	}
	return prefixed("$Record.", p.FieldNames(object, rest))
}

// prefixed puts prefix before each name.
func prefixed(prefix string, names []string) []string {
	for i, n := range names {
		names[i] = prefix + n
	}
	return names
}

// fieldNames is FieldNames on a model built already.
func fieldNames(m *objects.Model, object, name string) []string {
	lead := name[:strings.LastIndexByte(name, '.')+1]
	var out []string
	for _, n := range m.Names(object, lead) {
		if !strings.HasSuffix(n, ".") {
			out = append(out, n)
		}
	}
	return out
}

// ObjectNames lists the objects whose records a formula may be of: the
// standard objects of the catalog and the project's.
func (p *Project) ObjectNames() []string {
	var out []string
	for _, o := range p.Model().Objects() {
		out = append(out, o.Name)
	}
	return out
}

// objectSchema is ObjectSchema against a model and labels built already,
// so that a lint of many objects builds them once.
func objectSchema(m *objects.Model, labels *labelSet, object string) (*eval.Schema, error) {
	o, ok := m.Object(object)
	if !ok {
		return nil, fmt.Errorf("object %s is neither a standard object credscope knows nor an object of the project", object)
	}
	s := globalSchema(m, labels)
	name := o.Name
	s.AddResolver(func(field string) (eval.Type, bool) {
		if strings.HasPrefix(field, "$") {
			return eval.Invalid, false
		}
		t, err := m.Type(name, field)
		return t, err == nil
	})
	return s, nil
}

// openNamespaces are the global namespaces whose every field a formula
// of an object may read, with their type: the project cannot tell which
// exist. $Label is open too when the project has no labels file.
var openNamespaces = []struct {
	prefix string
	typ    eval.Type
}{
	{"$Permission.", eval.Boolean},
	{"$ObjectType.", eval.Text},
	{"$Api.", eval.Text},
	{"$Profile.", eval.Text},
	{"$UserRole.", eval.Text},
	{"$Organization.", eval.Text},
	{"$RecordType.", eval.Text},
	{"$Network.", eval.Text},
	{"$Site.", eval.Text},
}

// GlobalNamespaces returns the $Namespace prefixes whose fields a formula
// of an object may read, such as $Label and $Setup, sorted.
func GlobalNamespaces() []string {
	out := []string{"$User", "$Setup", "$CustomMetadata", "$Label"}
	for _, ns := range openNamespaces {
		out = append(out, strings.TrimSuffix(ns.prefix, "."))
	}
	sort.Strings(out)
	return out
}

// globalSchema returns the built-in fields with the global namespaces:
// $User's fields as the User object has them, the open namespaces above,
// the labels, and $Setup.Settings__c.Field__c and
// $CustomMetadata.Type__mdt.Record.Field__c from the model's objects.
func globalSchema(m *objects.Model, labels *labelSet) *eval.Schema {
	s := eval.NewSchema()
	for _, ns := range openNamespaces {
		s.Open(ns.prefix, ns.typ, false)
	}
	labels.addTo(s)
	s.AddResolver(func(field string) (eval.Type, bool) {
		ns, rest, ok := strings.Cut(field, ".")
		if !ok {
			return eval.Invalid, false
		}
		var object, path string
		switch strings.ToLower(ns) {
		case "$user":
			object, path = "User", rest
		case "$setup":
			// $Setup reads a hierarchy custom setting's own fields, not
			// a list setting, another object or a relationship.
			object, path, ok = strings.Cut(rest, ".")
			o, found := m.Object(object)
			ok = ok && found && o.IsHierarchySetting() && !strings.Contains(path, ".")
		case "$custommetadata":
			// $CustomMetadata.Type__mdt.Record.Field__c: the record's name
			// is data, not a field.
			var record string
			object, record, ok = strings.Cut(rest, ".")
			if ok = ok && strings.HasSuffix(strings.ToLower(object), "__mdt"); ok {
				_, path, ok = strings.Cut(record, ".")
			}
		default:
			return eval.Invalid, false
		}
		if !ok {
			return eval.Invalid, false
		}
		t, err := m.Type(object, path)
		if object == "User" && (t == eval.Picklist || t == eval.MultiPicklist) {
			// The running user's picklists read as text, as in
			// $User.UIThemeDisplayed = "Theme4d".
			t = eval.Text
		}
		return t, err == nil
	})
	return s
}
