package scope

import (
	"bytes"
	"encoding/xml"
	"errors"
	"github.com/credscope/credscope/formula"
	"io"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a project file: formula.Pos with its File set, the
// one position type that formula errors and file positions share.
type Pos = formula.Pos

// element is an XML element with the positions of its tag and its text.
type element struct {
	Name     string
	Pos      Pos // the < of the start tag
	Text     string
	TextPos  Pos    // where the text content starts
	Raw      string // a leaf's text content as written, entities undecoded
	Children []*element
	// EndLine is the line of the end tag.
	EndLine int
	// Comments are the document's comments; set on the root element only.
	Comments []comment
	textOff  int // byte offset of the text content
	// text gathers the text content as the decoder gives it, in pieces
	// between comments and CDATA sections, and between child elements:
	// appending to Text instead would copy it again for each piece.
	text  []byte
	lines *lineIndex // the file's lines, to position text inside the element
}

// child returns the first child element of that name.
func (e *element) child(name string) *element {
	for _, c := range e.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// comment is an XML comment and the lines it spans.
type comment struct {
	Text      string
	Pos       Pos // the <!-- that opens it
	FirstLine int
	LastLine  int
}

// maxXMLDepth bounds element nesting; metadata files are three levels deep.
const maxXMLDepth = 64

// parseXML reads an XML document into an element tree with positions. A
// malformed document gives an *XMLError with the position of the fault.
func parseXML(file string, data []byte) (*element, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	lines := newLineIndex(data)
	var stack []*element
	var root *element
	var comments []comment
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(file, lines, dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxXMLDepth {
				return nil, &XMLError{Pos: lines.pos(file, int(start)), Msg: "elements nest too deeply"}
			}
			// InputOffset before the token may sit before white space.
			off := skipSpace(data, int(start))
			e := &element{Name: t.Name.Local, Pos: lines.pos(file, off), lines: lines}
			e.textOff = int(dec.InputOffset())
			e.TextPos = lines.pos(file, e.textOff)
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, e)
			} else if root == nil {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			e.EndLine = lines.pos(file, int(dec.InputOffset())).Line
			if len(e.Children) == 0 {
				if end := int(start); end >= e.textOff && end <= len(data) {
					e.Raw = string(data[e.textOff:end])
				}
				e.Text = textTokens.Replace(string(e.text))
			}
			e.text = nil
		case xml.CharData:
			if len(stack) > 0 {
				if e := stack[len(stack)-1]; len(e.Children) == 0 {
					e.text = append(e.text, t...)
				}
			}
		case xml.Comment:
			at := lines.pos(file, skipSpace(data, int(start)))
			comments = append(comments, comment{Text: string(t), Pos: at, FirstLine: at.Line,
				LastLine: lines.pos(file, int(dec.InputOffset())).Line})
		}
	}
	if root == nil {
		return nil, &XMLError{Pos: Pos{File: file, Line: 1, Column: 1}, Msg: "the file has no root element"}
	}
	root.Comments = comments
	return root, nil
}

// XMLError is a malformed XML file.
type XMLError struct {
	Pos Pos
	Msg string
}

// Error renders the error as FILE:LINE:COL: message.
func (e *XMLError) Error() string { return e.Pos.String() + ": " + e.Msg }

func xmlError(file string, lines *lineIndex, dec *xml.Decoder, err error) error {
	// The decoder's InputPos counts columns in bytes; Pos counts characters.
	pos := lines.pos(file, int(dec.InputOffset()))
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if se.Line > 0 && se.Line != pos.Line {
			pos = lines.lineStart(file, se.Line)
		}
		return &XMLError{Pos: pos, Msg: "malformed XML: " + se.Msg}
	}
	return &XMLError{Pos: pos, Msg: "malformed XML: " + err.Error()}
}

func skipSpace(data []byte, off int) int {
	for off < len(data) && (data[off] == ' ' || data[off] == '\t' || data[off] == '\n' || data[off] == '\r') {
		off++
	}
	return off
}

// lineIndex turns byte offsets into line and column.
type lineIndex struct {
	data   []byte
	starts []int
	// marks, for a file with a line longer than markEvery bytes, are the
	// rune boundaries at about every markEvery bytes with the runes
	// before each, so that a column far into a long line, such as that of
	// every element of a minified file, costs counting at most markEvery
	// bytes rather than the line so far.
	marks []runeMark
}

// runeMark is a rune boundary and the runes of the file before it.
type runeMark struct{ off, runes int }

// markEvery is the spacing of a lineIndex's marks, in bytes.
const markEvery = 1024

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{data: data, starts: []int{0}}
	longest := 0
	for i, c := range data {
		if c == '\n' {
			longest = max(longest, i+1-li.starts[len(li.starts)-1])
			li.starts = append(li.starts, i+1)
		}
	}
	if max(longest, len(data)-li.starts[len(li.starts)-1]) > markEvery {
		runes := 0
		for i := 0; i < len(data); runes++ {
			if i >= len(li.marks)*markEvery {
				li.marks = append(li.marks, runeMark{i, runes})
			}
			_, n := utf8.DecodeRune(data[i:])
			i += n
		}
	}
	return li
}

// mark returns the last mark at or before off.
func (li *lineIndex) mark(off int) runeMark {
	k := min(off/markEvery, len(li.marks)-1)
	if li.marks[k].off > off {
		k--
	}
	return li.marks[k]
}

// runes counts the runes from the start of a line up to off, as
// utf8.RuneCount counts them: a line starts at a rune boundary, and so
// does every mark.
func (li *lineIndex) runes(start, off int) int {
	if li.marks == nil {
		return utf8.RuneCount(li.data[start:off])
	}
	m := li.mark(off)
	if m.off <= start {
		return utf8.RuneCount(li.data[start:off])
	}
	s := li.mark(start)
	before := s.runes + utf8.RuneCount(li.data[s.off:start])
	return m.runes - before + utf8.RuneCount(li.data[m.off:off])
}

func (li *lineIndex) pos(file string, off int) Pos {
	if off > len(li.data) {
		off = len(li.data)
	}
	lo, hi := 0, len(li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	col := li.runes(li.starts[lo], off) + 1
	return Pos{File: file, Offset: off, Line: lo + 1, Column: col}
}

// lineStart returns the position of the first character of line n,
// counting from 1.
func (li *lineIndex) lineStart(file string, n int) Pos {
	if n > len(li.starts) {
		return li.pos(file, len(li.data))
	}
	return li.pos(file, li.starts[n-1])
}

// posAt returns the file position of the byte at offset off of the
// element's decoded text, seeing through entities, CDATA sections,
// comments and CRLF line ends, so that a formula error inside a parameterValue points at the
// right character of the XML file.
func (e *element) posAt(off int) Pos {
	raw, dec := 0, 0
	for dec < off && raw < len(e.Raw) {
		rest := e.Raw[raw:]
		switch {
		case strings.HasPrefix(rest, "<![CDATA["):
			raw += len("<![CDATA[")
			end := strings.Index(e.Raw[raw:], "]]>")
			if end < 0 {
				end = len(e.Raw) - raw
			}
			n := min(end, off-dec)
			raw, dec = raw+n, dec+n
			if dec < off {
				raw += len("]]>")
			}
		case strings.HasPrefix(rest, "<!--") || strings.HasPrefix(rest, "<?"):
			// Comments and processing instructions add nothing to the text.
			end := "-->"
			if rest[1] == '?' {
				end = "?>"
			}
			n := strings.Index(rest, end)
			if n < 0 {
				raw = len(e.Raw)
				continue
			}
			raw += n + len(end)
		case rest[0] == '&':
			semi := strings.IndexByte(rest, ';')
			if semi < 0 {
				raw, dec = raw+1, dec+1
				continue
			}
			decoded := decodeEntity(rest[:semi+1])
			raw, dec = raw+semi+1, dec+len(decoded)
		case rest[0] == '%':
			token, with, ok := namespaceToken(rest)
			if !ok {
				token, with = "%", "%"
			}
			raw, dec = raw+len(token), dec+len(with)
		case strings.HasPrefix(rest, "\r\n"):
			raw, dec = raw+2, dec+1
		default:
			raw, dec = raw+1, dec+1
		}
	}
	return e.lines.pos(e.Pos.File, e.textOff+raw)
}

// decodeEntity decodes one XML entity or character reference.
func decodeEntity(ent string) string {
	var out string
	d := xml.NewDecoder(strings.NewReader("<x>" + ent + "</x>"))
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		if cd, ok := tok.(xml.CharData); ok {
			out += string(cd)
		}
	}
}

// line returns the text of a line, for carets.
func (li *lineIndex) line(n int) string {
	if n < 1 || n > len(li.starts) {
		return ""
	}
	end := len(li.data)
	if n < len(li.starts) {
		end = li.starts[n] - 1
	}
	return strings.TrimRight(string(li.data[li.starts[n-1]:end]), "\r")
}
