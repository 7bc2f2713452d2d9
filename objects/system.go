package objects

import "strings"

// SystemFields returns the fields every custom object has, whatever the
// project declares: the catalog's common fields (Id, who created and last
// changed the record, and when), its Name, its owner and record type, and
// the activity dates. nameType is the Name field's type, Text or
// AutoNumber; "" means Text. A custom metadata type (__mdt) has its own
// set: DeveloperName, MasterLabel, QualifiedApiName and the like.
func SystemFields(object, nameType string) []*Field {
	if strings.HasSuffix(strings.ToLower(object), "__mdt") {
		return []*Field{
			{Name: "Id", Type: "Id"},
			{Name: "DeveloperName", Type: "Text"},
			{Name: "MasterLabel", Type: "Text"},
			{Name: "Label", Type: "Text"},
			{Name: "Language", Type: "Picklist"},
			{Name: "NamespacePrefix", Type: "Text"},
			{Name: "QualifiedApiName", Type: "Text"},
		}
	}
	if nameType == "" {
		nameType = "Text"
	}
	return append(append([]*Field(nil), standard().common...),
		&Field{Name: "Name", Type: nameType},
		&Field{Name: "OwnerId", Type: "Lookup", ReferenceTo: []string{"User", "Group"}, Relationship: "Owner"},
		&Field{Name: "RecordTypeId", Type: "Lookup", ReferenceTo: []string{"RecordType"}, Relationship: "RecordType"},
		&Field{Name: "LastActivityDate", Type: "Date"},
		&Field{Name: "LastViewedDate", Type: "DateTime"},
		&Field{Name: "LastReferencedDate", Type: "DateTime"},
	)
}

// SettingFields returns the fields every custom setting has, whatever the
// project declares: the catalog's common fields, its Name and, for a
// hierarchy setting, SetupOwnerId, the organization, profile or user
// whose values the record holds. A custom setting has no owner, record
// type or activity dates.
func SettingFields(hierarchy bool) []*Field {
	out := append(append([]*Field(nil), standard().common...), &Field{Name: "Name", Type: "Text"})
	if hierarchy {
		out = append(out, &Field{Name: "SetupOwnerId", Type: "Lookup", ReferenceTo: []string{"Organization", "Profile", "User"}, Relationship: "SetupOwner"})
	}
	return out
}
