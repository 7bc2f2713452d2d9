package formula

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The Participle grammar. An expression is a flat list of operands and binary
// operators; fold resolves precedence afterwards, which parses markedly faster
// than one struct per precedence level. GRAMMAR.md holds the same grammar as
// EBNF, and a test keeps the two in step.

// expression is an operand followed by any number of binary operators and
// their operands.
type expression struct {
	Head *operand `parser:"@@"`
	Tail []*infix `parser:"@@*"`
}

// infix is one binary operator and its right operand.
type infix struct {
	Pos     lexer.Position
	Op      string   `parser:"@( Op | Sign )"`
	Operand *operand `parser:"@@"`
}

// operand is a primary with any prefix operators.
type operand struct {
	Prefix  []*prefix `parser:"@@*"`
	Primary *primary  `parser:"@@"`
}

// prefix is one prefix operator.
type prefix struct {
	Pos lexer.Position
	Op  string `parser:"@( Sign | Bang | Not )"`
}

// primary is a literal, a field reference or call, or a parenthesised expression.
type primary struct {
	Pos     lexer.Position
	Number  string     `parser:"  @Number"`
	String  string     `parser:"| @String"`
	Keyword string     `parser:"| @Keyword"`
	Ref     *reference `parser:"| @@"`
	Paren   *group     `parser:"| @@"`
}

// reference is an identifier, which is a call when an argument list follows.
type reference struct {
	Name string     `parser:"@Ident"`
	Args *arguments `parser:"@@?"`
}

// arguments is a call's parenthesised argument list. EndPos is the token
// after the closing parenthesis, which locates it without a struct of its own.
type arguments struct {
	Pos    lexer.Position
	EndPos lexer.Position
	List   []*expression `parser:"\"(\" ( @@ ( \",\" @@ )* )? \")\""`
}

// group is a parenthesised expression.
type group struct {
	Pos    lexer.Position
	EndPos lexer.Position
	X      *expression `parser:"\"(\" @@ \")\""`
}

// grammarParser is built once; a Participle parser is immutable after
// construction and safe for concurrent use.
var grammarParser = participle.MustBuild[expression](
	participle.Lexer(lexDefinition{}),
	participle.UseLookahead(1),
)
