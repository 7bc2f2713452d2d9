package play

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/credscope/credscope"
	"github.com/credscope/credscope/internal/play/engine"
	"github.com/credscope/credscope/internal/safefile"
	"github.com/credscope/credscope/scope"
)

// maxMetadataFile bounds a metadata file, as the loader does.
const maxMetadataFile = 10 << 20

// ExampleContext is the page's start without --project: the example
// project and its users, with alice as the running user.
func ExampleContext() (*Context, error) {
	example := credscope.Example()
	ctx := &Context{Project: "the example project"}
	if err := exampleUsers(ctx, example); err != nil {
		return nil, err
	}
	p, err := scope.LoadFS(example, "example")
	if err != nil {
		return nil, err
	}
	for _, file := range p.Files {
		data, err := fs.ReadFile(example, strings.TrimPrefix(file, "example/"))
		if err != nil {
			return nil, err
		}
		ctx.Files = append(ctx.Files, engine.File{Name: file, Text: string(data)})
	}
	return ctx, nil
}

// ProjectContext is the page's start with --project DIR: the credential
// metadata of the project that holds DIR, read as credscope scope reads
// it, and the example users.
func ProjectContext(dir string) (*Context, error) {
	p, err := scope.Load(dir)
	if err != nil {
		return nil, err
	}
	if len(p.Files) == 0 {
		return nil, fmt.Errorf("no credential metadata found under %s", dir)
	}
	ctx := &Context{Project: dir}
	if err := exampleUsers(ctx, credscope.Example()); err != nil {
		return nil, err
	}
	root := dir
	if len(p.Roots) > 0 {
		root = p.Roots[0]
	}
	for _, file := range p.Files {
		data, err := safefile.Read(file, maxMetadataFile)
		if err != nil {
			return nil, err
		}
		name := file
		abs, _ := filepath.Abs(file)
		if rel, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
		ctx.Files = append(ctx.Files, engine.File{Name: name, Text: string(data)})
	}
	return ctx, nil
}

// exampleUsers adds the example users, alice first as the running user.
func exampleUsers(ctx *Context, example fs.FS) error {
	names, err := fs.Glob(example, "users/*.yaml")
	if err != nil {
		return err
	}
	sort.Strings(names)
	ctx.Users = map[string]engine.User{}
	for _, file := range names {
		data, err := fs.ReadFile(example, file)
		if err != nil {
			return err
		}
		u, err := engine.UserFromContext(file, data)
		if err != nil {
			return err
		}
		ctx.Users[strings.TrimSuffix(path.Base(file), ".yaml")] = u
	}
	ctx.User = ctx.Users["alice"]
	return nil
}
