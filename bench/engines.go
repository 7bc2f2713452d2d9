package bench

import (
	"fmt"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/ext"
	"github.com/google/cel-go/interpreter"
)

// engine compiles a workload into a function that evaluates it once.
type engine struct {
	name    string
	compile func(w workload) (func() (string, error), error)
}

// engines lists the engines in the order the report shows them.
func engines() []engine {
	return []engine{
		{"credscope", compileCredscope},
		{"expr", compileExpr},
		{"cel", compileCEL},
		{"go", compileNative},
	}
}

func compileCredscope(w workload) (func() (string, error), error) {
	schema := eval.NewSchema()
	prog, err := eval.Compile(w.formula, schema, eval.Options{Result: eval.Text, Now: func() time.Time { return clock }})
	if err != nil {
		return nil, err
	}
	vals := schema.NewValues()
	for name, v := range w.fields {
		if err := vals.SetString(name, v); err != nil {
			return nil, err
		}
	}
	return func() (string, error) { return prog.EvalText(vals) }, nil
}

func compileExpr(w workload) (func() (string, error), error) {
	program, err := expr.Compile(w.expr, expr.Env(w.exprEnv))
	if err != nil {
		return nil, err
	}
	var machine vm.VM
	return func() (string, error) {
		out, err := machine.Run(program, w.exprEnv)
		if err != nil {
			return "", err
		}
		s, _ := out.(string)
		return s, nil
	}, nil
}

func compileCEL(w workload) (func() (string, error), error) {
	prg, err := celProgram(w)
	if err != nil {
		return nil, err
	}
	act, err := interpreter.NewActivation(w.celVars)
	if err != nil {
		return nil, err
	}
	return func() (string, error) {
		out, _, err := prg.Eval(act)
		if err != nil {
			return "", err
		}
		s, _ := out.Value().(string)
		return s, nil
	}, nil
}

// celProgram parses, checks and plans a workload in cel-go.
func celProgram(w workload) (cel.Program, error) {
	opts := []cel.EnvOption{ext.Strings()}
	for name, v := range w.celVars {
		switch v.(type) {
		case time.Time:
			opts = append(opts, cel.Variable(name, cel.TimestampType))
		default:
			opts = append(opts, cel.Variable(name, cel.StringType))
		}
	}
	env, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, err
	}
	ast, iss := env.Compile(w.cel)
	if iss.Err() != nil {
		return nil, fmt.Errorf("cel: %w", iss.Err())
	}
	return env.Program(ast)
}

func compileNative(w workload) (func() (string, error), error) {
	return func() (string, error) { return w.native(w.exprEnv), nil }, nil
}
