package difftest

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/google/go-cmp/cmp"
)

var updateFlag = flag.Bool("difftest.update", false, "rewrite the answers of the table files (with -tags oracle, the engine's too)")

const picklistTable = "../../testdata/difftest/picklists.txt"

// TestPicklistTable checks credscope's answer to each case of the
// picklist table, error wording included.
func TestPicklistTable(t *testing.T) {
	rows := readTable(t, picklistTable)
	for i := range rows {
		r := &rows[i]
		got := detail(EvalCredscope(r.Case))
		if *updateFlag {
			r.Credscope = got
			continue
		}
		if got != r.Credscope {
			t.Errorf("%s:%d: %s:\n%s", picklistTable, r.Line, r.Case, cmp.Diff(r.Credscope, got))
		}
	}
	if *updateFlag {
		writeTable(t, picklistTable, rows)
	}
}

func TestParseTable(t *testing.T) {
	src := "# comment\n\n{P Picklist \"a\"} ISPICKVAL(P, \"a\") || TRUE | true | true\nx | y\n"
	_, err := ParseTable("t", strings.NewReader(src))
	if err == nil || !strings.Contains(err.Error(), "t:4:") {
		t.Fatalf("ParseTable: error %v, want one on line 4", err)
	}
	rows, err := ParseTable("t", strings.NewReader(src[:strings.Index(src, "x |")]))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{{
		Case:      &Case{Formula: `ISPICKVAL(P, "a") || TRUE`, Type: eval.Boolean, Fields: []Field{{Name: "P", Type: eval.Picklist, Value: "a"}}},
		Credscope: "true", Engine: "true", Line: 3,
	}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("ParseTable (-want +got):\n%s", diff)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, src[:strings.Index(src, "x |")], rows); err != nil {
		t.Fatal(err)
	}
	if b.String() != src[:strings.Index(src, "x |")] {
		t.Errorf("WriteTable wrote %q", b.String())
	}
}

func readTable(t *testing.T, path string) []Row {
	t.Helper()
	rows, err := ReadTable(path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// writeTable rewrites a table file with the answers of rows.
func writeTable(t *testing.T, path string, rows []Row) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, string(src), rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
