package eval

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/credscope/credscope/internal/redact"
)

// Values holds one value for each field of a schema: the running user's
// data for one evaluation. Fields never set are null.
type Values struct {
	schema *Schema
	v      []Value
	// tainted is set once a secret value is stored in a field not declared
	// secret, such as a $User field set from a $Credential: secrecy follows
	// the value, so programs reading such a field must check each slot.
	tainted bool
	// hi is one past the highest slot ever set: Release clears below it.
	hi int
}

// Acquire returns values with every field null, reusing values given back
// with Release: a server that makes one user's values per request
// allocates nothing for them once the pool is warm. Values that are never
// released are simply collected.
func (s *Schema) Acquire() *Values {
	if vs, ok := s.pool.Get().(*Values); ok {
		return vs
	}
	return s.NewValues()
}

// Release gives the values back to their schema's pool, every field made
// null again. The values, and any Value read from them, must not be used
// afterwards; a Value holds no reference to them, so results computed
// before Release stay valid.
func (vs *Values) Release() {
	clear(vs.v[:vs.hi])
	vs.hi = 0
	vs.tainted = false
	vs.schema.pool.Put(vs)
}

// NewValues returns a Values with every field of s null.
func (s *Schema) NewValues() *Values {
	return &Values{schema: s, v: make([]Value, s.size())}
}

// Clone returns an independent copy of the values.
func (vs *Values) Clone() *Values {
	return &Values{schema: vs.schema, v: slices.Clone(vs.v), tainted: vs.tainted, hi: vs.hi}
}

// Schema returns the schema the values belong to.
func (vs *Values) Schema() *Schema { return vs.schema }

// errNoField is the error for a name the schema does not know.
func errNoField(name string) error {
	return fmt.Errorf("Field %s does not exist. Check spelling.", name)
}

// field returns the field of that name, with room for its slot in the
// values: a field declared after these values were made gets one.
func (vs *Values) field(name string) (Field, error) {
	f, ok := vs.schema.Lookup(name)
	if !ok {
		return Field{}, errNoField(name)
	}
	if f.slot >= len(vs.v) {
		vs.v = append(vs.v, make([]Value, vs.schema.size()-len(vs.v))...)
	}
	return f, nil
}

// unread reports whether name is a field of a frozen schema's open
// namespace that no prepared formula reads, and so was never declared:
// such a field may be set, and reads as null.
func (vs *Values) unread(name string) (Type, bool) {
	if !vs.schema.Frozen() {
		return Invalid, false
	}
	return vs.schema.openType(name)
}

// Set sets a field. The value must have the field's type, or be a null.
// The field keeps the value's secrecy: a value that is, or derives from, a
// secret stays secret in any field, and every program that reads the
// field gives a secret result.
// A text is at most MaxTextLength characters.
func (vs *Values) Set(name string, v Value) error {
	f, err := vs.field(name)
	if err != nil {
		if _, ok := vs.unread(name); ok {
			return nil
		}
		return err
	}
	if v.typ == Null || !v.valid {
		v = NullOf(f.Type)
	} else if v.typ != f.Type {
		return fmt.Errorf("field %s is %v, not %v", f.Name, f.Type, v.typ)
	} else if (v.typ == Text || v.typ == Blob) && len(v.str) > MaxTextLength {
		if n := textLength(v.typ, v.str); n > MaxTextLength {
			return errors.New(tooLong("field "+f.Name, n))
		}
	}
	if v.secret && !f.Secret {
		vs.tainted = true
	}
	v.secret = v.secret || f.Secret
	vs.v[f.slot] = v
	vs.hi = max(vs.hi, f.slot+1)
	return nil
}

// SetText sets a Text field.
func (vs *Values) SetText(name, s string) error { return vs.Set(name, TextValue(s)) }

// Unset makes a field null again.
func (vs *Values) Unset(name string) error {
	f, err := vs.field(name)
	if err != nil {
		if _, ok := vs.unread(name); ok {
			return nil
		}
		return err
	}
	vs.v[f.slot] = NullOf(f.Type)
	vs.hi = max(vs.hi, f.slot+1)
	return nil
}

// Get returns a field's value; a field never set is a null of its type.
// Get never changes the values.
func (vs *Values) Get(name string) (Value, error) {
	f, ok := vs.schema.Lookup(name)
	if !ok {
		if t, ok := vs.unread(name); ok {
			return NullOf(t), nil
		}
		return Value{}, errNoField(name)
	}
	var v Value
	if f.slot < len(vs.v) {
		v = vs.v[f.slot]
	}
	if v.typ == Invalid || v.typ == Null {
		v = NullOf(f.Type)
	}
	return v, nil
}

// SetString sets a field from its written form, as in a context file or on
// the command line: text as is, numbers in decimal, booleans as true or
// false, dates as 2006-01-02, date-times in RFC 3339 or as 2006-01-02
// 15:04:05 (GMT), times as 15:04:05 with optional milliseconds. An empty
// string makes any non-Text field null.
func (vs *Values) SetString(name, s string) error {
	f, err := vs.field(name)
	if err != nil {
		if t, ok := vs.unread(name); ok {
			_, err := parseValue(t, s, false)
			return err
		}
		return err
	}
	v, err := parseValue(f.Type, s, f.Secret)
	if err != nil {
		return fmt.Errorf("field %s: %w", f.Name, err)
	}
	return vs.Set(name, v)
}

// ParseValue reads a value of type t from its written form; see
// Values.SetString.
func ParseValue(t Type, s string) (Value, error) { return parseValue(t, s, false) }

// parseValue is ParseValue; its errors quote s through redact.Value, so a
// secret field's text never shows.
func parseValue(t Type, s string, secret bool) (Value, error) {
	if t == Text || isPicklist(t) {
		return Value{typ: t, valid: s != "", str: s}, nil
	}
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "null") {
		return NullOf(t), nil
	}
	switch t {
	case Number:
		v, err := ParseNumber(s)
		if err != nil {
			return Value{}, fmt.Errorf("%q is not a number", redact.Value(s, secret))
		}
		return v, nil
	case Boolean:
		switch strings.ToLower(s) {
		case "true", "1", "yes":
			return BoolValue(true), nil
		case "false", "0", "no":
			return BoolValue(false), nil
		}
		return Value{}, fmt.Errorf("%q is not true or false", redact.Value(s, secret))
	case Date:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return Value{}, fmt.Errorf("%q is not a date like 2006-01-02", redact.Value(s, secret))
		}
		// A written date is a calendar date as Salesforce reads it, in the
		// Julian calendar before 1582-10-15.
		return Value{typ: Date, valid: true, i64: civilDays(d.Year(), int(d.Month()), d.Day())}, nil
	case DateTime:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
			if d, err := time.Parse(layout, s); err == nil {
				return DateTimeValue(d), nil
			}
		}
		return Value{}, fmt.Errorf("%q is not a date-time like 2006-01-02T15:04:05Z", redact.Value(s, secret))
	case Time:
		for _, layout := range []string{"15:04:05.000", "15:04:05", "15:04"} {
			if d, err := time.Parse(layout, s); err == nil {
				return TimeValue(int64(d.Hour())*msPerHour + int64(d.Minute())*msPerMinute +
					int64(d.Second())*msPerSecond + int64(d.Nanosecond()/1e6)), nil
			}
		}
		return Value{}, fmt.Errorf("%q is not a time like 15:04:05", redact.Value(s, secret))
	case Blob:
		return BlobValue([]byte(s)), nil
	}
	return Value{}, fmt.Errorf("cannot read a %v from text", t)
}
