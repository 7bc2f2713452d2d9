package scope

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/objects"
)

// Lint of the project's record formulas (CS405). Each compiles in its
// context, which predicts the errors a deploy would give: unknown fields,
// wrong types, a result that is not the metadata's type, a formula too
// long or compiled too big, a function the context lacks. A reference
// credscope cannot check, into another package's namespace or through a
// standard object or field its catalog lacks, is a note, and the formula
// counts as skipped rather than checked.

// RecordFormulaRule is the rule of record formulas.
const RecordFormulaRule = "CS405"

// missingField matches the error of a field that does not exist.
var missingField = regexp.MustCompile(`^Field (\S+) does not exist\. Check spelling\.$`)

// checkRecordFormulas reports the errors of every record formula.
func checkRecordFormulas(l *linter) {
	l.formulaFields()
	formulas, _ := l.prepared.Records()
	m := l.model()
	for _, f := range formulas {
		skipped := false
		for _, e := range f.Errs {
			sev, msg := Error, e.Err.Msg
			if sub := missingField.FindStringSubmatch(msg); sub != nil {
				if n := span(sub[1]); n > objects.MaxSpan {
					// Too far for Salesforce, whatever the catalog holds.
					msg += fmt.Sprintf(" It follows %d relationships; a formula may follow at most %d.", n, objects.MaxSpan)
				} else if why, foreign := l.unchecked(m, f, sub[1]); why != "" {
					// Another package's field is beyond any offline
					// check; a gap of the catalog is credscope's own.
					sev, skipped = Note, skipped || !foreign
					msg = fmt.Sprintf("%s cannot be checked: %s", sub[1], why)
				} else if hint := l.labelHint(sub[1]); hint != "" {
					msg += " " + suggest.Sentence(hint)
				} else if hint := fieldHint(m, f, sub[1]); hint != "" {
					msg += " " + suggest.Sentence(hint)
				}
			}
			l.reportAs(sev, e.File, "in %s: %s", f.What, msg)
		}
		if skipped {
			l.skipped[f] = true
		}
	}
}

// labelHint is the did-you-mean of a $Label the project does not define,
// among its labels; "" for another field.
func (l *linter) labelHint(name string) string {
	labels, names := l.projectLabels()
	if _, ok := labelName(name); !ok || labels == nil {
		return ""
	}
	return suggest.DidYouMean(name, names)
}

// projectLabels returns the project's labels and their names, sorted,
// made once per run: a project may have thousands of labels, and every
// $Label it lacks asks for them.
func (l *linter) projectLabels() (*labelSet, []string) {
	if !l.labelsMade {
		l.labels, l.labelsMade = l.p.labels(), true
		if l.labels != nil {
			l.labelNames = l.labels.names()
		}
	}
	return l.labels, l.labelNames
}

// fieldHint is the did-you-mean of a misspelt field of a record the
// formula reads, among the fields where the name's relationships lead.
func fieldHint(m *objects.Model, f *Formula, name string) string {
	object, path, ok := recordPath(f, name)
	if !ok || object == "" {
		return ""
	}
	return suggest.DidYouMean(name, prefixed(name[:len(name)-len(path)], fieldNames(m, object, path)))
}

// span counts the relationships a field's path follows: its dots, but for
// the one after a $Namespace, which names no relationship.
func span(name string) int {
	if strings.HasPrefix(name, "$") {
		_, name, _ = strings.Cut(name, ".")
	}
	return strings.Count(name, ".")
}

// model returns the project's objects, built once per run.
func (l *linter) model() *objects.Model {
	if l.objects == nil {
		l.objects = l.p.Model()
	}
	return l.objects
}

// unchecked says why a field that did not resolve is beyond what
// credscope can check, and whether it is another package's, or returns ""
// for a field that should exist: a mistake.
func (l *linter) unchecked(m *objects.Model, f *Formula, name string) (string, bool) {
	if label, ok := labelName(name); ok {
		labels, _ := l.projectLabels()
		if ns, _ := labelNamespace(label); ns != "" && !labels.own(ns) {
			return "it belongs to package " + ns + ", which the project cannot see", true
		}
		return "", false
	}
	if ns := foreignNamespace(name, l.p.namespaces); ns != "" {
		return "it belongs to package " + ns + ", which the project cannot see", true
	}
	return l.uncheckedReach(m, f, name), false
}

// uncheckedReach is unchecked for a field of no other package.
func (l *linter) uncheckedReach(m *objects.Model, f *Formula, name string) string {
	if head, _, ok := strings.Cut(name, "."); ok && f.Flow != nil && !strings.HasPrefix(head, "$") {
		if _, isResource := f.Flow.resource(head, 0); !isResource && f.Flow.elements[strings.ToLower(head)] {
			return "the flow's element " + head + " has outputs whose types its metadata does not give"
		}
	}
	object, path, ok := recordPath(f, name)
	if !ok {
		return ""
	}
	return unknownReach(m, object, path)
}

// recordPath returns the object and the path on it of a merge field that
// formula f reads: a field of its object or through its relationships,
// $User's, $Record's in a flow, or a field of a flow's record resource;
// ok is false for a field of no object, such as a flow's variable.
func recordPath(f *Formula, name string) (object, path string, ok bool) {
	head, rest, dotted := strings.Cut(name, ".")
	switch {
	case strings.HasPrefix(head, "$"):
		switch strings.ToLower(head) {
		case "$user":
			return "User", rest, dotted
		case "$record", "$record__prior":
			return f.Object, rest, dotted
		}
		return "", "", false
	case f.Flow != nil:
		if !dotted {
			return "", "", false
		}
		r, isResource := f.Flow.resource(head, 0)
		if !isResource || r.object == "" {
			return "", "", false
		}
		return r.object, rest, true
	}
	return f.Object, name, true
}

// unknownReach says which object, relationship or standard field on the
// way of path from object credscope's catalog lacks, or "".
func unknownReach(m *objects.Model, object, path string) string {
	o, ok := m.Object(object)
	if !ok {
		return "object " + object + " is not in credscope's catalog"
	}
	segs := strings.Split(path, ".")
	for _, seg := range segs[:len(segs)-1] {
		rel, target, _ := strings.Cut(seg, ":")
		f, ok := m.Relationship(o, rel)
		if !ok {
			if !strings.Contains(rel, "__") {
				return "relationship " + rel + " of " + o.Name + " is not in credscope's catalog"
			}
			return ""
		}
		if target == "" && len(f.ReferenceTo) > 0 {
			target = f.ReferenceTo[0]
		}
		next, ok := m.Object(target)
		if !ok {
			return "object " + target + " is not in credscope's catalog"
		}
		o = next
	}
	if last := segs[len(segs)-1]; !strings.Contains(last, "__") {
		return "field " + last + " of " + o.Name + " is not in credscope's catalog"
	}
	return ""
}

// namespaced matches a name with a namespace prefix: ns__Name__c.
var namespaced = regexp.MustCompile(`(?:^|[.$:])([A-Za-z][A-Za-z0-9]*)__[A-Za-z0-9_]*?__(?:c|r|mdt|e|x|s|b)\b`)

// foreignNamespace returns the namespace of the first segment of name that
// carries one other than the project's own, or "".
func foreignNamespace(name string, own []string) string {
	for _, m := range namespaced.FindAllStringSubmatch(name, -1) {
		if ns := m[1]; !isOwnNamespace(own, ns) {
			return ns
		}
	}
	return ""
}

// countFormulas counts the record formulas of the files linted.
func (r *Report) countFormulas(l *linter, wanted func(string) bool) {
	formulas, _ := l.prepared.Records()
	owners := map[string]bool{}
	for _, f := range formulas {
		if !wanted(f.Value.Pos.File) {
			continue
		}
		r.Formulas++
		if l.skipped[f] || f.Program == nil && len(f.Errs) == 0 {
			r.Skipped++
		}
		owner := "object " + f.Object
		if f.Flow != nil {
			owner = "flow " + f.Flow.Name
		}
		owners[owner] = true
	}
	r.Objects = len(owners)
}
