package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitOutputs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "25.00, 25.00", []string{"25.00", "25.00"}},
		{"wrapped", "Tue Nov 15 17:00:00 GMT 2005,\n\t\t\t\t\t2005-11-15 17:00:00.0",
			[]string{"Tue Nov 15 17:00:00 GMT 2005", "2005-11-15 17:00:00.0"}},
		{"escaped commas", `USD 1\,000.00,  -USD 1\,000.00`,
			[]string{"USD 1,000.00", "-USD 1,000.00"}},
		{"escaped commas in a message",
			`null, Error: Character N is neither a decimal digit number\, decimal point\, nor "e" notation exponential mark.`,
			[]string{"null", `Error: Character N is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`}},
		{"empty value kept", "a,,b", []string{"a", "", "b"}},
		{"leading empty kept", ",a", []string{"", "a"}},
		{"trailing empties dropped", "a,b,,", []string{"a", "b"}},
		{"trailing blank kept", "a, ", []string{"a", ""}},
		{"empty", "", []string{""}},
		{"only commas", ",,", []string{}},
		{"U+FEFF survives", "\ufeff, x", []string{"\ufeff", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, splitOutputs(tt.in)); diff != "" {
				t.Errorf("splitOutputs(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestInputFields(t *testing.T) {
	// The shape of testAddWithCaseExpr: formula fields with nested inputs.
	leaf := func(name string) Field { return Field{Name: name, DataType: "Double", Scale: 2} }
	c := Case{Fields: []Field{
		{Name: "f0", Formula: "CASE(a__c, b__c, 1, 2)", Fields: []Field{leaf("a"), leaf("b")}},
		leaf("c"),
		{Name: "f1", Formula: "d__c + 1", Fields: []Field{
			{Name: "f2", Formula: "e__c", Fields: []Field{leaf("e")}},
			leaf("d"),
		}},
	}}
	names := func(fs []Field) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Name)
		}
		return out
	}
	if diff := cmp.Diff([]string{"a", "b", "c", "e", "d"}, names(c.InputFields())); diff != "" {
		t.Errorf("InputFields mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "b", "f0", "c", "e", "f2", "d", "f1"}, names(c.AllFields())); diff != "" {
		t.Errorf("AllFields mismatch (-want +got):\n%s", diff)
	}
}

const sample = `<?xml version="1.0" encoding="UTF-8"?>
<formula-test>
    <testcase testName="t1" fieldName="f1" dataType="Double" scale="3"
              formula=" customnumber1__c + customformula0__c "
              executionPaths="formula, sql ,formulaNullAsNull">
        <referenceField fieldName="customformula0" dataType="Double" formula="customtext1__c">
            <referenceField fieldName="customtext1" dataType="Text"/>
        </referenceField>
        <referenceField fieldName="customnumber1" dataType="Double" scale="0"/>
        <testData input=" a b ,
					12 " expectedOutput="1,2,3"/>
        <testData expectedOutput="1,2"/>
    </testcase>
    <!-- <testcase testName="hidden"/> -->
    <testcase testName="t2" fieldName="f2" dataType="Text" formula="&#34;x&#34;"
              executionPaths="formula">
        <testData input="No data" expectedOutput="x"/>
    </testcase>
</formula-test>
`

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"formula", "sql", "formulaNullAsNull"}
	want := &Corpus{Cases: []Case{
		{
			Name: "t1", FieldName: "f1", DataType: "Double", Scale: 3,
			Formula: "customnumber1__c + customformula0__c",
			Paths:   paths,
			Fields: []Field{
				{Name: "customformula0", DataType: "Double", Scale: 2, Formula: "customtext1__c",
					Fields: []Field{{Name: "customtext1", DataType: "Text", Scale: 2}}},
				{Name: "customnumber1", DataType: "Double", Scale: 0},
			},
			Rows: []Row{
				{
					Index: 0, RawInput: "a b ,      12",
					Inputs:   []string{"a b ", "      12"},
					Outputs:  []string{"1", "2", "3"},
					Expected: map[string]string{"formula": "1", "sql": "2", "formulaNullAsNull": "3"},
				},
				{
					Index: 1, Inputs: []string{""}, Outputs: []string{"1", "2"},
					Malformed: "1 inputs for 2 input fields; 2 outputs for 3 paths",
				},
			},
		},
		{
			Name: "t2", FieldName: "f2", DataType: "Text", Scale: 2, Formula: `"x"`,
			Paths: []string{"formula"},
			Rows: []Row{{
				RawInput: "No data", Outputs: []string{"x"},
				Expected: map[string]string{"formula": "x"},
			}},
		},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load mismatch (-want +got):\n%s", diff)
	}

	if _, err := Load(filepath.Join(dir, "missing.xml")); err == nil {
		t.Error("Load of a missing file: want an error")
	}
}

func TestLocate(t *testing.T) {
	root := t.TempDir()
	shared := filepath.Join(root, "shared", "conformance", "salesforce-formula-engine")
	override := filepath.Join(root, "override")
	for _, d := range []string{shared, override} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, FileName), []byte(sample), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	module := filepath.Join(root, "main")

	t.Setenv(EnvDir, override)
	if dir, ok := Locate(module); !ok || dir != override {
		t.Errorf("Locate with %s set = %q, %v; want %q, true", EnvDir, dir, ok, override)
	}
	t.Setenv(EnvDir, filepath.Join(root, "nowhere"))
	if dir, ok := Locate(module); !ok || filepath.Clean(dir) != shared {
		t.Errorf("Locate with %s missing = %q, %v; want %q, true", EnvDir, dir, ok, shared)
	}
	if dir, ok := Locate(filepath.Join(root, "a", "b")); ok {
		t.Errorf("Locate with no corpus = %q, true; want false", dir)
	}
}

func TestRealCorpus(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir, ok := Locate(root)
	if !ok {
		t.Skip(Missing(root))
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(c.Cases), 399; got != want {
		t.Errorf("got %d cases, want %d", got, want)
	}
	rows, malformed := 0, 0
	kinds := map[ExpectKind]int{}
	for _, tc := range c.Cases {
		rows += len(tc.Rows)
		for _, r := range tc.Rows {
			if r.Malformed != "" {
				malformed++
				t.Logf("%s row %d: %s", tc.Name, r.Index, r.Malformed)
			}
			for _, p := range []string{PathFormula, PathFormulaNullAsNull} {
				if !slices.Contains(tc.Paths, p) {
					continue
				}
				v, ok := r.Expected[p]
				if !ok {
					t.Errorf("%s row %d: no expected output for path %s", tc.Name, r.Index, p)
					continue
				}
				e := ParseExpected(tc.DataType, v)
				kinds[e.Kind]++
				// Only Text cases should fall back to text.
				if e.Kind == KindText && BaseType(tc.DataType) != "Text" {
					t.Errorf("%s row %d path %s: %s output %q has no known form", tc.Name, r.Index, p, tc.DataType, v)
				}
			}
		}
	}
	if got, want := rows, 5472; got != want {
		t.Errorf("got %d rows, want %d", got, want)
	}
	t.Logf("%d cases, %d rows, %d malformed; formula-path outputs by kind: %v", len(c.Cases), rows, malformed, kinds)
}

func TestMissing(t *testing.T) {
	line := Missing("/src/credscope")
	for _, want := range []string{FileName, "github.com/salesforce/formula-engine", "/src/shared/conformance/salesforce-formula-engine", "$" + EnvDir, "TestSalesforceCorpus"} {
		if !strings.Contains(line, want) {
			t.Errorf("Missing() = %q, lacks %q", line, want)
		}
	}
	var b strings.Builder
	tell(&b, line)
	if got := b.String(); got != "note\t"+line+"\n" || strings.Count(got, "\n") != 1 {
		t.Errorf("tell wrote %q, want one line", got)
	}
}
