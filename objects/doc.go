// Package objects models Salesforce objects as formulas see them: each
// object's fields with their formula types, and the relationships a
// formula follows from one object to another, as in Account__r.Owner.Email.
//
// A Model holds objects by name. The scope package's loader builds one from
// a project's object metadata, on top of the embedded catalog of standard
// objects, and turns it into the eval.Schema a formula of an object is
// checked against.
package objects
