package cli

import (
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

func newCompletionCmd(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Print the script that makes a shell complete credscope's commands, flags
and arguments: function names, lint rules, and, once --project is given, the
project's external and named credentials.

  bash:        source <(credscope completion bash)
               or save it as /etc/bash_completion.d/credscope (needs bash-completion)
  zsh:         credscope completion zsh > "${fpath[1]}/_credscope"
               (with autoload -U compinit; compinit in ~/.zshrc)
  fish:        credscope completion fish > ~/.config/fish/completions/credscope.fish
  powershell:  credscope completion powershell | Out-String | Invoke-Expression
               (add the line to $PROFILE to keep it)`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		DisableFlagsInUseLine: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("completion takes one shell: bash, zsh, fish or powershell")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(stdio.Out, true)
			case "zsh":
				return root.GenZshCompletion(stdio.Out)
			case "fish":
				return root.GenFishCompletion(stdio.Out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(stdio.Out)
			}
			return usageErrorf("completion %q: want bash, zsh, fish or powershell", args[0])
		},
	}
}

// completeFlags gives every flag of root's commands its dynamic
// completion, by the flag's name, so that each command that takes a
// --user, --project or --credential completes it the same way.
func completeFlags(root *cobra.Command) {
	byFlag := map[string]cobra.CompletionFunc{
		"user":             fileExt("yaml", "yml", "json"),
		"project":          dirs,
		"keystore":         dirs,
		"credential":       projectNames(externalNames),
		"named-credential": projectNames(namedNames),
		"format":           cobra.FixedCompletions([]string{"text", "json", "sarif"}, cobra.ShellCompDirectiveNoFileComp),
		"type":             cobra.FixedCompletions([]string{"Text", "Number", "Boolean", "Date", "DateTime", "Time"}, cobra.ShellCompDirectiveNoFileComp),
	}
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		for name, complete := range byFlag {
			if cmd.Flags().Lookup(name) != nil {
				_ = cmd.RegisterFlagCompletionFunc(name, complete)
			}
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func fileExt(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

func dirs(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// projectNames completes names from the project that --project names; none
// without one.
func projectNames(names func(*scope.Project) []string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		dir, _ := cmd.Flags().GetString("project")
		if dir == "" {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		p, err := scope.Load(dir)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return withPrefix(names(p), toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

func externalNames(p *scope.Project) []string {
	out := make([]string, len(p.ExternalCredentials))
	for i, c := range p.ExternalCredentials {
		out[i] = c.Name
	}
	return out
}

func namedNames(p *scope.Project) []string {
	out := make([]string, len(p.NamedCredentials))
	for i, c := range p.NamedCredentials {
		out[i] = c.Name
	}
	return out
}

// completeFunctions completes the NAME of functions.
func completeFunctions(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, f := range eval.Functions() {
		if hasPrefixFold(f.Name, toComplete) {
			out = append(out, cobra.CompletionWithDesc(f.Name, f.Doc))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeRules completes the RULE of explain.
func completeRules(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, r := range scope.Rules() {
		if hasPrefixFold(r.ID, toComplete) {
			out = append(out, cobra.CompletionWithDesc(r.ID, r.Name))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func withPrefix(names []string, prefix string) []string {
	var out []string
	for _, n := range names {
		if hasPrefixFold(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
