package difftest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// Deviation is a judged, known disagreement with the engine: one line of
// deviations.txt,
//
//	name | pattern | case | credscope's answer | the engine's answer | reason
//
// A disagreement is explained by the deviation when pattern, a Go regular
// expression, matches its key (see [Key]): the minimal formula and both
// answers. The case is the minimal example, written as [Case.String]
// writes it; the answers as [Key] writes them, with their error messages. The reason starts with what decides it:
// "documented:" (Salesforce's documentation), "platform:" (the live
// platform, with the source cited) or "engine bug:" (the engine is wrong
// and credscope is right).
type Deviation struct {
	Name      string
	Pattern   *regexp.Regexp
	Case      *Case
	Credscope string
	Engine    string
	Reason    string
	Line      int
}

// Deviations is the list read from deviations.txt.
type Deviations []*Deviation

var reasonKinds = []string{"documented:", "platform:", "engine bug:"}

// ReadDeviations reads a deviations file.
func ReadDeviations(path string) (Deviations, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseDeviations(path, f)
}

// ParseDeviations reads deviations, one a line; blank lines and lines
// starting with # are skipped.
func ParseDeviations(name string, r io.Reader) (Deviations, error) {
	var out Deviations
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, " | ")
		if len(parts) != 6 {
			return nil, fmt.Errorf("%s:%d: want 6 fields separated by \" | \", have %d", name, n, len(parts))
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		d := &Deviation{Name: parts[0], Credscope: parts[3], Engine: parts[4], Reason: parts[5], Line: n}
		if seen[d.Name] {
			return nil, fmt.Errorf("%s:%d: deviation %s listed twice", name, n, d.Name)
		}
		seen[d.Name] = true
		var err error
		if d.Pattern, err = regexp.Compile(parts[1]); err != nil {
			return nil, fmt.Errorf("%s:%d: pattern: %w", name, n, err)
		}
		if d.Case, err = ParseCase(parts[2]); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if key := d.key(); !d.Pattern.MatchString(key) {
			return nil, fmt.Errorf("%s:%d: pattern %s does not match its own key %s", name, n, parts[1], key)
		}
		if !hasReasonKind(d.Reason) {
			return nil, fmt.Errorf("%s:%d: reason must start with one of %s", name, n, strings.Join(reasonKinds, " "))
		}
		out = append(out, d)
	}
	return out, sc.Err()
}

func hasReasonKind(reason string) bool {
	for _, k := range reasonKinds {
		if strings.HasPrefix(reason, k) {
			return true
		}
	}
	return false
}

// Key is what a deviation's pattern is matched against:
//
//	formula => credscope: answer => engine: answer
//
// where an error answer reads "error (message)" and a long one is cut.
func Key(formula string, cred, eng Answer) string {
	return formula + " => credscope: " + detail(cred) + " => engine: " + detail(eng)
}

func (d *Deviation) key() string {
	return d.Case.Formula + " => credscope: " + d.Credscope + " => engine: " + d.Engine
}

// Explain returns the first deviation whose pattern matches the key of a
// minimal disagreement, or nil.
func (ds Deviations) Explain(minimal *Case, cred, eng Answer) *Deviation {
	key := Key(minimal.Formula, cred, eng)
	for _, d := range ds {
		if d.Pattern.MatchString(key) {
			return d
		}
	}
	return nil
}
