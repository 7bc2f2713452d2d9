package difftest

import (
	"fmt"
	"time"

	"github.com/credscope/credscope/eval"
)

// now is the instant both engines would need for NOW and TODAY; the
// generator leaves those out, since the engine reads its own clock.
var now = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// EvalCredscope evaluates a case with credscope. A panic is caught and
// reported as an answer that agrees with nothing.
func EvalCredscope(c *Case) (a Answer) {
	defer func() {
		if e := recover(); e != nil {
			a = Answer{Err: fmt.Sprint(e), Panic: true}
		}
	}()
	schema, err := c.schema()
	if err != nil {
		return Answer{Err: err.Error(), Panic: true}
	}
	prog, err := eval.Compile(c.Formula, schema, c.options())
	if err != nil {
		return Answer{Err: err.Error()}
	}
	vals := schema.NewValues()
	for _, f := range c.Fields {
		v := eval.NullOf(f.Type)
		if !f.Null {
			if v, err = eval.ParseValue(f.Type, f.Value); err != nil {
				return Answer{Err: err.Error(), Panic: true}
			}
		}
		if err := vals.Set(f.Name, v); err != nil {
			return Answer{Err: err.Error(), Panic: true}
		}
	}
	if c.Prior != nil {
		if err := vals.MarkEdited(); err != nil {
			return Answer{Err: err.Error(), Panic: true}
		}
	}
	for _, f := range c.Prior {
		v := eval.NullOf(f.Type)
		if !f.Null {
			if v, err = eval.ParseValue(f.Type, f.Value); err != nil {
				return Answer{Err: err.Error(), Panic: true}
			}
		}
		if err := vals.SetPrior(f.Name, v); err != nil {
			return Answer{Err: err.Error(), Panic: true}
		}
	}
	v, err := prog.Eval(vals, eval.Env{Now: func() time.Time { return now }})
	if err != nil {
		return Answer{Err: err.Error()}
	}
	return credscopeAnswer(c.Type, v)
}
