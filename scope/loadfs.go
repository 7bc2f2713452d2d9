package scope

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// projectConfig is what the loader reads of an sfdx-project.json.
type projectConfig struct {
	Namespace        string
	SourceAPIVersion float64
	// dirs are the package directories that stay in the project, nil
	// when the file lists none, and problems those that leave it.
	dirs     []packageDir
	problems []*XMLError
}

// packageDir is one packageDirectories entry of sfdx-project.json.
type packageDir struct {
	given string // as written
	path  string // cleaned, slash-separated, relative to the project
	pos   Pos    // of the entry in sfdx-project.json
}

// parseProjectConfig reads an sfdx-project.json. A package directory that
// is absolute or leaves the project is a problem, positioned at its entry.
func parseProjectConfig(file string, data []byte) (projectConfig, error) {
	var raw struct {
		Namespace          string `json:"namespace"`
		SourceAPIVersion   string `json:"sourceApiVersion"`
		PackageDirectories []struct {
			Path string `json:"path"`
		} `json:"packageDirectories"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return projectConfig{}, fmt.Errorf("%s: %v", file, err)
	}
	cfg := projectConfig{Namespace: raw.Namespace}
	cfg.SourceAPIVersion, _ = strconv.ParseFloat(raw.SourceAPIVersion, 64)
	if len(raw.PackageDirectories) == 0 {
		return cfg, nil
	}
	cfg.dirs = []packageDir{}
	lines := newLineIndex(data)
	for _, pd := range raw.PackageDirectories {
		quoted, _ := json.Marshal(pd.Path)
		pos := lines.pos(file, max(bytes.Index(data, quoted)+1, 0))
		clean, why := relativePackageDir(pd.Path)
		if why != "" {
			cfg.problems = append(cfg.problems, &XMLError{Pos: pos, Msg: why})
			continue
		}
		cfg.dirs = append(cfg.dirs, packageDir{given: pd.Path, path: clean, pos: pos})
	}
	return cfg, nil
}

// relativePackageDir checks a packageDirectories path: it must be relative
// and stay inside the project. It returns the path cleaned and
// slash-separated, or why it is refused.
func relativePackageDir(dir string) (string, string) {
	native := filepath.FromSlash(dir)
	if filepath.IsAbs(native) || filepath.VolumeName(native) != "" || strings.HasPrefix(dir, "/") {
		return "", fmt.Sprintf("package directory %q is an absolute path; it must be relative to the project", dir)
	}
	clean := filepath.Clean(native)
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Sprintf("package directory %q leaves the project", dir)
	}
	return filepath.ToSlash(clean), ""
}

// LoadFS reads the project at the root of fsys as Load reads a project
// root: the package directories of its sfdx-project.json when it has one,
// else the whole tree, with the namespace, API version and User custom
// fields. Files are named name/PATH, so that problems and findings say
// where they are. Files that are not regular or longer than MaxFileSize
// are Problems, and the rest still loads. LoadFS fails only when fsys
// cannot be read.
func LoadFS(fsys fs.FS, name string) (*Project, error) {
	p := &Project{}
	display := func(file string) string { return path.Join(name, file) }
	roots := []string{"."}
	data, err := readFSFile(fsys, "sfdx-project.json", display("sfdx-project.json"))
	var xe *XMLError
	switch {
	case errors.As(err, &xe):
		p.Problems = append(p.Problems, xe)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case err == nil:
		cfg, err := parseProjectConfig(display("sfdx-project.json"), data)
		if err != nil {
			return nil, err
		}
		p.Problems = append(p.Problems, cfg.problems...)
		if cfg.Namespace != "" {
			p.Namespace, p.namespaces = cfg.Namespace, []string{cfg.Namespace}
		}
		if cfg.dirs != nil {
			roots = roots[:0]
			for _, d := range cfg.dirs {
				roots = append(roots, d.path)
			}
		}
	}
	p.apiVersions = map[string]float64{canonical(name): apiVersion(func(file string) ([]byte, error) {
		return readFSFile(fsys, file, display(file))
	})}
	seen := map[string]bool{}
	var files []string
	for _, root := range roots {
		err := fs.WalkDir(fsys, root, func(file string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && file != root && skipDir(d.Name()):
				return fs.SkipDir
			case !d.IsDir() && !seen[file]:
				if _, ok := metadataKind(file); ok {
					seen[file] = true
					files = append(files, file)
				}
			}
			return nil
		})
		if errors.Is(err, fs.ErrNotExist) && root != "." {
			continue // a package directory not created yet holds nothing
		}
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := readFSFile(fsys, f, display(f))
		if errors.As(err, &xe) {
			p.Problems = append(p.Problems, xe)
			continue
		}
		if err != nil {
			return nil, err
		}
		p.add(display(f), data)
	}
	return p, nil
}
