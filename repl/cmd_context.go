package repl

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/scope"
)

func (s *session) cmdSet(a arg) error {
	name, rhs, ok := strings.Cut(a.text, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.TrimSpace(rhs) == "" {
		return &hintError{err: s.usage("set"), hint: `the right side is a formula: :set $User.Department = "Sales", :set $User.IsActive = TRUE`}
	}
	base := a.base + strings.IndexByte(a.text, '=') + 1
	if strings.HasPrefix(rhs, "=") { // written as ==
		rhs, base = rhs[1:], base+1
	}
	prog, err := s.compile(rhs)
	if err != nil {
		return s.explain(&srcError{err: err, base: base}, name, rhs)
	}
	v, err := prog.Eval(s.vals, s.env)
	if err != nil {
		return &srcError{err: err, base: base}
	}
	f, err := s.field(name, prog.Type())
	if err != nil {
		return err
	}
	if !v.IsNull() && v.Type() != f.Type {
		return &hintError{err: fmt.Errorf("%s is %v, but the formula is %v", f.Name, f.Type, v.Type()), hint: convertHint(f.Type, v.Type())}
	}
	if err := s.vals.Set(f.Name, v); err != nil {
		return err
	}
	got, _ := s.vals.Get(f.Name)
	s.out.println(f.Name + " = " + s.out.paint(sgrBold, showValue(got)))
	return nil
}

// field returns the merge field name, declaring it on first use with type
// t when scope.DeclareField allows.
func (s *session) field(name string, t eval.Type) (eval.Field, error) {
	f, err := scope.DeclareField(s.schema, name, t)
	if _, unknown := errors.AsType[*scope.UnknownFieldError](err); unknown {
		return eval.Field{}, s.noField(name)
	}
	return f, err
}

// noField reports an unknown merge field, suggesting near names.
func (s *session) noField(name string) error {
	err := fmt.Errorf("Field %s does not exist. Check spelling.", name)
	if near := suggest.DidYouMean(name, s.fieldNames(name)); near != "" {
		return &hintError{err: err, hint: near}
	}
	return err
}

// convertHint suggests how to turn a value of one type into another.
func convertHint(field, got eval.Type) string {
	switch {
	case field == eval.Text:
		return "wrap the formula in TEXT()"
	case field == eval.Number && got == eval.Text:
		return "wrap the formula in VALUE()"
	case field == eval.Boolean:
		return "write TRUE or FALSE, without quotes"
	case field == eval.Date && got == eval.Text:
		return `use DATEVALUE("2026-01-31")`
	case field == eval.DateTime && got == eval.Text:
		return `use DATETIMEVALUE("2026-01-31 09:00:00")`
	}
	return ""
}

func (s *session) cmdUnset(a arg) error {
	if a.text == "" {
		return s.usage("unset")
	}
	f, ok := s.schema.Lookup(a.text)
	if !ok {
		return s.noField(a.text)
	}
	if err := s.vals.Unset(f.Name); err != nil {
		return err
	}
	s.out.println(f.Name + " = " + s.out.paint(sgrDim, "null"))
	return nil
}

// cmdFields lists the fields that start with a prefix, with their types
// and values: the merge fields, or with :object the record's, through
// relationships; a relationship shows the object it leads to.
func (s *session) cmdFields(a arg) error {
	tw := tabwriter.NewWriter(s.out.out, 0, 8, 2, ' ', 0)
	n, set := 0, 0
	names := merge(s.globalCands(a.text), fit(a.text, suggest.Fields(s.schema)))
	if s.object != "" && !strings.HasPrefix(a.text, "$") {
		names = s.recordCands(a.text)
	}
	for _, name := range names {
		if strings.HasSuffix(name, ".") {
			if to := s.leadsTo(name); to != "" {
				// In the value's column, as many cells as a field's row,
				// so that the columns stay one block.
				fmt.Fprintf(tw, "%s\t\t%s\n", name, s.out.paint(sgrDim, "→ "+to))
			}
			continue
		}
		f, ok := s.schema.Lookup(name)
		if !ok {
			continue
		}
		v, err := s.vals.Get(f.Name)
		if err != nil {
			return err
		}
		n++
		shown := s.out.paint(sgrDim, "null")
		if !v.IsNull() {
			set++
			shown = showValue(v)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Name, s.out.paint(sgrCyan, f.Type.String()), shown)
	}
	tw.Flush()
	if n == 0 {
		return s.noField(a.text + "…")
	}
	fields := fmt.Sprintf("%d fields", n)
	if n == 1 {
		fields = "1 field"
	}
	summary := fmt.Sprintf("%s, %d set", fields, set)
	if s.object != "" && !strings.HasPrefix(a.text, "$") {
		summary = fmt.Sprintf("%s of %s, %d set; :fields $ lists the merge fields", fields, s.object, set)
	}
	s.out.println(s.out.paint(sgrDim, summary))
	return nil
}

func (s *session) cmdUser(a arg) error {
	if a.text != "" {
		uc, from, err := s.openUser(a.text)
		if err != nil {
			return err
		}
		if err := s.setUser(uc, from); err != nil {
			return err
		}
	}
	s.out.println(s.describeUser())
	return nil
}

// describeUser says who the running user is and what they were granted.
func (s *session) describeUser() string {
	if s.user == nil {
		return "The running user has every field blank; :user FILE loads one."
	}
	desc := fmt.Sprintf("User %s, from %s", s.out.paint(sgrBold, s.userName()), s.userFrom)
	if ps := s.user.PermissionSets; len(ps) > 0 {
		desc += "; permission sets " + suggest.AndList(ps)
	}
	return desc + "."
}

func (s *session) cmdLoad(a arg) error {
	if a.text != "" {
		p, from, err := s.openProject(a.text)
		if err != nil {
			return err
		}
		for _, prob := range p.Problems {
			s.out.errLine(s.out.paint(sgrYellow, prob.Pos.String()+": "+prob.Msg))
		}
		if err := s.setProject(p, from); err != nil {
			return err
		}
	}
	s.out.println(s.describeProject())
	return nil
}

// describeProject says which project is loaded and what it holds.
func (s *session) describeProject() string {
	if s.project == nil {
		return "No project is loaded; :load DIR loads an SFDX project."
	}
	p := s.project
	var names []string
	for _, c := range p.ExternalCredentials {
		names = append(names, c.Name)
	}
	creds := "no external credentials"
	if len(names) > 0 {
		creds = "external credentials " + suggest.AndList(names)
	}
	return fmt.Sprintf("Project %s: %s; %d named credential(s), %d permission set(s).",
		s.projFrom, creds, len(p.NamedCredentials), len(p.PermissionSets))
}

func (s *session) cmdMode(a arg) error {
	switch strings.ToLower(a.text) {
	case "":
	case "blank-as-zero", "zero", "zeroes":
		s.opts.BlankAsBlank = false
	case "blank-as-blank", "blank", "blanks":
		s.opts.BlankAsBlank = true
	default:
		return fmt.Errorf("usage: :mode blank-as-zero|blank-as-blank")
	}
	if s.opts.BlankAsBlank {
		s.out.println("blank-as-blank: blank Number fields stay null")
	} else {
		s.out.println("blank-as-zero: blank Number fields read as 0, as Salesforce does by default")
	}
	return nil
}

func (s *session) cmdNow(a arg) error {
	switch text := a.text; {
	case text == "":
	case strings.EqualFold(text, "off"):
		s.fixed, s.env.Now = false, nil
	default:
		t, err := parseInstant(text)
		if err != nil {
			return err
		}
		s.fixed, s.now = true, t
		s.env.Now = func() time.Time { return t }
	}
	if s.fixed {
		s.out.println("NOW() is " + s.now.UTC().Format(time.RFC3339Nano))
	} else {
		s.out.println("NOW() follows the clock")
	}
	return nil
}

// parseInstant reads an RFC 3339 instant, or a date meaning its midnight
// GMT.
func parseInstant(text string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, text); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 instant such as 2026-01-31T09:00:00Z", text)
}
