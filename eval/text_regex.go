package eval

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync/atomic"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/redact"
)

// REGEX and LIKE match a whole text against a pattern written in Java's
// regular-expression dialect. credscope runs them on Go's RE2 engine, which
// takes linear time, after rewriting the Java constructs RE2 spells
// differently. Constructs RE2 lacks, such as back-references and
// look-around, are errors: at compile time for a literal pattern, else at
// run time.

// compileJava compiles a Java pattern for whole-text matching.
func compileJava(re string) (*regexp.Regexp, error) {
	r2, err := javaToRE2(re)
	if err != nil {
		return nil, err
	}
	// Parse alone first, so that an unbalanced ) is not absorbed by the
	// wrapping group.
	if _, err := syntax.Parse(r2, syntax.Perl); err != nil {
		return nil, err
	}
	return regexp.Compile(`^(?:` + r2 + `)$`)
}

// likeToJava converts a LIKE pattern into the Java regular expression
// Salesforce builds from it: % is any text and _ any character, \% and \_
// are literal, and the regex metacharacters * ? + ^ $ ( ) { } [ are
// escaped; the others keep their meaning.
func likeToJava(like string) string {
	s := strings.NewReplacer(`\%`, "\t", `\_`, "\f").Replace(like)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '*', '?', '+', '^', '$', '(', ')', '{', '}', '[':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '_':
			b.WriteByte('.')
		case '%':
			b.WriteString(".*")
		case '\f':
			b.WriteByte('_')
		case '\t':
			b.WriteByte('%')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lastRegex caches the most recent pattern of a REGEX or LIKE whose
// pattern is not a constant.
type lastRegex struct {
	src string
	re  *regexp.Regexp
	err error
}

// matchImpl compiles REGEX, or LIKE when toJava converts its pattern. A null
// text or pattern reads as "".
func matchImpl(toJava func(string) string) implFn {
	return func(c *compiler, x *formula.Call, args []*node) *node {
		ftext, fpat, secret := args[0].str, args[1].str, args[1].secret
		compile := func(p string) (*regexp.Regexp, error) { return compileJava(toJava(p)) }
		n := &node{typ: Boolean, src: x}
		if k := args[1].konst; k != nil {
			re, err := compile(k.str)
			if err != nil {
				c.errorf(args[1].src.Pos(), "%s", regexMessage(x, err, args[1].secret))
				return nil
			}
			n.bl = func(fr *frame) (bool, bool) {
				s, _ := ftext(fr)
				if !fr.spend(x, len(s)) {
					return false, false
				}
				return re.MatchString(s), true
			}
			return n
		}
		var cache atomic.Pointer[lastRegex]
		n.bl = func(fr *frame) (bool, bool) {
			s, _ := ftext(fr)
			p, _ := fpat(fr)
			if !fr.spend(x, len(s)+len(p)) {
				return false, false
			}
			last := cache.Load()
			if last == nil || last.src != p {
				re, err := compile(p)
				last = &lastRegex{src: p, re: re, err: err}
				cache.Store(last)
			}
			if last.err != nil {
				fr.fail(x, regexMessage(x, last.err, secret || fr.secret))
				return false, false
			}
			return last.re.MatchString(s), true
		}
		return n
	}
}

func identity(s string) string { return s }

// regexMessage words an invalid pattern. A secret pattern is not described
// at all, since even where it fails would tell something of it; any other
// shows the part that fails, through redact.Value.
func regexMessage(x *formula.Call, err error, secret bool) string {
	msg := "Invalid regular expression for " + fnName(x.Name)
	if secret {
		return msg + ": the pattern derives from a secret and is not shown"
	}
	var se *syntax.Error
	if errors.As(err, &se) {
		return msg + ": " + string(se.Code) + ": `" + redact.Value(se.Expr, false) + "`"
	}
	return msg + ": " + redact.Value(err.Error(), false)
}
