package scope

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLineIndex: a position's column is the runes of its line before it,
// counted as utf8.RuneCount counts them, whether or not the file has lines
// long enough for marks, and whatever the bytes, valid UTF-8 or not.
func FuzzLineIndex(f *testing.F) {
	long := strings.Repeat("<a>é€\U0001F600x</a>", 2000)
	f.Add(long, 5000, 100)
	f.Add("a\nb\n"+long+"\n\xff\xfe"+long, 40000, 4096)
	f.Add(strings.Repeat("\xe2\x82", 5000), 8191, 1)
	f.Add("short\nlines\n", 7, 1)
	f.Fuzz(func(t *testing.T, data string, off, step int) {
		if len(data) < 2*markEvery {
			data += strings.Repeat(data+"\xc3", 2*markEvery/(len(data)+1)+1) // a long line, with cut runes
		}
		li := newLineIndex([]byte(data))
		step = max(len(data)/100, 1+max(step%997, -step%997)) // about a hundred positions
		for o := max(0, off%len(data)); o <= len(data); o += step {
			start := strings.LastIndexByte(data[:o], '\n') + 1
			want := Pos{File: "f", Offset: o, Line: strings.Count(data[:o], "\n") + 1, Column: utf8.RuneCountInString(data[start:o]) + 1}
			if got := li.pos("f", o); got != want {
				t.Fatalf("pos(%d) = %+v, want %+v", o, got, want)
			}
		}
	})
}
