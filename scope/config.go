package scope

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/credscope/credscope/formula"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// ConfigFile is the name of the lint configuration, kept in the project
// root.
const ConfigFile = ".credscope.yaml"

// Config is a lint configuration:
//
//	disable: [CS403]          # rules that do not run
//	severity:                 # rules whose findings change severity
//	  CS801: error            # error, warning or note
//	exclude:                  # files not linted, relative to the project root
//	  - unpackaged/**
//	  - force-app/main/default/namedCredentials/Legacy_*.namedCredential-meta.xml
//
// Excluded files still load, so that references to them resolve.
type Config struct {
	// File is where the configuration was read.
	File string
	// Disable lists the IDs of rules that do not run.
	Disable map[string]bool
	// Severity gives rules a severity of their own.
	Severity map[string]Severity
	// Exclude holds slash-separated patterns, relative to the directory of
	// File: path.Match patterns, where ** also matches any number of
	// directories, and a pattern that names a directory excludes all in it.
	Exclude []string
}

// LoadConfig reads dir/.credscope.yaml; it returns nil, and no error, when
// there is none.
func LoadConfig(dir string) (*Config, error) {
	name := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseConfig(name, data)
}

// ParseConfig parses a configuration's contents. Errors carry the line and
// column, and name unknown keys, rules and severities.
func ParseConfig(name string, data []byte) (*Config, error) {
	cfg := &Config{File: name, Disable: map[string]bool{}, Severity: map[string]Severity{}}
	src := string(data)
	at := func(n ast.Node, format string, args ...any) error {
		pos := formula.Pos{Line: 1, Column: 1}
		if tok := n.GetToken(); tok != nil {
			pos = tokenPos(tok)
		}
		return formula.NewError(name, src, pos, fmt.Sprintf(format, args...))
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			pos := tokenPos(se.Token)
			return nil, formula.NewError(name, src, pos, "invalid YAML: "+se.Message)
		}
		return nil, fmt.Errorf("%s: invalid YAML: %v", name, err)
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return cfg, nil
	}
	top, ok := file.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		return nil, at(file.Docs[0].Body, "the configuration is a mapping with the keys disable, severity and exclude")
	}
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	for _, kv := range top.Values {
		switch key := scalarText(kv.Key); key {
		case "disable":
			ids, err := scalarList(kv.Value, at, "disable is a list of rule IDs, such as [CS403]")
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				if !known[id.text] {
					return nil, at(id.node, "unknown rule %q; credscope lint --list-rules lists them", id.text)
				}
				cfg.Disable[id.text] = true
			}
		case "severity":
			m, ok := kv.Value.(*ast.MappingNode)
			if !ok {
				return nil, at(kv.Value, "severity maps rule IDs to error, warning or note")
			}
			for _, e := range m.Values {
				id := scalarText(e.Key)
				if !known[id] {
					return nil, at(e.Key, "unknown rule %q; credscope lint --list-rules lists them", id)
				}
				sev, ok := parseSeverity(scalarText(e.Value))
				if !ok {
					return nil, at(e.Value, "unknown severity %q; want error, warning or note", scalarText(e.Value))
				}
				cfg.Severity[id] = sev
			}
		case "exclude":
			pats, err := scalarList(kv.Value, at, "exclude is a list of file patterns, such as [\"unpackaged/**\"]")
			if err != nil {
				return nil, err
			}
			for _, p := range pats {
				if _, err := path.Match(p.text, ""); err != nil || p.text == "" {
					return nil, at(p.node, "bad pattern %q", p.text)
				}
				cfg.Exclude = append(cfg.Exclude, p.text)
			}
		default:
			return nil, at(kv.Key, "unknown key %q; want disable, severity or exclude", key)
		}
	}
	return cfg, nil
}

// scalarAt is a scalar of the configuration and its node.
type scalarAt struct {
	text string
	node ast.Node
}

// scalarList reads a sequence of scalars, or one scalar.
func scalarList(n ast.Node, at func(ast.Node, string, ...any) error, want string) ([]scalarAt, error) {
	if seq, ok := n.(*ast.SequenceNode); ok {
		var out []scalarAt
		for _, v := range seq.Values {
			if _, isScalar := v.(ast.ScalarNode); !isScalar {
				return nil, at(v, "%s", want)
			}
			out = append(out, scalarAt{text: scalarText(v), node: v})
		}
		return out, nil
	}
	if _, isScalar := n.(ast.ScalarNode); isScalar {
		return []scalarAt{{text: scalarText(n), node: n}}, nil
	}
	return nil, at(n, "%s", want)
}

// scalarText is a scalar's value, without the quotes of a quoted string.
func scalarText(n ast.Node) string {
	if s, ok := n.(*ast.StringNode); ok {
		return s.Value
	}
	return n.String()
}

func parseSeverity(s string) (Severity, bool) {
	for _, sev := range []Severity{Error, Warning, Note} {
		if s == sev.String() {
			return sev, true
		}
	}
	return 0, false
}

// Excluded reports whether the configuration excludes file.
func (c *Config) Excluded(file string) bool {
	if c == nil || len(c.Exclude) == 0 {
		return false
	}
	rel, err := filepath.Rel(filepath.Dir(canonical(c.File)), canonical(file))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for _, pat := range c.Exclude {
		ps := strings.Split(strings.Trim(pat, "/"), "/")
		// A pattern that names a directory excludes everything in it.
		for n := len(segs); n > 0; n-- {
			if matchSegments(ps, segs[:n]) {
				return true
			}
		}
	}
	return false
}

// matchSegments matches path segments against pattern segments, where **
// matches any number of segments.
func matchSegments(pat, segs []string) bool {
	if len(pat) == 0 {
		return len(segs) == 0
	}
	if pat[0] == "**" {
		for i := 0; i <= len(segs); i++ {
			if matchSegments(pat[1:], segs[i:]) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 {
		return false
	}
	ok, err := path.Match(pat[0], segs[0])
	return err == nil && ok && matchSegments(pat[1:], segs[1:])
}

// disabled reports whether the configuration turns rule id off.
func (c *Config) disabled(id string) bool { return c != nil && c.Disable[id] }

// severity returns the severity the configuration gives rule id.
func (c *Config) severity(id string) (Severity, bool) {
	if c == nil {
		return 0, false
	}
	sev, ok := c.Severity[id]
	return sev, ok
}
