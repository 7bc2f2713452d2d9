// Package redact is the one place where credscope decides how a value, or
// a text from outside, may appear in an error, a warning or any other
// message. Every message that quotes a value goes through Value; every
// message that quotes an identity provider or an endpoint goes through
// External.
package redact

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mask is how a secret prints.
const Mask = "********"

// MaxRunes is how much of a value a message quotes: longer values are cut
// and end in "…", so that a message stays one readable line.
const MaxRunes = 64

// Value renders a value for a message: Mask when it is secret, or derives
// from a secret; otherwise the text cut to MaxRunes characters, with
// control and bidirectional formatting characters escaped as Go writes
// them (\n, \x1b, \u202e), so that a value can neither hide itself nor
// forge a line of output. The caller adds the quotes its message uses.
func Value(s string, secret bool) string {
	if secret {
		return Mask
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == MaxRunes {
			b.WriteString("…")
			break
		}
		n++
		if unsafeRune(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unsafeRune reports whether r may not appear as itself in a message: a
// control character or a format character such as a
// bidirectional override.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// Printable removes terminal escape sequences and control and format
// characters from a text from outside, and turns white space into plain
// spaces, so that it prints on one line as the characters it shows. It
// keeps everything else: use it for data, such as a granted scope, that
// must stay as sent; External also masks tokens and cuts the text.
func Printable(s string) string {
	s = ansiSeq.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unsafeRune(r):
			return -1
		}
		return r
	}, s)
}

// MaxExternal is the most of a foreign text, such as an identity
// provider's error_description, that a message holds, in bytes.
const MaxExternal = 512

// jwtLike matches a JWS or JWE compact serialisation, or any token made of
// three base64url segments: an assertion, an access token, an ID token.
var jwtLike = regexp.MustCompile(`[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*`)

// ansiSeq matches terminal escape sequences: CSI (ESC [ … final byte), OSC
// (ESC ] … BEL or ESC \), and any other two-character escape.
var ansiSeq = regexp.MustCompile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|\x1b[^\\[\\]]?")

// External cleans a text that came from outside credscope, such as an
// identity provider's error_description or an endpoint's answer, before
// any message shows it: terminal escape sequences and control characters
// are removed, line breaks become spaces (so that the text cannot forge a
// line of credscope's own output), runs of white space fold to one,
// anything that looks like a token (three base64url segments) and each of
// hide, such as the assertion just sent, become Mask, and the result is
// cut to MaxExternal bytes.
func External(s string, hide ...string) string {
	s = Printable(s)
	for _, h := range hide {
		if len(h) >= 4 {
			s = strings.ReplaceAll(s, h, Mask)
		}
	}
	s = jwtLike.ReplaceAllString(s, Mask)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= MaxExternal {
		return s
	}
	const ellipsis = "…"
	cut := MaxExternal - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}
