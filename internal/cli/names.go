package cli

import (
	"fmt"

	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/scope"
)

// externalCredential finds the external credential that flag names in
// project p, loaded from dir; a name it lacks is a usage error that
// suggests the near names, or lists them all.
func externalCredential(p *scope.Project, flag, name, dir string) (*scope.ExternalCredential, error) {
	if c, ok := p.ExternalCredential(name); ok {
		return c, nil
	}
	names := make([]string, len(p.ExternalCredentials))
	for i, c := range p.ExternalCredentials {
		names[i] = c.Name
	}
	return nil, notFound(flag, name, "external credential", dir, names)
}

// namedCredential is externalCredential for named credentials.
func namedCredential(p *scope.Project, flag, name, dir string) (*scope.NamedCredential, error) {
	if c, ok := p.NamedCredential(name); ok {
		return c, nil
	}
	names := make([]string, len(p.NamedCredentials))
	for i, c := range p.NamedCredentials {
		names[i] = c.Name
	}
	return nil, notFound(flag, name, "named credential", dir, names)
}

// notFound is the usage error for a name that flag gives and the project
// lacks, with a hint: the near names, or every name.
func notFound(flag, name, what, dir string, names []string) error {
	hint := suggest.DidYouMean(name, names)
	switch {
	case hint != "":
	case len(names) == 0:
		hint = fmt.Sprintf("%s holds no %s", dir, what)
	default:
		hint = fmt.Sprintf("the %ss are %s", what, suggest.AndList(names))
	}
	return &statusError{status: exitUsage, err: fmt.Errorf("%s %s: no such %s in %s", flag, name, what, dir), hint: hint}
}
