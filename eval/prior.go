package eval

import (
	"strings"

	"github.com/credscope/credscope/formula"
)

// The prior version of a record, for ISNEW, ISCHANGED, PRIORVALUE and
// ISCLONE, lives in the record's own values, in fields of the $Prior
// namespace that compiling those functions declares: $Prior.Amount__c
// holds the prior Amount__c. Two more say whether there is a prior
// version at all, and whether the record is a clone.
const (
	priorPrefix = "$Prior."
	priorExists = "$Prior.$Exists"
	priorClone  = "$Prior.$IsClone"
)

// SetPrior sets field name of the record's prior version, which makes the
// record one being edited rather than created: ISNEW() is then FALSE.
// The field must be one a compiled formula reads through PRIORVALUE or
// ISCHANGED, or any field while the schema is not frozen.
// A field of a frozen schema that no formula reads through PRIORVALUE or
// ISCHANGED is ignored.
func (vs *Values) SetPrior(name string, v Value) error {
	return vs.setPrior(name, func(field string) error { return vs.Set(field, v) })
}

// SetPriorString is SetPrior with the value written as SetString takes it.
func (vs *Values) SetPriorString(name, s string) error {
	return vs.setPrior(name, func(field string) error { return vs.SetString(field, s) })
}

// setPrior marks the record edited and sets the prior field of name with
// set, unless the schema is frozen and no formula reads that field.
func (vs *Values) setPrior(name string, set func(field string) error) error {
	if err := vs.setFlag(priorExists, true); err != nil {
		return err
	}
	if vs.schema.Frozen() {
		if _, ok := vs.schema.Lookup(priorPrefix + name); !ok {
			return nil
		}
	}
	return set(priorPrefix + name)
}

// MarkEdited records that the record has a prior version, even with no
// prior field set: ISNEW() is then FALSE.
func (vs *Values) MarkEdited() error { return vs.setFlag(priorExists, true) }

// SetClone marks the record as a clone of another, for ISCLONE.
func (vs *Values) SetClone(clone bool) error { return vs.setFlag(priorClone, clone) }

// setFlag sets one of the $Prior flags, declaring it unless the schema is
// frozen, where a flag no formula reads needs no value.
func (vs *Values) setFlag(name string, b bool) error {
	if vs.schema.Frozen() {
		if _, ok := vs.schema.Lookup(name); !ok {
			return nil
		}
	} else if _, err := vs.schema.Declare(name, Boolean, false); err != nil {
		return err
	}
	return vs.Set(name, BoolValue(b))
}

// flagNode reads one of the $Prior flags, FALSE when unset.
func (c *compiler) flagNode(x *formula.Call, name string) *node {
	if _, err := c.schema.Declare(name, Boolean, false); err != nil {
		if _, ok := c.schema.Lookup(name); !ok {
			c.errorf(x.Pos(), "%v", err)
			return nil
		}
	}
	return c.field(&formula.Ident{NamePos: x.NamePos, Name: name})
}

func isNewImpl(c *compiler, x *formula.Call, _ []*node) *node {
	exists := c.flagNode(x, priorExists)
	if exists == nil {
		return nil
	}
	f := exists.bl
	return &node{typ: Boolean, src: x, bl: func(fr *frame) (bool, bool) {
		b, _ := f(fr)
		return !b, true
	}}
}

func isCloneImpl(c *compiler, x *formula.Call, _ []*node) *node {
	n := c.flagNode(x, priorClone)
	if n == nil {
		return nil
	}
	m := *n
	m.src = x
	return &m
}

// priorField compiles the prior version of the field a call's only
// argument names, and whether the record has one.
func (c *compiler) priorField(x *formula.Call, args []*node) (cur, prior, exists *node) {
	if len(args) != 1 {
		c.arityError(x, "1", len(args))
		return nil, nil, nil
	}
	id, ok := formula.Unparen(x.Args[0]).(*formula.Ident)
	if !ok || strings.HasPrefix(id.Name, "$") && !c.recordOfFlow(id.Name) {
		c.errorf(x.Args[0].Pos(), "Incorrect parameter type for %s. Expected Field, received %v", fnName(x.Name), args[0].typ)
		return nil, nil, nil
	}
	name := priorPrefix + id.Name
	if _, err := c.schema.Declare(name, args[0].typ, false); err != nil {
		if f, ok := c.schema.Lookup(name); !ok || f.Type != args[0].typ {
			c.errorf(x.Pos(), "%v", err)
			return nil, nil, nil
		}
	}
	exists = c.flagNode(x, priorExists)
	if exists == nil {
		return nil, nil, nil
	}
	return args[0], c.field(&formula.Ident{NamePos: id.NamePos, Name: name}), exists
}

// recordOfFlow reports whether name is a field of a flow's triggering
// record, $Record.Field, which a record-triggered flow's entry condition
// and formulas compare with its prior version as a record's formula does.
func (c *compiler) recordOfFlow(name string) bool {
	head, _, ok := strings.Cut(name, ".")
	return ok && c.opts.Context == FlowContext && strings.EqualFold(head, "$Record")
}

// priorImpl compiles a function of a field and its prior version, of type
// result, or the field's type for Any: value gives the result from whether
// the record is being edited, reading the field and its prior version only
// as it needs them.
func priorImpl(result Type, value func(fr *frame, edited bool, cur, prior *node) Value) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		cur, prior, exists := c.priorField(x, args)
		if cur == nil {
			return nil
		}
		typ := result
		if typ == Any {
			typ = cur.typ
		}
		had := exists.bl
		return valueNode(typ, x, func(fr *frame) Value {
			edited, _ := had(fr)
			return value(fr, edited, cur, prior)
		})
	}
}

// isChangedImpl compiles ISCHANGED: a new record has changed nothing.
var isChangedImpl = priorImpl(Boolean, func(fr *frame, edited bool, cur, prior *node) Value {
	return BoolValue(edited && !sameValue(cur.value(fr), prior.value(fr)))
})

// priorValueImpl compiles PRIORVALUE: a new record's prior value is its
// value.
var priorValueImpl = priorImpl(Any, func(fr *frame, edited bool, cur, prior *node) Value {
	if edited {
		return prior.value(fr)
	}
	return cur.value(fr)
})

// sameValue reports whether two values of one type are equal, a blank
// text equal to null.
func sameValue(a, b Value) bool {
	blankA, blankB := a.IsBlank(), b.IsBlank()
	if blankA || blankB {
		return blankA == blankB
	}
	switch a.typ {
	case Number:
		return a.num.Cmp(&b.num) == 0
	case Boolean:
		return a.b == b.b
	case Date, DateTime, Time:
		return a.i64 == b.i64
	case Geolocation:
		return a.geo == b.geo
	}
	return a.str == b.str
}
