package scope

import (
	"path/filepath"
	"strings"

	"github.com/credscope/credscope/objects"
)

// Besides objects and fields, the loader reads the files that give
// formulas what a field holds beyond its type: custom labels, and the
// value sets of picklists. A picklist lists its values in its field's
// <valueSet><valueSetDefinition>, or names a global value set,
// globalValueSets/NAME.globalValueSet-meta.xml; a standard picklist, such
// as Opportunity.StageName, takes its values from a standard value set,
// standardValueSets/NAME.standardValueSet-meta.xml, when the project has
// one.

// folderKinds are the metadata types kept in a folder of their own, with
// their Metadata API suffixes; a source-format file adds -meta.xml.
var folderKinds = []struct{ kind, folder, suffix string }{
	{"CustomLabels", "labels", ".labels"},
	{"CustomLabel", "labels", ".label"}, // decomposed: one file a label
	{"GlobalValueSet", "globalValueSets", ".globalValueSet"},
	{"StandardValueSet", "standardValueSets", ".standardValueSet"},
}

// folderKind tells a file of those types from its path.
func folderKind(path string) (fileKind, bool) {
	base, dir := filepath.Base(path), filepath.Base(filepath.Dir(path))
	for _, t := range folderKinds {
		if dir != t.folder {
			continue
		}
		for _, suffix := range []string{t.suffix + metaXML, t.suffix} {
			if name, ok := strings.CutSuffix(base, suffix); ok && name != "" {
				return fileKind{kind: t.kind, suffix: suffix, name: name}, true
			}
		}
	}
	return fileKind{}, false
}

// ValueSet is a global or a standard value set: the values of the
// picklists that use it.
type ValueSet struct {
	// Kind is GlobalValueSet or StandardValueSet.
	Kind string
	// Name is the set's API name, from the file name, such as Regions or
	// OpportunityStage.
	Name string
	File string
	// Values are the values' API names (fullName), which TEXT returns and
	// ISPICKVAL compares.
	Values []string
}

// addValueSet records a global or standard value set file.
func (p *Project) addValueSet(kind, name, file string, root *element) {
	entry := "customValue" // a GlobalValueSet's
	if kind == "StandardValueSet" {
		entry = "standardValue"
	}
	vs := &ValueSet{Kind: kind, Name: name, File: file, Values: fullNames([]string{}, root, entry)}
	p.ValueSets = append(p.ValueSets, vs)
}

// valueSet returns the project's value set of that kind and name.
func (p *Project) valueSet(kind, name string) (*ValueSet, bool) {
	for _, vs := range p.ValueSets {
		if vs.Kind == kind && strings.EqualFold(vs.Name, name) {
			return vs, true
		}
	}
	return nil, false
}

// standardPicklists are the standard value sets of the standard picklists
// formulas read most, with the fields that take their values, from the
// Metadata API's "StandardValueSet Names and Standard Picklist Fields".
var standardPicklists = map[string][]string{
	"AccountOwnership":     {"Account.Ownership"},
	"AccountRating":        {"Account.Rating", "Lead.Rating"},
	"AccountType":          {"Account.Type"},
	"AssetStatus":          {"Asset.Status"},
	"CampaignMemberStatus": {"CampaignMember.Status"},
	"CampaignStatus":       {"Campaign.Status"},
	"CampaignType":         {"Campaign.Type"},
	"CaseOrigin":           {"Case.Origin"},
	"CasePriority":         {"Case.Priority"},
	"CaseReason":           {"Case.Reason"},
	"CaseStatus":           {"Case.Status"},
	"CaseType":             {"Case.Type"},
	"ContactRole":          {"OpportunityContactRole.Role"},
	"ContractStatus":       {"Contract.Status"},
	"Industry":             {"Account.Industry", "Lead.Industry"},
	"LeadSource":           {"Account.AccountSource", "Lead.LeadSource", "Opportunity.LeadSource"},
	"LeadStatus":           {"Lead.Status"},
	"OpportunityStage":     {"Opportunity.StageName"},
	"OpportunityType":      {"Opportunity.Type"},
	"OrderStatus":          {"Order.Status"},
	"Product2Family":       {"Product2.Family"},
	"QuoteStatus":          {"Quote.Status"},
	"Salutation":           {"Contact.Salutation", "Lead.Salutation"},
	"TaskPriority":         {"Task.Priority"},
	"TaskStatus":           {"Task.Status"},
	"TaskType":             {"Task.Type"},
}

// addStandardValues gives the standard picklists of m the values of the
// project's standard value sets. A field the project redefines keeps the
// values its own file lists, if any.
func (p *Project) addStandardValues(m *objects.Model) {
	for _, vs := range p.ValueSets {
		if vs.Kind != "StandardValueSet" {
			continue
		}
		for _, of := range standardPicklists[vs.Name] {
			object, field, _ := strings.Cut(of, ".")
			o, ok := m.Object(object)
			if !ok {
				continue
			}
			f, ok := o.Field(field)
			if !ok || len(f.Values) > 0 {
				continue
			}
			with := *f // the model's field may be the catalog's, shared
			with.Values = vs.Values
			m.Add(&objects.Object{Name: o.Name, Fields: []*objects.Field{&with}})
		}
	}
}

// picklistValues reads a picklist's values, as the valueSet of API 38 and
// later lists them, or the picklist element before it; nil when the field
// uses a global value set or lists none.
func picklistValues(e *element) []string {
	var out []string
	if vs := e.child("valueSet"); vs != nil {
		if def := vs.child("valueSetDefinition"); def != nil {
			out = fullNames(out, def, "value")
		}
	}
	if pl := e.child("picklist"); pl != nil {
		out = fullNames(out, pl, "picklistValues")
	}
	return out
}

// fullNames appends to out the fullName of each child of e named entry:
// how every kind of value set, global, standard or a field's own, lists
// its values.
func fullNames(out []string, e *element, entry string) []string {
	for _, v := range e.Children {
		if v.Name == entry {
			out = append(out, valueOf(v, "fullName").Text)
		}
	}
	return out
}

// valueSetName returns the global value set a picklist's valueSet names,
// or "".
func valueSetName(e *element) string {
	if vs := e.child("valueSet"); vs != nil {
		return valueOf(vs, "valueSetName").Text
	}
	return ""
}
