package cli

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVersionText(t *testing.T) {
	toolchain := runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build information", nil, "credscope devel\n" + toolchain},
		{"a work tree", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "credscope devel\n" + toolchain},
		{"a release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "credscope v1.2.3\n" + toolchain},
		{"a commit", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-01-31T09:00:00Z"}, {Key: "vcs.modified", Value: "true"},
		}}, "credscope devel\ncommit 0123456789abcdef (2026-01-31T09:00:00Z) with local changes\n" + toolchain},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, versionText(tt.info)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	status, out, errs := runCLI(t, "", "version")
	if status != exitOK || !strings.HasPrefix(out, "credscope ") || !strings.Contains(out, runtime.Version()) || errs != "" {
		t.Errorf("credscope version: status %d, output %q, errors %q", status, out, errs)
	}
}

func TestCompletion(t *testing.T) {
	tests := []struct {
		shell string
		want  string
	}{
		{"bash", "complete -o default -F __start_credscope credscope"},
		{"zsh", "#compdef credscope"},
		{"fish", "complete -c credscope"},
		{"powershell", "Register-ArgumentCompleter -CommandName 'credscope'"},
	}
	for _, tt := range tests {
		status, out, errs := runCLI(t, "", "completion", tt.shell)
		if status != exitOK || !strings.Contains(out, tt.want) || errs != "" {
			t.Errorf("completion %s: status %d, errors %q; output lacks %q", tt.shell, status, errs, tt.want)
		}
	}
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		if status, _, errs := runCLI(t, "", args...); status != exitUsage || errs == "" {
			t.Errorf("%q: status %d, errors %q; want a usage error", args, status, errs)
		}
	}
}
