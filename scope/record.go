package scope

import (
	"fmt"
	"sort"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/goccy/go-yaml/ast"
)

// Record is one record's field values, for evaluating a formula of its
// object: each field by the name a formula reads it with, a related
// record's fields under its relationship (Account.Name).
type Record struct {
	// Name is the file the record was read from.
	Name string
	// Fields maps each field to its value as written; "" is blank.
	Fields  map[string]string
	entries []recordEntry // in the file's order
	src     string        // the file, for the source line of an error
}

// recordEntry is one field of a record file with where it was written.
type recordEntry struct {
	field, text string
	pos, key    formula.Pos // of the value and of the field's name
}

// maxRecordDepth bounds the relationships a record file nests: Salesforce
// follows at most ten from a formula's object.
const maxRecordDepth = 10

// ReadRecord reads a record file: YAML or JSON mapping field names to
// values, a relationship to a mapping of the related record's fields:
//
//	Name: Acme
//	Amount__c: 1200.50
//	CloseDate: 2026-01-31
//	Account:
//	  Owner: {Email: ada@acme.example}
//
// It reads a regular file within a context file's limits, as
// ReadUserContext does, and its errors carry the file's line and column.
func ReadRecord(path string) (*Record, error) {
	data, err := readInputFile(path)
	if err != nil {
		return nil, err
	}
	return ParseRecord(path, data)
}

// ParseRecord parses a record file's contents; see ReadRecord.
func ParseRecord(name string, data []byte) (*Record, error) {
	if err := checkShape(name, "record file", data); err != nil {
		return nil, err
	}
	r := &Record{Name: name, Fields: map[string]string{}, src: string(data)}
	body, top, err := parseTop(name, data)
	if err != nil {
		return nil, err
	}
	if body == nil {
		return r, nil
	}
	if top == nil {
		if _, null := unwrap(body).(*ast.NullNode); null {
			return r, nil
		}
		return nil, r.errAt(body, "a record file maps field names to values, such as Name: Acme")
	}
	if err := r.add("", top, 0); err != nil {
		return nil, err
	}
	return r, nil
}

// add adds the fields of m, a mapping of the record's fields or of a
// related record's under the relationship prefix.
func (r *Record) add(prefix string, m *ast.MappingNode, depth int) error {
	for _, kv := range m.Values {
		key := keyString(kv)
		name := prefix + key
		if err := eval.ValidFieldName(name); err != nil || strings.Contains(key, ".") || strings.HasPrefix(key, "$") {
			return r.errAt(kv.Key, fmt.Sprintf("%q is not a field name; a related record's fields go under its relationship, as Account: {Name: Acme}", key))
		}
		switch v := unwrap(kv.Value).(type) {
		case *ast.MappingNode:
			if depth == maxRecordDepth {
				return r.errAt(kv.Key, fmt.Sprintf("a formula follows at most %d relationships; %s is one more", maxRecordDepth, name))
			}
			if err := r.add(name+".", v, depth+1); err != nil {
				return err
			}
			continue
		case *ast.SequenceNode:
			return r.errAt(kv.Value, fmt.Sprintf("%s holds one value, not a list; a multi-select picklist's values go in one text, as \"Red;Blue\"", name))
		}
		text, kind := scalar(kv.Value)
		if kind == eval.Invalid {
			return r.errAt(kv.Value, fmt.Sprintf("the value of %s must be text, a number, true/false or a date", name))
		}
		r.Fields[name] = text
		r.entries = append(r.entries, recordEntry{field: name, text: text, pos: tokenPos(kv.Value.GetToken()), key: tokenPos(kv.Key.GetToken())})
	}
	return nil
}

// Under returns the record with each field under prefix, such as
// $Record. for the triggering record of a flow.
func (r *Record) Under(prefix string) *Record {
	out := &Record{Name: r.Name, Fields: make(map[string]string, len(r.Fields)), src: r.src}
	for _, e := range r.entries {
		e.field = prefix + e.field
		out.Fields[e.field] = e.text
		out.entries = append(out.entries, e)
	}
	return out
}

// errAt is an error at node n of the file, with its source line.
func (r *Record) errAt(n ast.Node, msg string) error {
	pos := tokenPos(n.GetToken())
	return &formula.Error{Name: r.Name, Pos: pos, Msg: msg, Line: lineOf(r.src, pos.Line)}
}

// Names returns the record's field names, sorted.
func (r *Record) Names() []string {
	out := make([]string, 0, len(r.Fields))
	for k := range r.Fields {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Apply sets the record's fields in vals, or, with prior, the fields of
// the record's prior version, for ISCHANGED and PRIORVALUE. Each value is
// read as its field's type. A field the schema cannot type is an error
// at its name, a value its field cannot hold one at the value; a field
// that no compiled formula reads, once the schema is frozen, is skipped.
func (r *Record) Apply(vals *eval.Values, prior bool) error {
	if prior {
		if err := vals.MarkEdited(); err != nil {
			return err
		}
	}
	set := vals.SetString
	if prior {
		set = vals.SetPriorString
	}
	for _, e := range r.entries {
		if err := set(e.field, e.text); err != nil {
			pos := e.pos
			if missingField.MatchString(err.Error()) {
				pos = e.key
			}
			return &formula.Error{Name: r.Name, Pos: pos, Msg: err.Error(), Line: lineOf(r.src, pos.Line)}
		}
	}
	return nil
}
