package cli

import (
	"fmt"

	"github.com/credscope/credscope/formula"
	"github.com/spf13/cobra"
)

func newParseCmd(stdio IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:         "parse [--json] FORMULA",
		Annotations: takesFormula,
		Short:       "Parse a formula and print its syntax tree",
		Long: `Parse a formula and print its syntax tree.

FORMULA is a bare expression, such as IF(a, b, c), or a credential field with
{!…} segments. Use - to read it from standard input.

By default the tree prints as an S-expression. With --json it prints as JSON,
with the start and end position of every node.`,
		Example: `  credscope parse 'IF(CONTAINS($User.Department, "Sales"), "sales", "")'
  credscope parse --json 'api {!LOWER($User.Department)}'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, src, err := readSource(stdio, args[0])
			if err != nil {
				return err
			}
			t, err := formula.ParseInput(name, src)
			if err != nil {
				fmt.Fprintln(stdio.Err, formula.Render(err))
				return &statusError{status: exitFormula, err: err, printed: true}
			}
			if !asJSON {
				fmt.Fprintln(stdio.Out, formula.SExprTemplate(t))
				return nil
			}
			return writeJSON(stdio.Out, formula.TemplateJSON(t))
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the tree as JSON with positions")
	return cmd
}
