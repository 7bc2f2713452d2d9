package eval

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/credscope/credscope/formula"
)

// HTMLENCODE, JSENCODE and URLENCODE escape text for HTML, for JavaScript
// string literals and for URLs, with Salesforce's mappings. A null argument
// encodes as "", which is not null.

// htmlEncode escapes < > & " ' and the line and paragraph separators, and
// writes characters outside the BMP as decimal references.
func htmlEncode(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var rep string
		switch {
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '&':
			rep = "&amp;"
		case r == '"':
			rep = "&quot;"
		case r == '\'':
			rep = "&#39;"
		case r == '\u2028':
			rep = "<br>"
		case r == '\u2029':
			rep = "<p>"
		case r == '©':
			rep = "&copy;"
		case r > 0xFFFF:
			rep = "&#" + strconv.Itoa(int(r)) + ";"
		}
		if rep != "" {
			b.WriteString(s[last:i])
			b.WriteString(rep)
			last = i + size
		}
		i += size
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// jsEscapes are JSENCODE's replacements; at each position the longest
// match wins.
var jsEscapes = []struct{ from, to string }{
	{"&#39;", `\&#39;`},
	{"!--", `\!--`},
	{"/*", `\/\*`},
	{"*/", `\*\/`},
	{`\`, `\\`},
	{"'", `\'`},
	{"\n", `\n`},
	{"\r", `\r`},
	{`"`, `\"`},
	{"<", `\u003C`},
	{">", `\u003E`},
	{"\u2028", `\n`},
	{"\u2029", `\u2029`},
	{"\x00", ""},
	{"*", `\*`},
}

// jsEncode escapes s for a JavaScript string literal.
func jsEncode(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		matched := false
		if strings.IndexByte(`&!/*\'"<>`+"\n\r\x00\xe2", s[i]) >= 0 {
			for _, e := range jsEscapes { // longer entries come first
				if strings.HasPrefix(s[i:], e.from) {
					b.WriteString(s[last:i])
					b.WriteString(e.to)
					i += len(e.from)
					last, matched = i, true
					break
				}
			}
		}
		if !matched {
			i++
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// urlEncode encodes s as an HTML form value, as Java's URLEncoder does with
// UTF-8: letters, digits and . - * _ stay, a space becomes +, and every
// other byte becomes %XX.
func urlEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '-', c == '*', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// encodeImpl compiles an encoding function. The output is at most a few
// times longer than the input, which the budget pays for.
func encodeImpl(enc func(string) string) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		f := args[0].str
		return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
			s, _ := f(fr)
			if !fr.spend(x, len(s)) {
				return "", false
			}
			return enc(s), true
		}}
	}
}
