package scope

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// UserContext describes the running user the way a person writes it, in a
// YAML or JSON context file:
//
//	user: {Username: alice@acme.example, Department: Sales}
//	organization: {Name: Acme}
//	profile: {Name: Standard User}
//	userRole: {Name: Sales Rep}
//	permissions: {Approve_Refunds: true}
//	credentials: {Billing_API: {Username: svc-billing}}
//	fields: {Region__c: EMEA}
//	permissionSets: [Sales_JWT_Access]
//
// Under user, organization, profile and userRole, standard fields take the
// schema's type; custom fields (…__c) take the type of their YAML value:
// text, a number, or true/false. Credentials are secret text. Fields under
// fields are custom fields of the record, such as Amount__c.
type UserContext struct {
	// Name is the file name, for errors.
	Name string
	// PermissionSets lists the permission sets assigned to the user.
	PermissionSets []string
	entries        []contextEntry
	src            string // the file, for the source line of an error
}

// contextEntry is one field setting with the position it was written at.
type contextEntry struct {
	field string      // e.g. $User.Department
	text  string      // the value as written
	kind  eval.Type   // the YAML value's own type: Text, Number or Boolean
	pos   formula.Pos // of the value
	key   formula.Pos // of the field name
}

// Limits on a context file. A context holds a few dozen fields of at most
// MaxTextLength characters each. The YAML parser takes time quadratic in
// the number of keys of one block mapping and in the depth of nested flow
// collections, so both are bounded before it runs; within these limits a
// file parses in well under a second.
const (
	// MaxUserContextSize bounds the file, in bytes: room for several values
	// of full length, while parsing, which takes about thirty-six times
	// the file in memory, stays small.
	MaxUserContextSize = 1 << 20
	// MaxUserContextLines bounds its lines, and so the keys of a block
	// mapping.
	MaxUserContextLines = 2_000
	// maxContextDepth bounds the nesting of [ and {.
	maxContextDepth = 64
)

// checkContextShape refuses, before parsing, a context file beyond the
// limits, with the position where it goes beyond them.
func checkContextShape(name string, data []byte) error {
	return checkShape(name, "context file", data)
}

// checkShape is checkContextShape for any YAML input file, a record file
// too; kind names it in the errors.
func checkShape(name, kind string, data []byte) error {
	line, start, depth := 1, 0, 0
	at := func(i int, msg string) error {
		col := utf8.RuneCount(data[start:i]) + 1
		return &formula.Error{Name: name, Pos: formula.Pos{Line: line, Column: col, Offset: i}, Msg: msg}
	}
	for i, c := range data {
		if i == MaxUserContextSize {
			return at(i, fmt.Sprintf("a %s is at most %d bytes; this one is longer", kind, MaxUserContextSize))
		}
		switch c {
		case '\n':
			line++
			start = i + 1
			if line > MaxUserContextLines && i+1 < len(data) {
				return at(i+1, fmt.Sprintf("a %s has at most %d lines; this one has more", kind, MaxUserContextLines))
			}
		case '[', '{':
			if depth++; depth > maxContextDepth {
				return at(i, fmt.Sprintf("lists and mappings nest at most %d deep in a %s", maxContextDepth, kind))
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}

// ReadUserContext reads a context file: a regular file, so that a named
// pipe given as one is refused rather than waited on (see readInputFile).
func ReadUserContext(path string) (*UserContext, error) {
	data, err := readInputFile(path)
	if err != nil {
		return nil, err
	}
	return ParseUserContext(path, data)
}

// contextSections maps each map-valued top-level key to its field prefix.
var contextSections = map[string]string{
	"user": "$User.", "organization": "$Organization.", "profile": "$Profile.",
	"userRole": "$UserRole.", "permissions": "$Permission.", "fields": "",
}

// ParseUserContext parses a context file's contents. Errors carry the
// file's line and column.
func ParseUserContext(name string, data []byte) (*UserContext, error) {
	if err := checkContextShape(name, data); err != nil {
		return nil, err
	}
	src := string(data)
	uc := &UserContext{Name: name, src: src}
	body, top, err := parseTop(name, data)
	if err != nil {
		return nil, err
	}
	if body == nil {
		return uc, nil
	}
	if top == nil {
		return nil, uc.errAt(src, body, "a context file is a mapping with keys such as user and permissions")
	}
	for _, kv := range top.Values {
		key := keyString(kv)
		switch {
		case key == "permissionSets":
			seq, ok := unwrap(kv.Value).(*ast.SequenceNode)
			if !ok {
				return nil, uc.errAt(src, kv.Value, "permissionSets is a list of permission set names")
			}
			for _, v := range seq.Values {
				s, kind := scalar(v)
				if kind != eval.Text || s == "" {
					return nil, uc.errAt(src, v, "a permission set name is text")
				}
				uc.PermissionSets = append(uc.PermissionSets, s)
			}
		case key == "credentials":
			creds, ok := unwrap(kv.Value).(*ast.MappingNode)
			if !ok {
				return nil, uc.errAt("", kv.Value, "credentials maps credential names to their parameters")
			}
			for _, c := range creds.Values {
				params, ok := unwrap(c.Value).(*ast.MappingNode)
				if !ok {
					return nil, uc.errAt("", c.Value, "a credential maps parameter names to values")
				}
				if err := uc.addSection(src, "$Credential."+keyString(c)+".", params); err != nil {
					return nil, err
				}
			}
		default:
			prefix, known := contextSections[key]
			if !known {
				return nil, uc.errAt(src, kv.Key, fmt.Sprintf("unknown key %q; want one of user, organization, profile, userRole, permissions, credentials, fields, permissionSets", key))
			}
			m, ok := unwrap(kv.Value).(*ast.MappingNode)
			if !ok {
				if _, null := unwrap(kv.Value).(*ast.NullNode); null {
					continue
				}
				return nil, uc.errAt(src, kv.Value, key+" maps field names to values")
			}
			if err := uc.addSection(src, prefix, m); err != nil {
				return nil, err
			}
		}
	}
	return uc, nil
}

// parseYAML parses an input file, its syntax error at its line and column.
func parseYAML(name string, data []byte) (*ast.File, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			pos := formula.Pos{Line: se.Token.Position.Line, Column: se.Token.Position.Column, Offset: se.Token.Position.Offset}
			return nil, &formula.Error{Name: name, Pos: pos, Msg: "invalid YAML: " + se.Message, Line: lineOf(string(data), pos.Line)}
		}
		return nil, fmt.Errorf("%s: invalid YAML: %v", name, err)
	}
	return file, nil
}

// parseTop parses an input file and returns its first document's body, nil
// when the file is empty, and that body as a mapping, nil when it is none.
func parseTop(name string, data []byte) (ast.Node, *ast.MappingNode, error) {
	file, err := parseYAML(name, data)
	if err != nil || len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, nil, err
	}
	body := file.Docs[0].Body
	top, _ := unwrap(body).(*ast.MappingNode)
	return body, top, nil
}

// addSection adds the fields of one section. The errors of a credentials
// section show no source line, since the line may hold a secret.
func (uc *UserContext) addSection(src, prefix string, m *ast.MappingNode) error {
	if strings.HasPrefix(prefix, "$Credential.") {
		src = ""
	}
	for _, kv := range m.Values {
		key := keyString(kv)
		if err := eval.ValidFieldName(prefix + key); err != nil || strings.Contains(key, ".") && prefix != "" {
			return uc.errAt(src, kv.Key, fmt.Sprintf("%q is not a field name", key))
		}
		text, kind := scalar(kv.Value)
		if kind == eval.Invalid {
			return uc.errAt(src, kv.Value, fmt.Sprintf("the value of %s%s must be text, a number or true/false", prefix, key))
		}
		if prefix == "$Permission." && kind != eval.Boolean {
			return uc.errAt(src, kv.Value, fmt.Sprintf("permission %s must be true or false", key))
		}
		if kind == eval.Text && len(text) > eval.MaxTextLength {
			if err := eval.CheckTextLength(prefix+key, text); err != nil {
				// No source line: it is too long to show, and may be secret.
				return &formula.Error{Name: uc.Name, Pos: tokenPos(kv.Value.GetToken()), Msg: err.Error()}
			}
		}
		pos, kpos := tokenPos(kv.Value.GetToken()), tokenPos(kv.Key.GetToken())
		uc.entries = append(uc.entries, contextEntry{field: prefix + key, text: text, kind: kind, pos: pos, key: kpos})
	}
	return nil
}

// Fields lists the fields the context sets, sorted.
func (uc *UserContext) Fields() []string {
	out := make([]string, len(uc.entries))
	for i, e := range uc.entries {
		out[i] = e.field
	}
	sort.Strings(out)
	return out
}

// Declare adds to schema the fields the context needs that the schema does
// not have, as DeclareField allows: custom fields, permissions and
// credential parameters.
func (uc *UserContext) Declare(schema *eval.Schema) error {
	for _, e := range uc.entries {
		_, err := DeclareField(schema, e.field, e.kind)
		var unknown *UnknownFieldError
		switch {
		case errors.As(err, &unknown):
			return &formula.Error{Name: uc.Name, Pos: e.key, Msg: err.Error(), Line: lineOf(uc.src, e.key.Line)}
		case err != nil:
			return uc.entryErr(e, err.Error())
		}
	}
	return nil
}

// Apply declares what the schema lacks and sets every field of the context
// into vals.
func (uc *UserContext) Apply(vals *eval.Values) error {
	if err := uc.Declare(vals.Schema()); err != nil {
		return err
	}
	for _, e := range uc.entries {
		if err := vals.SetString(e.field, e.text); err != nil {
			return uc.entryErr(e, err.Error())
		}
	}
	return nil
}

func (uc *UserContext) entryErr(e contextEntry, msg string) error {
	line := ""
	if !strings.HasPrefix(strings.ToLower(e.field), "$credential.") { // else the line holds the secret
		line = lineOf(uc.src, e.pos.Line)
	}
	return &formula.Error{Name: uc.Name, Pos: e.pos, Msg: msg, Line: line}
}

func (uc *UserContext) errAt(src string, n ast.Node, msg string) error {
	tok := n.GetToken()
	if tok == nil {
		return &formula.Error{Name: uc.Name, Pos: formula.Pos{Line: 1, Column: 1}, Msg: msg}
	}
	pos := tokenPos(tok)
	return &formula.Error{Name: uc.Name, Pos: pos, Msg: msg, Line: lineOf(src, pos.Line)}
}

func tokenPos(tok *token.Token) formula.Pos {
	if tok == nil {
		return formula.Pos{Line: 1, Column: 1}
	}
	return formula.Pos{Line: tok.Position.Line, Column: tok.Position.Column, Offset: tok.Position.Offset}
}

// lineOf returns line number line of src, without its line break. Only
// errors call it, once each, so scanning from the start keeps loading
// linear.
func lineOf(src string, line int) string {
	if line < 1 {
		return ""
	}
	for ; line > 1; line-- {
		i := strings.IndexByte(src, '\n')
		if i < 0 {
			return ""
		}
		src = src[i+1:]
	}
	if i := strings.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	return strings.TrimRight(src, "\r")
}

// unwrap looks through tags and anchors to the node they decorate.
func unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		case *ast.AliasNode:
			return n
		default:
			return n
		}
	}
}

func keyString(kv *ast.MappingValueNode) string {
	if s, ok := unwrap(kv.Key).(*ast.StringNode); ok {
		return s.Value
	}
	return strings.TrimSpace(kv.Key.String())
}

// scalar returns a scalar's text as written and its kind; Invalid for a
// mapping, a list or an alias. A YAML null is empty text.
func scalar(n ast.Node) (string, eval.Type) {
	switch v := unwrap(n).(type) {
	case *ast.StringNode:
		return v.Value, eval.Text
	case *ast.LiteralNode:
		return v.Value.Value, eval.Text
	case *ast.IntegerNode:
		return v.Token.Value, eval.Number
	case *ast.FloatNode:
		return v.Token.Value, eval.Number
	case *ast.BoolNode:
		if v.Value {
			return "true", eval.Boolean
		}
		return "false", eval.Boolean
	case *ast.NullNode:
		return "", eval.Text
	case *ast.InfinityNode, *ast.NanNode:
		return "", eval.Invalid
	}
	return "", eval.Invalid
}
