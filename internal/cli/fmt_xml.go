package cli

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/credscope/credscope/formula"
)

// formatXML formats the formulas inside the parameterValue elements of an
// SFDX metadata file, and changes no other byte. Values that do not parse
// are reported and left alone; so are values holding child elements, XML
// comments or CDATA mixed with text.
func (f *formatter) formatXML(path string, data []byte) []byte {
	values, err := parameterValues(data)
	if err != nil {
		p := posIn(string(data), int(err.offset))
		fmt.Fprintf(f.stdio.Err, "%s:%s: %v\n", path, p, err.err)
		f.failed++
		return data
	}
	var out bytes.Buffer
	at := 0
	for _, v := range values {
		if !strings.Contains(v.text, "{!") {
			continue
		}
		rawStr := string(data[v.start:v.end])
		xmlPos := func(off int) formula.Pos { return posIn(string(data), v.start+rawOffset(rawStr, off)) }
		if strings.Contains(rawStr, "<!--") || strings.Contains(rawStr, "<?") {
			fmt.Fprintf(f.stdio.Err, "%s:%s: the value holds XML comments; left as it is\n", path, xmlPos(0))
			continue
		}
		t, err := formula.ParseTemplate(path, v.text)
		if err != nil {
			var fe *formula.Error
			if errors.As(err, &fe) {
				p := xmlPos(fe.Pos.Offset)
				err = &formula.Error{Name: path, Pos: p, Msg: fe.Msg, Line: lineOf(data, p.Line)}
			}
			fmt.Fprintln(f.stdio.Err, formula.Render(err))
			f.failed++
			continue
		}
		enc, ok := encoderFor(rawStr)
		if !ok {
			fmt.Fprintf(f.stdio.Err, "%s:%s: the value mixes CDATA and text; left as it is\n", path, xmlPos(0))
			continue
		}
		for _, e := range f.edits(path, v.text, t, xmlPos) {
			text, ok := enc(e.Text)
			if !ok {
				continue
			}
			out.Write(data[at : v.start+rawOffset(rawStr, e.Start)])
			out.WriteString(text)
			at = v.start + rawOffset(rawStr, e.End)
		}
	}
	out.Write(data[at:])
	return out.Bytes()
}

// xmlValue is the text of a parameterValue element: where its content lies
// in the file, and the content decoded.
type xmlValue struct {
	start, end int
	text       string
}

// xmlError is malformed XML at a byte offset.
type xmlError struct {
	offset int64
	err    error
}

// parameterValues finds the parameterValue elements that hold only text.
func parameterValues(data []byte) ([]xmlValue, *xmlError) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []xmlValue
	var cur *xmlValue
	var text strings.Builder
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, &xmlError{offset: before, err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			cur = nil // a value with child elements is not a formula
			if t.Name.Local == "parameterValue" {
				cur = &xmlValue{start: int(dec.InputOffset())}
				text.Reset()
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if cur != nil && t.Name.Local == "parameterValue" {
				cur.end, cur.text = int(before), text.String()
				out = append(out, *cur)
			}
			cur = nil
		}
	}
}

// rawOffset returns the offset in raw, the content of an element as
// written, of byte off of its decoded text, seeing through entities, CDATA
// sections and CRLF line ends. An offset at the start of a CDATA section is
// inside it, after its <![CDATA[; one at its end is before its ]]>.
func rawOffset(raw string, off int) int {
	const open, closing = "<![CDATA[", "]]>"
	r, d := 0, 0
	inCDATA := false
	for r < len(raw) {
		rest := raw[r:]
		switch {
		case !inCDATA && strings.HasPrefix(rest, open):
			r, inCDATA = r+len(open), true
			continue
		case inCDATA && strings.HasPrefix(rest, closing):
			if d == off {
				return r
			}
			r, inCDATA = r+len(closing), false
			continue
		case d >= off:
			return r
		case inCDATA:
			r, d = r+1, d+1
		case rest[0] == '&':
			semi := strings.IndexByte(rest, ';')
			if semi < 0 {
				r, d = r+1, d+1
				continue
			}
			var decoded string
			if err := xml.Unmarshal([]byte("<x>"+rest[:semi+1]+"</x>"), &decoded); err != nil {
				decoded = rest[:semi+1]
			}
			r, d = r+semi+1, d+len(decoded)
		case strings.HasPrefix(rest, "\r\n"):
			r, d = r+2, d+1
		default:
			r, d = r+1, d+1
		}
	}
	return r
}

// encoderFor returns how to write text back into an element whose content
// is raw, in the style raw uses: inside CDATA when the content is one CDATA
// section, otherwise escaped, with quotes as entities unless raw writes
// them plainly. It fails for content that mixes CDATA and text.
func encoderFor(raw string) (func(string) (string, bool), bool) {
	if strings.Contains(raw, "<![CDATA[") {
		trimmed := strings.TrimSpace(raw)
		if !strings.HasPrefix(trimmed, "<![CDATA[") || strings.Index(trimmed, "]]>") != len(trimmed)-3 {
			return nil, false
		}
		return func(s string) (string, bool) { return s, !strings.Contains(s, "]]>") }, true
	}
	pairs := []string{"&", "&amp;", "<", "&lt;"}
	if strings.Contains(raw, "&gt;") {
		pairs = append(pairs, ">", "&gt;")
	}
	if strings.Contains(raw, "&quot;") || !strings.Contains(raw, `"`) {
		pairs = append(pairs, `"`, "&quot;")
	}
	if strings.Contains(raw, "&apos;") {
		pairs = append(pairs, "'", "&apos;")
	}
	r := strings.NewReplacer(pairs...)
	return func(s string) (string, bool) { return r.Replace(s), true }, true
}

// lineOf returns line n of data, for a caret display.
func lineOf(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSuffix(lines[n-1], "\r")
}
