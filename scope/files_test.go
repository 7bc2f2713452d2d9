//go:build unix

package scope_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// credentialXML is a small, valid external credential.
const credentialXML = `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <label>Safe</label>
</ExternalCredential>
`

// project builds a project in a temporary directory from files (path to
// contents) and returns its root.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// loadResult is what loading a project gave: the files read and the
// findings, relative to the root.
type loadResult struct {
	Read     []string
	Findings []string // PATH:LINE:COL RULE: MESSAGE
}

func loadProject(t *testing.T, root string) loadResult {
	t.Helper()
	p, err := scope.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	rel := func(path string) string {
		if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
		return path
	}
	var got loadResult
	for _, f := range p.Files {
		got.Read = append(got.Read, rel(f))
	}
	for _, f := range scope.Lint(p, scope.LintOptions{}) {
		if f.Rule == "CS001" {
			got.Findings = append(got.Findings, rel(f.Pos.File)+":"+itoa(f.Pos.Line)+":"+itoa(f.Pos.Column)+" "+f.Rule+": "+f.Message)
		}
	}
	return got
}

const ec = "force-app/main/default/externalCredentials/"

// TestLoadRefusesSpecialFiles: FIFOs, devices and symbolic links that leave
// the project are refused as findings, without blocking and without reading
// them; a symbolic link inside the project is read.
func TestLoadRefusesSpecialFiles(t *testing.T) {
	root := project(t, map[string]string{
		"sfdx-project.json":                                 `{"packageDirectories": [{"path": "force-app"}]}`,
		ec + "Safe.externalCredential-meta.xml":             credentialXML,
		"elsewhere/Target.externalCredential-meta.xml.orig": credentialXML,
	})
	outside := filepath.Join(t.TempDir(), "Outside.externalCredential-meta.xml")
	if err := os.WriteFile(outside, []byte(credentialXML), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, filepath.FromSlash(ec))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(syscall.Mkfifo(filepath.Join(dir, "Pipe.externalCredential-meta.xml"), 0o644))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "Device.externalCredential-meta.xml")))
	must(os.Symlink(outside, filepath.Join(dir, "Outside.externalCredential-meta.xml")))
	must(os.Symlink(filepath.Join(root, "elsewhere", "Target.externalCredential-meta.xml.orig"), filepath.Join(dir, "Inside.externalCredential-meta.xml")))
	want := loadResult{
		Read: []string{ec + "Inside.externalCredential-meta.xml", ec + "Safe.externalCredential-meta.xml"},
		Findings: []string{
			ec + "Device.externalCredential-meta.xml:1:1 CS001: a symbolic link that leads outside the project; credscope reads only files inside it",
			ec + "Outside.externalCredential-meta.xml:1:1 CS001: a symbolic link that leads outside the project; credscope reads only files inside it",
			ec + "Pipe.externalCredential-meta.xml:1:1 CS001: this is a named pipe, where a file was expected; credscope reads only regular files",
		},
	}
	if diff := cmp.Diff(want, loadProject(t, root)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestLoadRefusesDevice: a device named on the command line is refused
// without reading it.
func TestLoadRefusesDevice(t *testing.T) {
	link := filepath.Join(t.TempDir(), "Zero.externalCredential-meta.xml")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	p, err := scope.Load(link)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{link + ":1:1: this is a device, where a file was expected; credscope reads only regular files"}
	var got []string
	for _, e := range p.Problems {
		got = append(got, e.Error())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestLoadRefusesLongFile: a file longer than MaxFileSize is a finding at
// the first byte past the limit; the rest of the project loads.
func TestLoadRefusesLongFile(t *testing.T) {
	head := "<?xml version=\"1.0\"?>\n<ExternalCredential>\n<description>"
	long := head + strings.Repeat("a", scope.MaxFileSize) + "</description></ExternalCredential>\n"
	root := project(t, map[string]string{
		ec + "Long.externalCredential-meta.xml": long,
		ec + "Safe.externalCredential-meta.xml": credentialXML,
	})
	col := scope.MaxFileSize - strings.LastIndexByte(head, '\n')
	want := loadResult{
		Read:     []string{ec + "Safe.externalCredential-meta.xml"},
		Findings: []string{ec + "Long.externalCredential-meta.xml:3:" + itoa(col) + " CS001: the file is longer than 10485760 bytes, the most credscope reads"},
	}
	if diff := cmp.Diff(want, loadProject(t, root)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestPackageDirectoriesStayInside: package directories that are absolute,
// climb out with .., or lead out through a symbolic link are findings at
// their place in sfdx-project.json, and are not read.
func TestPackageDirectoriesStayInside(t *testing.T) {
	outside := t.TempDir()
	if err := os.MkdirAll(filepath.Join(outside, "externalCredentials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "externalCredentials", "Stolen.externalCredential-meta.xml"), []byte(credentialXML), 0o644); err != nil {
		t.Fatal(err)
	}
	root := project(t, map[string]string{
		"sfdx-project.json": `{"packageDirectories": [
  {"path": "force-app"},
  {"path": "../` + filepath.Base(outside) + `"},
  {"path": "` + outside + `"},
  {"path": "linked"},
  {"path": "force-app/../../x"}
]}`,
		ec + "Safe.externalCredential-meta.xml": credentialXML,
	})
	if err := os.Symlink(outside, filepath.Join(root, "linked")); err != nil {
		t.Fatal(err)
	}
	want := loadResult{
		Read: []string{ec + "Safe.externalCredential-meta.xml"},
		Findings: []string{
			`sfdx-project.json:3:13 CS001: package directory "../` + filepath.Base(outside) + `" leaves the project`,
			`sfdx-project.json:4:13 CS001: package directory "` + outside + `" is an absolute path; it must be relative to the project`,
			`sfdx-project.json:5:13 CS001: package directory "linked" leads outside the project through a symbolic link`,
			`sfdx-project.json:6:13 CS001: package directory "force-app/../../x" leaves the project`,
		},
	}
	if diff := cmp.Diff(want, loadProject(t, root)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
