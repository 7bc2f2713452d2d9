package repl

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// screen is a minimal terminal emulator: it applies the output of a
// program to a grid of cells, so that tests can assert on what a person
// would see. It understands the cursor movements and erasures readline
// uses, and ignores colours.
type screen struct {
	mu            sync.Mutex
	rows          [][]rune
	width, height int
	row, col      int
	wrap          bool   // the cursor is past the last column
	pending       []byte // an incomplete escape sequence or rune
	raw           strings.Builder
}

func newScreen(width, height int) *screen {
	s := &screen{width: width, height: height, rows: make([][]rune, height)}
	for i := range s.rows {
		s.rows[i] = blankRow(width)
	}
	return s
}

func blankRow(width int) []rune {
	return []rune(strings.Repeat(" ", width))
}

// Write applies output to the screen.
func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.raw.Write(p)
	data := append(s.pending, p...)
	s.pending = nil
	for i := 0; i < len(data); {
		n := s.step(data[i:])
		if n == 0 { // incomplete: wait for more
			s.pending = append([]byte(nil), data[i:]...)
			break
		}
		i += n
	}
	return len(p), nil
}

// step applies one character or escape sequence and returns its length,
// or 0 when data ends inside it.
func (s *screen) step(data []byte) int {
	switch c := data[0]; c {
	case '\x1b':
		return s.escape(data)
	case '\r':
		s.col, s.wrap = 0, false
	case '\n':
		s.down()
	case '\b':
		if s.wrap {
			s.wrap = false
		} else if s.col > 0 {
			s.col--
		}
	case '\t':
		s.col = min((s.col/8+1)*8, s.width-1)
	case '\a':
	default:
		if c < ' ' {
			return 1
		}
		if !utf8.FullRune(data) {
			return 0
		}
		r, n := utf8.DecodeRune(data)
		s.put(r)
		return n
	}
	return 1
}

func (s *screen) put(r rune) {
	if s.wrap {
		s.col, s.wrap = 0, false
		s.down()
	}
	s.rows[s.row][s.col] = r
	if s.col == s.width-1 {
		s.wrap = true
	} else {
		s.col++
	}
}

func (s *screen) down() {
	s.wrap = false
	if s.row < s.height-1 {
		s.row++
		return
	}
	s.rows = append(s.rows[1:], blankRow(s.width))
}

// escape applies an escape sequence; only CSI sequences do anything.
func (s *screen) escape(data []byte) int {
	if len(data) < 2 {
		return 0
	}
	if data[1] != '[' {
		return 2
	}
	end := 2
	for end < len(data) && (data[end] < 0x40 || data[end] > 0x7e) {
		end++
	}
	if end == len(data) {
		return 0
	}
	params := strings.TrimPrefix(string(data[2:end]), "?")
	var nums []int
	for _, f := range strings.Split(params, ";") {
		n, _ := strconv.Atoi(f)
		nums = append(nums, n)
	}
	arg := func(def int) int {
		if nums[0] == 0 {
			return def
		}
		return nums[0]
	}
	switch data[end] {
	case 'A':
		s.row = max(0, s.row-arg(1))
	case 'B':
		s.row = min(s.height-1, s.row+arg(1))
	case 'C':
		s.col = min(s.width-1, s.col+arg(1))
	case 'D':
		s.col = max(0, s.col-arg(1))
	case 'G':
		s.col = min(s.width-1, arg(1)-1)
	case 'H', 'f':
		s.row = min(s.height-1, arg(1)-1)
		s.col = 0
		if len(nums) > 1 && nums[1] > 0 {
			s.col = min(s.width-1, nums[1]-1)
		}
	case 'K':
		from, to := s.col, s.width
		switch nums[0] {
		case 1:
			from, to = 0, s.col+1
		case 2:
			from = 0
		}
		for i := from; i < to; i++ {
			s.rows[s.row][i] = ' '
		}
	case 'J':
		if nums[0] == 2 {
			for i := range s.rows {
				s.rows[i] = blankRow(s.width)
			}
			break
		}
		for i := s.col; i < s.width; i++ {
			s.rows[s.row][i] = ' '
		}
		for r := s.row + 1; r < s.height; r++ {
			s.rows[r] = blankRow(s.width)
		}
	}
	s.wrap = false
	return end + 1
}

// lines returns the screen's lines without trailing spaces, and the
// cursor's row.
func (s *screen) lines() ([]string, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, len(s.rows))
	for i, r := range s.rows {
		out[i] = strings.TrimRight(string(r), " ")
	}
	return out, s.row
}

// text returns the whole screen.
func (s *screen) text() string {
	lines, _ := s.lines()
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// cursorLine returns the line the cursor is on.
func (s *screen) cursorLine() string {
	lines, row := s.lines()
	return lines[row]
}

// output returns everything written, escape codes included.
func (s *screen) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.String()
}
