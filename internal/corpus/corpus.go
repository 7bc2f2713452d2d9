// Package corpus reads the conformance corpus of Salesforce's formula engine
// (formulaTestV2.xml): test cases, each a formula with the fields it reads
// and rows of inputs with the output expected on each execution path.
//
// The reader follows the corpus's own harness wherever the format leaves
// room for doubt: how inputs are split, how nested fields are ordered, how
// expected outputs are split and trimmed.
package corpus

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// FileName is the name of the corpus file inside the corpus directory.
const FileName = "formulaTestV2.xml"

// EnvDir names the environment variable that overrides where Locate looks.
const EnvDir = "CREDSCOPE_CONFORMANCE_DIR"

// The execution paths that concern a formula evaluator; the corpus's other
// paths test SQL and JavaScript translations.
const (
	// PathFormula is evaluation where blank number fields read as zero.
	PathFormula = "formula"
	// PathFormulaNullAsNull is evaluation where blank fields stay blank.
	PathFormulaNullAsNull = "formulaNullAsNull"
)

// DefaultScale is the scale of a case or field that does not state one.
const DefaultScale = 2

// Corpus is the whole corpus, its cases in file order.
type Corpus struct {
	Cases []Case
}

// Case is one testcase: a formula, the fields it reads and its rows.
type Case struct {
	Name      string   // testName, unique within the corpus
	FieldName string   // name of the formula field under test
	DataType  string   // result type, e.g. "Double", "DateOnly", "Text"
	Formula   string   // formula source, trimmed
	Scale     int      // decimal places of the result; DefaultScale if unset
	Paths     []string // execution paths, in the order of each row's outputs
	Fields    []Field  // reference fields, nested as in the file
	Rows      []Row
}

// Field is a referenceField. A field with a Formula is itself a formula
// field, computed from its nested Fields; it takes no input value.
//
// A formula reads a field as Name+"__c", case-insensitively.
type Field struct {
	Name     string
	DataType string  // as written; see BaseType for the type it stands for
	Scale    int     // DefaultScale if unset
	Formula  string  // empty for a field that takes input
	Fields   []Field // the fields Formula reads
}

// Ref returns the name by which formulas read f.
func (f Field) Ref() string { return f.Name + "__c" }

// Row is one testData element.
//
// Inputs[i] is the raw value of c.InputFields()[i]: the input attribute is
// trimmed as a whole and split on every comma (there is no escape, so an
// input value cannot hold a comma), and each value keeps its own spaces.
// IsBlank tells which values are blank. Number, date and boolean values
// are trimmed before use; text values are used as they are. ParseInputTime
// reads date values; a boolean value is true when it reads "true" in any
// case.
type Row struct {
	Index int // position among the case's rows, from 0

	// RawInput is the input attribute, trimmed. The harness ignores it when
	// the case has no input fields (one such row reads "No data").
	RawInput string
	// Inputs holds one value per input field; nil when there are none.
	Inputs []string

	// Outputs holds the expected outputs in the order of Case.Paths.
	Outputs []string
	// Expected maps each path to its output; nil if Malformed.
	Expected map[string]string

	// Malformed says why the row does not fit its case, or is empty.
	Malformed string
}

// Locate returns the corpus directory: $CREDSCOPE_CONFORMANCE_DIR if it is
// set and holds the corpus file, else the shared copy that sits beside the
// module root. ok is false when neither exists.
func Locate(moduleRoot string) (dir string, ok bool) {
	candidates := []string{
		os.Getenv(EnvDir),
		filepath.Join(moduleRoot, "..", "shared", "conformance", "salesforce-formula-engine"),
	}
	for _, d := range candidates {
		if d == "" {
			continue
		}
		if fi, err := os.Stat(filepath.Join(d, FileName)); err == nil && fi.Mode().IsRegular() {
			return d, true
		}
	}
	return "", false
}

// Load reads the corpus from path, which is either the corpus file or the
// directory that holds it.
func Load(path string) (*Corpus, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, FileName)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	var doc xmlDoc
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", path, err)
	}
	c := &Corpus{Cases: make([]Case, 0, len(doc.Cases))}
	for _, xc := range doc.Cases {
		tc, err := xc.toCase()
		if err != nil {
			return nil, fmt.Errorf("corpus: %s: testcase %q: %w", path, xc.Name, err)
		}
		c.Cases = append(c.Cases, tc)
	}
	return c, nil
}

// InputFields returns the fields that take input, in the order of
// Row.Inputs: the nested fields flattened depth first, each field after the
// fields nested in it, with formula fields left out.
func (c *Case) InputFields() []Field {
	var in []Field
	for _, f := range c.AllFields() {
		if f.Formula == "" {
			in = append(in, f)
		}
	}
	return in
}

// AllFields returns every field the case defines, formula fields included,
// flattened so that each field follows the fields nested in it.
func (c *Case) AllFields() []Field {
	var out []Field
	var walk func([]Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			walk(f.Fields)
			out = append(out, f)
		}
	}
	walk(c.Fields)
	return out
}

func parseScale(s string) (int, error) {
	if s == "" {
		return DefaultScale, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("scale %q: %w", s, err)
	}
	return n, nil
}

// Trim removes leading and trailing code points up to U+0020, as Java's
// String.trim does; a value such as a lone U+FEFF survives. The harness
// trims each expected output, and each result before comparing it, so a
// text result of only spaces or control characters is expected as "".
func Trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}
