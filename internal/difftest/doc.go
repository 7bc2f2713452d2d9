// Package difftest compares credscope with Salesforce's open-source formula
// engine on random formulas.
//
// A [Generator] writes well-typed formulas over the function table of
// package eval, every operator, and fields of each type with random values,
// blanks included, in both blank modes. Each [Case] is evaluated by
// credscope ([EvalCredscope]) and by the engine ([Oracle], the project's
// Java driver of the engine, driver/Engine.java, which speaks JSON lines,
// declares picklist fields, and limits each case by the CPU time it uses).
// A table ([Row], testdata/difftest/picklists.txt) pins down a family of
// behaviour case by case. [Agree] compares the two answers in each type's
// canonical form; [Minimise] shrinks a disagreement to its smallest formula,
// and [Deviations] explains the disagreements that are known and judged:
// the platform's documented behaviour, the live platform, or a bug in the
// engine.
//
// The test that needs Java is behind the build tag oracle:
//
//	go test -tags oracle ./internal/difftest -difftest.n 5000 -difftest.seed 42
package difftest
