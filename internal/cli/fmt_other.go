//go:build !unix

package cli

import "os"

// linkCount is unknown off Unix.
func linkCount(os.FileInfo) (uint64, bool) { return 0, false }

// processAlive cannot tell off Unix, so a temporary file is stale only by
// its age.
func processAlive(int) bool { return true }
