package repl

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/objects"
	"github.com/credscope/credscope/scope"
)

// session is the state a REPL evaluates against: the running user, the
// project, the evaluation settings and the history.
type session struct {
	cfg  Config
	out  *printer
	cmds []command

	schema *eval.Schema
	vals   *eval.Values
	opts   eval.Options
	env    eval.Env  // the clock, when fixed
	now    time.Time // NOW(), when fixed
	fixed  bool      // whether NOW() is fixed

	// object, when set, makes formulas those of its records (:object).
	object string
	// model is the project's objects, for :object and completion; modelOf
	// is the project it was built from.
	model   *objects.Model
	modelOf *scope.Project

	user     *scope.UserContext
	userFrom string // where the user came from, such as "users/bob.yaml"
	project  *scope.Project
	projFrom string

	history []string
	failed  int
	quit    bool
	// width returns the terminal's width; nil in a script.
	width func() int
}

// newSession loads the user and project the configuration names.
func newSession(cfg Config, color bool) (*session, error) {
	s := &session{cfg: cfg, out: &printer{out: cfg.Out, err: cfg.Err, color: color}, cmds: commands()}
	s.env.Keys = cfg.Keys
	switch {
	case cfg.ProjectDir != "":
		p, err := scope.Load(cfg.ProjectDir)
		if err != nil {
			return nil, err
		}
		s.project, s.projFrom = p, cfg.ProjectDir
	case cfg.UserFile == "" && cfg.Example != nil:
		p, err := scope.LoadFS(cfg.Example, "example")
		if err != nil {
			return nil, err
		}
		s.project, s.projFrom = p, "the example project"
	}
	s.schema = newSchema(s.project, "")
	s.vals = s.schema.NewValues()
	if cfg.UserFile != "" {
		uc, err := scope.ReadUserContext(cfg.UserFile)
		if err != nil {
			return nil, err
		}
		return s, s.setUser(uc, cfg.UserFile)
	}
	if cfg.Example != nil {
		uc, err := exampleUser(cfg.Example, "alice")
		if err != nil {
			return nil, err
		}
		return s, s.setUser(uc, "the example user alice")
	}
	return s, nil
}

// orStandard returns p or, without a project, an empty one: the standard
// objects and fields alone.
func orStandard(p *scope.Project) *scope.Project {
	if p == nil {
		return &scope.Project{}
	}
	return p
}

// newSchema returns the merge fields formulas may read: a project's, or,
// without one, the standard fields with any $Permission and $Credential.
func newSchema(p *scope.Project, object string) *eval.Schema {
	p = orStandard(p)
	if object != "" {
		if s, err := p.ObjectSchema(object); err == nil {
			return s
		}
	}
	return p.Schema()
}

// setUser replaces the running user: every field takes the context's value
// or becomes blank.
func (s *session) setUser(uc *scope.UserContext, from string) error {
	schema := newSchema(s.project, s.object)
	vals := schema.NewValues()
	if err := s.setLabels(s.project, vals); err != nil {
		return err
	}
	if err := uc.Apply(vals); err != nil {
		return err
	}
	s.schema, s.vals, s.user, s.userFrom = schema, vals, uc, from
	return nil
}

// setLabels gives a formula of an object the text of the project's
// labels, as credscope eval --object does; a credential formula reads no
// label.
func (s *session) setLabels(p *scope.Project, vals *eval.Values) error {
	if p == nil || s.object == "" {
		return nil
	}
	return p.SetLabels(vals)
}

// setProject replaces the project, keeping every field's value.
func (s *session) setProject(p *scope.Project, from string) error {
	schema := newSchema(p, s.object)
	vals, err := s.carry(schema, nil)
	if err != nil {
		return err
	}
	if err := s.setLabels(p, vals); err != nil {
		return err
	}
	s.schema, s.vals, s.project, s.projFrom = schema, vals, p, from
	return nil
}

// carry copies every field the session has set into new values of schema,
// declaring the fields schema lacks as :set and a context file declare
// them, through scope.DeclareField. A field schema does not take, such as
// a record's field when the credentials' formulas are prepared, is left
// behind: no formula of schema can read it. When prepare is not nil, it
// runs once schema holds every field, before the values are made.
func (s *session) carry(schema *eval.Schema, prepare func()) (*eval.Values, error) {
	type kept struct {
		name string
		v    eval.Value
	}
	var set []kept
	for _, f := range s.schema.Fields() {
		v, err := s.vals.Get(f.Name)
		if err != nil || v.IsNull() {
			continue
		}
		if _, err := scope.DeclareField(schema, f.Name, f.Type); err != nil {
			if _, unknown := errors.AsType[*scope.UnknownFieldError](err); unknown {
				continue
			}
			return nil, err
		}
		set = append(set, kept{f.Name, v})
	}
	if prepare != nil {
		prepare()
	}
	vals := schema.NewValues()
	for _, k := range set {
		if err := vals.Set(k.name, k.v); err != nil {
			return nil, err
		}
	}
	return vals, nil
}

// prepared compiles the project's formulas once, on a copy of the
// session's schema that they freeze, and returns them with the running
// user, whose values are the session's. The session's own schema keeps
// growing as formulas are typed.
func (s *session) prepared() (*scope.Prepared, scope.User, error) {
	schema := newSchema(s.project, "")
	var prep *scope.Prepared
	vals, err := s.carry(schema, func() { prep, _ = s.project.Prepare(schema, s.opts) })
	return prep, scope.User{PermissionSets: s.permissionSets(), Values: vals}, err
}

// permissionSets returns the running user's permission sets.
func (s *session) permissionSets() []string {
	if s.user == nil {
		return nil
	}
	return s.user.PermissionSets
}

// userName names the running user: the username, or where it came from.
func (s *session) userName() string {
	if v, err := s.vals.Get("$User.Username"); err == nil && !v.IsBlank() {
		return showPlain(v)
	}
	if s.user == nil {
		return "a user with every field blank"
	}
	return s.userFrom
}

// showPlain renders a value unquoted, secrets redacted.
func showPlain(v eval.Value) string {
	if v.Type() == eval.Text && !v.Secret() && !v.IsNull() {
		return v.Text()
	}
	return showValue(v)
}

// exampleNames lists the example users.
func exampleNames(example fs.FS) []string {
	if example == nil {
		return nil
	}
	matches, _ := fs.Glob(example, "users/*.yaml")
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = strings.TrimSuffix(path.Base(m), ".yaml")
	}
	return names
}

// exampleUser reads an example user's context file.
func exampleUser(example fs.FS, name string) (*scope.UserContext, error) {
	file := "users/" + strings.ToLower(strings.TrimSuffix(name, ".yaml")) + ".yaml"
	data, err := fs.ReadFile(example, file)
	if err != nil {
		return nil, err
	}
	return scope.ParseUserContext(file, data)
}

// expandHome replaces a leading ~/ with the home directory.
func (s *session) expandHome(p string) string {
	if home := s.cfg.Getenv("HOME"); home != "" && (p == "~" || strings.HasPrefix(p, "~/")) {
		return filepath.Join(home, p[1:])
	}
	return p
}

// openUser reads the user named by :user: a context file, or an example
// user's name.
func (s *session) openUser(arg string) (*scope.UserContext, string, error) {
	file := s.expandHome(arg)
	if _, err := os.Stat(file); err == nil || !errors.Is(err, fs.ErrNotExist) {
		uc, err := scope.ReadUserContext(file)
		return uc, arg, err
	}
	names := exampleNames(s.cfg.Example)
	if name := strings.ToLower(strings.TrimSuffix(arg, ".yaml")); slices.Contains(names, name) {
		uc, err := exampleUser(s.cfg.Example, name)
		return uc, "the example user " + name, err
	}
	err := fmt.Errorf("%s: no such file", arg)
	if len(names) > 0 {
		return nil, "", &hintError{err: err, hint: "the example users are " + suggest.AndList(names)}
	}
	return nil, "", err
}

// openProject reads the project named by :load: a directory or file, or
// "example".
func (s *session) openProject(arg string) (*scope.Project, string, error) {
	dir := s.expandHome(arg)
	if _, err := os.Stat(dir); err != nil && errors.Is(err, fs.ErrNotExist) && arg == "example" && s.cfg.Example != nil {
		p, err := scope.LoadFS(s.cfg.Example, "example")
		return p, "the example project", err
	}
	p, err := scope.Load(dir)
	return p, arg, err
}
