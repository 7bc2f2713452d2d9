package formula

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is one problem in a formula: a message in Salesforce's wording and the
// position of the fault.
type Error struct {
	// Name names the source, such as a file name or "formula".
	Name string
	// Pos is where the fault starts; End, when valid, is where it ends.
	Pos, End Pos
	// Msg is the message, without position.
	Msg string
	// Line is the text of the source line that holds Pos, for the caret display.
	Line string
}

// Error renders the error on one line as NAME:LINE:COL: MESSAGE. An error
// with no position leaves it out rather than print 0:0.
func (e *Error) Error() string {
	switch {
	case !e.Pos.IsValid() && e.Name == "":
		return e.Msg
	case !e.Pos.IsValid():
		return e.Name + ": " + e.Msg
	case e.Name == "":
		return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("%s:%s: %s", e.Name, e.Pos, e.Msg)
}

// Render returns the one-line form followed by the source line and a caret
// under the fault.
func (e *Error) Render() string {
	var b strings.Builder
	b.WriteString(e.Error())
	if !e.Pos.IsValid() || e.Line == "" && e.Pos.Column <= 1 {
		return b.String()
	}
	e.caretLine(&b)
	return b.String()
}

// ErrorList is a list of errors in source order. A function that can find
// several problems returns them all as an ErrorList.
type ErrorList []*Error

// Error renders the first error, and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Render renders every error with its source line and caret, one after another.
func (l ErrorList) Render() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Render()
	}
	return strings.Join(parts, "\n")
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Render renders err with source lines and carets when it is, or wraps, an
// *Error or an ErrorList; other errors render as their Error text.
func Render(err error) string {
	if list, ok := AsList(err); ok {
		return list.Render()
	}
	return err.Error()
}

// AsList returns the formula errors in err: the list when err is or wraps
// an ErrorList, a list of one when it is or wraps an *Error, and false for
// any other error.
func AsList(err error) (ErrorList, bool) {
	var list ErrorList
	if errors.As(err, &list) {
		return list, true
	}
	var one *Error
	if errors.As(err, &one) {
		return ErrorList{one}, true
	}
	return nil, false
}

// NewError builds an error at pos in the source src. Name names the source.
func NewError(name, src string, pos Pos, msg string) *Error {
	return &Error{Name: name, Pos: pos, Msg: msg, Line: lineAt(src, pos.Offset)}
}

// Errorf is NewError with a format string.
func Errorf(name, src string, pos Pos, format string, args ...any) *Error {
	return NewError(name, src, pos, fmt.Sprintf(format, args...))
}

// lineAt returns the line of src that holds the byte offset off, without its
// line break, with invalid UTF-8 replaced so that it prints safely.
func lineAt(src string, off int) string {
	if off > len(src) {
		off = len(src)
	}
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	line := strings.TrimSuffix(src[start:end], "\r")
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "\uFFFD")
	}
	return line
}
