package eval

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/credscope/credscope/formula"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// UPPER and LOWER use full Unicode case mapping, as Java's String methods
// do: UPPER("große") is "GROSSE". Only Turkish, Azerbaijani and Lithuanian
// change the rules; any other locale, or none, maps as the root locale.

// caseLang returns the language whose case rules a locale such as "tr_TR"
// selects.
func caseLang(locale string) language.Tag {
	lang, _, _ := strings.Cut(locale, "_")
	lang, _, _ = strings.Cut(lang, "-")
	switch strings.ToLower(lang) {
	case "tr":
		return language.Turkish
	case "az":
		return language.Azerbaijani
	case "lt":
		return language.Lithuanian
	}
	return language.Und
}

// checkLocale returns why Java's Locale.Builder, to which Salesforce's
// engine hands the locale, refuses it, or "": a language of 2 to 8 letters, a
// region of 2 letters or 3 digits and variants of 5 to 8 letters and digits
// (or 4 starting with a digit), each part optional, joined by _ or -.
func checkLocale(locale string) string {
	parts := strings.FieldsFunc(locale, func(r rune) bool { return r == '_' || r == '-' })
	if strings.HasPrefix(locale, "_") || strings.HasPrefix(locale, "-") {
		parts = append([]string{""}, parts...)
	}
	const letters, digitSet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
	alpha := func(s string) bool { return strings.Trim(s, letters) == "" }
	digits := func(s string) bool { return strings.Trim(s, digitSet) == "" }
	alnum := func(s string) bool { return strings.Trim(s, letters+digitSet) == "" }
	for i, p := range parts {
		switch {
		case i == 0 && p != "" && !(len(p) >= 2 && len(p) <= 8 && alpha(p)):
			return "Ill-formed language in the locale"
		case i == 1 && p != "" && !(len(p) == 2 && alpha(p) || len(p) == 3 && digits(p)):
			return "Ill-formed region in the locale"
		case i >= 2 && !(len(p) >= 5 && len(p) <= 8 && alnum(p) || len(p) == 4 && digits(p[:1]) && alnum(p)):
			return "Ill-formed variant in the locale"
		}
	}
	return ""
}

// casers pools the case mappers, which are not safe for concurrent use.
var casers sync.Map // caserKey → *sync.Pool

type caserKey struct {
	lang  language.Tag
	upper bool
}

// mapCase upper- or lower-cases s by the rules of lang.
func mapCase(s string, lang language.Tag, upper bool) string {
	if lang == language.Und && isASCII(s) {
		if upper {
			return strings.ToUpper(s)
		}
		return strings.ToLower(s)
	}
	if !upper && strings.ContainsRune(s, 'Σ') {
		return lowerSigma(s, lang)
	}
	key := caserKey{lang, upper}
	p, ok := casers.Load(key)
	if !ok {
		p, _ = casers.LoadOrStore(key, &sync.Pool{New: func() any {
			if upper {
				return cases.Upper(lang)
			}
			return cases.Lower(lang)
		}})
	}
	pool := p.(*sync.Pool)
	cs := pool.Get().(cases.Caser)
	out := cs.String(s)
	pool.Put(cs)
	return out
}

// lowerSigma lower-cases s, mapping each capital sigma to the final form ς
// at the end of a word and to σ elsewhere, as Java does.
func lowerSigma(s string, lang language.Tag) string {
	var b strings.Builder
	last := 0
	for i, r := range s {
		if r != 'Σ' {
			continue
		}
		b.WriteString(mapCase(s[last:i], lang, false))
		if finalSigma(s, i) {
			b.WriteRune('ς')
		} else {
			b.WriteRune('σ')
		}
		last = i + len("Σ")
	}
	b.WriteString(mapCase(s[last:], lang, false))
	return b.String()
}

// finalSigma reports whether the sigma at byte i ends a word: a cased
// letter precedes it within the word and none follows it there.
func finalSigma(s string, i int) bool {
	before := false
	for j := i; j > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !wordRune(r) {
			break
		}
		if cased(r) {
			before = true
			break
		}
		j -= size
	}
	if !before {
		return false
	}
	for _, r := range s[i+len("Σ"):] {
		if !wordRune(r) {
			break
		}
		if cased(r) {
			return false
		}
	}
	return true
}

// wordRune reports whether r continues a word rather than breaking it.
func wordRune(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Pc) || r == '\'' || r == '’'
}

func cased(r rune) bool {
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// caseImpl compiles UPPER, or LOWER, with an optional locale.
func caseImpl(upper bool) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		f := args[0].str
		var flocale strFn
		if len(args) == 2 {
			flocale = args[1].str
		}
		return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
			s, ok := f(fr)
			if !ok || s == "" {
				return "", false // blank text: the locale is not looked at
			}
			lang := language.Und
			if flocale != nil {
				locale, _ := flocale(fr)
				if msg := checkLocale(locale); msg != "" {
					fr.fail(x, "Incorrect parameter value for "+fnName(x.Name)+". "+msg)
					return "", false
				}
				lang = caseLang(locale)
			}
			return mapCase(s, lang, upper), true
		}}
	}
}

// initCap capitalises the first letter of each word and lower-cases the
// rest, one UTF-16 unit at a time with simple case mapping, as Salesforce
// does: digits continue a word, anything else that is not a letter ends
// it, and characters outside the BMP are left as they are and end a word.
func initCap(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 { // keep invalid bytes as they are
			b.WriteByte(s[i])
			i++
			start = true
			continue
		}
		i += size
		switch {
		case r > 0xFFFF:
			b.WriteRune(r)
			start = true
		case unicode.IsLower(r) || unicode.Is(unicode.Other_Lowercase, r):
			if start {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			start = false
		case unicode.IsUpper(r) || unicode.Is(unicode.Other_Uppercase, r):
			if !start {
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
			start = false
		default:
			b.WriteRune(r)
			start = !unicode.IsDigit(r)
		}
	}
	return b.String()
}

func initCapImpl(c *compiler, x *formula.Call, args []*node) *node {
	f := args[0].str
	return &node{typ: Text, src: x, str: func(fr *frame) (string, bool) {
		s, ok := f(fr)
		if !ok || s == "" {
			return "", false
		}
		return initCap(s), true
	}}
}
