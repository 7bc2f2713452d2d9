package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/spf13/cobra"
)

func newFunctionsCmd(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:               "functions [NAME]",
		ValidArgsFunction: completeFunctions,
		Short:             "List the formula functions, or show one function's documentation",
		Example: `  credscope functions
  credscope functions CONTAINS`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("functions takes at most one NAME")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return listFunctions(stdio.Out)
			}
			f, ok := eval.LookupFunc(args[0])
			if !ok {
				hint := suggest.DidYouMean(args[0], suggest.Functions())
				if hint == "" {
					hint = "'credscope functions' lists them all"
				}
				return &statusError{status: exitFormula, err: fmt.Errorf("Unknown function %s. Check spelling.", strings.ToUpper(args[0])), hint: hint}
			}
			describeFunction(stdio.Out, f)
			return nil
		},
	}
}

func listFunctions(w io.Writer) error {
	byCat := map[string][]*eval.Func{}
	var cats []string
	for _, f := range eval.Functions() {
		if byCat[f.Category] == nil {
			cats = append(cats, f.Category)
		}
		byCat[f.Category] = append(byCat[f.Category], f)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	sort.Strings(cats)
	for i, c := range cats {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s\n", c)
		for _, f := range byCat[c] {
			fmt.Fprintf(tw, "  %s\t%s\n", f.Name, f.Doc)
		}
	}
	return tw.Flush()
}

func describeFunction(w io.Writer, f *eval.Func) {
	fmt.Fprintf(w, "%s (%s)\n\n", f.Name, f.Category)
	for _, s := range f.Sigs {
		fmt.Fprintf(w, "  %s\n", s.String(f.Name))
	}
	fmt.Fprintf(w, "\n%s\n", f.Doc)
	if f.Example != "" {
		fmt.Fprintf(w, "\nExample:\n  %s\n  → %s\n", f.Example, f.Want)
	}
}
