package scope

import (
	"sort"
	"strings"

	"github.com/credscope/credscope/eval"
)

// Custom labels: labels/CustomLabels.labels-meta.xml in the source format,
// labels/CustomLabels.labels in the Metadata API format, a <CustomLabels>
// whose every <labels> is one label a formula reads as $Label.NAME; or,
// decomposed by the Salesforce CLI, one labels/NAME.label-meta.xml a
// label, a <CustomLabel>. A
// project with a labels file defines its labels: any other $Label is a
// mistake. A project without one may be a part of an org whose labels
// live elsewhere, so every $Label reads as Text there, as before.

// CustomLabel is one <labels> entry of a labels file.
type CustomLabel struct {
	// Name is the label's fullName, such as Greeting; formulas read it as
	// $Label.Greeting.
	Name string
	File string
	Pos  Pos
	// Value is the label's text in the org's default language.
	Value Value
}

// addLabels records a labels file's labels.
func (p *Project) addLabels(file string, root *element) {
	p.labelsRead = true
	for _, e := range root.Children {
		if e.Name != "labels" {
			continue
		}
		if name := valueOf(e, "fullName").Text; name != "" {
			p.Labels = append(p.Labels, &CustomLabel{Name: name, File: file, Pos: e.Pos, Value: rawValueOf(e, "value")})
		}
	}
}

// addLabel records a decomposed label file: its root is the label, named
// by its fullName or else by the file.
func (p *Project) addLabel(name, file string, root *element) {
	p.labelsRead = true
	if full := valueOf(root, "fullName").Text; full != "" {
		name = full
	}
	p.Labels = append(p.Labels, &CustomLabel{Name: name, File: file, Pos: root.Pos, Value: rawValueOf(root, "value")})
}

// labelSet is what formulas may read of $Label: the project's labels, by
// their lower-case names (merge fields ignore case), and the namespaces
// a reference may prefix them with. A nil labelSet, for a project without
// a labels file, lets formulas read any $Label.
type labelSet struct {
	byName     map[string]*CustomLabel
	namespaces []string
}

// labels returns the project's labelSet, or nil when the project has no
// labels file.
func (p *Project) labels() *labelSet {
	if !p.labelsRead {
		return nil
	}
	ls := &labelSet{byName: make(map[string]*CustomLabel, len(p.Labels)), namespaces: p.namespaces}
	for _, l := range p.Labels {
		ls.byName[strings.ToLower(l.Name)] = l
	}
	return ls
}

// addTo gives schema the $Label fields: each label of the set, as Text,
// also under the project's namespace (ns__Name or ns.Name); or, for a nil
// set, any $Label. A label is declared when a formula first reads it, not
// before: a project may have thousands, and each flow formula its own
// schema.
func (ls *labelSet) addTo(s *eval.Schema) {
	if ls == nil {
		s.Open("$Label.", eval.Text, false)
		return
	}
	s.AddResolver(func(field string) (eval.Type, bool) {
		if _, ok := ls.lookup(field); ok {
			return eval.Text, true
		}
		return eval.Invalid, false
	})
}

// lookup returns the label a $Label field names, with or without the
// project's namespace.
func (ls *labelSet) lookup(field string) (*CustomLabel, bool) {
	name, ok := labelName(field)
	if !ok {
		return nil, false
	}
	if l, ok := ls.byName[strings.ToLower(name)]; ok {
		return l, true
	}
	if ns, rest := labelNamespace(name); ns != "" && ls.own(ns) {
		l, ok := ls.byName[strings.ToLower(rest)]
		return l, ok
	}
	return nil, false
}

// own reports whether ns is one of the project's namespaces.
func (ls *labelSet) own(ns string) bool {
	return ls != nil && isOwnNamespace(ls.namespaces, ns)
}

// isOwnNamespace reports whether ns is one of own, ignoring case, as
// Salesforce compares namespace prefixes.
func isOwnNamespace(own []string, ns string) bool {
	for _, o := range own {
		if strings.EqualFold(o, ns) {
			return true
		}
	}
	return false
}

// names returns the $Label fields of the set, sorted, for suggestions.
func (ls *labelSet) names() []string {
	out := make([]string, 0, len(ls.byName))
	for _, l := range ls.byName {
		out = append(out, "$Label."+l.Name)
	}
	sort.Strings(out)
	return out
}

// labelName returns what follows $Label. in a field name.
func labelName(field string) (string, bool) {
	const prefix = "$label."
	if len(field) <= len(prefix) || !strings.EqualFold(field[:len(prefix)], prefix) {
		return "", false
	}
	return field[len(prefix):], true
}

// labelNamespace splits a label reference into the namespace it names and
// the label: ns__Name or ns.Name; ns is "" for a label of no package. A
// label's own name never holds a double underscore or a dot.
func labelNamespace(name string) (ns, rest string) {
	if ns, rest, ok := strings.Cut(name, "."); ok {
		return ns, rest
	}
	if ns, rest, ok := strings.Cut(name, "__"); ok && ns != "" && rest != "" {
		return ns, rest
	}
	return "", name
}

// SetLabels sets each $Label field of vals to its label's value, so that
// a formula of the project evaluates $Label.NAME, or $Label.ns__NAME under
// the project's namespace, to the text the labels file gives it. Before
// the schema is frozen it declares them all; after, it sets those the
// schema holds. A project without a labels file sets nothing: its labels
// read as null.
func (p *Project) SetLabels(vals *eval.Values) error {
	for _, l := range p.Labels {
		names := []string{"$Label." + l.Name}
		for _, ns := range p.namespaces {
			names = append(names, "$Label."+ns+"__"+l.Name, "$Label."+ns+"."+l.Name)
		}
		for _, name := range names {
			if _, ok := vals.Schema().Lookup(name); !ok {
				continue
			}
			if err := vals.SetText(name, l.Value.Text); err != nil {
				return err
			}
		}
	}
	return nil
}
