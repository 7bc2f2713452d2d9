// Command ratios reads `go test -bench` output of the bench package and
// prints, per workload and phase, credscope's time as a ratio of expr's and
// cel-go's, from medians of the same run. The phases are eval, compile,
// request (a new user's values, set and evaluated), and compose and token,
// which only credscope has and which are measured against the other
// engines' request. After the table it prints one machine-readable line
// per workload and phase:
//
//	RATIO <workload> <phase> vs-expr=<x.xx> vs-cel=<y.yy> allocs=<n>
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// line matches BenchmarkEval/seed-sales/credscope-2  123  85.6 ns/op  24 B/op  1 allocs/op.
var line = regexp.MustCompile(`^Benchmark(Eval|Compile|Request|Compose|Token)/([^/\s]+)/([^/\s-]+)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+([\d.]+) B/op\s+([\d.]+) allocs/op)?`)

type key struct{ phase, workload, engine string }

type samples struct {
	ns     []float64
	allocs []float64
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
}

func run(r io.Reader, w io.Writer) error {
	data := map[key]*samples{}
	var order []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		k := key{strings.ToLower(m[1]), m[2], m[3]}
		if !seen[k.workload] {
			seen[k.workload] = true
			order = append(order, k.workload)
		}
		s := data[k]
		if s == nil {
			s = &samples{}
			data[k] = s
		}
		ns, _ := strconv.ParseFloat(m[4], 64)
		s.ns = append(s.ns, ns)
		if m[6] != "" {
			a, _ := strconv.ParseFloat(m[6], 64)
			s.allocs = append(s.allocs, a)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(data) == 0 {
		return fmt.Errorf("no benchmark results on standard input")
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workload\tphase\tcredscope ns\texpr ns\tcel ns\tgo ns\tvs expr\tvs cel\tallocs\t")
	var ratios []string
	for _, wl := range order {
		for _, phase := range []string{"eval", "compile", "request", "compose", "token"} {
			c := data[key{phase, wl, "credscope"}]
			if c == nil {
				continue
			}
			against := phase
			if phase == "compose" || phase == "token" {
				against = "request"
			}
			cs, ex, ce, gn := median(c.ns), med(data, key{against, wl, "expr"}), med(data, key{against, wl, "cel"}), med(data, key{against, wl, "go"})
			allocs := median(c.allocs)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f\t\n", wl, phase, num(cs), num(ex), num(ce), num(gn), ratio(cs, ex), ratio(cs, ce), allocs)
			ratios = append(ratios, fmt.Sprintf("RATIO %s %s vs-expr=%s vs-cel=%s allocs=%.0f", wl, phase, ratio(cs, ex), ratio(cs, ce), allocs))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, r := range ratios {
		fmt.Fprintln(w, r)
	}
	return nil
}

func med(data map[key]*samples, k key) float64 {
	if s := data[k]; s != nil {
		return median(s.ns)
	}
	return 0
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func num(x float64) string {
	if x == 0 {
		return "-"
	}
	if x >= 1000 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}

func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "n/a"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64)
}
