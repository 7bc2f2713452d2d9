package repl

import (
	"strings"

	"github.com/credscope/credscope/objects"
)

// objectModel returns the objects of the project, on top of the standard
// catalog: those :object may select and a formula of an object reads. It
// is built once for each project the session loads.
func (s *session) objectModel() *objects.Model {
	if s.model == nil || s.modelOf != s.project {
		s.model, s.modelOf = orStandard(s.project).Model(), s.project
	}
	return s.model
}

// recordCands completes a path of the :object record's fields: its fields
// and relationships, then through each relationship the fields and
// relationships of the object it leads to. It offers nothing without
// :object.
func (s *session) recordCands(word string) []string {
	if s.object == "" {
		return nil
	}
	return fieldPathCands(s.objectModel(), s.object, "", word)
}

// leadsTo names the object a relationship path such as Account.Owner. or
// $User.Manager. leads to; "" when it is not one the model follows.
func (s *session) leadsTo(lead string) string {
	object := s.object
	if rest, ok := cutPrefixFold(lead, "$User."); ok {
		object, lead = "User", rest
	}
	if object == "" {
		return ""
	}
	if o, ok := s.objectModel().Reach(object, lead); ok {
		return o.Name
	}
	return ""
}

// cutPrefixFold is strings.CutPrefix, ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if !hasPrefixFold(s, prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// globalCands completes a global merge field of a formula of an object that
// the model, rather than the schema, knows: $User's fields through
// relationships, as $User.Manager.Email, $Setup.Settings__c.Field__c and
// $CustomMetadata.Type__mdt.Record.Field__c.
func (s *session) globalCands(word string) []string {
	if s.object == "" {
		return nil
	}
	ns, rest, _ := strings.Cut(word, ".")
	m := s.objectModel()
	switch strings.ToLower(ns) {
	case "$user":
		return fieldPathCands(m, "User", "$User.", word)
	case "$setup":
		object, field, ok := strings.Cut(rest, ".")
		if !ok {
			return fit(word, s.objectNames("$Setup.", isSetting, "."))
		}
		if o, ok := m.Object(object); ok && isSetting(o) && !strings.Contains(field, ".") {
			return fields(fieldPathCands(m, o.Name, "$Setup."+o.Name+".", "$Setup."+o.Name+"."+field))
		}
	case "$custommetadata":
		object, record, ok := strings.Cut(rest, ".")
		if !ok {
			return fit(word, s.objectNames("$CustomMetadata.", isMetadataType, "."))
		}
		name, path, ok := strings.Cut(record, ".")
		if o, found := m.Object(object); ok && found && isMetadataType(o) && name != "" {
			lead := "$CustomMetadata." + o.Name + "." + name + "."
			return fieldPathCands(m, o.Name, lead, lead+path)
		}
	}
	return nil
}

// fieldPathCands completes word, a path of object's fields after prefix (such
// as $User.), from the names the model offers after the path's
// relationships. prefix must start word, ignoring case.
func fieldPathCands(m *objects.Model, object, prefix, word string) []string {
	path, ok := cutPrefixFold(word, prefix)
	if !ok {
		return nil
	}
	lead := path[:strings.LastIndexByte(path, '.')+1]
	names := m.Names(object, lead)
	for i, n := range names {
		names[i] = prefix + n
	}
	return fit(word, names)
}

// fields keeps the candidates that are fields, not relationships.
func fields(cands []string) []string {
	var out []string
	for _, c := range cands {
		if !strings.HasSuffix(c, ".") {
			out = append(out, c)
		}
	}
	return out
}

// objectNames lists the model's objects that keep says are of a kind,
// each between prefix and suffix.
func (s *session) objectNames(prefix string, keep func(*objects.Object) bool, suffix string) []string {
	var out []string
	for _, o := range s.objectModel().Objects() {
		if keep(o) {
			out = append(out, prefix+o.Name+suffix)
		}
	}
	return out
}

// anyObject keeps every object, for objectNames.
func anyObject(*objects.Object) bool { return true }

// isMetadataType reports whether an object is a custom metadata type.
func isMetadataType(o *objects.Object) bool {
	return strings.HasSuffix(strings.ToLower(o.Name), "__mdt")
}

// isSetting keeps the hierarchy custom settings, which $Setup reads; a
// formula cannot read a list setting.
func isSetting(o *objects.Object) bool { return o.IsHierarchySetting() }
