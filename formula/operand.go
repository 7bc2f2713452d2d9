package formula

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// operand is a literal, a field reference, a call or a parenthesised
// expression, with any prefix operators:
//
//	operand = (<sign> | <bang> | <not>)* ((<ident> ("(" (Expression ("," Expression)*)? ")")?) | <string> | <number> | <keyword> | ("(" Expression ")")) .
//
// It implements participle.Parseable, Participle's hook for a node that
// parses itself: the operand is where a declared grammar spends most of
// its branches and reflection, and parsing it by hand halves the cost of a
// parse, while the expressions inside calls and groups go back through the
// declared grammar (see subExpression). EndPos is the position of the token after the operand,
// which locates a closing parenthesis.
type operand struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Prefix  []string
	Name    string
	Call    bool
	Args    []*expression
	String  string
	Number  string
	Paren   *expression
	Keyword string
}

// Parse implements participle.Parseable. It returns participle.NextMatch
// when no operand starts here, and an UnexpectedTokenError at the token
// that cannot continue one.
func (o *operand) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	o.Pos = t.Pos
	for t.Type == tokSign || t.Type == tokBang || t.Type == tokNot {
		o.Prefix = append(o.Prefix, t.Value)
		lex.Next()
		t = lex.Peek()
	}
	switch {
	case t.Type == tokIdent:
		o.Name = t.Value
		lex.Next()
		if isPunct(lex.Peek(), "(") {
			lex.Next()
			o.Call = true
			args, err := parseList(lex)
			if err != nil {
				return err
			}
			o.Args = args
		}
	case t.Type == tokString:
		o.String = lex.Next().Value
	case t.Type == tokNumber:
		o.Number = lex.Next().Value
	case t.Type == tokKeyword:
		o.Keyword = lex.Next().Value
	case isPunct(t, "("):
		lex.Next()
		x, err := subExpression(lex)
		if err != nil {
			return err
		}
		if !isPunct(lex.Peek(), ")") {
			return &participle.UnexpectedTokenError{Unexpected: *lex.Peek()}
		}
		lex.Next()
		o.Paren = x
	case len(o.Prefix) == 0:
		return participle.NextMatch
	default:
		return &participle.UnexpectedTokenError{Unexpected: *t}
	}
	o.EndPos = lex.Peek().Pos
	return nil
}

// parseList parses a call's arguments after its "(", through the ")".
func parseList(lex *lexer.PeekingLexer) ([]*expression, error) {
	if isPunct(lex.Peek(), ")") {
		lex.Next()
		return nil, nil
	}
	var args []*expression
	for {
		x, err := subExpression(lex)
		if err != nil {
			return nil, err
		}
		args = append(args, x)
		switch next := lex.Peek(); {
		case isPunct(next, ","):
			lex.Next()
		case isPunct(next, ")"):
			lex.Next()
			return args, nil
		default:
			return nil, &participle.UnexpectedTokenError{Unexpected: *next}
		}
	}
}

// subExpression parses an expression inside parentheses, stopping at the
// first token that cannot continue it. It takes the expression's first
// operand as the declared grammar's Head would, by the operand's own
// Parse, and hands the declared grammar the operators that follow, when
// one does (the infix production starts with an Op or a Sign): most
// arguments are one operand, and re-entering Participle for each cost
// most of a parse.
func subExpression(lex *lexer.PeekingLexer) (*expression, error) {
	head := &operand{}
	if err := head.Parse(lex); err != nil {
		if err == participle.NextMatch {
			return nil, &participle.UnexpectedTokenError{Unexpected: *lex.Peek()}
		}
		return nil, err
	}
	x := &expression{Head: head}
	if t := lex.Peek(); t.Type == tokOp || t.Type == tokSign {
		tail, err := tailParser.ParseFromLexer(lex, allowTrailing)
		if err != nil {
			return nil, err
		}
		x.Tail = tail.Tail
	}
	return x, nil
}

func isPunct(t *lexer.Token, s string) bool { return t.Type == tokPunct && t.Value == s }
