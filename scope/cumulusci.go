package scope

import "strings"

// CumulusCI, the build tool of many open-source Salesforce packages,
// deploys metadata outside a package's directories with namespace tokens
// in it, %%%NAMESPACE%%%Field__c in a formula and ___NAMESPACE___ in a
// file name, and replaces each before the deploy: by the package's prefix
// in its packaging org, by nothing, or "c", everywhere else. credscope
// reads the files as that unmanaged deploy sees them, so that the
// formulas name the project's own fields, which resolve either way.

// namespaceTokens are the tokens of file contents and what an unmanaged
// deploy puts in their place.
var namespaceTokens = [][2]string{
	{"%%%NAMESPACE%%%", ""},
	{"%%%NAMESPACED_ORG%%%", ""},
	{"%%%NAMESPACE_DOT%%%", ""},
	{"%%%NAMESPACE_OR_C%%%", "c"},
	{"%%%NAMESPACED_ORG_OR_C%%%", "c"},
}

// textTokens replaces the tokens of file contents.
var textTokens = func() *strings.Replacer {
	var pairs []string
	for _, t := range namespaceTokens {
		pairs = append(pairs, t[0], t[1])
	}
	return strings.NewReplacer(pairs...)
}()

// nameTokens replaces the tokens of file and directory names.
var nameTokens = strings.NewReplacer("___NAMESPACE___", "", "___NAMESPACED_ORG___", "")

// namespaceToken returns the token s starts with and what replaces it.
func namespaceToken(s string) (token, with string, ok bool) {
	if !strings.HasPrefix(s, "%%%") {
		return "", "", false
	}
	for _, t := range namespaceTokens {
		if strings.HasPrefix(s, t[0]) {
			return t[0], t[1], true
		}
	}
	return "", "", false
}
