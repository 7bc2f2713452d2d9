package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/credscope/credscope/internal/play"
	"github.com/spf13/cobra"
)

func newPlayCmd(stdio IO) *cobra.Command {
	var addr, project, export string
	cmd := &cobra.Command{
		Use:   "play [--addr HOST:PORT] [--project DIR] [--export DIR]",
		Short: "Serve the formula playground in the browser",
		Long: `Serve the formula playground: one page where a formula is evaluated as you
type, for a user you edit, with every error underlined, the value of each
sub-expression ("Why this value?") and the scope each credential composes.

The engine runs in the browser, compiled to WebAssembly, and the page needs
no internet: the server only hands out its files, and formulas and users
never leave the browser. The page starts on the example project and the
example user alice; --project loads the credentials of your SFDX project
instead. --export DIR writes a static copy of the page, for any static
host, and exits.`,
		Example: `  credscope play
  credscope play --project . --addr 127.0.0.1:9000
  credscope play --export site/`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, err := playContext(project)
			if err != nil {
				return err
			}
			if export != "" {
				if err := play.Export(export, ctx); err != nil {
					return &statusError{status: exitUsage, err: err}
				}
				fmt.Fprintf(stdio.Out, "wrote the playground to %s\n", export)
				return nil
			}
			return servePlay(cmd.Context(), stdio, addr, ctx)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	cmd.Flags().StringVar(&project, "project", "", "the SFDX project `DIR` whose credentials the scope preview shows")
	cmd.Flags().StringVar(&export, "export", "", "write a static copy of the page into `DIR` and exit")
	cmd.MarkFlagsMutuallyExclusive("addr", "export")
	return cmd
}

// playContext is what the page starts from: the example project, or the
// project of --project.
func playContext(project string) (*play.Context, error) {
	if project == "" {
		return play.ExampleContext()
	}
	ctx, err := play.ProjectContext(project)
	if err != nil {
		return nil, &statusError{status: exitUsage, err: err}
	}
	return ctx, nil
}

// servePlay serves the page until an interrupt or a termination signal.
func servePlay(parent context.Context, stdio IO, addr string, pc *play.Context) error {
	h, err := play.Handler(pc)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return &statusError{status: exitUsage, err: err}
	}
	if parent == nil {
		parent = context.Background()
	}
	ctx, stop := signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	fmt.Fprintf(stdio.Out, "credscope play: http://%s/ (Ctrl-C stops)\n", ln.Addr())
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
