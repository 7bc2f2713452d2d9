package cli

import (
	"fmt"

	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

func newExplainCmd(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a lint rule: its rationale, an example and its fix",
		Long: `Explain a lint rule: what it checks, why, an example of metadata that breaks
it, and the fix. credscope lint --list-rules lists the rules; docs/rules.md
documents them all.`,
		Example:           "  credscope explain CS101",
		Args:              exactArgs(1),
		ValidArgsFunction: completeRules,
		RunE: func(cmd *cobra.Command, args []string) error {
			r, ok := scope.RuleByID(args[0])
			if !ok {
				return usageErrorf("no rule %q; credscope lint --list-rules lists them", args[0])
			}
			fmt.Fprint(stdio.Out, r.Explain())
			return nil
		},
	}
}
