package difftest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Row is a case of a hand-written table with the answers both engines
// give it, as [Key] writes an answer: one line of a table file,
//
//	case | credscope's answer | the engine's answer
//
// A table pins down a family of behaviour (picklists.txt: picklist
// fields) case by case, error wording included, where the random
// generator would reach it only by chance.
type Row struct {
	Case      *Case
	Credscope string
	Engine    string
	Line      int
}

// ReadTable reads a table file.
func ReadTable(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseTable(path, f)
}

// ParseTable reads rows, one a line; blank lines and lines starting with
// # are skipped. A case's formula may itself hold " | ", so the answers
// are the last two fields.
func ParseTable(name string, r io.Reader) ([]Row, error) {
	var out []Row
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, " | ")
		if len(parts) < 3 {
			return nil, fmt.Errorf("%s:%d: want case | credscope | engine", name, n)
		}
		k := len(parts) - 2
		c, err := ParseCase(strings.Join(parts[:k], " | "))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		out = append(out, Row{Case: c, Credscope: parts[k], Engine: parts[k+1], Line: n})
	}
	return out, sc.Err()
}

// WriteTable writes rows back in place of the rows of the table text
// src, keeping its comments and blank lines.
func WriteTable(w io.Writer, src string, rows []Row) error {
	byLine := map[int]Row{}
	for _, r := range rows {
		byLine[r.Line] = r
	}
	for i, line := range strings.SplitAfter(src, "\n") {
		if r, ok := byLine[i+1]; ok {
			line = r.Case.String() + " | " + r.Credscope + " | " + r.Engine + "\n"
		}
		if _, err := io.WriteString(w, line); err != nil {
			return err
		}
	}
	return nil
}
