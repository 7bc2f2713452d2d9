package scope

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The metadata file suffixes the loader reads.
const (
	ExternalCredentialSuffix = ".externalCredential-meta.xml"
	NamedCredentialSuffix    = ".namedCredential-meta.xml"
	PermissionSetSuffix      = ".permissionset-meta.xml"
	// CustomFieldSuffix names custom field files; the loader reads those of
	// the User object, objects/User/fields/NAME.field-meta.xml, so that
	// formulas may use $User.NAME.
	CustomFieldSuffix = ".field-meta.xml"
)

// Project is the credentials of an SFDX project, or of a set of files.
type Project struct {
	ExternalCredentials []*ExternalCredential
	NamedCredentials    []*NamedCredential
	PermissionSets      []*PermissionSet
	// UserFields are the custom fields of the User object, such as
	// Region__c, with their Salesforce field types.
	UserFields []*CustomField
	// Objects are the objects the project declares, or declares fields
	// of, in the order their files were read.
	Objects []*CustomObject
	// Criteria are the formulas of workflow rules and field updates,
	// approval processes and assignment rules.
	Criteria []*Criteria
	// Flows are the project's flows.
	Flows []*Flow
	// Labels are the project's custom labels, from its labels files.
	Labels []*CustomLabel
	// ValueSets are the project's global and standard value sets.
	ValueSets []*ValueSet
	// Files lists every file read, in the order read.
	Files []string
	// Roots are the absolute paths of the project roots Load found: the
	// directories that hold sfdx-project.json or package.xml.
	Roots []string
	// Empty lists the paths given to Load that hold no credential
	// metadata.
	Empty []string
	// Namespace is the namespace prefix of sfdx-project.json, if any;
	// references may name the project's components with or without it.
	// With several projects, it is the first one's.
	Namespace string
	// namespaces are the namespace prefixes of every project loaded.
	namespaces []string
	// apiVersions are the API versions of the projects, by canonical root.
	apiVersions map[string]float64
	// Problems are files that could not be understood: malformed XML, or
	// the wrong root element. The rest of the project still loads.
	Problems []*XMLError

	// labelsRead is set once a labels file is read: the project's labels
	// are then all a formula may read of $Label.
	labelsRead bool

	// suppressions are the credscope:ignore comments of the files.
	suppressions []suppression
	// asked holds the canonical paths of the files findings are wanted
	// for; nil wants all.
	asked map[string]bool
}

// ExternalCredential returns the external credential of that name.
func (p *Project) ExternalCredential(name string) (*ExternalCredential, bool) {
	for _, c := range p.ExternalCredentials {
		if sameName(name, c.Name, p.namespaces...) {
			return c, true
		}
	}
	return nil, false
}

// NamedCredential returns the named credential of that name.
func (p *Project) NamedCredential(name string) (*NamedCredential, bool) {
	for _, c := range p.NamedCredentials {
		if sameName(name, c.Name, p.namespaces...) {
			return c, true
		}
	}
	return nil, false
}

// LoadFile adds one file's contents to the project, as Load does for each
// file it reads.
func (p *Project) LoadFile(name string, data []byte) { p.add(name, data) }

func (p *Project) add(file string, data []byte) {
	fk, ok := metadataKind(file)
	if !ok {
		p.Problems = append(p.Problems, &XMLError{Pos: Pos{File: file, Line: 1, Column: 1},
			Msg: "not a credential metadata file: want *" + ExternalCredentialSuffix + ", *" + NamedCredentialSuffix + " or *" + PermissionSetSuffix + ", or the Metadata API's names without -meta.xml"})
		return
	}
	p.Files = append(p.Files, file)
	root, err := parseXML(file, data)
	if err != nil {
		var xe *XMLError
		if errors.As(err, &xe) {
			p.Problems = append(p.Problems, xe)
		}
		return
	}
	kind, name := fk.kind, fk.name
	if root.Name != kind {
		p.Problems = append(p.Problems, &XMLError{Pos: root.Pos,
			Msg: fmt.Sprintf("the root element is <%s>; a %s file holds <%s>", root.Name, fk.suffix, kind)})
		return
	}
	p.suppressions = append(p.suppressions, suppressions(root)...)
	switch kind {
	case "CustomObject":
		p.addObject(fk.object, file, root)
	case "CustomField":
		p.addField(name, fk.object, file, root)
	case "ValidationRule":
		p.object(fk.object).ValidationRules = append(p.object(fk.object).ValidationRules, buildValidationRule(name, fk.object, file, root))
	case "Workflow":
		p.addWorkflow(fk.object, root)
	case "ApprovalProcess":
		p.addApprovalProcess(name, fk.object, root)
	case "AssignmentRules":
		p.addAssignmentRules(fk.object, root)
	case "Flow":
		p.Flows = append(p.Flows, buildFlow(name, file, root))
	case "CustomLabels":
		p.addLabels(file, root)
	case "CustomLabel":
		p.addLabel(name, file, root)
	case "GlobalValueSet", "StandardValueSet":
		p.addValueSet(kind, name, file, root)
	case "ExternalCredential":
		p.ExternalCredentials = append(p.ExternalCredentials, buildExternalCredential(name, file, root))
	case "NamedCredential":
		p.NamedCredentials = append(p.NamedCredentials, buildNamedCredential(name, file, root))
	default:
		p.PermissionSets = append(p.PermissionSets, buildPermissionSet(name, file, root))
	}
}

// projectFiles lists the metadata files of a project root: in the package
// directories of its sfdx-project.json when it has one, else in the whole
// tree. It also returns the project's namespace prefix, and as problems
// the package directories that leave the project and the files it refuses.
func projectFiles(dir string) (files []string, namespace string, problems []*XMLError, err error) {
	root, err := newProjectRoot(dir)
	if err != nil {
		return nil, "", nil, err
	}
	roots := []string{dir}
	cfgFile := filepath.Join(dir, "sfdx-project.json")
	data, err := readFile(cfgFile)
	var xe *XMLError
	switch {
	case errors.As(err, &xe):
		return nil, "", []*XMLError{xe}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, "", nil, err
	case err == nil:
		cfg, err := parseProjectConfig(cfgFile, data)
		if err != nil {
			return nil, "", nil, err
		}
		namespace, problems = cfg.Namespace, cfg.problems
		if cfg.dirs != nil {
			roots = roots[:0]
			for _, pd := range cfg.dirs {
				full := filepath.Join(dir, filepath.FromSlash(pd.path))
				if _, err := os.Lstat(full); err == nil && !root.contains(full) {
					problems = append(problems, &XMLError{Pos: pd.pos,
						Msg: fmt.Sprintf("package directory %q leads outside the project through a symbolic link", pd.given)})
					continue
				}
				roots = append(roots, full)
			}
		}
	}
	for _, r := range roots {
		found, refused, err := metadataFiles(r, root)
		if errors.Is(err, fs.ErrNotExist) && r != dir {
			continue // a package directory not created yet holds nothing
		}
		if err != nil {
			return nil, "", nil, err
		}
		files = append(files, found...)
		problems = append(problems, refused...)
	}
	sort.Strings(files)
	return files, namespace, problems, nil
}

// metadataFiles lists the credential metadata files under dir, skipping
// hidden directories and node_modules. A symbolic link that leads outside
// the project is refused, as a problem.
func metadataFiles(dir string, project projectRoot) (files []string, refused []*XMLError, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := metadataKind(path); !ok {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && !project.contains(path) {
			refused = append(refused, &XMLError{Pos: Pos{File: path, Line: 1, Column: 1},
				Msg: "a symbolic link that leads outside the project; credscope reads only files inside it"})
			return nil
		}
		files = append(files, path)
		return nil
	})
	return files, refused, err
}

// skipDir reports whether the loader skips a directory of that name: hidden
// directories and node_modules hold no project metadata.
func skipDir(name string) bool { return strings.HasPrefix(name, ".") || name == "node_modules" }

// Elements each metadata type knows; others are reported as unknown.
// fullName is the Metadata base type's field, which files in the Metadata
// API format may carry; masterLabel was ExternalCredential's label before
// API version 56.0.
var (
	externalCredentialElements = map[string]bool{"fullName": true, "label": true, "masterLabel": true, "authenticationProtocol": true, "description": true, "externalCredentialParameters": true}
	namedCredentialElements    = func() map[string]bool {
		m := map[string]bool{
			"fullName": true, "label": true, "namedCredentialType": true, "calloutStatus": true, "allowMergeFieldsInHeader": true,
			"allowMergeFieldsInBody": true, "generateAuthorizationHeader": true, "namedCredentialParameters": true,
			"description": true, "calloutOptions": true,
		}
		for _, f := range legacyFieldList {
			m[f.name] = true
		}
		return m
	}()
)

func buildExternalCredential(name, file string, root *element) *ExternalCredential {
	c := &ExternalCredential{Name: name, File: file, Pos: root.Pos,
		Label: valueOf(root, "label"), Protocol: valueOf(root, "authenticationProtocol"), Desc: valueOf(root, "description")}
	for _, e := range root.Children {
		switch {
		case e.Name == "externalCredentialParameters":
			c.Parameters = append(c.Parameters, &Parameter{
				Pos: e.Pos, Name: valueOf(e, "parameterName"), Type: valueOf(e, "parameterType"),
				Value: rawValueOf(e, "parameterValue"), Group: valueOf(e, "parameterGroup"),
				SequenceNumber: valueOf(e, "sequenceNumber"), Certificate: valueOf(e, "certificate"),
				AuthProvider: valueOf(e, "authProvider"), Description: valueOf(e, "description"),
				Principal: valueOf(e, "principal"),
			})
		case e.Name == "principals":
			c.Invented = append(c.Invented, e)
		case !externalCredentialElements[e.Name]:
			c.Unknown = append(c.Unknown, e)
		}
	}
	return c
}

func buildNamedCredential(name, file string, root *element) *NamedCredential {
	n := &NamedCredential{Name: name, File: file, Pos: root.Pos,
		Label: valueOf(root, "label"), Type: valueOf(root, "namedCredentialType"),
		CalloutStatus: valueOf(root, "calloutStatus"), AllowMergeFieldsInHeader: valueOf(root, "allowMergeFieldsInHeader"),
		AllowMergeFieldsInBody: valueOf(root, "allowMergeFieldsInBody"), GenerateAuthorizationHeader: valueOf(root, "generateAuthorizationHeader"),
		Description: valueOf(root, "description"), Legacy: readLegacy(root)}
	for _, e := range root.Children {
		switch {
		case e.Name == "namedCredentialParameters":
			n.Parameters = append(n.Parameters, &NamedParameter{
				Pos: e.Pos, Name: valueOf(e, "parameterName"), Type: valueOf(e, "parameterType"),
				Value: rawValueOf(e, "parameterValue"), ExternalCredential: valueOf(e, "externalCredential"),
				SequenceNumber: valueOf(e, "sequenceNumber"),
			})
		case !namedCredentialElements[e.Name]:
			n.Unknown = append(n.Unknown, e)
		}
	}
	return n
}

func buildPermissionSet(name, file string, root *element) *PermissionSet {
	ps := &PermissionSet{Name: name, File: file, Pos: root.Pos}
	for _, e := range root.Children {
		if e.Name == "externalCredentialPrincipalAccesses" {
			ps.Accesses = append(ps.Accesses, &PrincipalAccess{Pos: e.Pos,
				Enabled: valueOf(e, "enabled"), Principal: valueOf(e, "externalCredentialPrincipal")})
		}
	}
	return ps
}
