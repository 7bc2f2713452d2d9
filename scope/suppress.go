package scope

import (
	"fmt"
	"strings"
)

// SuppressDirective starts an inline suppression, an XML comment on the
// line before an element:
//
//	<!-- credscope:ignore CS204 the partner's gateway answers 401 twice -->
//
// It silences the named rules (a comma-separated list) for findings inside
// that element; the rest of the comment is the reason.
const SuppressDirective = "credscope:ignore"

// suppression is one credscope:ignore comment.
type suppression struct {
	Pos   Pos
	Rules []string
	// From and To are the lines of the element after the comment; From is
	// 0 when no element starts on the next line.
	From, To int
}

// suppressions reads the credscope:ignore comments of a parsed file.
func suppressions(root *element) []suppression {
	var out []suppression
	for _, c := range root.Comments {
		text := strings.TrimSpace(c.Text)
		rest, ok := strings.CutPrefix(text, SuppressDirective)
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n') {
			continue
		}
		s := suppression{Pos: c.Pos}
		if fields := strings.Fields(rest); len(fields) > 0 {
			for _, id := range strings.Split(fields[0], ",") {
				if id = strings.TrimSpace(id); id != "" {
					s.Rules = append(s.Rules, id)
				}
			}
		}
		if e := elementAtLine(root, c.LastLine+1); e != nil {
			s.From, s.To = e.Pos.Line, e.EndLine
		}
		out = append(out, s)
	}
	return out
}

// elementAtLine returns the outermost element that starts on line n.
func elementAtLine(e *element, n int) *element {
	if e.Pos.Line == n {
		return e
	}
	if e.Pos.Line > n || e.EndLine < n {
		return nil
	}
	for _, c := range e.Children {
		if found := elementAtLine(c, n); found != nil {
			return found
		}
	}
	return nil
}

// covers reports whether the suppression silences f.
func (s *suppression) covers(f Finding) bool {
	if s.From == 0 || f.Pos.File != s.Pos.File || f.Pos.Line < s.From || f.Pos.Line > s.To {
		return false
	}
	for _, id := range s.Rules {
		if id == f.Rule {
			return true
		}
	}
	return false
}

// unusedReason says why a suppression silenced nothing.
func (s *suppression) unusedReason(known map[string]bool) string {
	switch {
	case len(s.Rules) == 0:
		return SuppressDirective + " names no rule; write the rule IDs first, such as " + SuppressDirective + " CS204 REASON"
	case s.From == 0:
		return SuppressDirective + " " + strings.Join(s.Rules, ",") + " is not on the line before an element, so it silences nothing"
	}
	for _, id := range s.Rules {
		if !known[id] {
			return fmt.Sprintf("%s names %s, which is not a rule", SuppressDirective, id)
		}
	}
	return fmt.Sprintf("%s %s silences nothing: the element has no such finding; remove the comment", SuppressDirective, strings.Join(s.Rules, ","))
}
