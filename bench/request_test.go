package bench

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/scope"
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/ext"
)

// requestEngines builds, per engine, what one request of a server does
// with the seed formula compiled once: fresh values for a new user, the
// Department set, one evaluation.
var requestEngines = []struct {
	name  string
	build func(w workload) (func(dept string) (string, error), error)
}{
	{"credscope", requestCredscope},
	{"expr", requestExpr},
	{"cel", requestCEL},
}

func requestCredscope(w workload) (func(string) (string, error), error) {
	schema := eval.NewSchema()
	prog, err := eval.Compile(w.formula, schema, eval.Options{Result: eval.Text})
	if err != nil {
		return nil, err
	}
	schema.Freeze()
	return func(dept string) (string, error) {
		vals := schema.Acquire()
		defer vals.Release()
		if err := vals.SetText("$User.Department", dept); err != nil {
			return "", err
		}
		return prog.EvalText(vals, atClock)
	}, nil
}

func requestExpr(w workload) (func(string) (string, error), error) {
	program, err := expr.Compile(w.expr, expr.Env(map[string]any{"Department": ""}))
	if err != nil {
		return nil, err
	}
	var machine vm.VM
	return func(dept string) (string, error) {
		out, err := machine.Run(program, map[string]any{"Department": dept})
		if err != nil {
			return "", err
		}
		s, _ := out.(string)
		return s, nil
	}, nil
}

func requestCEL(w workload) (func(string) (string, error), error) {
	env, err := cel.NewEnv(ext.Strings(), cel.Variable("Department", cel.StringType))
	if err != nil {
		return nil, err
	}
	ast, iss := env.Compile(w.cel)
	if iss.Err() != nil {
		return nil, iss.Err()
	}
	prg, err := env.Program(ast)
	if err != nil {
		return nil, err
	}
	return func(dept string) (string, error) {
		out, _, err := prg.Eval(map[string]any{"Department": dept})
		if err != nil {
			return "", err
		}
		s, _ := out.Value().(string)
		return s, nil
	}, nil
}

// seedSales is the workload the per-request benchmarks share.
func seedSales() workload { return seed("seed-sales", "Sales", "session:role:Sales") }

func TestRequestsAgree(t *testing.T) {
	w := seedSales()
	for _, e := range requestEngines {
		run, err := e.build(w)
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		for _, dept := range []string{"Sales", "Engineering", "Sales"} {
			want := ""
			if dept == "Sales" {
				want = w.want
			}
			if got, err := run(dept); err != nil || got != want {
				t.Errorf("%s(%s) = %q, %v; want %q", e.name, dept, got, err, want)
			}
		}
	}
}

// BenchmarkRequest is one request of a server: a new user's values, the
// Department set, the seed formula evaluated.
func BenchmarkRequest(b *testing.B) {
	w := seedSales()
	for _, e := range requestEngines {
		b.Run(w.name+"/"+e.name, func(b *testing.B) {
			run, err := e.build(w)
			if err != nil {
				b.Fatal(err)
			}
			settle()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := run("Sales"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// exampleUser prepares the example project and returns it with Alice's
// values and permission sets.
func exampleUser(tb testing.TB) (*scope.Prepared, *eval.Values, []string) {
	tb.Helper()
	p, err := scope.Load("../testdata/example")
	if err != nil {
		tb.Fatal(err)
	}
	uc, err := scope.ReadUserContext("../testdata/example/users/alice.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	schema := p.Schema()
	if err := uc.Declare(schema); err != nil {
		tb.Fatal(err)
	}
	prep, findings := p.Prepare(schema, eval.Options{})
	if len(findings) > 0 {
		tb.Fatal(findings[0])
	}
	vals := prep.NewValues()
	if err := uc.Apply(vals); err != nil {
		tb.Fatal(err)
	}
	return prep, vals, uc.PermissionSets
}

// BenchmarkCompose composes the example's Support_Portal scope for Alice:
// the principal reached, the seed formula as the principal's scope, the
// guard.
func BenchmarkCompose(b *testing.B) {
	prep, vals, sets := exampleUser(b)
	c, _ := prep.Project().ExternalCredential("Support_Portal")
	b.Run("seed-sales/credscope", func(b *testing.B) {
		settle()
		b.ReportAllocs()
		for b.Loop() {
			comp, err := prep.Compose(c, scope.User{PermissionSets: sets, Values: vals}, atClock)
			if err != nil || comp.Scope.Text() != "tickets.read session:role:Sales" {
				b.Fatalf("%v, %v", comp, err)
			}
		}
	})
}

// BenchmarkToken is a callout's token for a user while it is cached: the
// user's token source (principal, scope, claims and cache key) and the
// cached token.
func BenchmarkToken(b *testing.B) {
	prep, vals, sets := exampleUser(b)
	c, _ := prep.Project().ExternalCredential("Acme_Billing")
	cache := &exchange.Cache{}
	cred, err := exchange.New(prep, c, exchange.Config{Cache: cache})
	if err != nil {
		b.Fatal(err)
	}
	u := exchange.User{PermissionSets: sets, Values: vals}
	src, err := cred.For(u, atClock)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	cached := &exchange.Token{Type: "Bearer", Expiry: time.Now().Add(time.Hour), Received: time.Now()}
	if _, err := cache.Token(ctx, src.CacheKey(), func(context.Context) (*exchange.Token, error) { return cached, nil }); err != nil {
		b.Fatal(err)
	}
	b.Run("seed-sales/credscope", func(b *testing.B) {
		settle()
		b.ReportAllocs()
		for b.Loop() {
			src, err := cred.For(u, atClock)
			if err != nil {
				b.Fatal(err)
			}
			tok, err := src.Token(ctx)
			if err != nil || tok != cached {
				b.Fatal(fmt.Sprint("not the cached token: ", err))
			}
		}
	})
}
