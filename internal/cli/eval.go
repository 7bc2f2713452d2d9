package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

func newCheckCmd(stdio IO) *cobra.Command {
	var f envFlags
	cmd := &cobra.Command{
		Use:         "check [--user FILE] [--set NAME=VALUE]... [--type TYPE] [--project DIR] [--object OBJECT] [--context KIND] FORMULA",
		Annotations: takesFormula,
		Short:       "Type-check a formula and print its result type",
		Long: `Type-check a formula against the merge fields of the running user and print
its result type, or every error found, each with its position and a caret.

FORMULA is a bare expression or a field with {!…} segments; - reads it from
standard input. With --type the result must have that type: a scope must be
Text.

With --object the formula is one of the object's records, a formula field
unless --context says otherwise: it reads the record's fields, through
relationships such as Account.Owner.Email, from the standard objects
credscope knows and the objects and fields of the project in --project.
With --context flow it is a formula of a flow the object's records
trigger, as the flow holds it: it reads the record as {!$Record.Field}
and its prior version as {!$Record__Prior.Field}.`,
		Example: `  credscope check 'CONTAINS($User.Department, "Sales")'
  credscope check --type Text '{!"session:role:" + $User.Department}'
  credscope check --project . --object Opportunity 'TEXT(StageName) & Account.Owner.Email'
  credscope check --object Opportunity --context validation-rule 'ISCHANGED(Amount) && Amount < 0'
  credscope check --object Case --context flow 'TEXT({!$Record.Status}) & " " & {!$Record.Owner:User.Email}'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			prog, _, err := compileArg(stdio, &f, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(stdio.Out, prog.Type())
			return nil
		},
	}
	f.register(cmd, false)
	return cmd
}

func newEvalCmd(stdio IO) *cobra.Command {
	var f envFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:         "eval [--user FILE] [--set NAME=VALUE]... [--blank-as-blank] [--now INSTANT] [--json] [--explain] [--project DIR] [--object OBJECT] [--context KIND] [--record FILE] [--prior FILE] [--clone] FORMULA",
		Annotations: takesFormula,
		Short:       "Evaluate a formula for the running user",
		Long: `Evaluate a formula for the running user and print its value.

FORMULA is a bare expression or a field with {!…} segments; - reads it from
standard input. Fields come from --user and --set; fields never set are
blank. Text prints as it is, so a blank result prints an empty line; other
values print as TEXT() would. $Credential values, and anything computed from
them, print redacted.

--explain prints, before the value, why the formula has it: every
sub-expression with its own value and type, indented under the expression
it belongs to; the branches IF and CASE did not take, and the operands AND
and OR did not need, are marked (not evaluated).

With --object the formula is one of the object's records (see check), and
--record names a YAML or JSON file of the record's fields, a related
record's under its relationship (Account: {Name: Acme}); --prior holds the
record's prior version, for ISCHANGED and PRIORVALUE. Without --prior the
record is new: ISNEW() is TRUE.`,
		Example: `  credscope eval --set '$User.Department=Sales' '{!"session:role:" + $User.Department}'
  credscope eval --now 2026-01-01T00:00:00Z 'Text(FLOOR((NOW() - DATETIMEVALUE("1970-01-01 00:00:00")) * 86400 + 120))'
  credscope eval --json --user alice.yaml 'LOWER($User.Department)'
  credscope eval --explain --set '$User.Department=Service' 'IF(CONTAINS($User.Department, "Sales"), "sales", "other")'
  credscope eval --object Opportunity --context validation-rule --record new.yaml --prior old.yaml 'ISCHANGED(StageName)'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			prog, e, err := compileArg(stdio, &f, args[0])
			if err != nil {
				return err
			}
			if err := f.applyRecord(e); err != nil {
				return err
			}
			if f.trace {
				if err := explain(stdio, prog, e.vals, e.run); err != nil {
					return err
				}
			}
			v, err := prog.Eval(e.vals, e.run)
			if err != nil {
				return formulaFailure(stdio.Err, err)
			}
			if asJSON {
				return writeJSONValue(stdio.Out, v)
			}
			fmt.Fprintln(stdio.Out, displayValue(v))
			return nil
		},
	}
	f.register(cmd, true)
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"type": …, "value": …}`)
	cmd.Flags().BoolVar(&f.trace, "explain", false, "print every sub-expression with its value before the result")
	cmd.MarkFlagsMutuallyExclusive("json", "explain")
	return cmd
}

// explain prints the explanation of prog's evaluation for vals in run.
func explain(stdio IO, prog *eval.Program, vals *eval.Values, run eval.Env) error {
	root, err := prog.Explain(vals, run)
	if err != nil {
		return err
	}
	fmt.Fprint(stdio.Out, root)
	return nil
}

// compileArg reads the FORMULA argument, builds the user's environment
// from the flags and compiles the formula against it.
func compileArg(stdio IO, f *envFlags, arg string) (*eval.Program, *env, error) {
	name, src, err := readSource(stdio, arg)
	if err != nil {
		return nil, nil, err
	}
	e, err := f.build()
	if err != nil {
		return nil, nil, err
	}
	e.opts.Name = name
	compiled := src
	if e.opts.Context == eval.FlowContext {
		compiled = scope.FlowExpression(src)
	}
	prog, err := eval.Compile(compiled, e.schema, e.opts)
	if err != nil {
		if list, ok := formula.AsList(err); ok && compiled != src {
			// Show the lines as written, {!references} and all.
			for _, fe := range list {
				fe.Line = lineOf([]byte(src), fe.Pos.Line)
			}
		}
		fail := formulaFailure(stdio.Err, err)
		if hint := e.hint(err); hint != "" {
			fmt.Fprintln(stdio.Err, "hint:", hint)
		}
		return nil, nil, fail
	}
	return prog, e, nil
}

// formulaFailure prints formula errors with carets and returns status 1.
func formulaFailure(w io.Writer, err error) error {
	fmt.Fprintln(w, formula.Render(err))
	return &statusError{status: exitFormula, err: err, printed: true}
}

// displayValue renders a value for the eval command: text as it is (blank
// for null), other types as TEXT() would, secrets redacted.
func displayValue(v eval.Value) string {
	switch {
	case v.Secret():
		return eval.Redacted
	case v.IsNull() && (v.Type() == eval.Text || v.Type() == eval.Null):
		return ""
	}
	return v.String()
}

// jsonValue is the --json form of a value.
type jsonValue struct {
	Type  string          `json:"type"`
	Value json.RawMessage `json:"value"`
}

func writeJSONValue(w io.Writer, v eval.Value) error {
	out := jsonValue{Type: v.Type().String()}
	switch {
	case v.IsNull() && v.Type() == eval.Text:
		out.Value = json.RawMessage(`""`) // Salesforce text is blank, never null
	case v.IsNull():
		out.Value = json.RawMessage("null")
	case v.Secret():
		out.Value, _ = marshalJSON(eval.Redacted)
	case v.Type() == eval.Number:
		out.Value = json.RawMessage(v.String())
	case v.Type() == eval.Boolean:
		out.Value, _ = marshalJSON(v.Bool())
	default:
		out.Value, _ = marshalJSON(v.String())
	}
	return encodeJSON(w, out, "", "")
}
