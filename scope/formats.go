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
	object string // the object an object or field file belongs to
}

// metadataKind tells the type of a metadata file from its path, in either
// format; ok is false for a file the loader does not read.
func metadataKind(path string) (fk fileKind, ok bool) {
	defer func() { fk.name, fk.object = nameTokens.Replace(fk.name), nameTokens.Replace(fk.object) }()
	base := filepath.Base(path)
	for _, t := range credentialTypes {
		for _, suffix := range []string{t.suffix + metaXML, t.suffix} {
			if name, found := strings.CutSuffix(base, suffix); found && name != "" {
				return fileKind{kind: t.kind, suffix: suffix, name: name}, true
			}
		}
	}
	if fk, ok := objectKind(path); ok {
		return fk, true
	}
	if fk, ok := folderKind(path); ok {
		return fk, true
	}
	return recordKind(path)
}
