package eval

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/redact"
)

// REGEX and LIKE match a whole text against a pattern written in Java's
// regular-expression dialect. credscope runs them on Go's RE2 engine, which
// takes linear time, after rewriting the Java constructs RE2 spells
// differently. Constructs RE2 lacks, such as back-references and
// look-around, are errors: at compile time for a literal pattern, else at
// run time.

// javaRegex is a Java pattern translated for RE2 and measured, not yet
// compiled.
type javaRegex struct {
	re2  string
	size int // instructions it compiles to, about
}

// parseJava translates and parses a Java pattern for whole-text matching.
// It takes time linear in the pattern; compiling may take far more, since
// a counted repetition copies what it repeats, so the caller charges size
// before compiling.
func parseJava(re string) (javaRegex, error) {
	r2, err := javaToRE2(re)
	if err != nil {
		return javaRegex{}, err
	}
	// Parse alone first, so that an unbalanced ) is not absorbed by the
	// wrapping group.
	parsed, err := syntax.Parse(r2, syntax.Perl)
	if err != nil {
		return javaRegex{}, err
	}
	return javaRegex{re2: r2, size: regexSize(parsed, maxRegexSize) + 3}, nil
}

// maxRegexSize caps the estimate, far above any budget's reach.
const maxRegexSize = 1 << 30 / regexCompileCost

// compile compiles the parsed pattern, anchored at both ends.
func (j javaRegex) compile() (*regexp.Regexp, error) {
	return regexp.Compile(`^(?:` + j.re2 + `)$`)
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

// privateSurrogates maps each lone surrogate, which Go's regular
// expressions cannot read, to a character of the supplementary private use
// area B (U+10F800 + its offset), in pattern and text alike, so that it
// matches itself as it does in Java.
func privateSurrogates(s string) string {
	if strings.IndexByte(s, 0xED) < 0 {
		return s
	}
	var b []byte
	last := 0
	for i := 0; i+3 <= len(s); {
		r, n := decodeUnit(s[i:])
		if n != 3 || r < 0xD800 || r > 0xDFFF {
			i += max(n, 1)
			continue
		}
		b = append(b, s[last:i]...)
		b = utf8.AppendRune(b, 0x10F800+r-0xD800)
		i += 3
		last = i
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// lastRegex caches the most recent pattern of a REGEX or LIKE whose
// pattern is not a constant.
type lastRegex struct {
	src  string
	size int
	re   *regexp.Regexp
	err  error
}

// matchImpl compiles REGEX, or LIKE when toJava converts its pattern. A null
// text or pattern reads as "". Matching takes time proportional to the
// text times the compiled pattern, never exponential, and is charged so;
// compiling the pattern is charged by its size.
func matchImpl(toJava func(string) string) implFn {
	toJava = func(conv func(string) string) func(string) string {
		return func(p string) string { return conv(privateSurrogates(p)) }
	}(toJava)
	return func(c *compiler, x *formula.Call, args []*node) *node {
		ftext, fpat, secret := args[0].str, args[1].str, args[1].secret
		n := &node{typ: Boolean, src: x}
		if k := args[1].konst; k != nil {
			j, err := parseJava(toJava(k.str))
			if err == nil && c.spend(args[1].src, j.size*regexCompileCost) {
				var re *regexp.Regexp
				if re, err = j.compile(); err == nil {
					size := j.size
					n.bl = func(fr *frame) (bool, bool) {
						s, _ := ftext(fr)
						if !fr.spend(x, (len(s)+1)*size) {
							return false, false
						}
						return re.MatchString(privateSurrogates(s)), true
					}
					return n
				}
			}
			if err != nil {
				c.errorf(args[1].src.Pos(), "%s", regexMessage(x, err, args[1].secret))
			}
			return nil
		}
		var cache atomic.Pointer[lastRegex]
		n.bl = func(fr *frame) (bool, bool) {
			s, _ := ftext(fr)
			p, _ := fpat(fr)
			if !fr.spend(x, len(p)) {
				return false, false
			}
			last := cache.Load()
			if last == nil || last.src != p {
				j, err := parseJava(toJava(p))
				last = &lastRegex{src: p, size: j.size, err: err}
				if err == nil {
					// Compile only once the budget allows it.
					if !fr.spend(x, j.size*regexCompileCost+(len(s)+1)*j.size) {
						return false, false
					}
					last.re, last.err = j.compile()
				}
				cache.Store(last)
			} else if last.err == nil && !fr.spend(x, last.size*regexCompileCost+(len(s)+1)*last.size) {
				return false, false
			}
			if last.err != nil {
				fr.fail(x, regexMessage(x, last.err, secret || fr.secret))
				return false, false
			}
			return last.re.MatchString(privateSurrogates(s)), true
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
