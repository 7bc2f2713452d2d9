// Package gitfs presents a directory of a git revision as an fs.FS, so
// that the loader that reads a project on disk (scope.LoadFS) reads an old
// version of it too. The tree is listed once, with git ls-tree; a file's
// content is streamed from git cat-file as it is read, so that a reader
// that stops at a size limit never holds more of a file in memory.
package gitfs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrNoRevision is returned by New for a revision that names no commit.
var ErrNoRevision = errors.New("no such git revision")

// FS is one directory of a git revision. Its files are regular files
// (mode 0644 or 0755) and symbolic links (fs.ModeSymlink, not followed);
// submodules are left out, since their content is in another repository.
type FS struct {
	dir   string           // a directory of the work tree, where git runs
	nodes map[string]*node // by slash path; "." is the root
}

// TopLevel returns the top directory of the git work tree that holds dir.
func TopLevel(dir string) (string, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	return strings.TrimSpace(string(out)), err
}

// New lists the directory dir of the work tree, as it was at revision
// rev. A directory the revision does not have is an empty FS: the project
// there is new since.
func New(dir, rev string) (*FS, error) {
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNoRevision, rev)
	}
	fsys := &FS{dir: dir, nodes: map[string]*node{".": {name: ".", mode: fs.ModeDir | 0o755}}}
	// rev:./ is dir's tree at rev; --full-tree lists all of it rather
	// than what lies under dir's path inside it.
	tree := rev + ":./"
	if _, err := git(dir, "cat-file", "-e", tree); err != nil {
		return fsys, nil
	}
	out, err := git(dir, "ls-tree", "-r", "-z", "--long", "--full-tree", tree)
	if err != nil {
		return nil, err
	}
	for _, line := range bytes.Split(bytes.TrimSuffix(out, []byte{0}), []byte{0}) {
		if len(line) == 0 {
			continue
		}
		if err := fsys.addEntry(string(line)); err != nil {
			return nil, err
		}
	}
	for _, n := range fsys.nodes {
		sort.Slice(n.children, func(i, j int) bool { return n.children[i].name < n.children[j].name })
	}
	return fsys, nil
}

// addEntry adds one line of git ls-tree --long: "MODE TYPE OID SIZE\tPATH".
func (fsys *FS) addEntry(line string) error {
	meta, name, ok := strings.Cut(line, "\t")
	fields := strings.Fields(meta)
	if !ok || len(fields) != 4 {
		return fmt.Errorf("git ls-tree: unexpected line %q", line)
	}
	var mode fs.FileMode
	switch fields[0] {
	case "100644":
		mode = 0o644
	case "100755":
		mode = 0o755
	case "120000":
		mode = fs.ModeSymlink | 0o777
	default:
		return nil // a submodule
	}
	size, err := strconv.ParseInt(fields[3], 10, 64)
	if err != nil {
		return fmt.Errorf("git ls-tree: unexpected size in %q", line)
	}
	if !fs.ValidPath(name) {
		return fmt.Errorf("git ls-tree: unexpected path %q", name)
	}
	fsys.link(name, &node{name: path.Base(name), mode: mode, size: size, oid: fields[2]})
	return nil
}

// link puts n at name, making the directories above it.
func (fsys *FS) link(name string, n *node) {
	fsys.nodes[name] = n
	parent := path.Dir(name)
	p, ok := fsys.nodes[parent]
	if !ok {
		p = &node{name: path.Base(parent), mode: fs.ModeDir | 0o755}
		fsys.link(parent, p)
	}
	p.children = append(p.children, n)
}

// Open opens a file or directory of the revision. A file's content is
// read from git as the file is read.
func (fsys *FS) Open(name string) (fs.File, error) {
	n, err := fsys.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if n.mode.IsDir() {
		return &dirFile{n: n}, nil
	}
	return &blobFile{n: n, dir: fsys.dir}, nil
}

// ReadDir lists a directory, sorted by name.
func (fsys *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := fsys.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if !n.mode.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	return n.entries(), nil
}

// Stat describes a file or directory without opening it.
func (fsys *FS) Stat(name string) (fs.FileInfo, error) {
	return fsys.lookup("stat", name)
}

func (fsys *FS) lookup(op, name string) (*node, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	n, ok := fsys.nodes[name]
	if !ok {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return n, nil
}

// node is a file or directory of the tree; it is its own fs.FileInfo and
// fs.DirEntry.
type node struct {
	name     string
	mode     fs.FileMode
	size     int64
	oid      string
	children []*node // of a directory, sorted by name
}

func (n *node) Name() string               { return n.name }
func (n *node) Size() int64                { return n.size }
func (n *node) Mode() fs.FileMode          { return n.mode }
func (n *node) ModTime() time.Time         { return time.Time{} }
func (n *node) IsDir() bool                { return n.mode.IsDir() }
func (n *node) Sys() any                   { return nil }
func (n *node) Type() fs.FileMode          { return n.mode.Type() }
func (n *node) Info() (fs.FileInfo, error) { return n, nil }

func (n *node) entries() []fs.DirEntry {
	list := make([]fs.DirEntry, len(n.children))
	for i, c := range n.children {
		list[i] = c
	}
	return list
}

// dirFile is an open directory.
type dirFile struct {
	n    *node
	read int // entries ReadDir has returned
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.n, nil }
func (d *dirFile) Close() error               { return nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.n.name, Err: errors.New("is a directory")}
}

// ReadDir returns the next count entries, or all that are left when count
// is not positive, as fs.ReadDirFile says.
func (d *dirFile) ReadDir(count int) ([]fs.DirEntry, error) {
	rest := d.n.entries()[d.read:]
	if count > 0 {
		if len(rest) == 0 {
			return nil, io.EOF
		}
		rest = rest[:min(count, len(rest))]
	}
	d.read += len(rest)
	return rest, nil
}

// blobFile is an open file, whose content git cat-file writes to a pipe
// once the first Read asks for it.
type blobFile struct {
	n      *node
	dir    string
	cmd    *exec.Cmd
	out    io.ReadCloser
	read   int64
	closed bool
}

func (f *blobFile) Stat() (fs.FileInfo, error) { return f.n, nil }

// Read reads the content, starting git on the first call; a content
// shorter than the tree's size for it is an error.
func (f *blobFile) Read(p []byte) (int, error) {
	if f.closed {
		return 0, &fs.PathError{Op: "read", Path: f.n.name, Err: fs.ErrClosed}
	}
	if f.cmd == nil {
		f.cmd = exec.Command("git", "cat-file", "blob", f.n.oid)
		f.cmd.Dir = f.dir
		out, err := f.cmd.StdoutPipe()
		if err != nil {
			return 0, err
		}
		if err := f.cmd.Start(); err != nil {
			return 0, err
		}
		f.out = out
	}
	n, err := f.out.Read(p)
	f.read += int64(n)
	if err == io.EOF && f.read != f.n.size {
		err = fmt.Errorf("git cat-file %s: %d bytes of %d: %w", f.n.oid, f.read, f.n.size, io.ErrUnexpectedEOF)
	}
	return n, err
}

// Close ends git, which a reader that stops early leaves writing.
func (f *blobFile) Close() error {
	if f.closed {
		return &fs.PathError{Op: "close", Path: f.n.name, Err: fs.ErrClosed}
	}
	f.closed = true
	if f.cmd != nil {
		f.cmd.Process.Kill()
		f.cmd.Wait()
	}
	return nil
}

// git runs git in dir and returns its output; an error quotes git's.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
