package repl

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/scope"
)

// credentials returns the external credential named, or every one when
// name is empty.
func (s *session) credentials(name string) ([]*scope.ExternalCredential, error) {
	if s.project == nil {
		return nil, &hintError{err: fmt.Errorf("no project is loaded"), hint: ":load DIR loads an SFDX project, and :load example the example one"}
	}
	if name == "" {
		if len(s.project.ExternalCredentials) == 0 {
			return nil, fmt.Errorf("project %s has no external credentials", s.projFrom)
		}
		return s.project.ExternalCredentials, nil
	}
	var names []string
	for _, c := range s.project.ExternalCredentials {
		if strings.EqualFold(c.Name, name) {
			return []*scope.ExternalCredential{c}, nil
		}
		names = append(names, c.Name)
	}
	err := fmt.Errorf("no external credential %s in %s", name, s.projFrom)
	if len(names) == 0 {
		return nil, err
	}
	return nil, &hintError{err: err, hint: "the credentials are " + suggest.AndList(names)}
}

func (s *session) cmdPrincipals(a arg) error {
	creds, err := s.credentials(a.text)
	if err != nil {
		return err
	}
	for i, c := range creds {
		if i > 0 {
			s.out.println("")
		}
		r := s.project.Resolve(c, s.permissionSets())
		grants := map[string]string{}
		for _, g := range r.Reachable {
			grants[g.Principal.Name()] = g.PermissionSet
		}
		s.out.println(s.out.paint(sgrBold, c.Name))
		tw := tabwriter.NewWriter(s.out.out, 0, 8, 2, ' ', 0)
		for _, pr := range c.Principals() {
			seq, _ := pr.Sequence()
			status := s.out.paint(sgrDim, "not granted to the user")
			if ps, ok := grants[pr.Name()]; ok {
				status = "granted by " + ps
			}
			if r.Principal != nil && r.Principal.Name() == pr.Name() {
				status = s.out.paint(sgrGreen, "chosen") + ", " + status
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", seq, pr.Name(), pr.Type.Text, status)
		}
		tw.Flush()
		if r.Principal == nil {
			s.out.println("  " + r.Why)
		}
	}
	return nil
}

func (s *session) cmdScope(a arg) error {
	creds, err := s.credentials(a.text)
	if err != nil {
		return err
	}
	prep, user, err := s.prepared()
	if err != nil {
		return err
	}
	results := make([]Composed, len(creds))
	failed := 0
	for i, c := range creds {
		comp, err := prep.Compose(c, user, s.env)
		results[i] = Composed{Composition: comp, Err: err}
		if err != nil {
			failed++
		}
	}
	write := s.cfg.WriteScope
	if write == nil {
		write = writeScope
	}
	write(s.out.out, results)
	if failed > 0 {
		return &shownError{fmt.Errorf("%d credential(s) failed", failed)}
	}
	return nil
}

// writeScope is the plain listing of compositions.
func writeScope(w io.Writer, results []Composed) {
	for _, r := range results {
		c := r.Composition
		fmt.Fprintln(w, c.Credential.Name)
		if c.Principal != nil {
			fmt.Fprintf(w, "  principal: %s: %s\n", c.Principal.Name(), c.Why)
		} else {
			fmt.Fprintf(w, "  principal: none: %s\n", c.Why)
		}
		switch {
		case r.Err != nil:
			fmt.Fprintf(w, "  error:     %v\n", r.Err)
		case c.Scope.IsBlank():
			fmt.Fprintln(w, "  scope:     (none)")
		default:
			fmt.Fprintf(w, "  scope:     %s\n", showPlain(c.Scope))
		}
	}
}

// cmdClaims shows the JWT an exchange would sign for the running user, as
// credscope token --dry-run does: the same assertion, secrets redacted.
func (s *session) cmdClaims(a arg) error {
	if a.text == "" && (s.project == nil || len(s.project.ExternalCredentials) != 1) {
		if _, err := s.credentials(""); err != nil {
			return err
		}
		return &hintError{err: s.usage("claims"), hint: "TAB after :claims completes the credential names"}
	}
	creds, err := s.credentials(a.text)
	if err != nil {
		return err
	}
	c := creds[0]
	prep, user, err := s.prepared()
	if err != nil {
		return err
	}
	cred, err := exchange.New(prep, c, exchange.Config{})
	if err != nil {
		return err
	}
	assertion, err := cred.Signer.Assertion(user, s.env)
	if err != nil {
		return err
	}
	s.out.println(s.out.paint(sgrBold, c.Name) + " JWT for " + s.userName())
	return assertion.Redacted().WriteText(s.out.out)
}
