package formula

// Op is an operator. Spellings that mean the same thing share one Op: = and
// ==, <> and !=, NOT and !.
type Op uint8

// The operators, grouped by precedence from loosest to tightest.
const (
	OpInvalid Op = iota
	OpOr         // ||
	OpAnd        // &&
	OpEq         // = or ==
	OpNe         // <> or !=
	OpLt         // <
	OpGt         // >
	OpLe         // <=
	OpGe         // >=
	OpAdd        // + (also unary plus)
	OpSub        // - (also unary minus)
	OpConcat     // &
	OpPow        // ^
	OpMul        // *
	OpDiv        // /
	OpNot        // NOT or ! (unary only)
)

var opText = [...]string{
	OpInvalid: "?", OpOr: "||", OpAnd: "&&", OpEq: "=", OpNe: "<>",
	OpLt: "<", OpGt: ">", OpLe: "<=", OpGe: ">=", OpAdd: "+", OpSub: "-",
	OpConcat: "&", OpPow: "^", OpMul: "*", OpDiv: "/", OpNot: "NOT",
}

// String returns the canonical spelling of op.
func (op Op) String() string {
	if int(op) < len(opText) {
		return opText[op]
	}
	return "?"
}

// Precedence levels of the binary operators, loosest first. Salesforce's
// grammar puts ^ below * and /, so 2*3^2 is (2*3)^2.
const (
	precOr = iota + 1
	precAnd
	precEquality
	precRelational
	precAdditive
	precExponent
	precMultiplicative
	// PrecUnary is the level of prefix operators, tighter than every binary one.
	precUnary
)

// Precedence returns the binding level of a binary operator: higher binds
// tighter. It returns 0 for an operator that is not binary.
func (op Op) Precedence() int {
	switch op {
	case OpOr:
		return precOr
	case OpAnd:
		return precAnd
	case OpEq, OpNe:
		return precEquality
	case OpLt, OpGt, OpLe, OpGe:
		return precRelational
	case OpAdd, OpSub, OpConcat:
		return precAdditive
	case OpPow:
		return precExponent
	case OpMul, OpDiv:
		return precMultiplicative
	}
	return 0
}

// binaryOps maps each binary operator's spellings to its Op.
var binaryOps = map[string]Op{
	"||": OpOr, "&&": OpAnd, "=": OpEq, "==": OpEq, "<>": OpNe, "!=": OpNe,
	"<": OpLt, ">": OpGt, "<=": OpLe, ">=": OpGe, "+": OpAdd, "-": OpSub,
	"&": OpConcat, "^": OpPow, "*": OpMul, "/": OpDiv,
}
