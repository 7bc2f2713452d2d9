package difftest

import (
	"bufio"
	_ "embed"
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

// Oracle is a running instance of Salesforce's formula engine, driven by
// the project's own driver (driver/Engine.java), which reads one JSON case
// a line and answers each with one JSON line. It is safe for concurrent
// use; calls are served one batch at a time.
type Oracle struct {
	mu   sync.Mutex
	cmd  *exec.Cmd
	tmp  string // holds the driver's source while it runs
	in   io.WriteCloser
	out  *bufio.Reader
	next int
}

// driverSource is the driver: the engine's own shared driver (run.sh in
// the oracle directory) declares no picklist fields, and gives a case 5 s
// of wall time, which a busy machine can use up; this one declares
// picklists and counts the case's CPU time.
//
//go:embed driver/Engine.java
var driverSource []byte

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

// StartOracle starts the engine from the oracle directory dir: Java with
// the options and class path with which dir's run.sh starts the engine's
// shared driver, running the project's driver in its place.
func StartOracle(dir string) (*Oracle, error) {
	run := filepath.Join(dir, "run.sh")
	if _, err := os.Stat(run); err != nil {
		return nil, fmt.Errorf("oracle: %w (run setup.sh in %s first)", err, dir)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, fmt.Errorf("oracle: %w (run setup.sh in %s first)", err, dir)
	}
	tmp, err := os.MkdirTemp("", "difftest-engine-")
	if err != nil {
		return nil, err
	}
	o, err := startDriver(java, run, tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return o, nil
}

func startDriver(java, run, tmp string) (*Oracle, error) {
	args, err := launchArgs(run, tmp)
	if err != nil {
		return nil, err
	}
	src := filepath.Join(tmp, "Engine.java")
	if err := os.WriteFile(src, driverSource, 0o644); err != nil {
		return nil, err
	}
	// Java runs a single source file as a program (JEP 330), so the
	// driver needs no build step, and only the runtime the engine needs.
	cmd := exec.Command(java, append(args[:len(args)-1], src)...)
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
	return &Oracle{cmd: cmd, tmp: tmp, in: in, out: bufio.NewReaderSize(out, 1<<16)}, nil
}

// launchArgs returns the arguments with which run.sh starts java, its
// main class last. run.sh is the one place that knows the engine's class
// path, so it is run with a java of our own first on PATH, which writes
// its arguments, one a line, and exits.
func launchArgs(run, tmp string) ([]string, error) {
	fake := filepath.Join(tmp, "java")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\"\n"), 0o755); err != nil {
		return nil, err
	}
	cmd := exec.Command("bash", run)
	cmd.Env = append(os.Environ(), "PATH="+tmp+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.Output()
	os.Remove(fake)
	if err != nil {
		return nil, fmt.Errorf("oracle: asking %s how it starts java: %w", run, err)
	}
	args := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(args) < 2 || !strings.Contains(string(out), "formula-engine") {
		return nil, fmt.Errorf("oracle: %s starts java as %q, without the engine's jar", run, args)
	}
	return args, nil
}

// Close stops the engine.
func (o *Oracle) Close() error {
	o.in.Close()
	err := o.cmd.Wait()
	os.RemoveAll(o.tmp)
	return err
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
	// Edited gives the record a prior version, whose fields are Prior.
	Edited bool                   `json:"edited,omitempty"`
	Prior  map[string]oracleField `json:"prior,omitempty"`
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
		if strings.HasPrefix(a.Err, "STALLED") {
			// Not the engine's answer: the machine gave it no time.
			return nil, fmt.Errorf("oracle: %s: %s", c, a.Err)
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

// asOracleField writes a field for the driver.
func asOracleField(f Field) oracleField {
	of := oracleField{T: f.Type.String()}
	if !f.Null {
		v := f.Value
		of.V = &v
	}
	return of
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
		oc.Fields[f.Name] = asOracleField(f)
	}
	if c.Prior != nil {
		oc.Edited, oc.Prior = true, map[string]oracleField{}
		for _, f := range c.Prior {
			oc.Prior[f.Name] = asOracleField(f)
		}
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
