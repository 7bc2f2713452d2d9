package repl

import (
	"errors"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/chzyer/readline"
	"github.com/credscope/credscope/internal/suggest"
)

// prompt is the prompt, and continuation prompts name what is left open:
// credscope( for a parenthesis, credscope" for a string, credscope{ for a
// {! segment. All are as wide, so that continued lines line up.
const prompt = "credscope> "

// promptFor returns the prompt for a line that continues what is open, or
// the main prompt when open is 0.
func (s *session) promptFor(open byte) string {
	if open == 0 {
		return s.out.paint(sgrBold+";"+sgrBlue, strings.TrimSpace(prompt)) + " "
	}
	return s.out.paint(sgrDim, strings.TrimSpace(prompt)[:len(prompt)-2]+string(open)) + " "
}

// interactive reads entries from a terminal with readline until Ctrl-D or
// :quit.
func (s *session) interactive(in *os.File) error {
	fd := int(in.Fd())
	histFile, err := s.openHistory()
	if err != nil {
		s.out.errLine(s.out.paint(sgrYellow, "credscope: the history will not be saved: "+err.Error()))
	}
	var raw *readline.State
	s.width = func() int {
		if w, _, err := readline.GetSize(fd); err == nil && w > 0 {
			return w
		}
		return 80
	}
	rl, err := readline.NewEx(&readline.Config{
		Prompt:                 s.promptFor(0),
		HistoryFile:            histFile,
		HistoryLimit:           historyLimit,
		DisableAutoSaveHistory: true,
		HistorySearchFold:      true,
		AutoComplete:           &completer{s: s},
		Listener:               &completer{s: s},
		Stdin:                  readline.NewCancelableStdin(in),
		Stdout:                 s.cfg.Out,
		Stderr:                 s.cfg.Err,
		FuncIsTerminal:         func() bool { return true },
		FuncMakeRaw: func() error {
			var err error
			raw, err = readline.MakeRaw(fd)
			return err
		},
		FuncExitRaw: func() error {
			if raw == nil {
				return nil
			}
			return readline.Restore(fd, raw)
		},
		FuncGetWidth: s.width,
	})
	if err != nil {
		return err
	}
	defer rl.Close()
	if histFile != "" {
		// Readline has just written a history past its limit anew.
		if err := secureHistory(histFile); err != nil {
			s.out.errLine(s.out.paint(sgrYellow, "credscope: "+err.Error()))
		}
	}
	s.banner()
	var lines []string
	var prompts []int
	var opened byte
	for !s.quit {
		rl.SetPrompt(s.promptFor(opened))
		line, err := rl.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			if len(lines) == 0 && line == "" {
				s.out.println(s.out.paint(sgrDim, "(Ctrl-C clears the line; Ctrl-D or :quit leaves)"))
			}
			lines, prompts, opened = nil, nil, 0
			continue
		case errors.Is(err, io.EOF) && len(lines) > 0:
			// Ctrl-D on a continuation line cancels the entry, as Ctrl-C
			// does; only on a fresh line does it leave.
			s.out.println(s.out.paint(sgrDim, "(Ctrl-D cancelled the open entry; on an empty line it leaves)"))
			lines, prompts, opened = nil, nil, 0
			continue
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return err
		}
		lines = append(lines, line)
		prompts = append(prompts, len(prompt))
		e := newEntry(lines, prompts, 1)
		if opened = s.more(e.text); opened != 0 {
			continue
		}
		lines, prompts = nil, nil
		if h := s.historyLine(e); h != "" {
			s.remember(h)
			_ = saveHistory(rl, histFile, h) // a history that cannot be written is no reason to stop
		}
		s.exec(e)
	}
	return nil
}

// banner greets the user: who the formulas run as, the project, and how to
// get help. Its lines fit in 100 columns, whatever the version.
func (s *session) banner() {
	p := s.out
	title := "credscope"
	if v := bannerVersion(s.cfg.Version); v != "" {
		title += " " + v
	}
	p.println(p.paint(sgrBold, title) + ": Salesforce formulas, evaluated as External Credentials do.")
	user := "none: every field is blank (:user FILE loads one)"
	if s.user != nil {
		user = p.paint(sgrBold, s.userName()) + " (" + s.userFrom
		if s.cfg.UserFile == "" {
			user += "; :user bob switches"
		}
		user += ")"
	}
	p.println(p.paint(sgrDim, "User:    ") + user)
	project := "none (:load DIR loads one)"
	if s.project != nil {
		var names []string
		for _, c := range s.project.ExternalCredentials {
			names = append(names, c.Name)
		}
		project = s.projFrom
		if len(names) > 0 {
			project += ", with " + suggest.AndList(names)
		}
	}
	p.println(p.paint(sgrDim, "Project: ") + project)
	p.println(`Type a formula such as "session:role:" + $User.Department, or :help.`)
	p.println("TAB completes names, ↑ recalls history, Ctrl-D leaves.")
}

// pseudoVersion matches a Go pseudo-version, such as
// v0.0.0-20261202113305-abcdef123456+dirty, which go build stamps on a
// build from a work tree.
var pseudoVersion = regexp.MustCompile(`^v\d+\.\d+\.\d+-(?:.*\.)?\d{14}-([0-9a-f]{12})(\+dirty)?$`)

// bannerVersion shortens a version for the banner: a pseudo-version to
// "devel" and its commit's first seven digits, and anything else to 24
// characters. credscope version prints it whole.
func bannerVersion(v string) string {
	if m := pseudoVersion.FindStringSubmatch(v); m != nil {
		return "devel " + m[1][:7]
	}
	if r := []rune(v); len(r) > 24 {
		return string(r[:23]) + "…"
	}
	return v
}
