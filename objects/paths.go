package objects

import (
	"sort"
	"strings"
)

// follow returns where one step of a path, a relationship of o such as
// Account__r or Owner:Queue, leads: the reference field, the name of the
// object the step reaches, and that object. f is nil when o has no such
// relationship, target is "" when the step names an object the reference
// cannot point at, and next is nil when the model lacks the object.
func (m *Model) follow(o *Object, seg string) (f *Field, target string, next *Object) {
	rel, named, _ := strings.Cut(seg, ":")
	f, ok := m.Relationship(o, rel)
	if !ok || len(f.ReferenceTo) == 0 {
		return nil, "", nil
	}
	switch {
	case named == "":
		target = f.ReferenceTo[0]
	case strings.EqualFold(named, "Queue") && containsFold(f.ReferenceTo, "Group"):
		target = "Group" // a queue is a Group record
	case containsFold(f.ReferenceTo, named):
		target = named
	default:
		return f, "", nil
	}
	next, _ = m.Object(target)
	return f, target, next
}

// Names returns every way a path of object may go on after lead: the
// fields formulas read of the object that lead's relationships reach, and
// that object's relationships, each followed by a dot and, for a
// polymorphic reference, once more for each object it may point at, as
// Owner:Queue. does. lead is a path's relationships with their dots, such
// as "Account.Owner.", or "" for the object's own names. Each name is
// lead followed by the name, spelt as the model spells them, sorted
// ignoring case; nil when lead does not lead to an object of the model.
// A name always resolves: Resolve finds each field, and a field of each
// relationship's object.
func (m *Model) Names(object, lead string) []string {
	o, canon, ok := m.reach(object, lead)
	if !ok {
		return nil
	}
	depth := strings.Count(lead, ".")
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		if key := strings.ToLower(name); !seen[key] {
			seen[key] = true
			out = append(out, canon+name)
		}
	}
	for _, f := range o.Fields {
		if m.readable(f) {
			add(f.Name)
		}
		if strings.EqualFold(f.Type, "Location") {
			base := strings.TrimSuffix(f.Name, "__c")
			add(base + "__Latitude__s")
			add(base + "__Longitude__s")
		}
		if f.Relationship == "" || len(f.ReferenceTo) == 0 || depth == MaxSpan {
			continue
		}
		if m.leadsToField(f.ReferenceTo[0]) {
			add(f.Relationship + ".")
		}
		if len(f.ReferenceTo) < 2 {
			continue
		}
		for _, t := range f.ReferenceTo {
			name := t
			if strings.EqualFold(t, "Group") {
				name = "Queue" // a queue is a Group record, and Owner:Queue its path
			}
			if m.leadsToField(t) {
				add(f.Relationship + ":" + name + ".")
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

// Reach returns the object that lead, a path's relationships with their
// dots such as "Account.Owner.", leads to from object: object itself for
// "". It reports false when lead leads to no object of the model, or
// follows more relationships than a formula may.
func (m *Model) Reach(object, lead string) (*Object, bool) {
	o, _, ok := m.reach(object, lead)
	return o, ok
}

// reach is Reach, with lead spelt as the model spells it.
func (m *Model) reach(object, lead string) (*Object, string, bool) {
	o, ok := m.Object(object)
	if !ok || strings.Count(lead, ".") > MaxSpan || lead != "" && !strings.HasSuffix(lead, ".") {
		return nil, "", false
	}
	if lead == "" {
		return o, "", true
	}
	var canon strings.Builder
	for _, seg := range strings.Split(lead[:len(lead)-1], ".") {
		f, _, next := m.follow(o, seg)
		if next == nil {
			return nil, "", false
		}
		canon.WriteString(f.Relationship)
		if strings.Contains(seg, ":") {
			_, named, _ := strings.Cut(seg, ":")
			canon.WriteString(":" + stepName(f, named))
		}
		canon.WriteByte('.')
		o = next
	}
	return o, canon.String(), true
}

// stepName spells a path's step to one of a polymorphic reference's
// objects, named as typed: Queue for a queue, as Salesforce writes
// Owner:Queue, and otherwise as the reference spells the object.
func stepName(f *Field, named string) string {
	if strings.EqualFold(named, "Queue") {
		return "Queue"
	}
	for _, t := range f.ReferenceTo {
		if strings.EqualFold(t, named) {
			return t
		}
	}
	return named
}

// leadsToField reports whether the model holds the object, with a field
// formulas read: only then does a path go on through a relationship to it.
func (m *Model) leadsToField(object string) bool {
	o, ok := m.Object(object)
	if !ok {
		return false
	}
	for _, f := range o.Fields {
		if m.readable(f) {
			return true
		}
	}
	return false
}

// readable reports whether formulas read the field: its type is one they
// read, or it is a roll-up summary.
func (m *Model) readable(f *Field) bool {
	_, err := m.fieldType(f, 0)
	return err == nil
}
