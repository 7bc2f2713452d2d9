package eval

import "strings"

// Type is a formula data type. Currency and Percent fields are Numbers;
// Checkbox fields are Booleans.
type Type uint8

// The formula types. Null is the type of the NULL literal, which fits any
// other type.
const (
	Invalid Type = iota
	Null
	Text
	Number
	Boolean
	Date
	DateTime
	Time
	Geolocation
	Blob
	// Any is accepted where a parameter takes every type; it is never the
	// type of a value.
	Any
	// Picklist and MultiPicklist are the types of picklist fields, which
	// only some functions read (see picklist.go).
	Picklist
	MultiPicklist
)

var typeNames = [...]string{
	Invalid: "Invalid", Null: "Null", Text: "Text", Number: "Number",
	Boolean: "Boolean", Date: "Date", DateTime: "DateTime", Time: "Time",
	Geolocation: "Geolocation", Blob: "Blob", Any: "Any",
	Picklist: "Picklist", MultiPicklist: "MultiselectPicklist",
}

// String returns the type's name as Salesforce's messages spell it.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Invalid"
}

// ParseType returns the type named s, case-insensitively. It also accepts
// the names of Salesforce field types that map onto formula types: Currency,
// Percent, Double, Integer, Checkbox, DateOnly, TimeOnly, Email, Phone, Url,
// TextArea, Picklist and Id.
func ParseType(s string) (Type, bool) {
	switch strings.ToLower(s) {
	case "text", "string", "textarea", "longtextarea", "email", "phone", "url", "picklist", "id", "reference", "encryptedstring":
		return Text, true
	case "number", "double", "integer", "int", "long", "decimal", "currency", "percent":
		return Number, true
	case "boolean", "checkbox":
		return Boolean, true
	case "date", "dateonly":
		return Date, true
	case "datetime":
		return DateTime, true
	case "time", "timeonly":
		return Time, true
	case "geolocation", "location":
		return Geolocation, true
	case "blob", "base64":
		return Blob, true
	case "null":
		return Null, true
	}
	return Invalid, false
}

// assignable reports whether a value of type from can stand where type to is
// expected: the same type, NULL anywhere, and anything where Any is expected.
func assignable(from, to Type) bool {
	return from == to || from == Null || to == Any || from == Invalid
}
