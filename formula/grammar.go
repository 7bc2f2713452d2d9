package formula

import (
	"github.com/alecthomas/participle/v2"
)

// The Participle grammar. An expression is a flat list of operands and binary
// operators; fold resolves precedence afterwards, which parses markedly faster
// than one struct per precedence level. The operand is a Participle
// Parseable node (operand.go). GRAMMAR.md holds the same grammar as EBNF,
// and tests keep the two in step.

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

// tail is the operators and operands after an expression's first operand.
type tail struct {
	Tail []*infix `parser:"@@*"`
}

// grammarParser and tailParser are built once; a Participle parser is
// immutable after construction and safe for concurrent use.
var (
	grammarParser = participle.MustBuild[expression](
		participle.Lexer(lexDefinition{}),
		participle.UseLookahead(1),
	)
	tailParser = participle.MustBuild[tail](
		participle.Lexer(lexDefinition{}),
		participle.UseLookahead(1),
	)
)

// allowTrailing lets a parse stop at the first token that cannot continue
// it, as inside parentheses.
var allowTrailing = participle.AllowTrailing(true)
