package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// goldenDir holds inputs for credscope fmt, each with NAME.stdout, the
// expected output, and NAME.stderr when it warns or fails.
const goldenDir = "../../testdata/golden/fmt"

// runCLI runs the command line and returns its status, output and errors.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	status := Run(args, IO{In: strings.NewReader(stdin), Out: &out, Err: &errs})
	return status, out.String(), errs.String()
}

// goldenInputs lists the inputs in goldenDir.
func goldenInputs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); !strings.HasSuffix(n, ".stdout") && !strings.HasSuffix(n, ".stderr") {
			names = append(names, n)
		}
	}
	return names
}

// readGolden reads a golden file; a missing one is empty.
func readGolden(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(goldenDir, name))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(data)
}

func TestFmtGolden(t *testing.T) {
	failing := map[string]bool{"Broken.namedCredential-meta.xml": true}
	for _, name := range goldenInputs(t) {
		t.Run(name, func(t *testing.T) {
			dir, err := filepath.Abs(goldenDir)
			if err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			status, out, errs := runCLI(t, "", "fmt", name)
			if want := map[bool]int{false: exitOK, true: exitFormula}[failing[name]]; status != want {
				t.Errorf("status %d, want %d; errors:\n%s", status, want, errs)
			}
			checkGolden(t, name+".stdout", out)
			checkGolden(t, name+".stderr", errs)
		})
	}
}

// TestFmtIdempotent checks that the canonical form is its own canonical
// form.
func TestFmtIdempotent(t *testing.T) {
	for _, name := range goldenInputs(t) {
		dir := t.TempDir()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(readGolden(t, name+".stdout")), 0o644); err != nil {
			t.Fatal(err)
		}
		if status, out, errs := runCLI(t, "", "fmt", "--check", path); out != "" {
			t.Errorf("%s: the golden output is not canonical (status %d): %s%s", name, status, out, errs)
		}
	}
}

func TestFmtWrite(t *testing.T) {
	dir := t.TempDir()
	const name = "Messy.externalCredential-meta.xml"
	sub := filepath.Join(dir, "externalCredentials")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(sub, name)
	if err := os.WriteFile(path, []byte(readGolden(t, name)), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xml")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}

	status, out, _ := runCLI(t, "", "fmt", "--check", dir)
	if status != exitFormula || out != path+"\n" {
		t.Errorf("--check before: status %d, output %q", status, out)
	}

	if status, out, errs := runCLI(t, "", "fmt", "--write", link); status != exitOK || out != "" {
		t.Fatalf("--write: status %d, output %q, errors %q", status, out, errs)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(readGolden(t, name+".stdout"), string(got)); diff != "" {
		t.Errorf("written (-want +got):\n%s", diff)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", info.Mode(), err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want -rw-r-----", info.Mode())
	}
	entries, _ := os.ReadDir(sub)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}

	if status, out, _ := runCLI(t, "", "fmt", "--check", dir); status != exitOK || out != "" {
		t.Errorf("--check after: status %d, output %q", status, out)
	}
}

func TestFmtFormula(t *testing.T) {
	tests := []struct {
		args   []string
		stdin  string
		status int
		out    string
		errs   string
	}{
		{args: []string{"fmt", `if(contains($User.Department,'Sales'),"s",null)`}, out: "IF(CONTAINS($User.Department, \"Sales\"), \"s\", NULL)\n"},
		{args: []string{"fmt", `scope {!lower($User.Department)}`}, out: "scope {!LOWER($User.Department)}\n"},
		{args: []string{"fmt", "-"}, stdin: "a__c==1\n", out: "a__c = 1\n"},
		{args: []string{"fmt", "IF(a,"}, status: exitFormula, errs: "formula:1:6: Syntax error. Missing ')'\n    IF(a,\n         ^\n"},
		{args: []string{"fmt", "--write", "1+1"}, status: exitUsage, errs: "credscope: 1+1: no such file (--write and --check take files)\n"},
		{args: []string{"fmt", "missing.xml"}, status: exitUsage, errs: "credscope: missing.xml does not exist\n"},
		{args: []string{"fmt", "--write", "--check", "x"}, status: exitUsage, errs: "credscope: fmt takes --write or --check, not both\n"},
		{args: []string{"fmt"}, status: exitUsage, errs: "credscope: fmt needs a FILE or a FORMULA\n"},
	}
	for _, tt := range tests {
		status, out, errs := runCLI(t, tt.stdin, tt.args...)
		if status != tt.status || out != tt.out || errs != tt.errs {
			t.Errorf("%q: got status %d, output %q, errors %q; want %d, %q, %q", tt.args, status, out, errs, tt.status, tt.out, tt.errs)
		}
	}
}

func TestRawOffset(t *testing.T) {
	tests := []struct {
		raw  string
		off  int
		want int
	}{
		{"abc", 2, 2},
		{"a&quot;b", 2, 7},
		{"a&#39;b", 1, 1},
		{"a&#39;b", 2, 6},
		{"<![CDATA[ab]]>", 0, 9},
		{"<![CDATA[ab]]>", 2, 11},
		{"x<![CDATA[ab]]>y", 3, 12}, // the end of the section, before its ]]>
		{"a\r\nb", 2, 3},
		{"a", 5, 1},
	}
	for _, tt := range tests {
		if got := rawOffset(tt.raw, tt.off); got != tt.want {
			t.Errorf("rawOffset(%q, %d) = %d, want %d", tt.raw, tt.off, got, tt.want)
		}
	}
}

func TestEncoderFor(t *testing.T) {
	tests := []struct {
		raw, text, want string
		ok              bool
	}{
		{`{!a &amp; &quot;b&quot;}`, `{!a & "b" & 'c' < 1}`, `{!a &amp; &quot;b&quot; &amp; 'c' &lt; 1}`, true},
		{`{!lower("A")}`, `{!LOWER("A") > 1}`, `{!LOWER("A") > 1}`, true},
		{`{!a &gt; b &apos;&apos;}`, `{!a > b & ""}`, `{!a &gt; b &amp; &quot;&quot;}`, true},
		{`<![CDATA[{!a<b}]]>`, `{!a < b}`, `{!a < b}`, true},
		{`<![CDATA[{!a]]>`, `{!"]]>"}`, ``, false},
	}
	for _, tt := range tests {
		enc, ok := encoderFor(tt.raw)
		if !ok {
			t.Fatalf("encoderFor(%q) failed", tt.raw)
		}
		if got, ok := enc(tt.text); got != tt.want && ok || ok != tt.ok {
			t.Errorf("encoderFor(%q)(%q) = %q, %v; want %q, %v", tt.raw, tt.text, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := encoderFor(`a <![CDATA[b]]>`); ok {
		t.Error("encoderFor accepted CDATA mixed with text")
	}
}

// TestFmtKeepsLengthLimit leaves a formula alone when its canonical form
// would exceed Salesforce's 3,900 characters.
func TestFmtKeepsLengthLimit(t *testing.T) {
	src := "0&0*" + strings.Repeat("!", 3850) + "0"
	var errOut bytes.Buffer
	f := &formatter{stdio: IO{Out: io.Discard, Err: &errOut}}
	got, err := f.formatText("formula", src)
	if err != nil {
		t.Fatal(err)
	}
	if got != src {
		t.Errorf("the formula was rewritten to %d characters", len(got))
	}
	if want := "formula:1:1: the canonical form would be"; !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr %q lacks %q", errOut.String(), want)
	}
}
