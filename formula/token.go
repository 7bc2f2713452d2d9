package formula

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types, as the grammar names them. Keyword covers TRUE, FALSE and
// NULL; Not is the NOT operator; Sign is + or -, which are both unary and
// binary; Op is every operator that is only binary.
const (
	tokNumber lexer.TokenType = -(iota + 2)
	tokString
	tokIdent
	tokKeyword
	tokNot
	tokSign
	tokBang
	tokOp
	tokPunct
)

// symbols names the token types for the grammar. It is a function so that
// it is ready when the grammar is built during package initialisation.
func symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF":     lexer.EOF,
		"Number":  tokNumber,
		"String":  tokString,
		"Ident":   tokIdent,
		"Keyword": tokKeyword,
		"Not":     tokNot,
		"Sign":    tokSign,
		"Bang":    tokBang,
		"Op":      tokOp,
		"Punct":   tokPunct,
	}
}

// describe names a token for "Found" messages.
func describe(t lexer.Token) string {
	if t.Type == lexer.EOF {
		return "end of formula"
	}
	s := t.Value
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// scanner turns formula text into tokens, one per call of Next: it is the
// lexer.Lexer Participle reads, so that the tokens are stored once, in
// Participle's PeekingLexer. It skips white space and comments, and in a
// template it stops at the } that closes a {! segment.
type scanner struct {
	name string
	src  string // the whole source, for error lines
	pos  Pos    // the next unread position
	end  int    // offset where the expression ends
	// inTemplate makes } end the expression instead of being an error.
	inTemplate bool
	// count is the number of tokens returned, EOF included once; stop is
	// the offset just past the closing } (or end), once EOF is returned.
	count, stop int
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '$'
}

func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '.' || c == '#'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// twoCharOps are the operators of two characters, matched before one-character ones.
var twoCharOps = [...]string{"||", "&&", "==", "!=", "<>", "<=", ">="}

// Next implements lexer.Lexer: it lexes the next token up to s.end, or up
// to the closing } in a template, and returns EOF there. The error is an
// *Error.
func (s *scanner) Next() (lexer.Token, error) {
	for s.pos.Offset < s.end {
		c := s.src[s.pos.Offset]
		rest := s.src[s.pos.Offset:s.end]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			s.pos = s.pos.advance(rest[:1])
		case strings.HasPrefix(rest, "/*"):
			n := strings.Index(rest[2:], "*/")
			if n < 0 {
				return lexer.Token{}, s.errAt(s.pos, "Syntax error. Missing '*/'")
			}
			s.pos = s.pos.advance(rest[:n+4])
		case c == '}' && s.inTemplate:
			return s.eof(s.pos.Offset + 1), nil
		case isDigit(c):
			n := 1
			for n < len(rest) && isDigit(rest[n]) {
				n++
			}
			if n+1 < len(rest) && rest[n] == '.' && isDigit(rest[n+1]) {
				n += 2
				for n < len(rest) && isDigit(rest[n]) {
					n++
				}
			}
			return s.emit(tokNumber, rest[:n]), nil
		case isIdentStart(c):
			n := 1
			for n < len(rest) && isIdentChar(rest[n]) {
				n++
			}
			word := rest[:n]
			typ := tokIdent
			switch {
			case strings.EqualFold(word, "NOT"):
				typ = tokNot
			case strings.EqualFold(word, "TRUE"), strings.EqualFold(word, "FALSE"), strings.EqualFold(word, "NULL"):
				typ = tokKeyword
			}
			return s.emit(typ, word), nil
		case c == '"' || c == '\'':
			n, err := s.scanString(rest)
			if err != nil {
				return lexer.Token{}, err
			}
			return s.emit(tokString, rest[:n]), nil
		default:
			t, ok := s.scanOperator(rest)
			if !ok {
				return lexer.Token{}, s.errAt(s.pos, "Syntax error. Found '"+firstRune(rest)+"'")
			}
			return t, nil
		}
	}
	if s.inTemplate {
		return lexer.Token{}, s.errAt(s.pos, "Syntax error. Missing '}'")
	}
	return s.eof(s.end), nil
}

// eof returns the EOF token, the first time with the offset where
// scanning stopped.
func (s *scanner) eof(stop int) lexer.Token {
	if s.stop == 0 {
		s.stop = stop
	}
	return s.emit(lexer.EOF, "")
}

// scanOperator lexes an operator or punctuation at the start of rest.
func (s *scanner) scanOperator(rest string) (lexer.Token, bool) {
	for _, op := range twoCharOps {
		if strings.HasPrefix(rest, op) {
			return s.emit(tokOp, op), true
		}
	}
	switch rest[0] {
	case '+', '-':
		return s.emit(tokSign, rest[:1]), true
	case '!':
		return s.emit(tokBang, rest[:1]), true
	case '*', '/', '^', '&', '=', '<', '>':
		return s.emit(tokOp, rest[:1]), true
	case '(', ')', ',':
		return s.emit(tokPunct, rest[:1]), true
	}
	return lexer.Token{}, false
}

// scanString returns the length of the string literal at the start of rest,
// including its quotes. A literal may not span lines, as in Salesforce.
func (s *scanner) scanString(rest string) (int, *Error) {
	quote := rest[0]
	for i := 1; i < len(rest); i++ {
		switch rest[i] {
		case quote:
			return i + 1, nil
		case '\n', '\r':
			return 0, s.errAt(s.pos.advance(rest[:i]), "Syntax error. Missing '"+string(quote)+"'")
		case '\\':
			if i+1 >= len(rest) {
				break
			}
			switch rest[i+1] {
			case 'n', 'r', 't', 'N', 'R', 'T', '"', '\'', '\\':
				i++
			default:
				return 0, s.errAt(s.pos.advance(rest[:i]), "Syntax error. Found '"+rest[i:i+1]+firstRune(rest[i+1:])+"'")
			}
		}
	}
	return 0, s.errAt(s.pos, "Syntax error. Missing '"+string(quote)+"'")
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// emit returns the token of text at the scanner's position, and moves
// past it.
func (s *scanner) emit(typ lexer.TokenType, text string) lexer.Token {
	t := lexer.Token{Type: typ, Value: text, Pos: lexer.Position{Filename: s.name, Offset: s.pos.Offset, Line: s.pos.Line, Column: s.pos.Column}}
	s.pos = s.pos.advance(text)
	s.count++
	return t
}

func (s *scanner) errAt(p Pos, msg string) *Error {
	return NewError(s.name, s.src, p, msg)
}

// unquote decodes a string literal's text, quotes included, into its value.
// As in Salesforce's engine, only \" and \\ stand for one character; the
// other escapes the lexer accepts (\n \r \t \' and \N \R \T) keep their
// backslash: "a\nb" is four characters.
func unquote(lit string) string {
	body := lit[1 : len(lit)-1]
	if strings.IndexByte(body, '\\') < 0 {
		return body
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\\' && i+1 < len(body) && (body[i+1] == '"' || body[i+1] == '\\') {
			i++
			c = body[i]
		}
		b.WriteByte(c)
	}
	return b.String()
}
