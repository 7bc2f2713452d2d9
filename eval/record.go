package eval

import (
	"strings"

	"github.com/credscope/credscope/formula"
)

// recordFuncs declares the functions of record formulas: picklists, the
// record's prior version, links and images, and record IDs.
func recordFuncs() []*Func {
	return []*Func{
		{
			Name: "INCLUDES", Category: "Text",
			Doc:     "Returns TRUE when one of the values selected in a multi-select picklist field is text_literal, a non-blank string literal.",
			Example: `INCLUDES(Hobbies__c, "Golf")`, Want: "true",
			Sigs:          []Sig{{Params: []Param{p("multiselect_picklist_field", MultiPicklist), p("text_literal", Text)}, Result: Boolean, impl: includesImpl}},
			takesPicklist: true,
		},
		recordFlag("ISNEW", "Returns TRUE when the record is being created: when the context holds no prior version of it.", "true", isNewImpl),
		recordFlag("ISCLONE", "Returns TRUE when the record is a clone of another record being saved.", "false", isCloneImpl),
		ofPrior("ISCHANGED", "Returns TRUE when field's value differs from its value in the prior version of the record; FALSE for a new record. A blank that gets a value is a change.",
			`ISCHANGED(Amount__c)`, "false", Boolean, isChangedImpl),
		ofPrior("PRIORVALUE", "Returns field's value in the prior version of the record; for a new record, its current value.",
			`PRIORVALUE(Amount__c)`, "10", Any, priorValueImpl),
		{
			Name: "HYPERLINK", Category: "Text",
			Doc:     `Returns a link to url showing friendly_name, opened in target (default "_blank"), as the HTML a formula field displays. A javascript: URL is an error.`,
			Example: `HYPERLINK("https://acme.example/a?b=1&c=2", "Acme")`, Want: `"<a href=\"https://acme.example/a?b=1&amp;c=2\" target=\"_blank\">Acme</a>"`,
			Sigs: []Sig{
				{Params: []Param{p("url", Text), p("friendly_name", Text)}, Result: Text, impl: hyperlinkImpl},
				{Params: []Param{p("url", Text), p("friendly_name", Text), p("target", Text)}, Result: Text, impl: hyperlinkImpl},
			},
			Contexts: In(FormulaFieldContext, FlowContext),
		},
		{
			Name: "IMAGE", Category: "Text",
			Doc:     "Returns an image of image_url with alternate_text, optionally height and width pixels high and wide, as the HTML a formula field displays.",
			Example: `IMAGE("/img/samples/flag_green.gif", "Green", 12, 12)`, Want: `"<img src=\"/img/samples/flag_green.gif\" alt=\"Green\" height=\"12\" width=\"12\" border=\"0\"/>"`,
			Sigs: []Sig{
				{Params: []Param{p("image_url", Text), p("alternate_text", Text)}, Result: Text, impl: imageImpl},
				{Params: []Param{p("image_url", Text), p("alternate_text", Text), p("height", Number), p("width", Number)}, Result: Text, impl: imageImpl},
			},
			Contexts: In(FormulaFieldContext),
		},
		{
			Name: "BR", Category: "Text",
			Doc:     "Returns a line break, as the HTML a formula field displays.",
			Example: `"Line 1" & BR() & "Line 2"`, Want: `"Line 1<br>Line 2"`,
			Sigs:     []Sig{{Result: Text, impl: func(c *compiler, x *formula.Call, _ []*node) *node { return constNode(x, TextValue("<br>")) }}},
			Contexts: In(FormulaFieldContext, FlowContext),
		},
		{
			Name: "CASESAFEID", Category: "Text",
			Doc:     "Converts a 15-character record ID to its 18-character form, which compares the same in any case; other text is returned as it is.",
			Example: `CASESAFEID("001A0000006Vm9r")`, Want: `"001A0000006Vm9rIAC"`,
			Sigs:     []Sig{{Params: []Param{p("id", Text)}, Result: Text, impl: caseSafeIDImpl}},
			Contexts: recordContexts,
		},
		{
			Name: "VLOOKUP", Category: "Advanced",
			Doc:     "Returns field_to_return of the record of another object whose field_on_lookup_object equals lookup_value; both fields are $ObjectType references. Offline there is no other record to look in, so it evaluates to null.",
			Example: `VLOOKUP($ObjectType.Zip__c.Fields.City__c, $ObjectType.Zip__c.Fields.Name, "94105")`, Want: "null",
			Sigs:     []Sig{{Params: []Param{p("field_to_return", Any), p("field_on_lookup_object", Any), p("lookup_value", Any)}, Result: Any}},
			check:    vlookupImpl,
			Contexts: In(ValidationRuleContext),
		},
	}
}

// priorContexts are the contexts whose record may have a prior version:
// those of ISNEW, ISCLONE, ISCHANGED and PRIORVALUE.
var priorContexts = In(ValidationRuleContext, WorkflowContext, FlowContext)

// recordFlag declares a function of no argument that tells how the record
// is saved (ISNEW, ISCLONE).
func recordFlag(name, doc, want string, impl implFn) *Func {
	return &Func{
		Name: name, Category: "Logical", Doc: doc, Example: name + "()", Want: want,
		Sigs:     []Sig{{Result: Boolean, impl: impl}},
		Contexts: priorContexts,
		Impure:   true, // reads the record, never a constant
	}
}

// ofPrior declares a function of one field of the record and its prior
// version (ISCHANGED, PRIORVALUE); the field may be a picklist.
func ofPrior(name, doc, example, want string, result Type, check implFn) *Func {
	return &Func{
		Name: name, Category: "Logical", Doc: doc, Example: example, Want: want,
		Sigs:          []Sig{{Params: []Param{p("field", Any)}, Result: result}},
		check:         check,
		Contexts:      priorContexts,
		takesPicklist: true,
	}
}

// caseSafeIDImpl compiles CASESAFEID.
func caseSafeIDImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, ok := f(fr)
		if !ok {
			return "", false
		}
		return CaseSafeID(s), true
	}}
}

// CaseSafeID returns the 18-character form of a 15-character record ID:
// three more characters, one for each five, that encode which of them
// are capital letters. Any other text is returned unchanged.
func CaseSafeID(id string) string {
	if len(id) != 15 {
		return id
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	b := []byte(id)
	for chunk := 0; chunk < 3; chunk++ {
		bits := 0
		for i := 0; i < 5; i++ {
			if c := id[chunk*5+i]; c >= 'A' && c <= 'Z' {
				bits |= 1 << i
			}
		}
		b = append(b, alphabet[bits])
	}
	return string(b)
}

// htmlAttr escapes text for a double-quoted HTML attribute or element.
var htmlAttr = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// hyperlinkImpl compiles HYPERLINK.
func hyperlinkImpl(c *compiler, x *formula.Call, args []*node) *node {
	url, name := args[0].str, args[1].str
	var target strFn
	if len(args) > 2 {
		target = args[2].str
	}
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		u, _ := url(fr)
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(u)), "javascript:") {
			fr.fail(x, "Incorrect argument value for function 'HYPERLINK()'. Javascript is not allowed.")
			return "", false
		}
		n, _ := name(fr)
		t := "_blank"
		if target != nil {
			if s, ok := target(fr); ok {
				t = s
			}
		}
		return `<a href="` + htmlAttr.Replace(u) + `" target="` + htmlAttr.Replace(t) + `">` + htmlAttr.Replace(n) + `</a>`, true
	}}
}

// imageImpl compiles IMAGE.
func imageImpl(c *compiler, x *formula.Call, args []*node) *node {
	url, alt := args[0].str, args[1].str
	var size []*node
	if len(args) == 4 {
		size = []*node{c.toText(args[2]), c.toText(args[3])}
	}
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		u, _ := url(fr)
		a, _ := alt(fr)
		var b strings.Builder
		b.WriteString(`<img src="` + htmlAttr.Replace(u) + `" alt="` + htmlAttr.Replace(a) + `"`)
		for i, attr := range [...]string{"height", "width"} {
			if size == nil {
				break
			}
			if s, ok := size[i].str(fr); ok {
				b.WriteString(" " + attr + `="` + htmlAttr.Replace(s) + `"`)
			}
		}
		b.WriteString(` border="0"/>`)
		return b.String(), true
	}}
}

// vlookupImpl compiles VLOOKUP: the fields must be $ObjectType
// references to fields of one object; the result has the type of the
// field returned.
func vlookupImpl(c *compiler, x *formula.Call, args []*node) *node {
	if len(args) != 3 {
		c.arityError(x, "3", len(args))
		return nil
	}
	var object string
	for i := 0; i < 2; i++ {
		id, ok := formula.Unparen(x.Args[i]).(*formula.Ident)
		obj, _, isField := objectTypeField(id, ok)
		if !isField || object != "" && !strings.EqualFold(obj, object) {
			c.errorf(x.Args[i].Pos(), "Incorrect parameter type for %s. Expected Field, received %v", fnName(x.Name), args[i].typ)
			return nil
		}
		object = obj
	}
	return nullNode(x, args[0].typ)
}

// objectTypeField splits a $ObjectType.Object.Fields.Field reference.
func objectTypeField(id *formula.Ident, ok bool) (object, field string, isField bool) {
	if !ok {
		return "", "", false
	}
	parts := strings.Split(id.Name, ".")
	if len(parts) != 4 || !strings.EqualFold(parts[0], "$ObjectType") || !strings.EqualFold(parts[2], "Fields") {
		return "", "", false
	}
	return parts[1], parts[3], true
}
