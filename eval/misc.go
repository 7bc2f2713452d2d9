package eval

import (
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/formula"
)

// miscFuncs declares the location, JSON and formatting functions, and the
// logical functions IN and IFS.
func miscFuncs() []*Func {
	return []*Func{
		{
			Name: "IN", Category: "Logical",
			Doc:     "Returns TRUE when value equals one of the values that follow, compared as = does; a null value is never in the list. A picklist field is read as CASE reads it: the values must be string literals. Every argument is evaluated.",
			Example: `IN("Service", "Sales", "Service", "Support")`, Want: "true",
			Sigs:          []Sig{{Params: []Param{p("value", Any), p("value1", Any), p("values", Any)}, Variadic: true, Result: Boolean}},
			check:         checkIn,
			takesPicklist: true,
		},
		{
			Name: "IFS", Category: "Logical",
			Doc:     "Takes condition, value pairs and an else_value: returns the value of the first TRUE condition, or else_value. A null condition counts as FALSE; only what is needed is evaluated.",
			Example: `IFS(2 > 3, "high", 2 > 1, "medium", "low")`, Want: `"medium"`,
			Sigs:    []Sig{{Params: []Param{p("condition1", Boolean), p("value1", Any), p("else_value", Any)}, Result: Any}},
			check:   checkIfs,
			choices: ifsChoices,
		},
		{
			Name: "FORMATCURRENCY", Category: "Text",
			Doc:     "Formats amount as isoCode, a space and the amount with US digit grouping and the currency's decimal places, rounded half-up. A null amount gives empty text.",
			Example: `FORMATCURRENCY("USD", 1000.495)`, Want: `"USD 1,000.50"`,
			Sigs: []Sig{{Params: []Param{p("isoCode", Text), p("amount", Number)}, Result: Text, impl: formatCurrencyImpl}},
		},
		geolocationFunc(),
		distanceFunc(),
		jsonValueFunc(),
		jsonPathValueFunc(),
	}
}

// checkIn compiles IN. Like CASE, it takes neither Booleans nor
// Geolocations; every value must share the first argument's type.
func checkIn(c *compiler, x *formula.Call, args []*node) *node {
	what := fnName(x.Name)
	if len(args) < 2 {
		c.arityError(x, "2", len(args))
		return nil
	}
	at := make([]int, len(args)-1)
	for i := range at {
		at[i] = i + 1
	}
	if args[0] = c.picklistSubject(x, args, at); args[0] == nil {
		return nil
	}
	t := args[0].typ
	for i, a := range args {
		if a.typ == Boolean || a.typ == Geolocation || a.typ == Blob {
			c.argTypeError(a, what)
			return nil
		}
		if i == 0 {
			continue
		}
		if t == Null {
			t = a.typ
		}
		if !assignable(a.typ, t) {
			c.typeError(a, what, t)
			return nil
		}
	}
	n := &node{typ: Boolean, src: x}
	if args[0].typ == Null || t == Null {
		// A null value is in no list, but the list is still evaluated.
		probes := make([]func(*frame) bool, len(args)-1)
		for i, a := range args[1:] {
			probes[i] = c.valid(a)
		}
		n.bl = func(fr *frame) (bool, bool) {
			for _, p := range probes {
				p(fr)
			}
			return false, true
		}
		return n
	}
	switch t {
	case Text:
		f, fns := args[0].str, inStrFns(args[1:])
		n.bl = func(fr *frame) (bool, bool) {
			s, _ := f(fr)
			found := false
			for _, g := range fns {
				v, _ := g(fr)
				found = found || s != "" && v == s
			}
			return found, true
		}
	case Number:
		a, b := c.decSlot(), c.decSlot()
		f := args[0].num
		fns := make([]numFn, len(args)-1)
		for i, v := range args[1:] {
			fns[i] = v.num
		}
		n.bl = func(fr *frame) (bool, bool) {
			d, e := &fr.dec[a], &fr.dec[b]
			ok := f(fr, d)
			found := false
			for _, g := range fns {
				if g(fr, e) && ok && !found {
					found = d.Cmp(e) == 0
				}
			}
			return found, true
		}
	default: // Date, DateTime, Time
		f := args[0].i64
		fns := make([]intFn, len(args)-1)
		for i, v := range args[1:] {
			fns[i] = v.i64
		}
		n.bl = func(fr *frame) (bool, bool) {
			s, ok := f(fr)
			found := false
			for _, g := range fns {
				v, vok := g(fr)
				found = found || ok && vok && v == s
			}
			return found, true
		}
	}
	return n
}

func inStrFns(ns []*node) []strFn {
	fns := make([]strFn, len(ns))
	for i, n := range ns {
		fns[i] = n.str
	}
	return fns
}

// checkIfs compiles IFS: condition, value pairs and a final else value.
// Conditions and values are checked in order, as Salesforce does, so the
// first fault reported is the leftmost.
func checkIfs(c *compiler, x *formula.Call, args []*node) *node {
	what := fnName(x.Name)
	if n := len(args); n < 3 || n%2 != 1 {
		c.arityError(x, strconv.Itoa(max(3, n+1)), n)
		return nil
	}
	var conds []boolFn
	var results []*node
	t := Null
	for i, a := range args {
		if i%2 == 0 && i < len(args)-1 {
			if a.typ != Boolean { // a NULL literal condition is rejected too
				c.typeError(a, what, Boolean)
				return nil
			}
			conds = append(conds, a.bl)
			continue
		}
		if t != Null && !assignable(a.typ, t) {
			c.typeError(a, what, t)
			return nil
		}
		if t == Null {
			t = a.typ
		}
		results = append(results, a)
	}
	for i, r := range results {
		results[i] = retype(r, t)
	}
	last := len(conds)
	pick := func(fr *frame) int {
		for i, f := range conds {
			if b, ok := f(fr); b && ok {
				return i
			}
		}
		return last
	}
	n := choose(t, x, pick, results)
	if c.nodes != nil {
		n.pick = func(fr *frame) int {
			if i := pick(fr); i < last {
				return 2*i + 1
			}
			return len(args) - 1
		}
	}
	return n
}

// ifsChoices returns the value arguments of an IFS call with n arguments:
// every other one from the second, and the last.
func ifsChoices(n int) []int {
	var out []int
	for i := 1; i < n-1; i += 2 {
		out = append(out, i)
	}
	return append(out, n-1)
}

// currencyDigits lists the ISO 4217 currencies whose amounts do not have
// two decimal places, after Java's currency data. Codes match exactly, in
// upper case; any other code, known or not, has two.
var currencyDigits = func() map[string]int {
	m := map[string]int{}
	for digits, codes := range map[int]string{
		0: "ADP BEF BIF BYB BYR CLP DJF ESP GNF GRD ISK ITL JPY KMF KRW LUF MGF PTE PYG RWF TPE TRL UGX UYI VND VUV XAF XOF XPF " +
			// Funds, metals and test codes have no minor unit.
			"XAG XAU XBA XBB XBC XBD XDR XFO XFU XPD XPT XSU XTS XUA XXX",
		3: "BHD IQD JOD KWD LYD OMR TND",
		4: "CLF UYW",
	} {
		for _, code := range strings.Fields(codes) {
			m[code] = digits
		}
	}
	return m
}()

// currencyLimit bounds FORMATCURRENCY's amount: Salesforce formats through
// a 64-bit integer part.
var (
	currencyMax = apd.New(9223372036854775807, 0)
	currencyMin = apd.New(-9223372036854775808, 0)
	currencyCtx = apd.Context{Precision: 40, MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Rounding: apd.RoundHalfUp}
)

// formatCurrencyImpl compiles FORMATCURRENCY. A null isoCode gives a
// leading space and two decimal places.
func formatCurrencyImpl(c *compiler, x *formula.Call, args []*node) *node {
	fiso, famt := args[0].str, args[1].num
	slot := c.decSlot()
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		iso, _ := fiso(fr)
		amt := &fr.dec[slot]
		if !famt(fr, amt) {
			return "", true // empty, not null, as Salesforce has it
		}
		if amt.Cmp(currencyMax) >= 0 || amt.Cmp(currencyMin) < 0 {
			fr.fail(x, "#Too Big!")
			return "", false
		}
		digits, ok := currencyDigits[iso]
		if !ok {
			digits = 2
		}
		return iso + " " + formatGrouped(amt, digits), true
	}}
}

// formatGrouped renders d rounded half-up to digits decimal places, with
// commas between groups of three integer digits. A negative amount that
// rounds to zero keeps its sign, as Java's DecimalFormat does.
func formatGrouped(d *apd.Decimal, digits int) string {
	var r apd.Decimal
	if _, err := currencyCtx.Quantize(&r, d, int32(-digits)); err != nil {
		r.Set(d)
	}
	r.Negative = false
	s := r.Text('f')
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	if d.Negative && !d.IsZero() {
		b.WriteByte('-')
	}
	for i := range len(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(intPart[i])
	}
	b.WriteString(frac)
	return b.String()
}
