package eval

import (
	"strings"

	"github.com/credscope/credscope/formula"
)

// textFuncs declares the text functions. Text follows Salesforce: blank text
// is null, most functions return null rather than "", and lengths and
// positions count UTF-16 code units, as Java does.
func textFuncs() []*Func {
	t, n := Text, Number
	sig := func(result Type, impl implFn, params ...Param) Sig {
		return Sig{Params: params, Result: result, impl: impl}
	}
	return []*Func{
		{
			Name: "CONTAINS", Category: "Text",
			Doc:     "Returns TRUE when text contains compare_text, case-sensitively. A blank compare_text is always contained; otherwise a blank text gives null.",
			Example: `CONTAINS("Customer Service", "Service")`, Want: "true",
			Sigs: []Sig{sig(Boolean, textPredicate(strings.Contains), p("text", t), p("compare_text", t))},
		},
		{
			Name: "BEGINS", Category: "Text",
			Doc:     "Returns TRUE when text begins with compare_text, case-sensitively. A blank compare_text always begins it; otherwise a blank text gives null.",
			Example: `BEGINS("Sales Ops", "Sales")`, Want: "true",
			Sigs: []Sig{sig(Boolean, textPredicate(strings.HasPrefix), p("text", t), p("compare_text", t))},
		},
		{
			Name: "LEN", Category: "Text",
			Doc:     "Returns the length of text in UTF-16 code units, as Salesforce counts it (an emoji counts 2); 0 for blank text.",
			Example: `LEN("Customer Service")`, Want: "16",
			Sigs: []Sig{sig(n, lenImpl, p("text", t))},
		},
		{
			Name: "LEFT", Category: "Text",
			Doc:     "Returns the first num_chars characters of text, all of it when shorter; null when num_chars is below 1.",
			Example: `LEFT("Customer Service", 8)`, Want: `"Customer"`,
			Sigs:  []Sig{sig(t, leftRightImpl(false), p("text", t), p("num_chars", n))},
			chars: charsOf(0),
		},
		{
			Name: "RIGHT", Category: "Text",
			Doc:     "Returns the last num_chars characters of text, all of it when shorter; null when num_chars is below 1.",
			Example: `RIGHT("Customer Service", 7)`, Want: `"Service"`,
			Sigs:  []Sig{sig(t, leftRightImpl(true), p("text", t), p("num_chars", n))},
			chars: charsOf(0),
		},
		{
			Name: "MID", Category: "Text",
			Doc:     "Returns num_chars characters of text from start_num, counting from 1; a start below 1 counts as 1, and a start past the end gives null.",
			Example: `MID("Customer Service", 10, 4)`, Want: `"Serv"`,
			Sigs:  []Sig{sig(t, midImpl, p("text", t), p("start_num", n), p("num_chars", n))},
			chars: charsOf(0),
		},
		{
			Name: "SUBSTR", Category: "Text",
			Doc:     "Returns the part of text from start, counting from 1, or from the end when start is negative, to the end or for length characters.",
			Example: `SUBSTR("Customer Service", -7)`, Want: `"Service"`,
			Sigs: []Sig{
				sig(t, substrImpl, p("text", t), p("start", n)),
				sig(t, substrImpl, p("text", t), p("start", n), p("length", n)),
			},
			chars:     charsOf(0),
			arityText: "2",
		},
		{
			Name: "FIND", Category: "Text",
			Doc:     "Returns the position of search_text in text, counting from 1 and starting at start_num, or 0 when it is absent or either text is blank. Case-sensitive.",
			Example: `FIND("Service", "Customer Service")`, Want: "10",
			Sigs: []Sig{
				sig(n, findImpl, p("search_text", t), p("text", t)),
				sig(n, findImpl, p("search_text", t), p("text", t), p("start_num", n)),
			},
			arityText: "2",
		},
		{
			Name: "SUBSTITUTE", Category: "Text",
			Doc:     "Replaces every occurrence of old_text in text with new_text (blank new_text deletes); null when text or old_text is blank.",
			Example: `SUBSTITUTE("Sales Ops", " ", "_")`, Want: `"Sales_Ops"`,
			Sigs:  []Sig{sig(t, substituteImpl, p("text", t), p("old_text", t), p("new_text", t))},
			chars: charsOf(0, 2),
		},
		{
			Name: "TRIM", Category: "Text",
			Doc:     "Removes the spaces (U+0020 only, not tabs or line breaks) at both ends of text; null when nothing is left.",
			Example: `TRIM("  Sales  ")`, Want: `"Sales"`,
			Sigs:  []Sig{sig(t, trimImpl, p("text", t))},
			chars: charsOf(0),
		},
		{
			Name: "UPPER", Category: "Text",
			Doc:     "Converts text to upper case with full Unicode mapping (ß becomes SS); a locale such as tr_TR applies Turkish rules.",
			Example: `UPPER("straße")`, Want: `"STRASSE"`,
			Sigs: []Sig{
				sig(t, caseImpl(true), p("text", t)),
				sig(t, caseImpl(true), p("text", t), p("locale", t)),
			},
			arityText: "1",
		},
		{
			Name: "LOWER", Category: "Text",
			Doc:     "Converts text to lower case with full Unicode mapping; a locale such as tr_TR applies Turkish rules (I becomes ı).",
			Example: `LOWER("Sales OPS")`, Want: `"sales ops"`,
			Sigs: []Sig{
				sig(t, caseImpl(false), p("text", t)),
				sig(t, caseImpl(false), p("text", t), p("locale", t)),
			},
			arityText: "1",
		},
		{
			Name: "INITCAP", Category: "Text",
			Doc:     "Capitalises the first letter of each word and lower-cases the others; digits do not start a word.",
			Example: `INITCAP("customer SERVICE")`, Want: `"Customer Service"`,
			Sigs: []Sig{sig(t, initCapImpl, p("text", t))},
		},
		{
			Name: "REVERSE", Category: "Text",
			Doc:     "Returns text with its characters in reverse order.",
			Example: `REVERSE("abc")`, Want: `"cba"`,
			Sigs:  []Sig{sig(t, reverseImpl, p("text", t))},
			chars: charsOf(0),
		},
		{
			Name: "LPAD", Category: "Text",
			Doc:     "Pads text on the left with pad_string (default a space) to padded_length characters, or cuts it to that length when longer.",
			Example: `LPAD("42", 5, "0")`, Want: `"00042"`,
			Sigs: []Sig{
				sig(t, padImpl(false), p("text", t), p("padded_length", n)),
				sig(t, padImpl(false), p("text", t), p("padded_length", n), p("pad_string", t)),
			},
			chars:     padChars,
			arityText: "2",
		},
		{
			Name: "RPAD", Category: "Text",
			Doc:     "Pads text on the right with pad_string (default a space) to padded_length characters, or cuts it to that length when longer.",
			Example: `RPAD("ab", 5, "-")`, Want: `"ab---"`,
			Sigs: []Sig{
				sig(t, padImpl(true), p("text", t), p("padded_length", n)),
				sig(t, padImpl(true), p("text", t), p("padded_length", n), p("pad_string", t)),
			},
			chars:     padChars,
			arityText: "2",
		},
		{
			Name: "TEXT", Category: "Text",
			Doc:     "Converts a number, date, date-time or time to text: 1.5, 2026-01-31, 2026-01-31 17:00:00Z (GMT) or 17:00:00.000.",
			Example: `TEXT(1.50)`, Want: `"1.5"`,
			prints: true,
			Sigs: []Sig{
				sig(t, textImpl(Number), p("value", Number)),
				sig(t, textImpl(Date), p("value", Date)),
				sig(t, textImpl(DateTime), p("value", DateTime)),
				sig(t, textImpl(Time), p("value", Time)),
				sig(t, textOfPicklist, p("value", Picklist)),
			},
			takesPicklist: true,
		},
		{
			Name: "VALUE", Category: "Text",
			Doc:     "Converts text such as -1.5 or 2E3 to a number; spaces, commas and other characters are an error.",
			Example: `VALUE("1.5e2")`, Want: "150",
			Sigs: []Sig{sig(n, valueImpl, p("text", t))},
		},
		{
			Name: "ISNUMBER", Category: "Logical",
			Doc:     "Returns TRUE when VALUE would accept text; FALSE for blank text.",
			Example: `ISNUMBER("12.5")`, Want: "true",
			Sigs:   []Sig{sig(Boolean, isNumberImpl, p("text", t))},
			strict: true,
		},
		{
			Name: "ASCII", Category: "Text",
			Doc:     "Returns the code point of the first character of text; null for blank text.",
			Example: `ASCII("A")`, Want: "65",
			Sigs: []Sig{sig(n, asciiImpl, p("text", t))},
		},
		{
			Name: "CHR", Category: "Text",
			Doc:     "Returns the character with the code point code; null for 0 or an invalid code point.",
			Example: `CHR(65)`, Want: `"A"`,
			Sigs: []Sig{sig(t, chrImpl, p("code", n))},
		},
		{
			Name: "HTMLENCODE", Category: "Text",
			Doc:     "Escapes text for HTML: < > & \" ' become entities. Blank text gives \"\".",
			Example: `HTMLENCODE("Tom & Jerry")`, Want: `"Tom &amp; Jerry"`,
			Sigs:   []Sig{sig(t, encodeImpl(htmlEncode), p("text", t))},
			strict: true,
		},
		{
			Name: "JSENCODE", Category: "Text",
			Doc:     "Escapes text for a JavaScript string literal with backslashes. Blank text gives \"\".",
			Example: `JSENCODE("it's")`, Want: `"it\'s"`,
			Sigs:   []Sig{sig(t, encodeImpl(jsEncode), p("text", t))},
			strict: true,
		},
		{
			Name: "URLENCODE", Category: "Text",
			Doc:     "Encodes text for a URL query as UTF-8: a space becomes +, and characters other than letters, digits and . - * _ become %XX.",
			Example: `URLENCODE("a b&c")`, Want: `"a+b%26c"`,
			Sigs:     []Sig{sig(t, encodeImpl(urlEncode), p("text", t))},
			Alphabet: alphabetURL,
			strict:   true,
		},
		{
			Name: "REGEX", Category: "Text",
			Doc:     "Returns TRUE when the whole of text matches regex_text, a Java regular expression; back-references and look-around are not supported.",
			Example: `REGEX("svc-123", "svc-[0-9]+")`, Want: "true",
			Sigs:   []Sig{sig(Boolean, matchImpl(identity), p("text", t), p("regex_text", t))},
			strict: true,
		},
		{
			Name: "LIKE", Category: "Text",
			Doc:     "Returns TRUE when the whole of text matches pattern, where % stands for any text and _ for any one character; \\% and \\_ are literal.",
			Example: `LIKE("Customer Service", "%Serv%")`, Want: "true",
			Sigs:   []Sig{sig(Boolean, matchImpl(likeToJava), p("text", t), p("pattern", t))},
			strict: true,
		},
		{
			Name: "ISPICKVAL", Category: "Text",
			Doc:     "Returns TRUE when a picklist field equals text_literal, which must be a string literal; a Text field, such as $User.Department, is read as a picklist too.",
			Example: `ISPICKVAL($User.Department, "Sales")`, Want: "false",
			Sigs: []Sig{
				{Params: []Param{p("picklist_field", Picklist), p("text_literal", t)}, Result: Boolean},
				{Params: []Param{p("picklist_field", t), p("text_literal", t)}, Result: Boolean},
			},
			check:         checkIsPickval,
			takesPicklist: true,
		},
	}
}

// textPredicate compiles CONTAINS and BEGINS: a blank compare_text gives
// TRUE; otherwise a blank text gives null. Both arguments are evaluated,
// so that an error in either surfaces as in Salesforce.
func textPredicate(test func(s, sub string) bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		fs, fsub := args[0].str, args[1].str
		n := &node{typ: Boolean, src: x}
		if k := args[1].konst; k != nil && k.valid && k.str != "" {
			sub := k.str // the common case: a literal to look for
			n.bl = func(fr *frame) (bool, bool) {
				s, ok := fs(fr)
				if !ok || s == "" {
					return false, false
				}
				return test(s, sub), true
			}
			return n
		}
		n.bl = func(fr *frame) (bool, bool) {
			s, ok := fs(fr)
			sub, okSub := fsub(fr)
			switch {
			case !okSub || sub == "":
				return true, true
			case !ok || s == "":
				return false, false
			}
			return test(s, sub), true
		}
		return n
	}
}

// toText converts n to Text as TEXT() and template segments do.
func (c *compiler) toText(n *node) *node {
	if n.typ == Text || n.typ == Null || n.typ == Invalid {
		return n
	}
	src := n.src
	return c.fold(valueNode(Text, src, func(fr *frame) Value {
		v := n.value(fr)
		if !v.valid {
			return NullOf(Text)
		}
		return TextValue(textOf(v))
	}), n)
}

// textOf renders a non-null value as TEXT() does.
func textOf(v Value) string {
	if v.typ == Number {
		return formatNumberText(&v.num)
	}
	return v.text()
}
