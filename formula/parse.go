package formula

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Salesforce's limits, and credscope's limit on nesting.
const (
	// MaxLength is the longest formula Salesforce accepts, in characters,
	// spaces, line breaks and comments included.
	MaxLength = 3900
	// MaxDepth is how deeply parentheses may nest. Salesforce documents no
	// limit; this one is far above any real formula and keeps the parser's
	// recursion bounded on any input.
	MaxDepth = 128
)

// Config holds the parser's limits. The zero Config means the defaults.
type Config struct {
	// MaxLength is the longest source accepted, in characters (UTF-16 code
	// units, as Salesforce counts them). Zero means MaxLength; negative means
	// no limit.
	MaxLength int
	// MaxDepth is the deepest nesting of parentheses. Zero means MaxDepth.
	MaxDepth int
}

func (c Config) maxLength() int {
	if c.MaxLength == 0 {
		return MaxLength
	}
	return c.MaxLength
}

func (c Config) maxDepth() int {
	if c.MaxDepth <= 0 {
		return MaxDepth
	}
	return c.MaxDepth
}

// Parse parses src as a bare expression, such as IF(a, b, c), with the
// default limits. Name names the source in errors. The error, if any, is an
// *Error.
func Parse(name, src string) (Expr, error) { return Config{}.Parse(name, src) }

// Parse parses src as a bare expression with c's limits.
func (c Config) Parse(name, src string) (Expr, error) {
	if err := c.checkLength(name, src); err != nil {
		return nil, err
	}
	x, _, err := c.parseExpr(name, src, startPos, len(src), false)
	if err != nil {
		return nil, err
	}
	return x, nil
}

// checkLength enforces the length limit, counting as Salesforce does.
func (c Config) checkLength(name, src string) error {
	limit := c.maxLength()
	if limit < 0 || len(src) <= limit {
		return nil
	}
	n := 0
	for _, r := range src {
		n += utf16.RuneLen(r)
	}
	if n <= limit {
		return nil
	}
	return NewError(name, src, startPos,
		fmt.Sprintf("Formula is too long (%d characters). Maximum length is %d characters", n, limit))
}

// parseExpr parses the expression that starts at pos and ends at end, or, in
// a template, at the closing }. It returns the offset just past what it read.
func (c Config) parseExpr(name, src string, pos Pos, end int, inTemplate bool) (Expr, int, error) {
	if !utf8.ValidString(src) {
		return nil, 0, NewError(name, src, invalidUTF8Pos(src), "Syntax error. Found invalid UTF-8")
	}
	sc := scanner{name: name, src: src, pos: pos, end: end, inTemplate: inTemplate}
	peek, err := lexer.Upgrade(&sc)
	if err != nil {
		return nil, 0, err
	}
	// The parser reads positions from the tokens Participle holds.
	p := parser{name: name, src: src, toks: peek.Range(0, lexer.RawCursor(sc.count))}
	if err := p.checkDepth(c.maxDepth()); err != nil {
		return nil, 0, err
	}
	if len(p.toks) == 1 { // only EOF
		return nil, 0, p.errAt(p.posOf(0), "Syntax error. Missing expression")
	}
	g, err := grammarParser.ParseFromLexer(peek)
	if err != nil {
		return nil, 0, p.syntaxError(err)
	}
	return p.fold(g), sc.stop, nil
}

func invalidUTF8Pos(src string) Pos {
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && w == 1 {
			return startPos.advance(src[:i])
		}
		i += w
	}
	return startPos
}

// parser converts Participle's parse tree to the AST, reading positions
// from the lexed tokens.
type parser struct {
	name string
	src  string
	toks []lexer.Token
}

// posOf returns the position of the token at i.
func (p *parser) posOf(i int) Pos { return pos(p.toks[i].Pos) }

func (p *parser) errAt(pos Pos, msg string) *Error { return NewError(p.name, p.src, pos, msg) }

// checkDepth rejects nesting deeper than max before Participle recurses into it.
func (p *parser) checkDepth(max int) error {
	depth := 0
	for _, t := range p.toks {
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case "(":
			depth++
			if depth > max {
				return p.errAt(pos(t.Pos), fmt.Sprintf(
					"Formula is nested too deeply (more than %d levels of parentheses)", max))
			}
		case ")":
			depth--
		}
	}
	return nil
}

// syntaxError turns a Participle error into Salesforce's wording, positioned
// at the token where parsing failed.
func (p *parser) syntaxError(err error) error {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return p.errAt(startPos, "Syntax error")
	}
	i := p.tokenAt(perr.Position().Offset)
	// Participle backtracks out of a group that failed after its first token,
	// and so blames a valid operator or argument comma for what follows it.
	// Move the blame to the token that cannot start an operand.
	if i+1 < len(p.toks) && p.expectsOperand(i) && !startsOperand(p.toks[i+1]) {
		i++
	}
	tok := p.toks[i]
	depth := 0
	for _, t := range p.toks[:i] {
		if t.Type == tokPunct && t.Value == "(" {
			depth++
		} else if t.Type == tokPunct && t.Value == ")" {
			depth--
		}
	}
	var msg string
	switch {
	case tok.Type == lexer.EOF && depth > 0:
		msg = "Syntax error. Missing ')'"
	case tok.Type == lexer.EOF:
		msg = "Syntax error. Missing expression"
	case tok.Type == tokPunct && tok.Value == ")" && depth <= 0:
		msg = "Syntax error. Extra ')'"
	case tok.Type == tokPunct && tok.Value == ",":
		msg = "Syntax error. Extra ','"
	default:
		msg = "Syntax error. Found '" + describe(tok) + "'"
	}
	return p.errAt(pos(tok.Pos), msg)
}

// expectsOperand reports whether the token at i validly asks for an operand
// next: a binary operator, or a comma between a call's arguments.
func (p *parser) expectsOperand(i int) bool {
	t := p.toks[i]
	switch {
	case t.Type == tokOp || t.Type == tokSign:
		return i > 0
	case t.Type == tokPunct && t.Value == ",":
		return p.inCall(i)
	}
	return false
}

// inCall reports whether the token at i is inside a call's parentheses,
// rather than a grouping's.
func (p *parser) inCall(i int) bool {
	depth := 0
	for j := i - 1; j >= 0; j-- {
		t := p.toks[j]
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case ")":
			depth++
		case "(":
			if depth == 0 {
				return j > 0 && p.toks[j-1].Type == tokIdent
			}
			depth--
		}
	}
	return false
}

// startsOperand reports whether t can begin an operand.
func startsOperand(t lexer.Token) bool {
	switch t.Type {
	case tokNumber, tokString, tokIdent, tokKeyword, tokNot, tokSign, tokBang:
		return true
	case tokPunct:
		return t.Value == "("
	}
	return false
}

// closeBefore returns the position of the ) that ends a node, given the
// position of the token after the node.
func (p *parser) closeBefore(next lexer.Position) Pos {
	i := p.tokenAt(next.Offset)
	if p.toks[i].Pos.Offset == next.Offset && i > 0 {
		i--
	}
	return p.posOf(i)
}

// tokenAt returns the index of the token that starts at offset off, or the
// last one before it.
func (p *parser) tokenAt(off int) int {
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos.Offset > off })
	if i > 0 {
		i--
	}
	return i
}

func pos(lp lexer.Position) Pos { return Pos{Offset: lp.Offset, Line: lp.Line, Column: lp.Column} }

// fold folds a flat operand/operator list into a tree by precedence
// climbing. Every binary operator is left-associative.
func (p *parser) fold(g *expression) Expr {
	operands := make([]Expr, 0, len(g.Tail)+1)
	operands = append(operands, p.operandExpr(g.Head))
	ops := make([]*Binary, 0, len(g.Tail))
	prevEnd := g.Head.EndPos
	for _, in := range g.Tail {
		b := &Binary{OpPos: pos(prevEnd), Op: binaryOps[in.Op]}
		prevEnd = in.Operand.EndPos
		// Reduce while the operator on the stack binds at least as tightly.
		for len(ops) > 0 && ops[len(ops)-1].Op.Precedence() >= b.Op.Precedence() {
			operands, ops = reduce(operands, ops)
		}
		ops = append(ops, b)
		operands = append(operands, p.operandExpr(in.Operand))
	}
	for len(ops) > 0 {
		operands, ops = reduce(operands, ops)
	}
	return operands[0]
}

func reduce(operands []Expr, ops []*Binary) ([]Expr, []*Binary) {
	b := ops[len(ops)-1]
	n := len(operands)
	b.X, b.Y = operands[n-2], operands[n-1]
	operands[n-2] = b
	return operands[:n-1], ops[:len(ops)-1]
}

// operandExpr converts an operand. Prefix operators and the parentheses
// of a call or group are single tokens, so their positions come from the
// token list: the operand's first token, the token after the name, and the
// token before EndPos.
func (p *parser) operandExpr(g *operand) Expr {
	first := p.tokenAt(g.Pos.Offset)
	at := p.posOf(first + len(g.Prefix))
	var x Expr
	switch {
	case g.Number != "":
		x = &NumberLit{ValuePos: at, Raw: g.Number}
	case g.String != "":
		x = &StringLit{ValuePos: at, Raw: g.String, Value: unquote(g.String)}
	case g.Keyword != "":
		if c := g.Keyword[0]; c == 'n' || c == 'N' {
			x = &NullLit{ValuePos: at, Raw: g.Keyword}
		} else {
			x = &BoolLit{ValuePos: at, Raw: g.Keyword, Value: c == 't' || c == 'T'}
		}
	case g.Name != "" && !g.Call:
		x = &Ident{NamePos: at, Name: g.Name}
	case g.Name != "":
		c := &Call{NamePos: at, Name: g.Name, Lparen: p.posOf(first + len(g.Prefix) + 1), Rparen: p.closeBefore(g.EndPos)}
		c.Args = make([]Expr, len(g.Args))
		for i, a := range g.Args {
			c.Args[i] = p.fold(a)
		}
		x = c
	default:
		x = &Paren{Lparen: at, X: p.fold(g.Paren), Rparen: p.closeBefore(g.EndPos)}
	}
	for i := len(g.Prefix) - 1; i >= 0; i-- {
		op := OpNot
		switch g.Prefix[i] {
		case "+":
			op = OpAdd
		case "-":
			op = OpSub
		}
		x = &Unary{OpPos: p.posOf(first + i), Op: op, X: x}
	}
	return x
}

// lexDefinition lets Participle lex formula text itself, for tools that use
// the grammar directly; the parser above hands Participle its own scanner.
type lexDefinition struct{}

func (lexDefinition) Symbols() map[string]lexer.TokenType { return symbols() }

func (lexDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	src := string(b)
	return &scanner{name: filename, src: src, pos: startPos, end: len(src)}, nil
}
