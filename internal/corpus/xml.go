package corpus

import (
	"fmt"
	"regexp"
	"strings"
)

// The XML shape of the corpus file.
type (
	xmlDoc struct {
		Cases []xmlCase `xml:"testcase"`
	}
	xmlCase struct {
		Name     string     `xml:"testName,attr"`
		Field    string     `xml:"fieldName,attr"`
		DataType string     `xml:"dataType,attr"`
		Formula  string     `xml:"formula,attr"`
		Scale    string     `xml:"scale,attr"`
		Paths    string     `xml:"executionPaths,attr"`
		Fields   []xmlField `xml:"referenceField"`
		Rows     []xmlRow   `xml:"testData"`
	}
	xmlField struct {
		Name     string     `xml:"fieldName,attr"`
		DataType string     `xml:"dataType,attr"`
		Formula  string     `xml:"formula,attr"`
		Scale    string     `xml:"scale,attr"`
		Fields   []xmlField `xml:"referenceField"`
	}
	xmlRow struct {
		Input  string `xml:"input,attr"`
		Output string `xml:"expectedOutput,attr"`
	}
)

// attr normalises an attribute value as a conforming XML processor does
// (XML 1.0, section 3.3.3): each literal tab, newline or carriage return
// becomes a space. encoding/xml leaves them as they are. Several inputs are
// wrapped over two lines, so this matters; the corpus writes no whitespace
// as a character reference, which the rule would leave alone.
var attr = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace

var pathSep = regexp.MustCompile(`\s*,\s*`)

func (xc xmlCase) toCase() (Case, error) {
	scale, err := parseScale(xc.Scale)
	if err != nil {
		return Case{}, err
	}
	fields, err := toFields(xc.Fields)
	if err != nil {
		return Case{}, err
	}
	c := Case{
		Name:      xc.Name,
		FieldName: xc.Field,
		DataType:  xc.DataType,
		Formula:   Trim(attr(xc.Formula)),
		Scale:     scale,
		Paths:     pathSep.Split(Trim(attr(xc.Paths)), -1),
		Fields:    fields,
	}
	nIn := len(c.InputFields())
	for i, xr := range xc.Rows {
		c.Rows = append(c.Rows, newRow(i, xr, nIn, c.Paths))
	}
	return c, nil
}

func toFields(xfs []xmlField) ([]Field, error) {
	var fs []Field
	for _, xf := range xfs {
		scale, err := parseScale(xf.Scale)
		if err != nil {
			return nil, fmt.Errorf("field %q: %w", xf.Name, err)
		}
		nested, err := toFields(xf.Fields)
		if err != nil {
			return nil, err
		}
		fs = append(fs, Field{
			Name:     xf.Name,
			DataType: xf.DataType,
			Scale:    scale,
			Formula:  Trim(attr(xf.Formula)),
			Fields:   nested,
		})
	}
	return fs, nil
}

func newRow(i int, xr xmlRow, nIn int, paths []string) Row {
	r := Row{Index: i, RawInput: Trim(attr(xr.Input))}
	var problems []string
	if nIn > 0 {
		// A missing input attribute reads as one blank value, as in the
		// harness.
		r.Inputs = strings.Split(r.RawInput, ",")
		if len(r.Inputs) != nIn {
			problems = append(problems, fmt.Sprintf("%d inputs for %d input fields", len(r.Inputs), nIn))
		}
	}
	r.Outputs = splitOutputs(attr(xr.Output))
	if len(r.Outputs) == len(paths) {
		r.Expected = make(map[string]string, len(paths))
		for j, p := range paths {
			r.Expected[p] = r.Outputs[j]
		}
	} else {
		problems = append(problems, fmt.Sprintf("%d outputs for %d paths", len(r.Outputs), len(paths)))
	}
	r.Malformed = strings.Join(problems, "; ")
	return r
}

// splitOutputs splits an expectedOutput attribute into its values as the
// harness does: at each comma not preceded by a backslash, then "\," becomes
// ",", then each value is trimmed. Like Java's String.split, it drops
// trailing values that are empty before trimming.
func splitOutputs(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && (i == 0 || s[i-1] != '\\') {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	parts = append(parts, s[start:])
	if s != "" {
		for len(parts) > 0 && parts[len(parts)-1] == "" {
			parts = parts[:len(parts)-1]
		}
	}
	for i, p := range parts {
		parts[i] = Trim(strings.ReplaceAll(p, `\,`, ","))
	}
	return parts
}
