package cli

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/credscope/credscope/internal/safefile"
	"github.com/credscope/credscope/scope"
)

// fileWriter replaces files for fmt --write. It refuses files it should
// not touch, and never leaves a temporary file behind: the one it is
// writing is removed when the process is interrupted, and those an earlier
// run left when it was killed are removed before a file is written again.
type fileWriter struct {
	// force allows files with more than one hard link.
	force bool

	mu  sync.Mutex
	tmp string // the temporary file being written, if any
}

// tmpSuffix ends credscope's temporary files, which are named
// .NAME.PID.RANDOM.tmp beside the file NAME they replace.
const tmpSuffix = ".tmp"

// staleAfter is the age past which a temporary file whose writer may
// still be alive is stale anyway: a write takes milliseconds.
const staleAfter = time.Hour

// watch removes the temporary file being written when the process gets
// an interrupt or a termination signal, then lets the signal end it. The
// returned function stops watching.
func (w *fileWriter) watch() (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			w.abort()
			signal.Reset(s)
			if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(s) == nil {
				time.Sleep(time.Second) // the signal ends the process
			}
			os.Exit(130)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// abort removes the temporary file being written, if any, and holds the
// writer so that no rename follows.
func (w *fileWriter) abort() {
	w.mu.Lock()
	if w.tmp != "" {
		os.Remove(w.tmp)
		w.tmp = ""
	}
}

// check refuses a file fmt --write must leave alone: one that is not a
// regular file, is read-only, is a symbolic link to a file outside root,
// or, without force, has more than one hard link (writing a new file in
// its place would silently split it from the others). It returns the file
// to replace, with links resolved.
func (w *fileWriter) check(path, root string) (target string, info os.FileInfo, err error) {
	target, err = filepath.EvalSymlinks(path)
	if err == nil {
		target, err = filepath.Abs(target)
	}
	if err != nil {
		return "", nil, err
	}
	if lst, err := os.Lstat(path); err == nil && lst.Mode()&os.ModeSymlink != 0 && !safefile.Within(target, root) {
		return "", nil, fmt.Errorf("%s is a symbolic link to %s, outside %s; fmt --write does not follow it", path, target, root)
	}
	info, err = os.Stat(target)
	switch {
	case err != nil:
		return "", nil, err
	case !info.Mode().IsRegular():
		return "", nil, fmt.Errorf("%s is not a regular file; fmt --write does not replace it", path)
	case info.Mode().Perm()&0o200 == 0:
		return "", nil, fmt.Errorf("%s is read-only; fmt --write does not replace it", path)
	}
	if n, ok := linkCount(info); ok && n > 1 && !w.force {
		return "", nil, fmt.Errorf("%s has %d hard links, which a new file in its place would split; fmt --write --force replaces it anyway", path, n)
	}
	return target, info, nil
}

// write replaces path, which check accepted as target with info, through a
// temporary file in the same directory and a rename, keeping its mode.
func (w *fileWriter) write(target string, info os.FileInfo, data []byte) error {
	w.removeStale(target)
	w.mu.Lock()
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+"."+strconv.Itoa(os.Getpid())+".*"+tmpSuffix)
	if err != nil {
		w.mu.Unlock()
		return err
	}
	w.tmp = tmp.Name()
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		if w.tmp != "" {
			os.Remove(w.tmp)
			w.tmp = ""
		}
		w.mu.Unlock()
	}()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(info.Mode().Perm())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.tmp == "" {
		return fmt.Errorf("%s: interrupted", target)
	}
	if err := os.Rename(w.tmp, target); err != nil {
		return err
	}
	w.tmp = ""
	return nil
}

// removeStale removes the temporary files an earlier run left beside
// target: those whose process is gone, and any older than staleAfter.
func (w *fileWriter) removeStale(target string) {
	prefix := "." + filepath.Base(target) + "."
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(target), globEscape(prefix)+"*"+tmpSuffix))
	for _, m := range matches {
		rest := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), prefix), tmpSuffix)
		pidText, _, ok := strings.Cut(rest, ".")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() {
			continue // not one of ours, or this run's own
		}
		info, err := os.Lstat(m)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if !processAlive(pid) || time.Since(info.ModTime()) > staleAfter {
			os.Remove(m)
		}
	}
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`).Replace(s)
}

// writeRoot is the directory a file named on the command line must not
// leave through a symbolic link: its project's root (the nearest directory
// above it with sfdx-project.json), else the directory named, or the
// file's own directory.
func writeRoot(arg string, isDir bool) string {
	dir := arg
	if !isDir {
		dir = filepath.Dir(arg)
	}
	if root, ok := scope.ProjectRoot(dir); ok {
		dir = root
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}
