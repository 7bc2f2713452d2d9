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
}

// NewModel returns an empty model.
func NewModel() *Model { return &Model{objects: map[string]*Object{}} }

// Object returns the object of that name, ignoring case.
func (m *Model) Object(name string) (*Object, bool) {
	o, ok := m.objects[strings.ToLower(name)]
	return o, ok
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
		rel, target, _ := strings.Cut(seg, ":")
		f, ok := o.Relationship(rel)
		if !ok || len(f.ReferenceTo) == 0 {
			return nil, fmt.Errorf("Field %s does not exist. Check spelling.", strings.Join(segs[:i+1], "."))
		}
		if strings.EqualFold(target, "Queue") && containsFold(f.ReferenceTo, "Group") {
			target = "Group" // a queue is a Group record
		}
		if target == "" {
			target = f.ReferenceTo[0]
		} else if !containsFold(f.ReferenceTo, target) {
			return nil, fmt.Errorf("%s is an invalid object type for the %s field. Check spelling.", target, rel)
		}
		next, ok := m.Object(target)
		if !ok {
			return nil, fmt.Errorf("Field %s does not exist. Check spelling.", strings.Join(segs[:i+2], "."))
		}
		o = next
	}
	f, ok := o.Field(segs[len(segs)-1])
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
