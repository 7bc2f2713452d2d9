package eval

import (
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/redact"
)

func jsonValueFunc() *Func {
	return &Func{
		Name: "JSONVALUE", Category: "Text",
		Doc:     "Returns the member key of the JSON object json as text: strings as they are, numbers as Java prints them, JSON null as null text, objects and arrays as empty text; null when absent. key must be a text literal; invalid JSON is an error.",
		Example: `JSONVALUE('{"Temperature": 50}', 'Temperature')`, Want: `"50"`,
		Sigs: []Sig{{Params: []Param{p("json", Text), p("key", Text)}, Result: Text, impl: jsonValueImpl}},
	}
}

func jsonPathValueFunc() *Func {
	return &Func{
		Name: "JSONPATHVALUE", Category: "Text",
		Doc:     "Returns the value at a JSONPath in json as text, or null when there is none or json is invalid. The path is a text literal of names and indexes: $.a.b[0], $['a'][-1]; without a leading $ it starts at the root.",
		Example: `JSONPATHVALUE('{"user": {"roles": ["admin", "dev"]}}', '$.user.roles[1]')`, Want: `"dev"`,
		Sigs: []Sig{{Params: []Param{p("json", Text), p("path", Text)}, Result: Text, impl: jsonPathValueImpl}},
	}
}

// jsonLiteralArg returns the text of a string literal argument, or reports
// that a literal was expected.
func (c *compiler) jsonLiteralArg(x *formula.Call, i int, arg *node) (string, bool) {
	lit, ok := formula.Unparen(x.Args[i]).(*formula.StringLit)
	if !ok {
		c.errorf(arg.src.Pos(), "Incorrect parameter type for %s. Expected Text Literal, received %v", fnName(x.Name), arg.typ)
		return "", false
	}
	return lit.Value, true
}

// jsonValueImpl compiles JSONVALUE: a top-level member of a JSON object.
func jsonValueImpl(c *compiler, x *formula.Call, args []*node) *node {
	key, ok := c.jsonLiteralArg(x, 1, args[1])
	if !ok {
		return nil
	}
	if key == "" { // an empty literal is null, and so is the result
		return nullNode(x, Text)
	}
	f := args[0].str
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, ok := f(fr)
		if !ok || s == "" || !fr.spend(x, len(s)) {
			return "", false
		}
		v, err := parseJSON(s)
		if err != nil {
			fr.fail(x, "Invalid JSON for "+fnName(x.Name))
			return "", false
		}
		m, ok := v.member(key)
		if !ok {
			return "", false
		}
		switch m.kind {
		case jsonObject, jsonArray:
			return "", true // a container's text is empty, not null
		case jsonNull:
			return "null", true
		}
		return m.scalarText(), true
	}}
}

// jsonPathValueImpl compiles JSONPATHVALUE. The path is parsed now, so a
// path outside the supported subset is a compile-time error.
func jsonPathValueImpl(c *compiler, x *formula.Call, args []*node) *node {
	raw, ok := c.jsonLiteralArg(x, 1, args[1])
	if !ok {
		return nil
	}
	if raw == "" {
		return nullNode(x, Text)
	}
	path, err := parseJSONPath(raw)
	if err != nil {
		c.errorf(args[1].src.Pos(), "Incorrect parameter value for %s. Expected a JSON path such as $.a.b[0], received '%s': %v", fnName(x.Name), redact.Value(raw, false), err)
		return nil
	}
	f := args[0].str
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, ok := f(fr)
		if !ok || s == "" || !fr.spend(x, len(s)) {
			return "", false
		}
		v, err := parseJSON(s)
		if err != nil {
			return "", false // Salesforce reads invalid JSON as no value
		}
		for _, seg := range path {
			if v, ok = v.step(seg); !ok {
				return "", false
			}
		}
		if v.kind == jsonNull {
			return "", false
		}
		var b strings.Builder
		v.writeJava(&b)
		return b.String(), true
	}}
}

// jsonKind is the kind of a JSON value.
type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// jsonValue is a parsed JSON value that keeps object members in document
// order, which the Java rendering of objects shows.
type jsonValue struct {
	kind  jsonKind
	text  string      // a string's value, a number's literal, true or false
	keys  []string    // an object's member names
	items []jsonValue // an array's elements, or an object's member values
}

// maxJSONDepth bounds nesting, as Salesforce's JSON parser does.
const maxJSONDepth = 1000

// maxJSONNumber bounds the length of a number, as Salesforce's JSON parser
// does, so that no number costs more than linear work to print.
const maxJSONNumber = 1000

var (
	errJSONDepth  = errors.New("JSON nested too deeply")
	errJSONNumber = errors.New("JSON number too long")
)

// parseJSON parses the first JSON value in s; anything after it is ignored,
// as Salesforce's parser ignores it. Blank input is JSON null.
func parseJSON(s string) (jsonValue, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	tok, err := dec.Token()
	if err == io.EOF {
		return jsonValue{}, nil
	}
	if err != nil {
		return jsonValue{}, err
	}
	return parseJSONValue(dec, tok, 0)
}

func parseJSONValue(dec *json.Decoder, tok json.Token, depth int) (jsonValue, error) {
	switch t := tok.(type) {
	case nil:
		return jsonValue{}, nil
	case bool:
		return jsonValue{kind: jsonBool, text: strconv.FormatBool(t)}, nil
	case json.Number:
		if len(t) > maxJSONNumber {
			return jsonValue{}, errJSONNumber
		}
		return jsonValue{kind: jsonNumber, text: string(t)}, nil
	case string:
		return jsonValue{kind: jsonString, text: t}, nil
	case json.Delim:
		if depth >= maxJSONDepth {
			return jsonValue{}, errJSONDepth
		}
		v := jsonValue{kind: jsonArray}
		if t == '{' {
			v.kind = jsonObject
		}
		for dec.More() {
			var key string
			if v.kind == jsonObject {
				k, err := dec.Token()
				if err != nil {
					return jsonValue{}, err
				}
				key, _ = k.(string)
			}
			tok, err := dec.Token()
			if err != nil {
				return jsonValue{}, err
			}
			item, err := parseJSONValue(dec, tok, depth+1)
			if err != nil {
				return jsonValue{}, err
			}
			if v.kind == jsonObject {
				if i := v.index(key); i >= 0 { // a repeated name keeps its place and takes the last value
					v.items[i] = item
					continue
				}
				v.keys = append(v.keys, key)
			}
			v.items = append(v.items, item)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return jsonValue{}, err
		}
		return v, nil
	}
	return jsonValue{}, errors.New("unexpected JSON token")
}

func (v *jsonValue) index(key string) int {
	for i, k := range v.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// member returns the member key of an object.
func (v jsonValue) member(key string) (jsonValue, bool) {
	if v.kind != jsonObject {
		return jsonValue{}, false
	}
	if i := v.index(key); i >= 0 {
		return v.items[i], true
	}
	return jsonValue{}, false
}

// scalarText renders a string, number or boolean as Java's JSON libraries
// do: integers in full, other numbers as doubles.
func (v jsonValue) scalarText() string {
	if v.kind != jsonNumber {
		return v.text
	}
	if !strings.ContainsAny(v.text, ".eE") {
		if n, ok := new(big.Int).SetString(v.text, 10); ok {
			return n.String()
		}
	}
	f, _ := strconv.ParseFloat(v.text, 64) // out of range reads as ±Inf
	return javaDoubleText(f)
}

// writeJava renders v as Java's String.valueOf renders the parsed value:
// objects as {a=1, b=x}, arrays as [1, x], strings unquoted.
func (v jsonValue) writeJava(b *strings.Builder) {
	switch v.kind {
	case jsonNull:
		b.WriteString("null")
	case jsonArray:
		b.WriteByte('[')
		for i, it := range v.items {
			if i > 0 {
				b.WriteString(", ")
			}
			it.writeJava(b)
		}
		b.WriteByte(']')
	case jsonObject:
		b.WriteByte('{')
		for i, it := range v.items {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(v.keys[i])
			b.WriteByte('=')
			it.writeJava(b)
		}
		b.WriteByte('}')
	default:
		b.WriteString(v.scalarText())
	}
}

// jsonStep is one step of a JSON path: a member name, or an array index
// when isIndex is set (negative counts from the end).
type jsonStep struct {
	name    string
	index   int
	isIndex bool
}

// step follows one path step, reporting whether the value exists.
func (v jsonValue) step(s jsonStep) (jsonValue, bool) {
	if !s.isIndex {
		return v.member(s.name)
	}
	if v.kind != jsonArray {
		return jsonValue{}, false
	}
	i := s.index
	if i < 0 {
		i += len(v.items)
	}
	if i < 0 || i >= len(v.items) {
		return jsonValue{}, false
	}
	return v.items[i], true
}

// parseJSONPath parses the supported JSONPath subset: $ followed by .name,
// ['name'], ["name"] and [index] steps. Wildcards, deep scans, slices,
// unions, filters and functions are not supported.
func parseJSONPath(path string) ([]jsonStep, error) {
	if !strings.HasPrefix(path, "$") {
		path = "$." + path
	}
	path = strings.TrimSpace(path)
	var steps []jsonStep
	i := 1
	for i < len(path) {
		switch path[i] {
		case '.':
			i++
			j := i
			for j < len(path) && !strings.ContainsRune(".[]() '\"*?@,:", rune(path[j])) {
				j++
			}
			if j == i {
				if i < len(path) && (path[i] == '.' || path[i] == '*') {
					return nil, errors.New("wildcards and deep scans are not supported")
				}
				return nil, errors.New("a name must follow '.'")
			}
			if j < len(path) && path[j] != '.' && path[j] != '[' {
				return nil, errors.New("unexpected " + strconv.QuoteRune(rune(path[j])))
			}
			steps = append(steps, jsonStep{name: path[i:j]})
			i = j
		case '[':
			s, n, err := parseJSONBracket(path[i:])
			if err != nil {
				return nil, err
			}
			steps = append(steps, s)
			i += n
		default:
			return nil, errors.New("expected '.' or '['")
		}
	}
	return steps, nil
}

// parseJSONBracket parses one bracketed step at the start of s and returns
// it with its length.
func parseJSONBracket(s string) (jsonStep, int, error) {
	if len(s) > 1 && (s[1] == '\'' || s[1] == '"') {
		q := s[1]
		var name strings.Builder
		for i := 2; i < len(s); i++ {
			switch c := s[i]; {
			case c == '\\' && i+1 < len(s):
				i++
				name.WriteByte(s[i])
			case c == q:
				if i+1 < len(s) && s[i+1] == ']' {
					return jsonStep{name: name.String()}, i + 2, nil
				}
				return jsonStep{}, 0, errors.New("only one quoted name may stand in brackets")
			default:
				name.WriteByte(c)
			}
		}
		return jsonStep{}, 0, errors.New("unterminated quoted name")
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return jsonStep{}, 0, errors.New("missing ']'")
	}
	n, err := strconv.Atoi(strings.TrimSpace(s[1:end]))
	if err != nil {
		return jsonStep{}, 0, errors.New("brackets must hold an index or a quoted name")
	}
	return jsonStep{index: n, isIndex: true}, end + 1, nil
}
