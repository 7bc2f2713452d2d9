package repl

import "strings"

// scanState is where the end of an entry leaves the formula lexer.
type scanState struct {
	// template is true when the entry holds {!, so that the text outside
	// {!…} segments is static.
	template bool
	// inExpr is true inside an expression: always for a bare formula, and
	// between {! and } in a template.
	inExpr bool
	// depth counts the parentheses still open in the current expression.
	depth int
	// quote is the quote character of an unclosed string literal, or 0.
	quote byte
	// comment is true inside an unclosed /* comment.
	comment bool
}

// scan lexes src just far enough to know what is left open at its end.
func scan(src string) scanState {
	st := scanState{template: strings.Contains(src, "{!")}
	st.inExpr = !st.template
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case st.comment:
			if c == '*' && i+1 < len(src) && src[i+1] == '/' {
				st.comment = false
				i++
			}
		case st.quote != 0:
			switch c {
			case '\\':
				i++ // the escaped character
			case st.quote:
				st.quote = 0
			}
		case !st.inExpr:
			if c == '{' && i+1 < len(src) && src[i+1] == '!' {
				st.inExpr, st.depth = true, 0
				i++
			}
		case c == '"' || c == '\'':
			st.quote = c
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			st.comment = true
			i++
		case c == '(':
			st.depth++
		case c == ')':
			st.depth--
		case c == '}' && st.template:
			st.inExpr = false
		}
	}
	return st
}

// open returns what an entry leaves unclosed, so that it continues on the
// next line: '(' for a parenthesis, '"' or '\” for a string, '{' for a {!
// segment and '*' for a comment; 0 when the entry is complete. Too many
// closing parentheses complete an entry: the parser reports them.
func open(src string) byte {
	st := scan(src)
	switch {
	case st.comment:
		return '*'
	case st.quote != 0:
		return st.quote
	case st.depth > 0:
		return '('
	case st.template && st.inExpr:
		return '{'
	}
	return 0
}
