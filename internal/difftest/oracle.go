package difftest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
)

// Oracle is a running instance of Salesforce's formula engine: the driver
// in the oracle directory (run.sh), which reads one JSON case a line and
// answers each with one JSON line. It is safe for concurrent use; calls
// are served one batch at a time.
type Oracle struct {
	mu   sync.Mutex
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	next int
}

// OracleDir returns the oracle directory: $CREDSCOPE_ORACLE_DIR, or else
// shared/oracle in the nearest folder above dir that holds one (beside the
// module root in a checkout laid out as CI lays it).
func OracleDir(dir string) (string, error) {
	if d := os.Getenv("CREDSCOPE_ORACLE_DIR"); d != "" {
		return d, nil
	}
	for d := dir; ; d = filepath.Dir(d) {
		o := filepath.Join(d, "shared", "oracle")
		if _, err := os.Stat(o); err == nil {
			return o, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("no shared/oracle above " + dir + "; set CREDSCOPE_ORACLE_DIR")
		}
	}
}

// StartOracle starts the engine's driver from dir.
func StartOracle(dir string) (*Oracle, error) {
	run := filepath.Join(dir, "run.sh")
	if _, err := os.Stat(run); err != nil {
		return nil, fmt.Errorf("oracle: %w (run setup.sh in %s first)", err, dir)
	}
	cmd := exec.Command("bash", run)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("oracle: %w", err)
	}
	return &Oracle{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<16)}, nil
}

// Close stops the engine.
func (o *Oracle) Close() error {
	o.in.Close()
	return o.cmd.Wait()
}

// oracleField is a field as the driver reads it.
type oracleField struct {
	T string  `json:"t"`
	V *string `json:"v"`
}

type oracleCase struct {
	ID         string                 `json:"id"`
	F          string                 `json:"f"`
	RType      string                 `json:"rtype"`
	Fields     map[string]oracleField `json:"fields,omitempty"`
	NullAsNull bool                   `json:"nullAsNull"`
}

type oracleAnswer struct {
	ID    string  `json:"id"`
	Null  bool    `json:"null"`
	Value *string `json:"value"`
	Err   string  `json:"err"`
}

// Eval evaluates cases with the engine, in order.
func (o *Oracle) Eval(cases []*Case) ([]Answer, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	lines := make([][]byte, len(cases))
	ids := make([]string, len(cases))
	for i, c := range cases {
		o.next++
		ids[i] = strconv.Itoa(o.next)
		b, err := json.Marshal(toOracle(ids[i], c))
		if err != nil {
			return nil, err
		}
		lines[i] = append(b, '\n')
	}
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(o.in)
		for _, l := range lines {
			if _, err := w.Write(l); err != nil {
				werr <- err
				return
			}
		}
		werr <- w.Flush()
	}()
	out := make([]Answer, len(cases))
	for i, c := range cases {
		line, err := o.out.ReadBytes('\n')
		if err != nil {
			return nil, fmt.Errorf("oracle: reading answer %d: %w", i, err)
		}
		var a oracleAnswer
		if err := json.Unmarshal(line, &a); err != nil {
			return nil, fmt.Errorf("oracle: answer %q: %w", line, err)
		}
		if a.ID != ids[i] {
			return nil, fmt.Errorf("oracle: answer for case %s where %s was due", a.ID, ids[i])
		}
		out[i] = fromOracle(c.Type, &a)
	}
	if err := <-werr; err != nil {
		return nil, fmt.Errorf("oracle: %w", err)
	}
	return out, nil
}

func fromOracle(t eval.Type, a *oracleAnswer) Answer {
	if a.Err != "" {
		return Answer{Err: a.Err}
	}
	v := ""
	if a.Value != nil {
		v = *a.Value
	}
	s, err := Canonical(t, v, a.Null || a.Value == nil)
	if err != nil {
		return Answer{Err: "unreadable answer: " + err.Error()}
	}
	return Answer{Value: s}
}

// toOracle writes a case for the driver. The driver reads neither
// date-time nor time values, so each date-time field with a value, and
// each time field, is written into the formula as DATETIMEVALUE or
// TIMEVALUE of a text field that holds its value, blank for a blank time.
// A text field, unlike a literal, is not taken by the engine's optimiser
// for never null, so BLANKVALUE and NULLVALUE of it run as of the field.
func toOracle(id string, c *Case) oracleCase {
	oc := oracleCase{ID: id, F: c.Formula, RType: c.Type.String(), NullAsNull: c.BlankAsBlank}
	subst := map[string]string{}
	for _, f := range c.Fields {
		if oc.Fields == nil {
			oc.Fields = map[string]oracleField{}
		}
		if f.Type == eval.Time || f.Type == eval.DateTime && !f.Null {
			conv, text := "TIMEVALUE", "Difftest"+f.Name
			if f.Type == eval.DateTime {
				conv = "DATETIMEVALUE"
			}
			subst[strings.ToLower(f.Name)] = conv + "(" + text + ")"
			of := oracleField{T: "Text"}
			if !f.Null {
				v := f.Value
				of.V = &v
			}
			oc.Fields[text] = of
			continue
		}
		of := oracleField{T: f.Type.String()}
		if !f.Null {
			v := f.Value
			of.V = &v
		}
		oc.Fields[f.Name] = of
	}
	if len(subst) > 0 {
		f, err := formula.ReplaceIdents("formula", c.Formula, func(id string) (string, bool) {
			s, ok := subst[strings.ToLower(id)]
			return s, ok
		})
		if err == nil { // a formula that does not parse goes as it is
			oc.F = f
		}
	}
	return oc
}
