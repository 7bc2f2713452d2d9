package cli

import (
	"github.com/spf13/cobra"
)

func newCompletionCmd(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish",
		Short: "Print a shell completion script",
		Long: `Print the script that makes a shell complete credscope's commands, flags
and arguments.

  bash:  source <(credscope completion bash)
         or save it as /etc/bash_completion.d/credscope (needs bash-completion)
  zsh:   credscope completion zsh > "${fpath[1]}/_credscope"
         (with autoload -U compinit; compinit in ~/.zshrc)
  fish:  credscope completion fish > ~/.config/fish/completions/credscope.fish`,
		ValidArgs:             []string{"bash", "zsh", "fish"},
		DisableFlagsInUseLine: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("completion takes one shell: bash, zsh or fish")
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
			}
			return usageErrorf("completion %q: want bash, zsh or fish", args[0])
		},
	}
}
