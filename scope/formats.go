package scope

import (
	"path/filepath"
	"strings"
)

// Salesforce keeps metadata in two formats. The source format of SFDX
// projects names files NAME.SUFFIX-meta.xml, in the packageDirectories of
// sfdx-project.json; the Metadata API format names them NAME.SUFFIX, under
// a folder with a package.xml. The loader reads both.

// metaXML is the source format's addition to a Metadata API file name.
const metaXML = "-meta.xml"

// credentialTypes are the credential metadata types, with their Metadata
// API suffixes.
var credentialTypes = []struct{ kind, suffix string }{
	{"ExternalCredential", ".externalCredential"},
	{"NamedCredential", ".namedCredential"},
	{"PermissionSet", ".permissionset"},
}

// fileKind is what a metadata file holds.
type fileKind struct {
	kind   string // the root element: ExternalCredential, CustomField, ...
	suffix string // the file name's suffix, for messages
	name   string // the component's API name, from the file name
}

// metadataKind tells the type of a metadata file from its path, in either
// format; ok is false for a file the loader does not read.
func metadataKind(path string) (fk fileKind, ok bool) {
	base := filepath.Base(path)
	for _, t := range credentialTypes {
		for _, suffix := range []string{t.suffix + metaXML, t.suffix} {
			if name, found := strings.CutSuffix(base, suffix); found && name != "" {
				return fileKind{kind: t.kind, suffix: suffix, name: name}, true
			}
		}
	}
	if isUserField(path) {
		return fileKind{kind: "CustomField", suffix: CustomFieldSuffix, name: strings.TrimSuffix(base, CustomFieldSuffix)}, true
	}
	// The Metadata API format keeps a custom object's fields in one file.
	if base == "User.object" && filepath.Base(filepath.Dir(path)) == "objects" {
		return fileKind{kind: "CustomObject", suffix: ".object", name: "User"}, true
	}
	return fileKind{}, false
}

// userObjectFields reads the custom fields of a Metadata API User.object.
func userObjectFields(file string, root *element) []*CustomField {
	var out []*CustomField
	for _, e := range root.Children {
		if e.Name != "fields" {
			continue
		}
		full := valueOf(e, "fullName")
		if !strings.HasSuffix(full.Text, "__c") {
			continue // standard fields are in the schema already
		}
		out = append(out, &CustomField{Name: full.Text, File: file, Pos: e.Pos, FullName: full, Type: valueOf(e, "type")})
	}
	return out
}
