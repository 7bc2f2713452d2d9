// Package eval type-checks, compiles and evaluates Salesforce formulas.
//
// A formula is compiled once against a [Schema], which says which merge
// fields exist and what type each has:
//
//	prog, err := eval.Compile(src, schema, eval.Options{Result: eval.Text})
//	vals := schema.NewValues()
//	vals.SetText("$User.Department", "Sales")
//	v, err := prog.Eval(vals, eval.Env{})
//
// Compile parses the source, checks types with Salesforce's rules and
// wording, reporting every error with its position, and builds a [Program]:
// a tree of typed closures with every field bound to a slot, so evaluation
// does no map look-ups, no reflection and no boxing of intermediate values.
// A Program is immutable and safe for concurrent use.
//
// [Options] say what compiling needs; an [Env] says what one evaluation
// reads besides the fields: the clock, the time zone, the work budget and
// the signing keys. Each Eval takes its own, so a server with a clock per
// request compiles once; the zero Env is the defaults.
//
// Values follow Salesforce: numbers are exact decimals (never binary
// floats) rounded half-up, text is never null but may be blank, and blank
// number fields read as zero or stay blank as [Options].BlankAsZero says.
//
// Every function is declared once, in the table returned by [Functions],
// which holds its signatures, documentation, example and implementation.
//
// A program compiled with [Options].Trace can also tell which characters
// of its Text result come from the formula's literals and which from
// merge-field data: [Program.EvalTrace] for one evaluation, [Program.Flows]
// for every evaluation. Scope composition uses them to refuse field data
// that would widen a scope; ordinary evaluation never pays for them.
//
// Work is bounded on untrusted input: an evaluation may do at most
// [Env].Budget units of work, and the constant folding of a compilation at
// most [Options].Budget ([DefaultBudget] by default), and no text or blob value is longer than
// [MaxTextLength]. Going beyond either is an error at the call that did;
// when folding constants, it is a compile error.
//
// The package keeps values and types and reads no files, so that it builds
// for any target, WebAssembly included: context files describing a user
// are package scope's (scope.UserContext).
package eval
