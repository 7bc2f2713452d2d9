package objects

import "strings"

// SystemFields returns the fields every custom object has, whatever the
// project declares: its Id and Name, who owns, created and last changed
// it and when, and its record type. nameType is the Name field's type,
// Text or AutoNumber; "" means Text. A custom metadata type (__mdt) has
// its own set: DeveloperName, MasterLabel, QualifiedApiName and the like.
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
	return []*Field{
		{Name: "Id", Type: "Id"},
		{Name: "Name", Type: nameType},
		{Name: "OwnerId", Type: "Lookup", ReferenceTo: []string{"User", "Group"}, Relationship: "Owner"},
		{Name: "CreatedById", Type: "Lookup", ReferenceTo: []string{"User"}, Relationship: "CreatedBy"},
		{Name: "CreatedDate", Type: "DateTime"},
		{Name: "LastModifiedById", Type: "Lookup", ReferenceTo: []string{"User"}, Relationship: "LastModifiedBy"},
		{Name: "LastModifiedDate", Type: "DateTime"},
		{Name: "SystemModstamp", Type: "DateTime"},
		{Name: "IsDeleted", Type: "Checkbox"},
		{Name: "RecordTypeId", Type: "Lookup", ReferenceTo: []string{"RecordType"}, Relationship: "RecordType"},
		{Name: "LastActivityDate", Type: "Date"},
		{Name: "LastViewedDate", Type: "DateTime"},
		{Name: "LastReferencedDate", Type: "DateTime"},
	}
}
