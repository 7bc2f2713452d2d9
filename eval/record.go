package eval

// recordFuncs declares the functions that read a record's fields as only
// record formulas have them: picklists.
func recordFuncs() []*Func {
	return []*Func{
		{
			Name: "INCLUDES", Category: "Text",
			Doc:     "Returns TRUE when one of the values selected in a multi-select picklist field is text_literal, a non-blank string literal.",
			Example: `INCLUDES(Hobbies__c, "Golf")`, Want: "true",
			Sigs:          []Sig{{Params: []Param{p("multiselect_picklist_field", MultiPicklist), p("text_literal", Text)}, Result: Boolean, impl: includesImpl}},
			takesPicklist: true,
		},
	}
}
