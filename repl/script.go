package repl

import (
	"bufio"
	"io"
	"strings"
)

// script runs the input as a script: each entry's result on a line of its
// own, errors on the error stream, and a *FailedError at the end when any
// entry failed.
func (s *session) script(in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var lines []string
	first, n := 0, 0
	for !s.quit && sc.Scan() {
		n++
		if len(lines) == 0 {
			first = n
		}
		lines = append(lines, strings.TrimSuffix(sc.Text(), "\r"))
		e := newEntry(lines, nil, first)
		if s.more(e.text) != 0 {
			continue
		}
		lines = nil
		s.exec(e)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(lines) > 0 && !s.quit { // the input ended inside an entry
		s.exec(newEntry(lines, nil, first))
	}
	if s.failed > 0 {
		return &FailedError{Failed: s.failed}
	}
	return nil
}
