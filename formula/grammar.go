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

// infix is one binary operator and its right operand. The operator's
// position is the EndPos of the operand before it.
type infix struct {
	Op      string   `parser:"@( Op | Sign )"`
	Operand *operand `parser:"@@"`
}

// operand is a literal, a field reference, a call or a parenthesised
// expression, with any prefix operators. It is one struct, with groups that
// span its fields, because every struct level costs the parser an
// allocation and a branch; EndPos, the position of the token after the
// operand, locates a closing parenthesis.
type operand struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Prefix  []string      `parser:"@( Sign | Bang | Not )*"`
	Name    string        `parser:"(   @Ident"`
	Call    string        `parser:"    ( @\"(\""`
	Args    []*expression `parser:"      ( @@ ( \",\" @@ )* )? \")\" )?"`
	String  string        `parser:"  | @String"`
	Number  string        `parser:"  | @Number"`
	Paren   *expression   `parser:"  | \"(\" @@ \")\""`
	Keyword string        `parser:"  | @Keyword )"`
}

// grammarParser is built once; a Participle parser is immutable after
// construction and safe for concurrent use.
var grammarParser = participle.MustBuild[expression](
	participle.Lexer(lexDefinition{}),
	participle.UseLookahead(1),
)
