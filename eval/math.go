package eval

import (
	"math"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// mathFuncs declares the math functions.
func mathFuncs() []*Func {
	one := func(name string) []Param { return []Param{p(name, Number)} }
	unary := func(name string, impl implFn) []Sig {
		return []Sig{{Params: one(name), Result: Number, impl: impl}}
	}
	binary := func(a, b string, impl implFn) []Sig {
		return []Sig{{Params: []Param{p(a, Number), p(b, Number)}, Result: Number, impl: impl}}
	}
	return []*Func{
		{
			Name: "ABS", Category: "Math",
			Doc:     "Returns the absolute value of a number, keeping its decimal places.",
			Example: `ABS(-4.50)`, Want: "4.50",
			Sigs: unary("number", unaryNum(func(d *apd.Decimal) { d.Negative = false })),
		},
		{
			Name: "CEILING", Category: "Math",
			Doc:     "Rounds a number away from zero to an integer: CEILING(2.1) is 3 and CEILING(-2.1) is -3.",
			Example: `CEILING(-2.1)`, Want: "-3",
			Sigs: unary("number", unaryNum(toInteger(apd.RoundHalfDown, apd.RoundUp))),
		},
		{
			Name: "FLOOR", Category: "Math",
			Doc:     "Rounds a number toward zero to an integer: FLOOR(2.9) is 2 and FLOOR(-2.9) is -2.",
			Example: `FLOOR(-2.9)`, Want: "-2",
			Sigs: unary("number", unaryNum(toInteger(apd.RoundHalfUp, apd.RoundDown))),
		},
		{
			Name: "MCEILING", Category: "Math",
			Doc:     "Rounds a number up to the next integer, toward positive infinity: MCEILING(-2.9) is -2.",
			Example: `MCEILING(-2.9)`, Want: "-2",
			Sigs: unary("number", unaryNum(toInteger(apd.RoundHalfDown, apd.RoundCeiling))),
		},
		{
			Name: "MFLOOR", Category: "Math",
			Doc:     "Rounds a number down to the previous integer, toward negative infinity: MFLOOR(-2.1) is -3.",
			Example: `MFLOOR(-2.1)`, Want: "-3",
			Sigs: unary("number", unaryNum(toInteger(apd.RoundHalfUp, apd.RoundFloor))),
		},
		{
			Name: "ROUND", Category: "Math",
			Doc:     "Rounds a number half away from zero to num_digits decimal places, or to tens, hundreds and so on when num_digits is negative.",
			Example: `ROUND(1.255, 2)`, Want: "1.26",
			Sigs: binary("number", "num_digits", roundImpl(apd.RoundHalfUp)),
		},
		{
			Name: "TRUNC", Category: "Math",
			Doc:     "Truncates a number toward zero to num_digits decimal places, or to tens, hundreds and so on when num_digits is negative.",
			Example: `TRUNC(-4.567, 1)`, Want: "-4.5",
			Sigs: binary("number", "num_digits", roundImpl(apd.RoundDown)),
		},
		{
			Name: "MOD", Category: "Math",
			Doc:     "Returns the remainder of number divided by divisor; it has the sign of number. A zero divisor is an error.",
			Example: `MOD(-7, 3)`, Want: "-1",
			Sigs: binary("number", "divisor", func(c *compiler, x *formula.Call, args []*node) *node {
				return c.numBinary(x, args[0], args[1], numRem)
			}),
		},
		{
			Name: "MAX", Category: "Math",
			Doc:     "Returns the largest of up to 255 numbers, or null if any is null.",
			Example: `MAX(3, 7.5, -1)`, Want: "7.5",
			Sigs:  []Sig{{Params: one("number"), Variadic: true, Result: Number}},
			check: checkExtreme(true),
		},
		{
			Name: "MIN", Category: "Math",
			Doc:     "Returns the smallest of up to 255 numbers, or null if any is null.",
			Example: `MIN(3, 7.5, -1)`, Want: "-1",
			Sigs:  []Sig{{Params: one("number"), Variadic: true, Result: Number}},
			check: checkExtreme(false),
		},
		doubleFunc("SQRT", "Returns the square root of a non-negative number, in double precision.", `SQRT(2)`, "1.4142135623730951", math.Sqrt),
		doubleFunc("EXP", "Returns e raised to the power of number, in double precision.", `EXP(1)`, "2.718281828459045", crExp),
		doubleFunc("LN", "Returns the natural logarithm of a positive number, in double precision.", `LN(10)`, "2.302585092994046", crLog),
		doubleFunc("LOG", "Returns the base-10 logarithm of a positive number, computed as LN(number)/LN(10) in double precision.", `LOG(100)`, "2.0", javaLog10),
		doubleFunc("SIN", "Returns the sine of an angle in radians, in double precision.", `SIN(1)`, "0.8414709848078965", func(x float64) float64 { s, _, _ := crTrig(x); return s }),
		doubleFunc("COS", "Returns the cosine of an angle in radians, in double precision.", `COS(0)`, "1.0", func(x float64) float64 { _, c, _ := crTrig(x); return c }),
		doubleFunc("TAN", "Returns the tangent of an angle in radians, in double precision.", `TAN(1)`, "1.5574077246549023", func(x float64) float64 { _, _, t := crTrig(x); return t }),
		doubleFunc("ASIN", "Returns the arcsine, in radians, of a number between -1 and 1, in double precision.", `ASIN(1)`, "1.5707963267948966", fdAsin),
		doubleFunc("ACOS", "Returns the arccosine, in radians, of a number between -1 and 1, in double precision.", `ACOS(-1)`, "3.141592653589793", fdAcos),
		doubleFunc("ATAN", "Returns the arctangent, in radians, of a number, in double precision.", `ATAN(1)`, "0.7853981633974483", fdAtan),
		{
			Name: "ATAN2", Category: "Math",
			Doc:     "Returns the angle, in radians, between the positive x axis and the point (x, y); note that y comes first. A null argument is an error.",
			Example: `ATAN2(1, -1)`, Want: "2.356194490192345",
			Sigs: binary("y", "x", atan2Impl),
		},
		{
			Name: "PI", Category: "Math",
			Doc:     "Returns π to 20 decimal places.",
			Example: `PI()`, Want: "3.14159265358979323846",
			Sigs: []Sig{{Result: Number, impl: func(c *compiler, x *formula.Call, args []*node) *node {
				v, _ := ParseNumber("3.14159265358979323846")
				return constNode(x, v)
			}}},
		},
	}
}

// unaryNum compiles a one-argument Number function that cannot fail; op
// works in place. A null argument gives null.
func unaryNum(op func(d *apd.Decimal)) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		f := args[0].num
		return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
			if !f(fr, dst) {
				return false
			}
			op(dst)
			return true
		}}
	}
}

// toInteger returns the operation of CEILING, FLOOR, MCEILING and MFLOOR:
// round to 33 significant digits with pre, so that a 39-digit 0.999…9
// counts as 1, then to an integer with mode.
func toInteger(pre, mode apd.Rounder) func(d *apd.Decimal) {
	return func(d *apd.Decimal) {
		roundPrec(d, int64(externalCtx.Precision), pre)
		roundInt(d, mode)
	}
}

// roundImpl compiles ROUND and TRUNC. The digits argument is truncated to
// an integer and wrapped to 32 bits, as Java's intValue does.
func roundImpl(mode apd.Rounder) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		return c.numBinary(x, args[0], args[1], func(d, v, digits *apd.Decimal) error {
			if d != v {
				d.Set(v)
			}
			roundScale(d, intValueOf(digits), mode)
			return nil
		})
	}
}

// checkExtreme checks and compiles MAX (max) or MIN. Every argument is
// evaluated; any null makes the result null. Of equal values the last
// wins, which decides the decimal places shown: MAX(1.0, 1) is 1.
func checkExtreme(max bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		name := "MIN"
		if max {
			name = "MAX"
		}
		switch {
		case len(args) == 0:
			c.arityError(x, "1 or more", 0)
			return nil
		case len(args) > maxExtremeArgs:
			c.arityError(x, "255", len(args))
			return nil
		}
		fns := make([]numFn, len(args))
		for i, a := range args {
			if !assignable(a.typ, Number) {
				c.typeError(a, fnName(name), Number)
				return nil
			}
			fns[i] = a.num
		}
		first, rest := fns[0], fns[1:]
		slot := c.decSlot()
		return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
			ok := first(fr, dst)
			t := &fr.dec[slot]
			for _, f := range rest {
				if !f(fr, t) {
					ok = false
					continue
				}
				if ok {
					if c := t.Cmp(dst); max && c >= 0 || !max && c <= 0 {
						dst.Set(t)
					}
				}
			}
			return ok
		}}
	}
}

// maxExtremeArgs is the most arguments MAX and MIN take.
const maxExtremeArgs = 255

// doubleFunc declares a function computed in double precision (see
// setJavaDouble). A result that is not a finite number is an error.
func doubleFunc(name, doc, example, want string, f func(float64) float64) *Func {
	impl := func(c *compiler, x *formula.Call, args []*node) *node {
		g := args[0].num
		return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
			if !g(fr, dst) {
				return false
			}
			return setDoubleResult(fr, x, name, dst, f(decToFloat(dst)))
		}}
	}
	return &Func{
		Name: name, Category: "Math", Doc: doc, Example: example, Want: want,
		Sigs: []Sig{{Params: []Param{p("number", Number)}, Result: Number, impl: impl}},
	}
}

// setDoubleResult stores the double r into dst, or fails when r is not a
// finite number.
func setDoubleResult(fr *frame, x formula.Expr, name string, dst *apd.Decimal, r float64) bool {
	switch {
	case math.IsNaN(r) || math.IsInf(r, -1):
		fr.fail(x, "Argument out of range for "+fnName(name))
		return false
	case math.IsInf(r, 1):
		fr.fail(x, "Result out of range for "+fnName(name))
		return false
	}
	setJavaDouble(dst, r)
	return true
}

// atan2Impl compiles ATAN2(y, x). Unlike the other math functions, a null
// argument is an error, as in Salesforce.
func atan2Impl(c *compiler, x *formula.Call, args []*node) *node {
	fy, fx := args[0].num, args[1].num
	slot := c.decSlot()
	return &node{typ: Number, src: x, num: func(fr *frame, dst *apd.Decimal) bool {
		okY := fy(fr, dst)
		t := &fr.dec[slot]
		okX := fx(fr, t)
		if !okY || !okX {
			fr.fail(x, "Null argument for "+fnName("ATAN2"))
			return false
		}
		return setDoubleResult(fr, x, "ATAN2", dst, fdAtan2(decToFloat(dst), decToFloat(t)))
	}}
}
