package repl

import (
	"errors"
	"strconv"
	"strings"

	"github.com/credscope/credscope/formula"
)

// report prints an error of the entry: on a terminal, a caret under the
// line as typed and the message; in a script, NAME:LINE:COL, the line and a
// caret, as credscope's other commands print formula errors. A hint
// follows. On a terminal, an error whose details are shown already prints
// nothing more.
func (s *session) report(e *entry, err error) {
	var shown *shownError
	if errors.As(err, &shown) && e.prompts != nil {
		return
	}
	var se *srcError
	errs := []located{{line: -1, msg: err.Error()}}
	if errors.As(err, &se) {
		errs = locate(e, se.base, se.err)
	}
	p := s.out
	for i, le := range errs {
		switch {
		case le.line < 0 && e.prompts == nil:
			p.errLine(p.paint(sgrRed, "<stdin>:"+strconv.Itoa(e.first)+": "+le.msg))
		case le.line < 0:
			p.errLine(p.paint(sgrRed, le.msg))
		case e.prompts == nil:
			p.errLine(scriptError(e, le).Render())
		default:
			s.caretUnder(e, le, i == 0)
			p.errLine(p.paint(sgrRed, le.msg))
		}
	}
	var he *hintError
	if errors.As(err, &he) && he.hint != "" {
		p.hint(he.hint)
	}
}

// scriptError positions an error at its line of the script.
func scriptError(e *entry, le located) *formula.Error {
	line := e.lines[le.line]
	fe := &formula.Error{Name: "<stdin>", Msg: le.msg, Line: line,
		Pos: formula.Pos{Line: e.first + le.line, Column: len([]rune(line[:le.col])) + 1}}
	if le.end > le.col {
		fe.End = formula.Pos{Line: fe.Pos.Line, Column: fe.Pos.Column + len([]rune(line[le.col:min(le.end, len(line))]))}
	}
	return fe
}

// caretUnder prints a caret under the fault on a terminal: directly under
// the line just typed when it can, otherwise under the line shown again,
// cut to the terminal's width around the fault.
func (s *session) caretUnder(e *entry, le located, first bool) {
	p := s.out
	indent, line := e.prompts[le.line], e.lines[le.line]
	w := 0
	if s.width != nil {
		w = s.width()
	}
	col := indent + width(line[:le.col])
	span := 1
	if le.end > le.col {
		span = width(line[le.col:min(le.end, len(line))])
	}
	clip := func(col, n int) int {
		if w > 0 {
			return max(1, min(n, w-col-1))
		}
		return n
	}
	// The last line typed is just above, wrapped over rows when it is
	// wider than the terminal; the caret can go under its last row.
	if first && le.line == len(e.lines)-1 {
		start, total := 0, indent+width(line)
		if w > 0 && total > w {
			start = (total - 1) / w * w
		}
		if col >= start {
			p.errLine(p.paint(sgrRed+";"+sgrBold, caret(col-start, clip(col-start, span))))
			return
		}
	}
	shown, at := line, col-indent
	if w > 0 && indent+width(line) >= w {
		shown, at = formula.Window(line, le.col, w-indent-1)
	}
	p.errLine(strings.Repeat(" ", indent) + shown)
	p.errLine(p.paint(sgrRed+";"+sgrBold, caret(indent+at, clip(indent+at, span))))
}
