package bench

import (
	"testing"
)

// TestWorkloadsAgree checks that every engine computes the same result for
// every workload, so that the benchmarks compare like with like.
func TestWorkloadsAgree(t *testing.T) {
	for _, w := range workloads() {
		for _, e := range engines() {
			run, err := e.compile(w)
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

// BenchmarkEval compiles each workload once and evaluates it repeatedly.
func BenchmarkEval(b *testing.B) {
	for _, w := range workloads() {
		for _, e := range engines() {
			b.Run(w.name+"/"+e.name, func(b *testing.B) {
				run, err := e.compile(w)
				if err != nil {
					b.Fatal(err)
				}
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

// BenchmarkCompile measures parsing, checking and compiling alone.
func BenchmarkCompile(b *testing.B) {
	for _, w := range workloads() {
		for _, e := range engines() {
			if e.name == "go" {
				continue
			}
			b.Run(w.name+"/"+e.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := e.compile(w); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
