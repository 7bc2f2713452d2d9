package eval

import (
	"errors"
	"fmt"
	"regexp/syntax"

	"github.com/credscope/credscope/formula"
)

// The limits that keep a short formula from demanding unbounded work. A
// formula is at most 3,900 characters, but functions such as LPAD and
// SUBSTITUTE multiply text, and folding constants runs them at compile time.
// Every evaluation, and every compilation's constant folding, draws on one
// budget (Env.Budget, and Options.Budget for folding); text values are
// capped at MaxTextLength.

// MaxTextLength is the longest text value a formula may build or read, in
// characters (UTF-16 code units, as Salesforce counts them): 131,072, the
// size of Salesforce's largest text field, the Long Text Area. No field a
// formula reads can hold more, so no real formula needs a longer value.
const MaxTextLength = 131_072

// DefaultBudget is the work one evaluation may do when Env.Budget is
// zero, and one compilation's constant folding when Options.Budget is. A
// unit is about one character copied or scanned; ten million units take a
// few milliseconds of text functions and at most about a hundred
// milliseconds of pattern matching.
const DefaultBudget = 10_000_000

// maxNumberDigits bounds the digits VALUE converts. Salesforce's Number
// fields hold 18 digits and its formulas compute with 39 significant
// digits, so a thousand leaves room for any zeros a real value carries,
// while a million digits would take seconds to convert.
const maxNumberDigits = 1_000

// regexCompileCost is the budget one instruction of a compiled REGEX or
// LIKE pattern costs to compile: compiling takes about a microsecond per
// instruction, matching about a nanosecond per instruction and character.
const regexCompileCost = 1_000

// budgetError is the message of a formula that exceeded its budget.
func budgetError(budget int) string {
	return fmt.Sprintf("Formula evaluation exceeded its budget of %d units of work", budget)
}

// budgetOr returns budget, or DefaultBudget when it is not positive.
func budgetOr(budget int) int {
	if budget <= 0 {
		return DefaultBudget
	}
	return budget
}

// textLength returns the length of a Text value in characters, or of a
// Blob in bytes. Only a text longer than MaxTextLength bytes needs counting.
func textLength(typ Type, s string) int {
	if typ == Blob || len(s) <= MaxTextLength {
		return len(s)
	}
	return u16Len(s)
}

// CheckTextLength returns the error of a text value of what, such as a
// field name, when s is longer than MaxTextLength characters; else nil.
func CheckTextLength(what, s string) error {
	if n := textLength(Text, s); n > MaxTextLength {
		return errors.New(tooLong(what, n))
	}
	return nil
}

// tooLong returns the error for a text value of n characters.
func tooLong(what string, n int) string {
	return fmt.Sprintf("The text of %s is too long (%d characters). Maximum length is %d characters", what, n, MaxTextLength)
}

// checkText charges the budget for a text result of len(s) bytes and fails
// the evaluation when it is too long. It reports whether the result stands.
func (fr *frame) checkText(at formula.Expr, typ Type, what string, s string) bool {
	if !fr.spend(at, len(s)) {
		return false
	}
	if len(s) > MaxTextLength {
		if n := textLength(typ, s); n > MaxTextLength {
			fr.failLimit(at, tooLong(what, n))
			return false
		}
	}
	return true
}

// checkSize fails the evaluation when a text about to be built from parts
// of size bytes in all would be too long, before building it; parts are
// counted in characters only when size exceeds the limit in bytes.
func (fr *frame) checkSize(at formula.Expr, what string, size int, parts ...string) bool {
	if !fr.spend(at, size) {
		return false
	}
	if size > MaxTextLength {
		n := 0
		for _, p := range parts {
			n += u16Len(p)
		}
		if n > MaxTextLength {
			fr.failLimit(at, tooLong(what, n))
			return false
		}
	}
	return true
}

// regexSize estimates the instructions a parsed pattern compiles to, as
// Go's compiler would emit them, saturating at limit.
func regexSize(re *syntax.Regexp, limit int) int {
	n := 1
	switch re.Op {
	case syntax.OpLiteral:
		n += len(re.Rune)
	case syntax.OpRepeat:
		count := re.Max
		if count < 0 {
			count = re.Min + 1
		}
		sub := regexSize(re.Sub[0], limit)
		if count > 0 && sub > limit/count {
			return limit
		}
		n += count * sub
	default:
		for _, s := range re.Sub {
			n += regexSize(s, limit)
			if n >= limit {
				return limit
			}
		}
	}
	return min(n, limit)
}
