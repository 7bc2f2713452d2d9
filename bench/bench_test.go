package bench

import (
	"runtime"
	"testing"
)

// TestWorkloadsAgree checks that every engine computes the same result for
// every workload, so that the benchmarks compare like with like.
func TestWorkloadsAgree(t *testing.T) {
	for _, w := range workloads() {
		for _, e := range engines() {
			env, err := e.setup(w)
			if err != nil {
				t.Errorf("%s/%s: setup: %v", w.name, e.name, err)
				continue
			}
			run, err := e.compile(w, env)
			if err != nil {
				t.Errorf("%s/%s: compile: %v", w.name, e.name, err)
				continue
			}
			got, err := run()
			if err != nil {
				t.Errorf("%s/%s: eval: %v", w.name, e.name, err)
				continue
			}
			if got != w.want {
				t.Errorf("%s/%s = %q, want %q", w.name, e.name, got, w.want)
			}
		}
	}
}

// settle collects the garbage of the benchmarks before, so that one
// engine's heap does not tax the next engine's time.
func settle() { runtime.GC() }

// BenchmarkEval compiles each workload once and evaluates it repeatedly.
func BenchmarkEval(b *testing.B) {
	for _, w := range workloads() {
		for _, e := range engines() {
			b.Run(w.name+"/"+e.name, func(b *testing.B) {
				env, err := e.setup(w)
				if err != nil {
					b.Fatal(err)
				}
				run, err := e.compile(w, env)
				if err != nil {
					b.Fatal(err)
				}
				settle()
				b.ReportAllocs()
				for b.Loop() {
					if _, err := run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkCompile measures parsing, checking and compiling (cel-go:
// planning) alone; the schema, environment and values are built once.
func BenchmarkCompile(b *testing.B) {
	for _, w := range workloads() {
		for _, e := range engines() {
			if e.name == "go" {
				continue
			}
			b.Run(w.name+"/"+e.name, func(b *testing.B) {
				env, err := e.setup(w)
				if err != nil {
					b.Fatal(err)
				}
				settle()
				b.ReportAllocs()
				for b.Loop() {
					if _, err := e.compile(w, env); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
