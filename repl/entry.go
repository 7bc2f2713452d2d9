package repl

import "strings"

// entry is one complete input: a line, or several when a formula continued.
type entry struct {
	text  string   // the lines joined with \n
	lines []string // as typed
	// prompts holds the display width of the prompt before each line on a
	// terminal; nil in a script.
	prompts []int
	// first is the script line number of the first line.
	first int
}

func newEntry(lines []string, prompts []int, first int) *entry {
	return &entry{text: strings.Join(lines, "\n"), lines: lines, prompts: prompts, first: first}
}

// lineCol returns the line index and the byte offset in that line of byte
// off of the entry's text.
func (e *entry) lineCol(off int) (line, col int) {
	off = max(0, min(off, len(e.text)))
	start := 0
	for i, l := range e.lines {
		if off <= start+len(l) || i == len(e.lines)-1 {
			return i, min(off-start, len(l))
		}
		start += len(l) + 1
	}
	return 0, 0
}

// srcError is an error in a formula that starts at byte base of the entry.
type srcError struct {
	err  error
	base int
}

func (e *srcError) Error() string { return e.err.Error() }
func (e *srcError) Unwrap() error { return e.err }

// hintError is an error with advice on what to do instead.
type hintError struct {
	err  error
	hint string
}

func (e *hintError) Error() string { return e.err.Error() }
func (e *hintError) Unwrap() error { return e.err }

// shownError is a failure whose details are already printed: it counts,
// but on a terminal it prints nothing more.
type shownError struct {
	err error
}

func (e *shownError) Error() string { return e.err.Error() }
func (e *shownError) Unwrap() error { return e.err }
