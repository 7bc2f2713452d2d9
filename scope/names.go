package scope

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The naming rules. Each says where it comes from.

// validAPIName checks the API name of a credential or permission set, with
// an optional namespace prefix, and returns why it is invalid, or "".
//
// Source: the DeveloperName field of the NamedCredential and
// ExternalCredential objects (Object Reference): "can contain only
// underscores and alphanumeric characters, and must be unique in your
// organization. It must begin with a letter, not include spaces, not end
// with an underscore, and not contain two consecutive underscores." A
// managed package's components are named NAMESPACE__Name in subscriber orgs,
// and retrieved files carry that name, such as copado__mc_backend.
func validAPIName(name string) string {
	if ns, local, ok := strings.Cut(name, "__"); ok && ns != "" && developerName(ns) == "" {
		if why := validNamespace(ns); why != "" {
			return why
		}
		return developerName(local)
	}
	return developerName(name)
}

// developerName applies the DeveloperName rule without a namespace.
func developerName(name string) string {
	switch {
	case name == "":
		return "is empty"
	case !isASCIILetter(rune(name[0])):
		return "must begin with a letter"
	case strings.HasSuffix(name, "_"):
		return "must not end with an underscore"
	case strings.Contains(name, "__"):
		return "must not contain two consecutive underscores"
	}
	for _, r := range name {
		if !isASCIILetter(r) && !(r >= '0' && r <= '9') && r != '_' {
			if r == ' ' {
				return "must not contain spaces"
			}
			return fmt.Sprintf("may contain only letters, digits and underscores, not %q", r)
		}
	}
	return ""
}

// maxNamespace is the longest namespace prefix.
const maxNamespace = 15

// validNamespace checks a namespace prefix.
//
// Source: Salesforce's packaging guide, "Register a Namespace Prefix": a
// prefix has 1 to 15 alphanumeric characters, begins with a letter, and
// follows the DeveloperName rule for underscores.
func validNamespace(ns string) string {
	if len(ns) > maxNamespace {
		return fmt.Sprintf("has a namespace prefix %q longer than %d characters", ns, maxNamespace)
	}
	return developerName(ns)
}

// maxPrincipalName is the length of the parameterName field.
const maxPrincipalName = 255

// validPrincipalName checks the name of a principal and returns why it is
// invalid, or "".
//
// Source: a principal's name is the parameterName of an
// ExternalCredentialParameter (Metadata API), a free-text field of up to
// 255 characters that Setup fills from the principal's "Parameter Name".
// It is not a DeveloperName: retrieved metadata holds principal names with
// spaces, such as "GCAI API Principal" or "Gearset Archive Viewer
// Principal", and permission sets grant them as CREDENTIAL-Principal Name.
// What remains invalid is an empty name, white space at either end (the
// platform trims it, so the grant would not match) and control characters.
func validPrincipalName(raw string) string {
	switch {
	case strings.TrimSpace(raw) == "":
		return "is empty"
	case strings.TrimSpace(raw) != raw:
		return "must not begin or end with white space"
	case utf8.RuneCountInString(raw) > maxPrincipalName:
		return fmt.Sprintf("is longer than %d characters", maxPrincipalName)
	}
	for _, r := range raw {
		if unicode.IsControl(r) {
			return fmt.Sprintf("must not contain the control character %U", r)
		}
	}
	return ""
}

func isASCIILetter(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }

// sameName reports whether a reference names a component: exactly, or with
// one of the projects' namespace prefixes on one side only, since a
// namespaced project's files name their components without the prefix
// that references, such as permission-set grants, carry.
func sameName(ref, name string, namespaces ...string) bool {
	if ref == name {
		return true
	}
	for _, ns := range namespaces {
		prefix := ns + "__"
		if strings.TrimPrefix(ref, prefix) == strings.TrimPrefix(name, prefix) {
			return true
		}
	}
	return false
}
