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

// engine evaluates workloads. setup builds what an application builds once
// (a schema and values, an environment, an activation); compile is the
// parse, check and compile (cel-go: plan) that the compile benchmarks time,
// and returns a function that evaluates the workload once.
type engine struct {
	name    string
	setup   func(w workload) (any, error)
	compile func(w workload, env any) (func() (string, error), error)
}

// engines lists the engines in the order the report shows them.
func engines() []engine {
	return []engine{
		{"credscope", setupCredscope, compileCredscope},
		{"expr", setupNone, compileExpr},
		{"cel", setupCEL, compileCEL},
		{"go", setupNone, compileNative},
	}
}

func setupNone(workload) (any, error) { return nil, nil }

// credscopeEnv is a schema with the user's values.
type credscopeEnv struct {
	schema *eval.Schema
	vals   *eval.Values
}

func setupCredscope(w workload) (any, error) {
	schema := eval.NewSchema()
	vals := schema.NewValues()
	for name, v := range w.fields {
		if err := vals.SetString(name, v); err != nil {
			return nil, err
		}
	}
	return credscopeEnv{schema, vals}, nil
}

func compileCredscope(w workload, env any) (func() (string, error), error) {
	e := env.(credscopeEnv)
	prog, err := eval.Compile(w.formula, e.schema, eval.Options{Result: eval.Text})
	if err != nil {
		return nil, err
	}
	return func() (string, error) { return prog.EvalText(e.vals, atClock) }, nil
}

func compileExpr(w workload, _ any) (func() (string, error), error) {
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

// celEnv is a cel-go environment with the workload's variables declared,
// and the activation that binds them.
type celEnv struct {
	env *cel.Env
	act interpreter.Activation
}

func setupCEL(w workload) (any, error) {
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
	act, err := interpreter.NewActivation(w.celVars)
	if err != nil {
		return nil, err
	}
	return celEnv{env, act}, nil
}

func compileCEL(w workload, env any) (func() (string, error), error) {
	e := env.(celEnv)
	ast, iss := e.env.Compile(w.cel)
	if iss.Err() != nil {
		return nil, fmt.Errorf("cel: %w", iss.Err())
	}
	prg, err := e.env.Program(ast)
	if err != nil {
		return nil, err
	}
	return func() (string, error) {
		out, _, err := prg.Eval(e.act)
		if err != nil {
			return "", err
		}
		s, _ := out.Value().(string)
		return s, nil
	}, nil
}

func compileNative(w workload, _ any) (func() (string, error), error) {
	return func() (string, error) { return w.native(w.exprEnv), nil }, nil
}
