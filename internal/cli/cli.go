// Package cli implements the credscope command line.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFormula = 1 // a formula, credential or lint error
	exitUsage   = 2 // bad flags or arguments, or an unreadable file
)

// statusError carries an exit status with the error that caused it. Its
// message has already been printed when printed is true. A hint, such as
// the names near a misspelt one, prints on the line after the message.
type statusError struct {
	status  int
	err     error
	printed bool
	hint    string
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &statusError{status: exitUsage, err: fmt.Errorf(format, args...)}
}

// withHint adds a hint to a statusError; other errors, and an empty
// hint, pass unchanged.
func withHint(err error, hint string) error {
	var se *statusError
	if hint != "" && errors.As(err, &se) {
		se.hint = hint
	}
	return err
}

// IO is where a command reads and writes.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// Main runs the command line with the process's arguments and streams, and
// exits with its status.
func Main() {
	os.Exit(Run(os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}

// Run runs the command line with args and returns the exit status.
func Run(args []string, stdio IO) int {
	root := newRoot(stdio)
	root.SetArgs(formulaArgs(root, args))
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var se *statusError
	if errors.As(err, &se) {
		if !se.printed {
			fmt.Fprintln(stdio.Err, "credscope:", plainMessage(se.err))
			if se.hint != "" {
				fmt.Fprintln(stdio.Err, "hint:", se.hint)
			}
		}
		return se.status
	}
	// Cobra's own errors are about flags and arguments.
	fmt.Fprintln(stdio.Err, "credscope:", err)
	fmt.Fprintln(stdio.Err, "Run 'credscope --help' for usage.")
	return exitUsage
}

func newRoot(stdio IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "credscope",
		Short: "Check, evaluate and run Salesforce External Credential formulas",
		Long: `credscope is an engine for the Salesforce formula language as used in
OAuth 2.0 External Credentials with the JWT Bearer Flow: scopes, JWT claims
and named-credential headers.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	// --version prints what the version command prints.
	info, _ := debug.ReadBuildInfo()
	root.Version = versionText(info)
	root.SetVersionTemplate("{{.Version}}")
	root.InitDefaultVersionFlag()
	root.Flags().Lookup("version").Usage = "print credscope's version, as the version command does"
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &statusError{status: exitUsage, err: err}
	})
	root.AddCommand(newParseCmd(stdio), newCheckCmd(stdio), newEvalCmd(stdio), newFunctionsCmd(stdio), newLintCmd(stdio), newScopeCmd(stdio),
		newReplCmd(stdio), newFmtCmd(stdio), newCompletionCmd(stdio), newVersionCmd(stdio),
		newTokenCmd(stdio), newCalloutCmd(stdio), newExplainCmd(stdio),
		newKeysCmd(stdio), newIdPCmd(stdio), newPlayCmd(stdio))
	completeFlags(root)
	return root
}

// readSource returns the formula argument, or standard input when it is "-".
// It also returns the name to use in error messages.
func readSource(stdio IO, arg string) (name, src string, err error) {
	if arg != "-" {
		return "formula", arg, nil
	}
	b, err := io.ReadAll(stdio.In)
	if err != nil {
		return "", "", usageErrorf("reading standard input: %v", err)
	}
	return "<stdin>", strings.TrimRight(string(b), "\r\n"), nil
}

// exactArgs is cobra.ExactArgs with a usage status.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %d argument(s), received %d; see '%s --help'", cmd.CommandPath(), n, len(args), cmd.CommandPath())
		}
		return nil
	}
}
