// Package scope models Salesforce External Credentials, Named Credentials
// and Permission Sets as an SFDX project keeps them, lints them, resolves
// the principal a user reaches and composes the OAuth scope the platform
// would request.
//
// Load reads a project; every element keeps the file, line and column it
// came from, so findings and formula errors point into the XML files. The
// loader never writes.
package scope
