package scope

import (
	"fmt"
	"sort"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/goccy/go-yaml"
)

// Record is one record's field values, for evaluating a formula of its
// object: each field by the name a formula reads it with, a related
// record's fields under its relationship (Account.Name).
type Record struct {
	// Name is the file the record was read from.
	Name string
	// Fields maps each field to its value as written; "" is blank.
	Fields map[string]string
}

// ReadRecord reads a record file: YAML or JSON mapping field names to
// values, a relationship to a mapping of the related record's fields:
//
//	Name: Acme
//	Amount__c: 1200.50
//	Account:
//	  Owner: {Email: ada@acme.example}
//
// It reads a regular file, as ReadUserContext does.
func ReadRecord(path string) (*Record, error) {
	data, err := readInputFile(path)
	if err != nil {
		return nil, err
	}
	return ParseRecord(path, data)
}

// ParseRecord parses a record file's contents; see ReadRecord.
func ParseRecord(name string, data []byte) (*Record, error) {
	if len(data) > MaxUserContextSize {
		return nil, fmt.Errorf("%s: a record file holds at most %d bytes", name, MaxUserContextSize)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	r := &Record{Name: name, Fields: map[string]string{}}
	if err := r.flatten("", doc, 0); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return r, nil
}

// flatten adds the fields of m under prefix.
func (r *Record) flatten(prefix string, m map[string]any, depth int) error {
	if depth > 16 {
		return fmt.Errorf("%s: relationships nest too deeply", strings.TrimSuffix(prefix, "."))
	}
	for k, v := range m {
		switch v := v.(type) {
		case map[string]any:
			if err := r.flatten(prefix+k+".", v, depth+1); err != nil {
				return err
			}
		case nil:
			r.Fields[prefix+k] = ""
		case []any:
			return fmt.Errorf("%s%s: a field holds one value, not a list", prefix, k)
		case string:
			r.Fields[prefix+k] = v
		default:
			r.Fields[prefix+k] = fmt.Sprint(v)
		}
	}
	return nil
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
// read as its field's type. A field the schema cannot type is an error;
// one that no compiled formula reads, once the schema is frozen, is
// skipped.
func (r *Record) Apply(vals *eval.Values, prior bool) error {
	if prior {
		if err := vals.MarkEdited(); err != nil {
			return err
		}
	}
	for _, name := range r.Names() {
		set := vals.SetString
		if prior {
			set = vals.SetPriorString
		}
		if err := set(name, r.Fields[name]); err != nil {
			return fmt.Errorf("%s: %v", r.Name, err)
		}
	}
	return nil
}
