// Package credscope holds what the credscope command ships inside its
// binary: the example SFDX project that its REPL starts on.
package credscope

import (
	"embed"
	"io/fs"
)

//go:embed testdata/example
var example embed.FS

// Example returns the example SFDX project: sfdx-project.json, the
// credentials, named credentials and permission sets under force-app, and
// the context files of three users under users/ (alice.yaml, bob.yaml and
// carol.yaml).
func Example() fs.FS {
	sub, err := fs.Sub(example, "testdata/example")
	if err != nil {
		panic(err) // the directory is embedded, so it exists
	}
	return sub
}
