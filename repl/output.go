package repl

import (
	"fmt"
	"io"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
)

// SGR colour codes.
const (
	sgrBold   = "1"
	sgrDim    = "2"
	sgrRed    = "31"
	sgrGreen  = "32"
	sgrYellow = "33"
	sgrBlue   = "34"
	sgrCyan   = "36"
)

// printer writes results and errors, in colour when asked to.
type printer struct {
	out, err io.Writer
	color    bool
}

// paint wraps s in an SGR sequence when colour is on.
func (p *printer) paint(code, s string) string {
	if !p.color || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// println writes a line to the output.
func (p *printer) println(s string) { fmt.Fprintln(p.out, s) }

// errLine writes a line to the error stream.
func (p *printer) errLine(s string) { fmt.Fprintln(p.err, s) }

// printf writes formatted text to the output.
func (p *printer) printf(format string, args ...any) { fmt.Fprintf(p.out, format, args...) }

// result prints a value as VALUE : Type.
func (p *printer) result(v eval.Value, static eval.Type) {
	p.println(p.paint(sgrBold, showValue(v)) + p.paint(sgrDim, " : ") + p.paint(sgrCyan, showType(v, static).String()))
}

// hint prints advice after an error.
func (p *printer) hint(s string) { fmt.Fprintln(p.err, p.paint(sgrYellow, "hint: "+s)) }

// showValue renders a value for the REPL: text quoted, null as null and
// secrets redacted.
func showValue(v eval.Value) string { return v.Literal() }

// showType is the type to print with a value: the formula's static type,
// unless only the value knows it.
func showType(v eval.Value, static eval.Type) eval.Type {
	if static == eval.Null || static == eval.Invalid || static == eval.Any {
		return v.Type()
	}
	return static
}

// width returns the number of terminal columns s takes.
func width(s string) int { return formula.Width(s) }

// located is an error at a position of the entry.
type located struct {
	line     int // index into the entry's lines
	col, end int // byte offsets into that line; end < 0 when unknown
	msg      string
}

// locate turns the errors of a formula that starts at byte base of e into
// errors positioned in e. Errors without positions have line -1.
func locate(e *entry, base int, err error) []located {
	list, ok := formula.AsList(err)
	if !ok {
		return []located{{line: -1, msg: err.Error()}}
	}
	out := make([]located, 0, len(list))
	for _, fe := range list {
		if !fe.Pos.IsValid() {
			out = append(out, located{line: -1, msg: fe.Msg})
			continue
		}
		line, col := e.lineCol(base + fe.Pos.Offset)
		end := -1
		if fe.End.IsValid() && fe.End.Line == fe.Pos.Line && fe.End.Offset > fe.Pos.Offset {
			end = col + fe.End.Offset - fe.Pos.Offset
		}
		out = append(out, located{line: line, col: col, end: end, msg: fe.Msg})
	}
	return out
}

// caret returns a caret at display column col, with tildes under the
// next n-1 columns.
func caret(col, n int) string {
	return strings.Repeat(" ", col) + "^" + strings.Repeat("~", max(n-1, 0))
}
