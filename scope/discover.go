package scope

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Load reads the credential metadata of each path: a project root, a
// directory inside a project, or a single metadata file. For every path it
// finds the enclosing project, the nearest directory upwards with an
// sfdx-project.json or a package.xml, and loads all of it, so that
// references resolve; findings are then reported only for the files under
// the paths (see Project.Asked). A path outside any project is read alone.
// Paths that overlap, or name one file twice, read each file once. Load
// fails only when a path cannot be read. Files it refuses (not regular
// files, longer than MaxFileSize, or reached through a symbolic link that
// leaves the project) and package directories outside the project are
// Problems, and the rest still loads.
func Load(paths ...string) (*Project, error) {
	p := &Project{asked: map[string]bool{}}
	seen := map[string]bool{}
	var files []string
	addFile := func(display, abs string) {
		key := canonical(abs)
		if !seen[key] {
			seen[key] = true
			files = append(files, display)
		}
	}
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, err
		}
		// Files keep the form of the path they were found through.
		display := func(f string) string {
			if filepath.IsAbs(path) {
				return f
			}
			if rel, err := filepath.Rel(mustGetwd(), f); err == nil {
				return rel
			}
			return f
		}
		dir := abs
		if !info.IsDir() {
			dir = filepath.Dir(abs)
		}
		root, inProject := findRoot(dir)
		var asked []string
		if info.IsDir() {
			// Symbolic links may not leave the project, or the directory
			// when there is none.
			within := dir
			if inProject {
				within = root
			}
			project, err := newProjectRoot(within)
			if err != nil {
				return nil, err
			}
			var refused []*XMLError
			if asked, refused, err = metadataFiles(abs, project); err != nil {
				return nil, err
			}
			p.addProblems(refused, display)
		} else {
			asked = []string{abs}
		}
		if len(asked) == 0 {
			p.Empty = append(p.Empty, path)
		}
		// The projects to load: the one around the path, and those below
		// it that hold the files asked about, such as a repository whose
		// sfdx-project.json is in a subfolder.
		var roots []string
		if inProject {
			roots = append(roots, root)
		}
		if info.IsDir() {
			found := map[string]bool{}
			for _, f := range asked {
				d := filepath.Dir(f)
				if found[d] {
					continue
				}
				found[d] = true
				if r, ok := findRoot(d); ok && !slices.Contains(roots, r) {
					roots = append(roots, r)
				}
			}
		}
		for _, root := range roots {
			if !slices.Contains(p.Roots, root) {
				p.Roots = append(p.Roots, root)
				if p.apiVersions == nil {
					p.apiVersions = map[string]float64{}
				}
				p.apiVersions[canonical(root)] = apiVersion(func(name string) ([]byte, error) {
					return readFile(filepath.Join(root, name))
				})
			}
			all, ns, problems, err := projectFiles(root)
			if err != nil {
				return nil, err
			}
			p.addProblems(problems, display)
			if ns != "" && !slices.Contains(p.namespaces, ns) {
				p.namespaces = append(p.namespaces, ns)
			}
			for _, f := range all {
				addFile(display(f), f)
			}
		}
		for _, f := range asked {
			addFile(display(f), f)
			p.asked[canonical(f)] = true
		}
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := readFile(f)
		var xe *XMLError
		if errors.As(err, &xe) {
			p.addProblems([]*XMLError{xe}, nil)
			continue
		}
		if err != nil {
			return nil, err
		}
		p.add(f, data)
	}
	if len(p.namespaces) > 0 {
		p.Namespace = p.namespaces[0]
	}
	return p, nil
}

// addProblems records the loader's refusals, each once: a project found
// through two paths reports them once. They are findings wherever they are,
// even outside the paths asked about, since they say what was not read.
// Display, when set, gives a file the form of the path it was found
// through.
func (p *Project) addProblems(problems []*XMLError, display func(string) string) {
	for _, e := range problems {
		if display != nil {
			shown := *e
			shown.Pos.File = display(e.Pos.File)
			e = &shown
		}
		if !slices.ContainsFunc(p.Problems, func(x *XMLError) bool { return *x == *e }) {
			p.Problems = append(p.Problems, e)
			if p.asked != nil {
				p.asked[canonical(e.Pos.File)] = true
			}
		}
	}
}

// rootMarkers are the files that make a directory a project root.
var rootMarkers = []string{"sfdx-project.json", "package.xml"}

// findRoot returns the nearest directory from dir upwards that holds a
// root marker. It does not leave the git work tree that dir is in.
func findRoot(dir string) (string, bool) {
	for {
		for _, m := range rootMarkers {
			if info, err := os.Stat(filepath.Join(dir, m)); err == nil && info.Mode().IsRegular() {
				return dir, true
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// canonical is the identity of a file: its absolute path with symbolic
// links resolved, when they can be.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

func mustGetwd() string {
	wd, err := os.Getwd()
	if err != nil {
		return "/"
	}
	return wd
}

// Asked reports whether findings in file are wanted: whether it is under
// one of the paths given to Load. A project built otherwise wants all.
func (p *Project) Asked(file string) bool {
	return p.asked == nil || p.asked[canonical(file)]
}

// AskedFiles returns the files read that findings are wanted for.
func (p *Project) AskedFiles() []string {
	var out []string
	for _, f := range p.Files {
		if p.Asked(f) {
			out = append(out, f)
		}
	}
	return out
}

// ProjectRoot returns the root of the project dir is in: the nearest
// directory from dir upwards holding sfdx-project.json or package.xml,
// within dir's git work tree. It reports false when there is none.
func ProjectRoot(dir string) (string, bool) { return findRoot(canonical(dir)) }

// apiVersion reads the API version a project deploys with: the
// sourceApiVersion of its sfdx-project.json, or the version of its
// package.xml; 0 when neither says. read reads a file of the project root.
func apiVersion(read func(name string) ([]byte, error)) float64 {
	if data, err := read("sfdx-project.json"); err == nil {
		if cfg, err := parseProjectConfig("sfdx-project.json", data); err == nil {
			return cfg.SourceAPIVersion
		}
	}
	if data, err := read("package.xml"); err == nil {
		if m := packageVersion.FindSubmatch(data); m != nil {
			v, _ := strconv.ParseFloat(string(m[1]), 64)
			return v
		}
	}
	return 0
}

// packageVersion finds the version of a package.xml.
var packageVersion = regexp.MustCompile(`<version>\s*([0-9]+(?:\.[0-9]+)?)\s*</version>`)

// APIVersion returns the API version that file's project deploys with, or
// 0 when it is in no project or the project does not say.
func (p *Project) APIVersion(file string) float64 {
	abs := canonical(file)
	best, version := "", 0.0
	for root, v := range p.apiVersions {
		if strings.HasPrefix(abs, root+string(filepath.Separator)) && len(root) > len(best) {
			best, version = root, v
		}
	}
	return version
}
