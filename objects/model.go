package objects

import (
	"fmt"
	"sort"
	"strings"

	"github.com/credscope/credscope/eval"
)

// MaxSpan is the number of relationships a formula may follow in one path:
// Salesforce lets a formula reach fields of objects up to 10 relationships
// away.
const MaxSpan = 10

// Model is a set of objects, by name. Build it with NewModel and Add; a
// model must not change while schemas made from it are in use.
type Model struct {
	objects map[string]*Object
	// own are the namespace prefixes of the package the model's custom
	// objects and fields belong to; see SetNamespaces.
	own []string
}

// NewModel returns an empty model.
func NewModel() *Model { return &Model{objects: map[string]*Object{}} }

// SetNamespaces names the namespace prefixes of the package the model's
// custom objects and fields belong to. The package's metadata names them
// without a prefix, Field__c, but its formulas may write them as the org
// sees them once the package is installed, ns__Field__c: both resolve.
func (m *Model) SetNamespaces(prefixes ...string) { m.own = prefixes }

// Object returns the object of that name, ignoring case, and with the
// model's own namespace prefix or without.
func (m *Model) Object(name string) (*Object, bool) {
	return ownOrBare(m, name, func(n string) (*Object, bool) {
		o, ok := m.objects[strings.ToLower(n)]
		return o, ok
	})
}

// field returns the field of o named name, with the model's own namespace
// prefix or without.
func (m *Model) field(o *Object, name string) (*Field, bool) {
	return ownOrBare(m, name, o.Field)
}

// Relationship returns the reference field of o a path follows by name,
// as Object.Relationship does, with the model's own namespace prefix or
// without.
func (m *Model) Relationship(o *Object, name string) (*Field, bool) {
	return ownOrBare(m, name, o.Relationship)
}

// ownOrBare looks name up, and when that finds nothing and name carries the
// model's own namespace prefix, looks it up again without: one rule for
// objects, fields and relationships alike.
func ownOrBare[T any](m *Model, name string, look func(string) (T, bool)) (T, bool) {
	v, ok := look(name)
	if !ok {
		if bare, cut := m.unprefixed(name); cut {
			v, ok = look(bare)
		}
	}
	return v, ok
}

// unprefixed returns name without the model's own namespace prefix, and
// whether it had one: ns__Field__c is Field__c, while ns__c, a custom
// field of another package's style, keeps its name.
func (m *Model) unprefixed(name string) (string, bool) {
	for _, ns := range m.own {
		if len(name) > len(ns)+2 && strings.EqualFold(name[:len(ns)], ns) && name[len(ns):len(ns)+2] == "__" {
			if bare := name[len(ns)+2:]; strings.Contains(bare, "__") {
				return bare, true
			}
		}
	}
	return name, false
}

// Objects returns every object, sorted by name.
func (m *Model) Objects() []*Object {
	out := make([]*Object, 0, len(m.objects))
	for _, o := range m.objects {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Add adds an object; when the model has one of that name already, the
// object's fields are added to it, replacing fields of the same name. The
// model keeps its own copy, so the object added is never changed.
func (m *Model) Add(o *Object) {
	key := strings.ToLower(o.Name)
	have, ok := m.objects[key]
	if !ok {
		have = &Object{Name: o.Name}
		m.objects[key] = have
	}
	if o.Setting != "" {
		have.Setting = o.Setting
	}
	for _, f := range o.Fields {
		have.Add(f)
	}
}

// Resolve returns the field a path names on object: a field of the object,
// such as Amount__c, or a field reached through relationships, such as
// Account__r.Owner.Email. A relationship may name which of a polymorphic
// reference's objects it means, as Owner:Queue.Name does.
func (m *Model) Resolve(object, path string) (*Field, error) {
	o, ok := m.Object(object)
	if !ok {
		return nil, fmt.Errorf("object %s is not known", object)
	}
	segs := strings.Split(path, ".")
	if len(segs)-1 > MaxSpan {
		return nil, fmt.Errorf("%s follows %d relationships; a formula may follow at most %d", path, len(segs)-1, MaxSpan)
	}
	for i, seg := range segs[:len(segs)-1] {
		f, target, next := m.follow(o, seg)
		switch {
		case f == nil:
			return nil, fmt.Errorf("Field %s does not exist. Check spelling.", strings.Join(segs[:i+1], "."))
		case target == "":
			rel, named, _ := strings.Cut(seg, ":")
			return nil, fmt.Errorf("%s is an invalid object type for the %s field. Check spelling.", named, rel)
		case next == nil:
			return nil, fmt.Errorf("Field %s does not exist. Check spelling.", strings.Join(segs[:i+2], "."))
		}
		o = next
	}
	f, ok := m.field(o, segs[len(segs)-1])
	if !ok {
		return nil, fmt.Errorf("Field %s does not exist. Check spelling.", path)
	}
	return f, nil
}

// Type returns the formula type of the field a path names on object, as
// Resolve finds it. A roll-up summary's type is Number for count and sum,
// and its summarized field's for min and max.
func (m *Model) Type(object, path string) (eval.Type, error) {
	f, err := m.Resolve(object, path)
	if err != nil {
		return eval.Invalid, err
	}
	return m.fieldType(f, 0)
}

func (m *Model) fieldType(f *Field, depth int) (eval.Type, error) {
	if !strings.EqualFold(f.Type, "Summary") {
		t, ok := FormulaType(f.Type)
		if !ok {
			return eval.Invalid, fmt.Errorf("field %s has type %s, which formulas cannot read", f.Name, f.Type)
		}
		return t, nil
	}
	switch strings.ToLower(f.SummaryOperation) {
	case "count", "sum", "":
		return eval.Number, nil
	}
	obj, field, ok := strings.Cut(f.SummarizedField, ".")
	if !ok || depth > MaxSpan {
		return eval.Number, nil
	}
	src, err := m.Resolve(obj, field)
	if err != nil {
		return eval.Number, nil // the summarized field is outside the project
	}
	return m.fieldType(src, depth+1)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
