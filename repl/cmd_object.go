package repl

import (
	"fmt"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// cmdObject shows the object whose records formulas read, sets it, or with
// "off" goes back to credential formulas.
func (s *session) cmdObject(a arg) error {
	switch {
	case a.text == "":
	case strings.EqualFold(a.text, "off"):
		s.object, s.opts.Context = "", eval.CredentialContext
		if err := s.setProject(s.project, s.projFrom); err != nil {
			return err
		}
	default:
		p := s.project
		if p == nil {
			p = &scope.Project{}
		}
		if _, err := p.ObjectSchema(a.text); err != nil {
			return err
		}
		s.object, s.opts.Context = a.text, eval.FormulaFieldContext
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
