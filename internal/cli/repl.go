package cli

import (
	"errors"
	"io"

	"github.com/credscope/credscope"
	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/repl"
	"github.com/spf13/cobra"
)

func newReplCmd(stdio IO) *cobra.Command {
	var userFile, projectDir, keystore string
	cmd := &cobra.Command{
		Use:   "repl [--user FILE] [--project DIR] [--keystore DIR]",
		Short: "Try formulas interactively for a running user",
		Long: `Evaluate formulas, bare or as {!…} templates, for a running user, and print
each result as VALUE : Type. Lines starting with a colon are commands: :help
lists them, :set changes a merge field, :scope composes a credential's scope.

Without --user the REPL runs as the example user alice, and without --user
or --project it loads the example project too. On a terminal, TAB
completes functions, merge fields, commands and credentials, and the
history is kept in $XDG_STATE_HOME/credscope/history (by default
~/.local/state/credscope/history). --keystore gives SIGN() and
SIGN_WITH_CERTIFICATE() the keys they name, NAME.key and NAME.crt.

When standard input is not a terminal it is run as a script: one result
per entry, errors on standard error, and exit status 1 when any entry
failed.`,
		Example: `  credscope repl
  credscope repl --user bob.yaml --project .
  printf '%s\n' ':set $User.Department = "Sales"' '"session:role:" + $User.Department' | credscope repl`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			var keys eval.KeyProvider
			if keystore != "" {
				keys = exchange.Keystore{Dir: keystore}
			}
			err := repl.Run(repl.Config{
				In: stdio.In, Out: stdio.Out, Err: stdio.Err,
				UserFile: userFile, ProjectDir: projectDir,
				Example: credscope.Example(), Version: shortVersion(),
				WriteScope: writeComposed, Keys: keys,
			})
			var failed *repl.FailedError
			switch {
			case err == nil:
				return nil
			case errors.As(err, &failed):
				return &statusError{status: exitFormula, err: err, printed: true}
			}
			return fileError(err)
		},
	}
	cmd.Flags().StringVar(&userFile, "user", "", "a YAML or JSON `FILE` describing the running user")
	cmd.Flags().StringVar(&projectDir, "project", "", "an SFDX project `DIR` whose credentials :scope and :claims use")
	cmd.Flags().StringVar(&keystore, "keystore", "", "the `DIR` holding NAME.key and NAME.crt, the keys SIGN() and SIGN_WITH_CERTIFICATE() name")
	return cmd
}

// writeComposed prints the REPL's :scope as credscope scope prints.
func writeComposed(w io.Writer, results []repl.Composed) {
	out := make([]scopeResult, len(results))
	for i, r := range results {
		out[i] = newScopeResult(r.Composition, r.Err)
	}
	writeScopeText(w, out)
}
