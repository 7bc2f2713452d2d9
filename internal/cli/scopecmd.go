package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

func newScopeCmd(stdio IO) *cobra.Command {
	var projectDir, userFile, credential, now string
	var sets []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "scope --project DIR --user FILE [--set NAME=VALUE]... [--credential NAME] [--json]",
		Short: "Show the principal and the OAuth scope each credential would use for a user",
		Long: `For each external credential of the project (or the one named), find the
principal the user's permission sets reach (the lowest sequence number wins),
evaluate the credential-level and principal-level scopes for the user and
join them, credential first, with one space.

A merge-field value that would add a scope, or carry a character RFC 6749
forbids, makes the composition fail: credscope never sends a widened scope.
Exit status 1 when any credential fails, or when the user reaches no
principal of one, since no callout can be made through it; its scope still
prints.`,
		Example: `  credscope scope --project testdata/example --user testdata/example/users/alice.yaml
  credscope scope --project . --user bob.yaml --credential Support_Portal --json
  credscope scope --project . --user alice.yaml --set '$User.Department=Customer Service'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if projectDir == "" || userFile == "" {
				return usageErrorf("scope needs --project DIR and --user FILE")
			}
			p, err := scope.Load(projectDir)
			if err != nil {
				return &statusError{status: exitUsage, err: err}
			}
			for _, prob := range p.Problems {
				fmt.Fprintf(stdio.Err, "credscope: %s: %s\n", prob.Pos, prob.Msg)
			}
			creds := p.ExternalCredentials
			if credential != "" {
				c, err := externalCredential(p, "--credential", credential, projectDir)
				if err != nil {
					return err
				}
				creds = []*scope.ExternalCredential{c}
			}
			f := envFlags{userFile: userFile, now: now, sets: sets}
			e, err := f.buildPrepared(p)
			if err != nil {
				return err
			}
			uc := e.user
			var results []scopeResult
			var unreached []string
			failed := 0
			for _, c := range creds {
				comp, err := e.prep.Compose(c, uc.User(e.vals), e.run)
				r := newScopeResult(comp, err)
				switch {
				case err != nil:
					failed++
				case comp.Principal == nil:
					unreached = append(unreached, c.Name)
				}
				results = append(results, r)
			}
			if asJSON {
				if err := writeJSON(stdio.Out, results); err != nil {
					return err
				}
			} else {
				writeScopeText(stdio.Out, results)
			}
			// A file that did not load may hold a credential the user reaches.
			failed += len(p.Problems) + len(unreached)
			if failed > 0 {
				for _, r := range results {
					if r.Error != "" {
						fmt.Fprintf(stdio.Err, "credscope: %s\n", r.Error)
					}
				}
				for _, name := range unreached {
					fmt.Fprintf(stdio.Err, "credscope: %s: the user reaches no principal, so no callout can be made through it\n", name)
				}
				return &statusError{status: exitFormula, err: fmt.Errorf("%d credential(s) failed", failed), printed: true}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&projectDir, "project", "", "the SFDX project `DIR`")
	cmd.Flags().StringVar(&userFile, "user", "", "a YAML or JSON `FILE` describing the running user and their permission sets")
	cmd.Flags().StringVar(&credential, "credential", "", "only this external credential `NAME`")
	cmd.Flags().StringVar(&now, "now", "", "evaluate NOW() at this RFC 3339 `INSTANT`")
	registerSet(cmd, &sets)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// scopeResult is one credential's composition, as printed.
type scopeResult struct {
	Credential      string  `json:"credential"`
	Principal       string  `json:"principal,omitempty"`
	IdentityType    string  `json:"identityType,omitempty"`
	Sequence        int     `json:"sequenceNumber,omitempty"`
	Why             string  `json:"why"`
	CredentialScope *string `json:"credentialScope"`
	PrincipalScope  *string `json:"principalScope"`
	Scope           *string `json:"scope"`
	Error           string  `json:"error,omitempty"`
}

func newScopeResult(comp *scope.Composition, err error) scopeResult {
	r := scopeResult{Credential: comp.Credential.Name, Why: comp.Why}
	if pr := comp.Principal; pr != nil {
		r.Principal, r.IdentityType = pr.Name(), pr.Type.Text
		r.Sequence, _ = pr.Sequence()
	}
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.CredentialScope = textOrNil(comp.CredentialScope)
	r.PrincipalScope = textOrNil(comp.PrincipalScope)
	r.Scope = textOrNil(comp.Scope)
	return r
}

func textOrNil(v eval.Value) *string {
	if v.IsBlank() {
		return nil
	}
	s := strings.Join(strings.Fields(displayValue(v)), " ")
	return &s
}

func writeScopeText(w io.Writer, results []scopeResult) {
	show := func(s *string) string {
		if s == nil {
			return "(none)"
		}
		return *s
	}
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, r.Credential)
		if r.Principal != "" {
			fmt.Fprintf(w, "  principal:        %s (%s, sequence %d): %s\n", r.Principal, r.IdentityType, r.Sequence, r.Why)
		} else {
			fmt.Fprintf(w, "  principal:        none: %s\n", r.Why)
		}
		if r.Error != "" {
			fmt.Fprintf(w, "  error:            %s\n", r.Error)
			continue
		}
		fmt.Fprintf(w, "  credential scope: %s\n", show(r.CredentialScope))
		fmt.Fprintf(w, "  principal scope:  %s\n", show(r.PrincipalScope))
		if r.Scope == nil {
			fmt.Fprintln(w, "  scope:            (none: the auth provider's default scopes apply)")
		} else {
			fmt.Fprintf(w, "  scope:            %s\n", *r.Scope)
		}
	}
}
