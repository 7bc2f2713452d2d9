package eval

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Java's regular-expression dialect, rewritten into RE2's: the constructs
// the two spell differently are translated, and those RE2 lacks are
// reported.

// javaDot is what Java's . matches: anything but a line terminator.
const javaDot = `[^\n\r\x{85}\x{2028}\x{2029}]`

// Java's whitespace and line-break classes, as RE2 class bodies.
const (
	javaSpace = `\t\n\x0B\f\r `
	javaVert  = `\n\x0B\f\r\x{85}\x{2028}\x{2029}`
	javaHoriz = ` \t\xA0\x{1680}\x{180e}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}`
)

// javaPosix maps Java's POSIX class names to RE2 class bodies.
var javaPosix = map[string]string{
	"Lower": `a-z`, "Upper": `A-Z`, "ASCII": `\x00-\x7F`, "Alpha": `a-zA-Z`,
	"Digit": `0-9`, "Alnum": `a-zA-Z0-9`, "Punct": `!-/:-@\[-` + "`" + `{-~`,
	"Graph": `!-~`, "Print": ` -~`, "Blank": ` \t`, "Cntrl": `\x00-\x1F\x7F`,
	"XDigit": `0-9a-fA-F`, "Space": javaSpace,
}

// regexError is a Java pattern that RE2 cannot run.
type regexError string

func (e regexError) Error() string { return string(e) }

// javaToRE2 rewrites a Java regular expression as an RE2 one.
func javaToRE2(re string) (string, error) {
	var b strings.Builder
	inClass, dotAll, unixLines := false, false, false
	classStart := 0
	for i := 0; i < len(re); {
		c := re[i]
		switch {
		case c == '\\':
			if i+1 >= len(re) {
				return "", regexError("trailing backslash")
			}
			n, err := javaEscape(&b, re[i+1:], inClass)
			if err != nil {
				return "", err
			}
			i += 1 + n
			continue
		case inClass:
			switch {
			case c == ']' && b.Len() > classStart:
				inClass = false
			case c == '[':
				return "", regexError("nested character classes are not supported")
			case c == '&' && strings.HasPrefix(re[i:], "&&"):
				return "", regexError("character class intersections are not supported")
			}
		case c == '[':
			inClass = true
			b.WriteByte(c)
			i++
			if i < len(re) && re[i] == '^' {
				b.WriteByte('^')
				i++
			}
			classStart = b.Len()
			continue
		case c == '.':
			switch {
			case dotAll:
				b.WriteString(`(?s:.)`)
			case unixLines:
				b.WriteString(`[^\n]`)
			default:
				b.WriteString(javaDot)
			}
			i++
			continue
		case c == '(' && strings.HasPrefix(re[i:], "(?"):
			n, err := javaGroup(&b, re[i:], &dotAll, &unixLines)
			if err != nil {
				return "", err
			}
			i += n
			continue
		case c == '{':
			n := javaRepeat(re[i:])
			if n == 0 {
				return "", regexError(fmt.Sprintf("illegal repetition near index %d", i))
			}
			b.WriteString(re[i : i+n])
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	if inClass {
		return "", regexError("unclosed character class")
	}
	return b.String(), nil
}

// javaEscape translates the escape after a backslash at the start of s and
// returns how many bytes of s it used.
func javaEscape(b *strings.Builder, s string, inClass bool) (int, error) {
	class := func(body string, negate bool) {
		switch {
		case inClass && !negate:
			b.WriteString(body)
		case negate:
			b.WriteString("[^" + body + "]")
		default:
			b.WriteString("[" + body + "]")
		}
	}
	c := s[0]
	switch {
	case c >= '1' && c <= '9', c == 'k':
		return 0, regexError("back-references are not supported")
	case c == 'G':
		return 0, regexError(`\G is not supported`)
	case c == 'Q':
		end := strings.Index(s, `\E`)
		lit := s[1:]
		n := len(s)
		if end >= 0 {
			lit, n = s[1:end], end+2
		}
		b.WriteString(regexp.QuoteMeta(lit))
		return n, nil
	case c == 's', c == 'S':
		if inClass && c == 'S' {
			b.WriteString(`\S`) // RE2's, which differs only in \x0B
			return 1, nil
		}
		class(javaSpace, c == 'S')
	case c == 'v', c == 'V', c == 'h', c == 'H':
		if inClass && (c == 'V' || c == 'H') {
			return 0, regexError(`\` + string(c) + ` inside a character class is not supported`)
		}
		body := javaVert
		if c == 'h' || c == 'H' {
			body = javaHoriz
		}
		class(body, c == 'V' || c == 'H')
	case c == 'R' && !inClass:
		b.WriteString(`(?:\r\n|[` + javaVert + `])`)
	case c == 'Z' && !inClass:
		b.WriteString(`(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?\z`)
	case c == 'e':
		b.WriteString(`\x1B`)
	case c == 'x':
		n := 3 // \xhh
		if strings.HasPrefix(s[1:], "{") {
			n = strings.IndexByte(s, '}') + 1
		}
		if n <= 0 || n > len(s) {
			return 0, regexError("illegal hexadecimal escape")
		}
		b.WriteByte('\\')
		b.WriteString(s[:n])
		return n, nil
	case c == 'u':
		if len(s) < 5 {
			return 0, regexError(`illegal Unicode escape`)
		}
		v, err := strconv.ParseUint(s[1:5], 16, 32)
		if err != nil {
			return 0, regexError(`illegal Unicode escape`)
		}
		fmt.Fprintf(b, `\x{%x}`, v)
		return 5, nil
	case c == '0':
		n, v := 1, 0
		for n < len(s) && n <= 3 && s[n] >= '0' && s[n] <= '7' && (n < 3 || s[1] <= '3') {
			v = v*8 + int(s[n]-'0')
			n++
		}
		if n == 1 {
			return 0, regexError("illegal octal escape")
		}
		fmt.Fprintf(b, `\x{%x}`, v)
		return n, nil
	case c == 'c':
		if len(s) < 2 {
			return 0, regexError("illegal control escape")
		}
		fmt.Fprintf(b, `\x{%x}`, s[1]^64)
		return 2, nil
	case (c == 'p' || c == 'P') && strings.HasPrefix(s[1:], "{"):
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return 0, regexError("unclosed character family")
		}
		name := s[2:end]
		if body, ok := javaPosix[name]; ok {
			if inClass && c == 'P' {
				return 0, regexError(`\P{` + name + `} inside a character class is not supported`)
			}
			class(body, c == 'P')
			return end + 1, nil
		}
		for _, prefix := range []string{"Is", "In", "general_category=", "gc=", "script=", "sc="} {
			name = strings.TrimPrefix(name, prefix)
		}
		fmt.Fprintf(b, `\%c{%s}`, c, name)
		return end + 1, nil
	default:
		_, size := utf8.DecodeRuneInString(s)
		b.WriteByte('\\')
		b.WriteString(s[:size])
		return size, nil
	}
	return 1, nil
}

// javaGroup translates a group opening with (? and returns the bytes used:
// non-capturing and named groups pass; inline flags keep only those RE2
// shares with Java.
func javaGroup(b *strings.Builder, s string, dotAll, unixLines *bool) (int, error) {
	switch {
	case strings.HasPrefix(s, "(?:"), strings.HasPrefix(s, "(?P<"):
		b.WriteString(s[:3])
		return 3, nil
	case strings.HasPrefix(s, "(?<") && !strings.HasPrefix(s, "(?<=") && !strings.HasPrefix(s, "(?<!"):
		b.WriteString("(?P<")
		return 3, nil
	case strings.HasPrefix(s, "(?="), strings.HasPrefix(s, "(?!"), strings.HasPrefix(s, "(?<"):
		return 0, regexError("look-around is not supported")
	case strings.HasPrefix(s, "(?>"):
		return 0, regexError("atomic groups are not supported")
	}
	var keep strings.Builder
	on := true
	for i := 2; i < len(s); i++ {
		switch f := s[i]; f {
		case ')', ':':
			out := keep.String()
			if strings.HasSuffix(out, "-") {
				out = out[:len(out)-1]
			}
			switch {
			case out == "" && f == ')':
				// Nothing left to set.
			case out == "":
				b.WriteString("(?:")
			default:
				b.WriteString("(?" + out + string(f))
			}
			return i + 1, nil
		case '-':
			on = false
			keep.WriteByte('-')
		case 'i', 'm', 's':
			keep.WriteByte(f)
			if f == 's' {
				*dotAll = on
			}
		case 'd':
			*unixLines = on
		case 'u', 'U', 'c':
			// Unicode case and classes, canonical equivalence: RE2 is
			// Unicode-aware already.
		case 'x':
			return 0, regexError("comments mode (?x) is not supported")
		default:
			return 0, regexError(fmt.Sprintf("unknown inline flag %q", f))
		}
	}
	return 0, regexError("unclosed group")
}

// javaRepeat returns the length of the {n}, {n,} or {n,m} quantifier at the
// start of s, or 0 when there is none, which Java rejects.
func javaRepeat(s string) int {
	end := strings.IndexByte(s, '}')
	if end < 0 {
		return 0
	}
	lo, hi, comma := strings.Cut(s[1:end], ",")
	if !allDigits(lo) || comma && hi != "" && !allDigits(hi) {
		return 0
	}
	return end + 1
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
