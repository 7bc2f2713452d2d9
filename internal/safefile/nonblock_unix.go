//go:build unix

package safefile

import "syscall"

// nonblock opens a file without blocking, so that a FIFO cannot stall Read.
const nonblock = syscall.O_NONBLOCK
