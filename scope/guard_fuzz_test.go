package scope

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/credscope/credscope/eval"
)

// FuzzScopeGuard composes generated scope formulas over Text, Number, Date
// and DateTime fields with fuzzed values, and checks the guard against an
// oracle that shares none of its code: a reference interpreter over the
// generated tree that marks which characters derive from field data (see
// refNode), using eval only for values. Where replacing every derived
// character by x changes the token boundaries or the characters outside
// NQCHAR, the guard must refuse; where it changes neither, it must not.
// Every refusal must also be one CS403 warns about.
func FuzzScopeGuard(f *testing.F) {
	for _, s := range []struct {
		prog              []byte
		dept, title, json string
		level             int16
	}{
		{[]byte{0}, "Sales", "lead", `{"t":"x admin:all"}`, 3},
		{[]byte{1, 2, 3, 4, 5, 6, 7, 8}, "read+admin:all", " ", "2024-01-01 10:00:00", 7},
		{[]byte{9, 10, 11, 12, 13, 14, 15, 16, 17}, "admin ", "\u00a0", `{"t":"a b"}`, -2},
		{[]byte("scope guard seed with more bytes"), "Customer Service", "a\"b", "x", 40},
	} {
		f.Add(s.prog, s.dept, s.title, s.json, s.level)
	}
	f.Fuzz(func(t *testing.T, prog []byte, dept, title, json string, level int16) {
		g := &generator{data: prog}
		form := g.template()
		p := &Project{UserFields: []*CustomField{
			{Name: "Level__c", Type: Value{Text: "Number"}},
			{Name: "Hired__c", Type: Value{Text: "Date"}},
			{Name: "Json__c", Type: Value{Text: "Text"}},
		}}
		p.LoadFile("G.externalCredential-meta.xml", []byte(guardCredentialXML(form.src)))
		if len(p.Problems) > 0 {
			t.Fatalf("%s: %v", form.src, p.Problems[0])
		}
		c, _ := p.ExternalCredential("G")
		env := eval.Env{Now: func() time.Time { return time.Date(2026, 12, 2, 8, 30, 0, 0, time.UTC) }}
		prep, _ := p.Prepare(p.Schema(), eval.Options{})
		vals := prep.NewValues()
		set := func(name string, v eval.Value) {
			if err := vals.Set(name, v); err != nil {
				t.Fatal(err)
			}
		}
		set("$User.Department", eval.TextValue(dept))
		set("$User.Title", eval.TextValue(title))
		set("$User.Json__c", eval.TextValue(json))
		set("$User.Level__c", eval.IntValue(int64(level)))
		set("$User.Hired__c", eval.DateValue(time.Date(2024, 1, 1+int(level), 0, 0, 0, 0, time.UTC)))
		set("$User.LastLoginDate", eval.DateTimeValue(time.Date(2024, 1, 1, 10, 0, int(level), 0, time.UTC)))

		comp, err := prep.Compose(c, User{Values: vals}, env)
		var inj *InjectionError
		injected := errors.As(err, &inj)
		if err != nil && !injected {
			return // the formula fails to evaluate; nothing is composed
		}
		r := &reference{schema: vals.Schema(), vals: vals, env: env}
		want, rerr := r.text(form)
		if rerr != nil {
			t.Fatalf("%s: Compose evaluated it, the reference fails: %v", form.src, rerr)
		}
		if got := comp.CredentialScope.Text(); got != want.text {
			t.Fatalf("%s: the reference computes %q, Compose %q", form.src, want.text, got)
		}
		widened := shape(want.text, nil) != shape(want.text, want.mask)
		switch {
		case widened && !injected:
			t.Fatalf("%s with %q, %q, %q, %d: derived characters of %q widen the scope, and the guard let it through",
				form.src, dept, title, json, level, want.text)
		case !widened && injected:
			t.Fatalf("%s with %q, %q, %q, %d: the guard refused %q, whose derived characters are all NQCHAR: %v",
				form.src, dept, title, json, level, want.text, err)
		case injected:
			if len(scopeFlows(prep.Parameter(c.ScopeParameter(DefaultGroup)))) == 0 {
				t.Fatalf("%s: the guard refused (%v), and CS403 finds no flow", form.src, inj)
			}
		}
	})
}

// shape describes a text's token boundaries and the characters a scope
// token may not hold, each with its position, with the masked characters
// replaced by x.
func shape(s string, mask []bool) string {
	var b strings.Builder
	for i, r := range s {
		if mask != nil && mask[i] {
			r = 'x'
		}
		switch {
		case unicode.IsSpace(r):
			fmt.Fprintf(&b, "%d:space ", i)
		case !isNQChar(r):
			fmt.Fprintf(&b, "%d:%q ", i, r)
		}
	}
	return b.String()
}

// guardCredentialXML writes an external credential G with the given
// credential-level scope.
func guardCredentialXML(scopeField string) string {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(scopeField)
	return `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterGroup>DefaultGroup</parameterGroup>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>` + esc + `</parameterValue>
    </externalCredentialParameters>
    <label>G</label>
</ExternalCredential>
`
}
