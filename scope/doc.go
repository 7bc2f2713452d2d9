// Package scope models Salesforce External Credentials, Named Credentials
// and Permission Sets as an SFDX project keeps them, lints them, resolves
// the principal a user reaches and composes the OAuth scope the platform
// would request.
//
// Load reads a project, and LoadFS one held in an fs.FS; every element
// keeps the file, line and column it came from, so findings and formula
// errors point into the XML files. The loader never writes.
//
// User is the running user: name, permission sets and values. A context
// file describes one (ReadUserContext), and DeclareField is the one rule
// for the fields a user may bring that the schema lacks.
//
// Project.Prepare compiles every formula of a project once (each scope,
// JWT claim and header) against a schema, and freezes the schema. The
// Prepared project then only evaluates: Prepared.Compose composes a
// user's scope, Prepared.Claims and Prepared.Headers evaluate the claims
// and headers, and lint, the exchange, the CLI and the REPL all read the
// same compiled formulas. A formula error in metadata is a *FormulaError,
// with its position in the file and in the formula.
package scope
