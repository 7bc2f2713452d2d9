package scope

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/credscope/credscope/eval"
)

// WriteUserContext writes the fields vals holds, with the permission sets,
// as a context file that ReadUserContext reads back to the same values.
// Blank fields are left out. $Credential parameters are written, so the
// file is as secret as they are; a secret value copied into any other
// field is left out, lest it lose its secrecy on the way back, and counted
// in left. written counts the fields written.
func WriteUserContext(w io.Writer, vals *eval.Values, permissionSets []string) (written, left int, err error) {
	type entry struct{ key, value string }
	sections := map[string][]entry{}
	creds := map[string][]entry{}
	var credNames []string
	for _, f := range vals.Schema().Fields() {
		v, gerr := vals.Get(f.Name)
		if gerr != nil || v.IsBlank() {
			continue
		}
		section, key, ok := contextKey(f.Name)
		if !ok {
			continue
		}
		if v.Secret() && section != "credentials" {
			left++
			continue
		}
		text := contextValue(v)
		if section == "credentials" {
			name, param, _ := strings.Cut(key, ".")
			if creds[name] == nil {
				credNames = append(credNames, name)
			}
			creds[name] = append(creds[name], entry{param, text})
		} else {
			sections[section] = append(sections[section], entry{key, text})
		}
		written++
	}
	var b strings.Builder
	b.WriteString("# A credscope user context: credscope eval --user FILE, or :user FILE in the REPL.\n")
	for _, section := range []string{"user", "organization", "profile", "userRole", "permissions", "credentials", "fields"} {
		if section == "credentials" {
			if len(credNames) == 0 {
				continue
			}
			b.WriteString("credentials:\n")
			for _, name := range credNames {
				fmt.Fprintf(&b, "  %s:\n", name)
				for _, e := range creds[name] {
					fmt.Fprintf(&b, "    %s: %s\n", e.key, e.value)
				}
			}
			continue
		}
		if len(sections[section]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s:\n", section)
		for _, e := range sections[section] {
			fmt.Fprintf(&b, "  %s: %s\n", e.key, e.value)
		}
	}
	if len(permissionSets) > 0 {
		b.WriteString("permissionSets:\n")
		for _, ps := range permissionSets {
			fmt.Fprintf(&b, "  - %s\n", quoteYAML(ps))
		}
	}
	_, err = io.WriteString(w, b.String())
	return written, left, err
}

// contextKey returns the section of a context file that holds a field, and
// its key there; ok is false for a field no section holds.
func contextKey(field string) (section, key string, ok bool) {
	if !strings.HasPrefix(field, "$") {
		return "fields", field, true
	}
	if rest, ok := strings.CutPrefix(field, "$Credential."); ok {
		return "credentials", rest, strings.Contains(rest, ".")
	}
	for section, prefix := range contextSections {
		if prefix != "" && strings.HasPrefix(field, prefix) {
			return section, field[len(prefix):], true
		}
	}
	return "", "", false
}

// contextValue is a value as a context file writes it: text quoted, so a
// custom field keeps its type; numbers and booleans bare.
func contextValue(v eval.Value) string {
	switch v.Type() {
	case eval.Number:
		return v.String()
	case eval.Boolean:
		if v.Bool() {
			return "true"
		}
		return "false"
	case eval.Text:
		return quoteYAML(v.Text())
	}
	return quoteYAML(v.String())
}

// quoteYAML quotes s as a YAML double-quoted scalar: JSON's string syntax
// is a subset of it.
func quoteYAML(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
