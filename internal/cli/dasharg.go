package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// takesFormula marks, in a command's Annotations, a command whose argument
// can be a FORMULA, which may start with "-" as in -2^2.
var takesFormula = map[string]string{"formula": "true"}

// formulaArgs returns args with a lone argument that starts with "-" but
// names no flag of a FORMULA command moved behind "--", so that
// `credscope eval '-2^2'` reads a formula rather than failing on flag -2.
// It changes nothing when the command takes no formula, when "--" is
// already there, or when another positional argument is present: the
// argument may then be a mistyped flag, which should be reported.
func formulaArgs(root *cobra.Command, args []string) []string {
	cmd, rest, err := root.Find(args)
	if err != nil || cmd.Annotations["formula"] != "true" {
		return args
	}
	cmd.InitDefaultHelpFlag()
	flags := cmd.Flags()
	flags.AddFlagSet(cmd.InheritedFlags())
	// rest holds the arguments left after the command path, in order.
	start := len(args) - len(rest)
	candidate, positional := -1, 0
	for i := start; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return args
		case a == "-" || !strings.HasPrefix(a, "-"):
			positional++
		case strings.HasPrefix(a, "--") && !hasFlag(flags, a):
			return args // no formula starts with --: a mistyped flag
		default:
			f, ok := flagOf(flags, a)
			switch {
			case !ok && candidate >= 0:
				return args // two unknown flags: report them
			case !ok:
				candidate = i
			case f.NoOptDefVal == "" && !strings.Contains(a, "=") && (strings.HasPrefix(a, "--") || len(a) == 2):
				i++ // the flag's value
			}
		}
	}
	if candidate < 0 || positional > 0 {
		return args
	}
	return slices.Concat(args[:candidate], args[candidate+1:], []string{"--", args[candidate]})
}

// hasFlag reports whether arg names a flag in flags.
func hasFlag(flags *pflag.FlagSet, arg string) bool {
	_, ok := flagOf(flags, arg)
	return ok
}

// flagOf returns the flag an argument such as --name=v, --name, -x or -xv
// names in flags.
func flagOf(flags *pflag.FlagSet, arg string) (*pflag.Flag, bool) {
	if name, ok := strings.CutPrefix(arg, "--"); ok {
		name, _, _ = strings.Cut(name, "=")
		f := flags.Lookup(name)
		return f, f != nil
	}
	f := flags.ShorthandLookup(arg[1:2])
	return f, f != nil
}
