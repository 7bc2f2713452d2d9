package gitfs_test

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/credscope/credscope/internal/gitfs"
	"github.com/credscope/credscope/internal/safefile"
	"github.com/google/go-cmp/cmp"
)

// repo makes a git repository with two commits: the first holds old, the
// second new (each path to its content; "->x" makes a symbolic link to x,
// and a name ending in .sh is executable).
func repo(t *testing.T, old, new map[string]string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	for i, files := range []map[string]string{old, new} {
		run("rm", "-rq", "--ignore-unmatch", ".")
		for name, data := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			var err error
			if target, ok := strings.CutPrefix(data, "->"); ok {
				err = os.Symlink(target, path)
			} else {
				err = os.WriteFile(path, []byte(data), 0o644)
			}
			if err == nil && strings.HasSuffix(name, ".sh") {
				err = os.Chmod(path, 0o755)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		run("add", "-A", ".")
		run("commit", "-q", "--allow-empty", "-m", []string{"old", "new"}[i])
	}
	return dir
}

// TestFS reads a directory of the older commit, which the work tree has
// changed since: the files as they were, and only those under it.
func TestFS(t *testing.T) {
	dir := repo(t, map[string]string{
		"p/a.txt":        "old a",
		"p/gone/b.txt":   "only in the old commit",
		"p/x/y/c.txt":    "deep",
		"outside.txt":    "not under p",
		"p/x/exec.sh":    "#!/bin/sh",
		"p/x/empty.txt":  "",
		"q/elsewhere.md": "q",
	}, map[string]string{
		"p/a.txt": "new a",
	})
	fsys, err := gitfs.New(filepath.Join(dir, "p"), "HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "a.txt", "gone/b.txt", "x/y/c.txt", "x/exec.sh", "x/empty.txt"); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		got[name] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"a.txt": "old a", "gone/b.txt": "only in the old commit", "x/y/c.txt": "deep",
		"x/exec.sh": "#!/bin/sh", "x/empty.txt": "",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files at HEAD~1 (-want +got):\n%s", diff)
	}
	info, err := fs.Stat(fsys, "x/exec.sh")
	if err != nil || info.Mode() != 0o755 {
		t.Errorf("x/exec.sh: mode %v, %v; want -rwxr-xr-x", info.Mode(), err)
	}
}

// TestNew: a directory the revision lacks is empty, since its project is
// new; a revision that names no commit is ErrNoRevision.
func TestNew(t *testing.T) {
	dir := repo(t, map[string]string{"a.txt": "a"}, map[string]string{"a.txt": "a", "p/b.txt": "b"})
	fsys, err := gitfs.New(filepath.Join(dir, "p"), "HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	if entries, err := fs.ReadDir(fsys, "."); err != nil || len(entries) != 0 {
		t.Errorf("p at HEAD~1: %v, %v; want an empty directory", entries, err)
	}
	if _, err := gitfs.New(dir, "no-such-rev"); !errors.Is(err, gitfs.ErrNoRevision) {
		t.Errorf("New(no-such-rev) = %v; want ErrNoRevision", err)
	}
	if _, err := gitfs.TopLevel(t.TempDir()); err == nil {
		t.Error("TopLevel of a directory outside a work tree: no error")
	}
}

// TestRefusals: read through safefile as the loader reads, a symbolic link
// is not a regular file, and a file past the limit is refused after the
// first limit+1 bytes, with git ended on Close.
func TestRefusals(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	dir := repo(t, map[string]string{"big.txt": big, "link.txt": "->big.txt"}, nil)
	fsys, err := gitfs.New(dir, "HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	_, err = safefile.ReadFS(fsys, "link.txt", "link.txt", 100)
	if want := "link.txt is a symbolic link, where a file was expected"; err == nil || err.Error() != want {
		t.Errorf("link.txt: %v; want %s", err, want)
	}
	_, err = safefile.ReadFS(fsys, "big.txt", "big.txt", 100)
	var tooLong *safefile.TooLongError
	if !errors.As(err, &tooLong) || string(tooLong.Head) != big[:101] {
		t.Errorf("big.txt: %v; want too long, with the first 101 bytes", err)
	}
}
