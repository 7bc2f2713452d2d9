package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCmd(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print credscope's version",
		Long: `Print credscope's version, the commit it was built from when known, and the
Go version and platform it was built for.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			info, _ := debug.ReadBuildInfo()
			fmt.Fprint(stdio.Out, versionText(info))
			return nil
		},
	}
}

// versionText renders build information: the module version, the commit
// and the toolchain.
func versionText(info *debug.BuildInfo) string {
	s := "credscope " + moduleVersion(info) + "\n"
	settings := map[string]string{}
	if info != nil {
		for _, kv := range info.Settings {
			settings[kv.Key] = kv.Value
		}
	}
	if rev := settings["vcs.revision"]; rev != "" {
		s += "commit " + rev
		if t := settings["vcs.time"]; t != "" {
			s += " (" + t + ")"
		}
		if settings["vcs.modified"] == "true" {
			s += " with local changes"
		}
		s += "\n"
	}
	return s + fmt.Sprintf("%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// moduleVersion is the main module's version, or "devel" for a build from
// a work tree.
func moduleVersion(info *debug.BuildInfo) string {
	if info == nil || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "devel"
	}
	return info.Main.Version
}

// shortVersion is the version the REPL's banner shows.
func shortVersion() string {
	info, _ := debug.ReadBuildInfo()
	return moduleVersion(info)
}
