//go:build !unix

package safefile

// nonblock is 0 where there are no FIFOs to stall on, such as in the
// browser (js/wasm).
const nonblock = 0
