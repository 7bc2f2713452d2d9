package repl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/objects"
	"github.com/credscope/credscope/scope"
)

// cmdObject shows the object whose records formulas read and the objects
// there are, sets it, or with "off" goes back to credential formulas.
func (s *session) cmdObject(a arg) error {
	switch {
	case a.text == "":
		defer s.listObjects()
	case strings.EqualFold(a.text, "off"):
		s.object, s.opts.Context = "", eval.CredentialContext
		if err := s.setProject(s.project, s.projFrom); err != nil {
			return err
		}
	default:
		o, ok := s.objectModel().Object(a.text)
		if !ok {
			return s.noObject(a.text)
		}
		s.object, s.opts.Context = o.Name, eval.FormulaFieldContext
		if err := s.setProject(s.project, s.projFrom); err != nil {
			return err
		}
	}
	if s.object == "" {
		s.out.println("Formulas are credential formulas; :object NAME reads them as an object's formula fields.")
		return nil
	}
	s.out.println(fmt.Sprintf("Formulas are formula fields of %s: its fields, and its relationships' fields, such as Owner.Email.", s.object))
	return nil
}

// noObject reports an object :object does not know, with the names near it.
func (s *session) noObject(name string) error {
	_, err := orStandard(s.project).ObjectSchema(name)
	if err == nil {
		err = fmt.Errorf("object %s is not known", name)
	}
	hint := ":object lists the objects"
	if near := suggest.DidYouMean(name, s.objectNames("", anyObject, "")); near != "" {
		hint = near + " " + hint
	}
	return &hintError{err: err, hint: hint}
}

// listObjects lists the objects :object selects: the standard ones of the
// catalog, and the project's others.
func (s *session) listObjects() {
	standard := objects.StandardObjects()
	slices.Sort(standard)
	own := s.objectNames("", func(o *objects.Object) bool {
		return !slices.ContainsFunc(standard, func(n string) bool { return strings.EqualFold(n, o.Name) })
	}, "")
	s.out.println(wrapList("Standard objects: ", standard, s.lineWidth()))
	if len(own) > 0 {
		s.out.println(wrapList("The project's objects: ", own, s.lineWidth()))
	}
}

// lineWidth is the terminal's width, or 80 in a script.
func (s *session) lineWidth() int {
	if s.width == nil {
		return 80
	}
	return s.width()
}

// wrapList writes title and the names, comma separated, in lines of at
// most width columns, the lines after the first indented.
func wrapList(title string, names []string, width int) string {
	var b strings.Builder
	b.WriteString(title)
	col := len(title)
	for i, n := range names {
		if i < len(names)-1 {
			n += ","
		}
		if i > 0 {
			if col+1+len(n) > width {
				b.WriteString("\n ")
				col = 1
			}
			b.WriteByte(' ')
			col++
		}
		b.WriteString(n)
		col += len(n)
	}
	return b.String()
}

// cmdRecord sets the record's fields from a file.
func (s *session) cmdRecord(a arg) error {
	if s.object == "" {
		return fmt.Errorf(":record needs an object first: :object NAME")
	}
	if a.text == "" {
		return fmt.Errorf(":record needs a FILE")
	}
	r, err := scope.ReadRecord(a.text)
	if err != nil {
		return err
	}
	if err := r.Apply(s.vals, false); err != nil {
		return err
	}
	s.out.println(fmt.Sprintf("%d fields of %s set from %s.", len(r.Fields), s.object, a.text))
	return nil
}
