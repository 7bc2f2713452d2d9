package eval

import (
	"testing"
	"unicode/utf16"

	"github.com/cockroachdb/apd/v3"
)

// fromUnits decodes UTF-16 units as Java holds them: pairs as characters,
// and a lone surrogate as itself, in generalised UTF-8.
func fromUnits(u []uint16) string {
	var b []byte
	for i := 0; i < len(u); i++ {
		if i+1 < len(u) && utf16.IsSurrogate(rune(u[i])) && u[i] < 0xDC00 && u[i+1] >= 0xDC00 && u[i+1] <= 0xDFFF {
			b = append(b, string(utf16.DecodeRune(rune(u[i]), rune(u[i+1])))...)
			i++
			continue
		}
		if utf16.IsSurrogate(rune(u[i])) {
			b = appendSurrogate(b, rune(u[i]))
			continue
		}
		b = append(b, string(rune(u[i]))...)
	}
	return string(b)
}

// A lone surrogate is one unit, ASCII reads its code, and joining the two
// halves of a pair makes the character again.
func TestLoneSurrogates(t *testing.T) {
	hi, lo := surrogateText(0xD83D), surrogateText(0xDE00)
	if got := u16Len(hi + "a" + lo); got != 3 {
		t.Errorf("u16Len(hi a lo) = %d, want 3", got)
	}
	if got := joinPairs("x" + hi + lo + "y" + hi); got != "x😀y"+hi {
		t.Errorf("joinPairs = %q, want %q", got, "x😀y"+hi)
	}
	if got := joinPairs(lo + hi); got != lo+hi {
		t.Errorf("joinPairs(lo hi) = %q, want it unchanged", got)
	}
	if r, n := decodeUnit(hi); r != 0xD83D || n != 3 {
		t.Errorf("decodeUnit(hi) = %U, %d", r, n)
	}
}

// TestUTF16Helpers checks the UTF-16 helpers against slicing the UTF-16
// encoding itself, for every range of a few texts.
func TestUTF16Helpers(t *testing.T) {
	for _, s := range []string{"", "abc", "a😀b", "😀😀", "会计年度", "é😀x😀"} {
		u := utf16.Encode([]rune(s))
		if got := u16Len(s); got != len(u) {
			t.Errorf("u16Len(%q) = %d, want %d", s, got, len(u))
		}
		for from := -1; from <= len(u)+1; from++ {
			for to := from; to <= len(u)+2; to++ {
				lo, hi := max(from, 0), min(to, len(u))
				want := ""
				if lo < hi {
					want = fromUnits(u[lo:hi])
				}
				if got := u16Slice(s, from, to); got != want {
					t.Errorf("u16Slice(%q, %d, %d) = %q, want %q", s, from, to, got, want)
				}
			}
		}
		for _, sub := range []string{"a", "😀", "b", "x", "年度", "é😀"} {
			su := utf16.Encode([]rune(sub))
			for from := -1; from <= len(u)+1; from++ {
				want := -1
				for i := max(from, 0); i+len(su) <= len(u); i++ {
					if string(utf16.Decode(u[i:i+len(su)])) == sub {
						want = i
						break
					}
				}
				if got := u16Index(s, sub, from); got != want {
					t.Errorf("u16Index(%q, %q, %d) = %d, want %d", s, sub, from, got, want)
				}
			}
		}
	}
}

func TestDecTrunc(t *testing.T) {
	for _, tc := range []struct {
		in      string
		n, frac int
	}{
		{"0", 0, 0}, {"-0.00", 0, 0}, {"2.9", 2, 1}, {"-2.9", -2, -1}, {"7", 7, 0}, {"7.000", 7, 0},
		{"0.0000001", 0, 1}, {"-0.5", 0, -1}, {"5E+9", 2147483647, 0}, {"-1E+30", -2147483648, -1},
		{"2147483647.5", 2147483647, 1}, {"123456789012345678901.000", 2147483647, 1},
		{"1.000000000000000000001", 1, 1}, {"-3.000000000000000000000", -3, 0},
	} {
		d, _, err := apd.NewFromString(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		n, frac := decTrunc(d)
		if n != tc.n || frac != tc.frac {
			t.Errorf("decTrunc(%s) = %d, %d; want %d, %d", tc.in, n, frac, tc.n, tc.frac)
		}
	}
}
