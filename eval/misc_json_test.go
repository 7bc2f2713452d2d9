package eval

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJSONValue(t *testing.T) {
	schema := cmMiscSchema(t)
	js := func(s string) map[string]Value { return map[string]Value{"customjson__c": TextValue(s)} }
	cmRun(t, schema, Options{}, []cmCase{
		// Corpus rows of testJsonValue.
		{src: `JSONVALUE(customjson__c, 'Temperature')`, want: "null"},
		{src: `JSONVALUE(customjson__c, 'Temperature')`, set: js(`{}`), want: "null"},
		{src: `JSONVALUE(customjson__c, 'Temperature')`, set: js(`{"Temperature": 50}`), want: "50"},
		{src: `JSONVALUE(customjson__c, 'Temperature')`, set: js(`{"Temperature": "a"}`), want: "a"},
		// Numbers print as Java's JSON parser reads them.
		{src: `JSONVALUE(customjson__c, 'n')`, set: js(`{"n": 1.50}`), want: "1.5"},
		{src: `JSONVALUE(customjson__c, 'n')`, set: js(`{"n": 1e2}`), want: "100.0"},
		{src: `JSONVALUE(customjson__c, 'n')`, set: js(`{"n": 1.5e-7}`), want: "1.5E-7"},
		{src: `JSONVALUE(customjson__c, 'n')`, set: js(`{"n": -0}`), want: "0"},
		{src: `JSONVALUE(customjson__c, 'n')`, set: js(`{"n": 123456789012345678901234567890}`), want: "123456789012345678901234567890"},
		{src: `JSONVALUE(customjson__c, 'n')`, set: js(`{"n": 1e400}`), want: "Infinity"},
		{src: `JSONVALUE(customjson__c, 'b')`, set: js(`{"b": true}`), want: "true"},
		{src: `JSONVALUE(customjson__c, 'z')`, set: js(`{"z": null}`), want: "null"},
		{src: `ISBLANK(JSONVALUE(customjson__c, 'z'))`, set: js(`{"z": null}`), want: "false"}, // the text "null"
		{src: `JSONVALUE(customjson__c, 'o')`, set: js(`{"o": {"a": 1}}`), want: ""},
		{src: `JSONVALUE(customjson__c, 'o')`, set: js(`{"o": [1, 2]}`), want: ""},
		{src: `JSONVALUE(customjson__c, 's')`, set: js(`{"s": "line\nbreak \u00e9 \"q\""}`), want: "line\nbreak é \"q\""},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`{"a": 1, "a": 2}`), want: "2"},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`{"b": {"a": 1}}`), want: "null"}, // top-level members only
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`[{"a": 1}]`), want: "null"},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`"a"`), want: "null"},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`  `), want: "null"},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`{"a": 1} trailing`), want: "1"},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`{"a": }`), want: "runtime: Invalid JSON for function 'JSONVALUE()'"},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`{'a': 1}`), want: "runtime: Invalid JSON for function 'JSONVALUE()'"},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(strings.Repeat("[", 1001) + strings.Repeat("]", 1001)), want: "runtime: Invalid JSON for function 'JSONVALUE()'"},
		{src: `JSONVALUE(customjson__c, 'a')`, set: js(`{"a": ` + strings.Repeat("9", 1001) + `}`), want: "runtime: Invalid JSON for function 'JSONVALUE()'"},
		{src: `JSONVALUE(customjson__c, '')`, set: js(`{"": 1}`), want: "null"},
		{src: `JSONVALUE('{"Temperature": 50}', 'Temperature')`, want: "50"},
		{src: `JSONVALUE(customjson__c, customtext__c)`, want: "compile: Incorrect parameter type for function 'JSONVALUE()'. Expected Text Literal, received Text"},
		{src: `JSONVALUE(customjson__c, NULL)`, want: "compile: Incorrect parameter type for function 'JSONVALUE()'. Expected Text Literal, received Null"},
		{src: `JSONVALUE(1, 'a')`, want: "compile: Incorrect parameter type for function 'JSONVALUE()'. Expected Text, received Number"},
	})
}

func TestJSONPathValue(t *testing.T) {
	schema := cmMiscSchema(t)
	js := func(s string) map[string]Value { return map[string]Value{"customjson__c": TextValue(s)} }
	const doc = `{"user": {"name": "alice", "roles": ["admin", "dev"], "meta": {"age": 30, "tags": [], "x": null}}, "a.b": 1, "n": 2.50}`
	d := js(doc)
	cmRun(t, schema, Options{}, []cmCase{
		// Corpus rows of testJsonPathValue.
		{src: `JSONPATHVALUE(customjson__c, '$.Temperature')`, want: "null"},
		{src: `JSONPATHVALUE(customjson__c, '$.Temperature')`, set: js(`{}`), want: "null"},
		{src: `JSONPATHVALUE(customjson__c, '$.Temperature')`, set: js(`{"Temperature": 50}`), want: "50"},
		{src: `JSONPATHVALUE(customjson__c, '$.Temperature')`, set: js(`{"Temperature": "a"}`), want: "a"},
		// The supported subset.
		{src: `JSONPATHVALUE(customjson__c, '$.user.name')`, set: d, want: "alice"},
		{src: `JSONPATHVALUE(customjson__c, 'user.name')`, set: d, want: "alice"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.roles[1]')`, set: d, want: "dev"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.roles[-1]')`, set: d, want: "dev"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.roles[2]')`, set: d, want: "null"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.roles[-3]')`, set: d, want: "null"},
		{src: `JSONPATHVALUE(customjson__c, "$['user']['roles'][0]")`, set: d, want: "admin"},
		{src: `JSONPATHVALUE(customjson__c, '$["user"].roles[0]')`, set: d, want: "admin"},
		{src: `JSONPATHVALUE(customjson__c, "$['a.b']")`, set: d, want: "1"},
		{src: `JSONPATHVALUE(customjson__c, '$.n')`, set: d, want: "2.5"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.meta.age')`, set: d, want: "30"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.meta.x')`, set: d, want: "null"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.roles')`, set: d, want: "[admin, dev]"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.meta')`, set: d, want: "{age=30, tags=[], x=null}"},
		{src: `JSONPATHVALUE(customjson__c, '$')`, set: js(`[1, {"b": false}]`), want: "[1, {b=false}]"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.name.first')`, set: d, want: "null"},
		{src: `JSONPATHVALUE(customjson__c, '$.user[0]')`, set: d, want: "null"},
		{src: `JSONPATHVALUE(customjson__c, '$.missing')`, set: d, want: "null"},
		{src: `JSONPATHVALUE(customjson__c, '$.a')`, set: js(`{"a": `), want: "null"}, // invalid JSON reads as no value
		{src: `JSONPATHVALUE(customjson__c, '')`, set: d, want: "null"},
		{src: `JSONPATHVALUE('{"user": {"roles": ["admin", "dev"]}}', '$.user.roles[1]')`, want: "dev"},
		// Outside the subset, or malformed: rejected when compiled.
		{src: `JSONPATHVALUE(customjson__c, '$..name')`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$..name': wildcards and deep scans are not supported"},
		{src: `JSONPATHVALUE(customjson__c, '$.user.*')`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$.user.*': wildcards and deep scans are not supported"},
		{src: `JSONPATHVALUE(customjson__c, '$.roles[*]')`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$.roles[*]': brackets must hold an index or a quoted name"},
		{src: `JSONPATHVALUE(customjson__c, '$.roles[0:2]')`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$.roles[0:2]': brackets must hold an index or a quoted name"},
		{src: `JSONPATHVALUE(customjson__c, "$['a','b']")`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$['a','b']': only one quoted name may stand in brackets"},
		{src: `JSONPATHVALUE(customjson__c, '$.a[0')`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$.a[0': missing ']'"},
		{src: `JSONPATHVALUE(customjson__c, '$.length()')`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$.length()': unexpected '('"},
		{src: `JSONPATHVALUE(customjson__c, '$.')`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$.': a name must follow '.'"},
		{src: `JSONPATHVALUE(customjson__c, '$x')`, want: "compile: Incorrect parameter value for function 'JSONPATHVALUE()'. Expected a JSON path such as $.a.b[0], received '$x': expected '.' or '['"},
		{src: `JSONPATHVALUE(customjson__c, customtext__c)`, want: "compile: Incorrect parameter type for function 'JSONPATHVALUE()'. Expected Text Literal, received Text"},
	})
}

func TestParseJSONPath(t *testing.T) {
	got, err := parseJSONPath(`$.a['b c']["d\"e"][3][-1].f`)
	if err != nil {
		t.Fatal(err)
	}
	want := []jsonStep{{name: "a"}, {name: "b c"}, {name: `d"e`}, {index: 3, isIndex: true}, {index: -1, isIndex: true}, {name: "f"}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(jsonStep{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
