package eval

import (
	"github.com/cockroachdb/apd/v3"
)

// Decimal contexts, after Salesforce's engine: addition, subtraction and
// multiplication are exact; division and the transcendental functions round
// half-up to 39 significant digits, Oracle's precision.
var (
	exactCtx = apd.Context{
		Precision:   0,
		MaxExponent: apd.MaxExponent,
		MinExponent: apd.MinExponent,
		Rounding:    apd.RoundHalfUp,
		Traps:       apd.DefaultTraps,
	}
	quoCtx = apd.Context{
		Precision:   39,
		MaxExponent: apd.MaxExponent,
		MinExponent: apd.MinExponent,
		Rounding:    apd.RoundHalfUp,
		Traps:       apd.DefaultTraps,
	}
	// externalCtx is the 33-digit precision Salesforce rounds to before
	// FLOOR, CEILING and the like, so that 1/3*3 floors to 1.
	externalCtx = apd.Context{
		Precision:   33,
		MaxExponent: apd.MaxExponent,
		MinExponent: apd.MinExponent,
		Rounding:    apd.RoundHalfUp,
		Traps:       apd.DefaultTraps,
	}
)

// formatNumber renders d in plain decimal notation, never with an exponent.
func formatNumber(d *apd.Decimal) string {
	return d.Text('f')
}

// evalError is an error whose text is the message a formula user sees.
type evalError string

func (e evalError) Error() string { return string(e) }

const (
	errDivideByZero evalError = "Division by zero"
	errOutOfRange   evalError = "Number out of range"
)

// numError returns the user-facing message for a failed decimal operation.
func numError(err error) string {
	if e, ok := err.(evalError); ok {
		return string(e)
	}
	return string(errOutOfRange)
}

// The arithmetic operators. Each sets d to the result and returns an
// evalError on failure. d may alias x.

func numAdd(d, x, y *apd.Decimal) error { return cond(quoCtx.Add(d, x, y)) }
func numSub(d, x, y *apd.Decimal) error { return cond(quoCtx.Sub(d, x, y)) }
func numMul(d, x, y *apd.Decimal) error { return cond(quoCtx.Mul(d, x, y)) }

func numDiv(d, x, y *apd.Decimal) error {
	if y.IsZero() {
		return errDivideByZero
	}
	return cond(quoCtx.Quo(d, x, y))
}

// maxPowerExponent bounds x^n so that a short formula cannot demand
// unbounded work.
const maxPowerExponent = 1000

func numPow(d, x, y *apd.Decimal) error {
	n, err := y.Int64()
	if err != nil || n > maxPowerExponent || n < -maxPowerExponent {
		return errOutOfRange
	}
	if x.IsZero() && n < 0 {
		return errDivideByZero
	}
	return cond(quoCtx.Pow(d, x, y))
}

func cond(_ apd.Condition, err error) error {
	if err != nil {
		return errOutOfRange
	}
	return nil
}

// formatNumberText renders d as TEXT() does: trailing zeros stripped, plain
// notation, "0" for any zero.
func formatNumberText(d *apd.Decimal) string {
	if d.IsZero() {
		return "0"
	}
	var r apd.Decimal
	r.Reduce(d)
	return r.Text('f')
}
