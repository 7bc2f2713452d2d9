package repl

import "testing"

func TestOpen(t *testing.T) {
	tests := []struct {
		src  string
		want byte
	}{
		{`1 + 1`, 0},
		{`IF(OR(CONTAINS($User.Department, "Sales"),`, '('},
		{"IF(a,\n b, c)", 0},
		{`"session:role:`, '"'},
		{`'it\'s'`, 0},
		{`'a\'`, '\''},
		{`"(" & "("`, 0},
		{`LEN("a)"`, '('},
		{`a /* comment (`, '*'},
		{`a /* (comment) */ + 1`, 0},
		{`scope {!IF(a,`, '('},
		{`scope {!$User.Department`, '{'},
		{`scope ( {!$User.Department}`, 0},
		{`(a))`, 0},
		{`{!"}"`, '{'},
		{``, 0},
	}
	for _, tt := range tests {
		if got := open(tt.src); got != tt.want {
			t.Errorf("open(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
