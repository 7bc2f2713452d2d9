package eval

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/internal/corpus"
)

// Rendering of results the way the corpus's Java harness prints them, and
// the known-failures file of TestSalesforceCorpus.

// corpusMaxText is the length, in UTF-16 units, to which the harness cuts a
// Text result.
const corpusMaxText = 1300

// corpusMaxNumberExponent is the largest exponent (negated BigDecimal scale)
// the harness prints; a larger one fails as a formula that is too long.
const corpusMaxNumberExponent = 3900

var corpusOne = apd.New(1, 0)

// corpusCtx returns a half-up context of the given precision.
func corpusCtx(precision uint32) *apd.Context {
	c := apd.BaseContext.WithPrecision(precision)
	c.Rounding = apd.RoundHalfUp
	return c
}

// corpusRound rounds v to scale decimal places the way the engine's
// BigDecimalHelper.round does with HALF_UP: by precision, not by scale, so
// the scale is never padded, a carry may shorten it, and a value that
// would need a new leading digit rounds to zero. The result never has a
// positive exponent.
func corpusRound(v *apd.Decimal, scale int64) (*apd.Decimal, error) {
	r := new(apd.Decimal)
	a := new(apd.Decimal).Abs(v)
	if a.Cmp(corpusOne) < 0 {
		// Below one, round 1+|v| and take the one off again, so that the
		// digits counted are decimals.
		p := scale + 1
		if p > 0 {
			t := new(apd.Decimal)
			if _, err := corpusCtx(39).Add(t, a, corpusOne); err != nil {
				return nil, err
			}
			if _, err := corpusCtx(uint32(p)).Round(r, t); err != nil {
				return nil, err
			}
			if _, err := corpusCtx(39).Sub(r, r, corpusOne); err != nil {
				return nil, err
			}
			if v.Negative {
				r.Neg(r)
			}
		}
	} else {
		p := a.NumDigits() + int64(a.Exponent) + scale // integer digits + scale
		if p > 0 {
			if _, err := corpusCtx(uint32(min(p, 1<<30))).Round(r, v); err != nil {
				return nil, err
			}
		}
	}
	return corpusPlainDecimal(r), nil
}

// corpusPlainDecimal returns d with a positive exponent multiplied out (a
// BigDecimal re-read from its plain string) and without a negative zero,
// which BigDecimal does not have.
func corpusPlainDecimal(d *apd.Decimal) *apd.Decimal {
	r := new(apd.Decimal).Set(d)
	if r.Exponent > 0 {
		if r.IsZero() {
			r.Exponent = 0
		} else {
			s := r.Coeff.String() + strings.Repeat("0", int(r.Exponent))
			r.Coeff.SetString(s, 10)
			r.Exponent = 0
		}
	}
	if r.IsZero() {
		r.Negative = false
	}
	return r
}

// corpusPlainString prints d as BigDecimal.toPlainString does.
func corpusPlainString(d *apd.Decimal) string {
	return corpusPlainDecimal(d).Text('f')
}

// corpusPercentIn turns a stored percent field value into the number a
// formula reads: a hundredth of it, trailing zeros stripped (50 → 0.5,
// 1000 → 1E+1).
func corpusPercentIn(d *apd.Decimal) *apd.Decimal {
	r := new(apd.Decimal).Set(d)
	r.Exponent -= 2
	r.Reduce(r)
	if r.IsZero() {
		r.Negative = false
	}
	return r
}

// corpusPercentOut turns a Percent result into the number printed: a
// hundred times it, its scale reduced by two but not below zero.
func corpusPercentOut(d *apd.Decimal) *apd.Decimal {
	r := new(apd.Decimal).Set(d)
	r.Exponent += 2
	return corpusPlainDecimal(r)
}

// corpusNumberOut prints a Number result of a case of type dataType.
func corpusNumberOut(dataType string, d *apd.Decimal) (string, error) {
	if d.Form != apd.Finite {
		return "", fmt.Errorf("result is %s", d.String())
	}
	if corpus.BaseType(dataType) == "Percent" {
		d = corpusPercentOut(d)
	} else if d.Exponent > corpusMaxNumberExponent {
		return "", fmt.Errorf("result exponent %d is out of range", d.Exponent)
	}
	r, err := corpusRound(d, 32)
	if err != nil {
		return "", err
	}
	return corpusPlainString(r), nil
}

// The Gregorian calendar starts on this day (1582-10-15); Java prints the
// days before it in the Julian calendar.
const corpusGregorianStart = -141427

const corpusMsPerDay = 86_400_000

func corpusFloorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func corpusFloorMod(a, b int64) int64 { return a - corpusFloorDiv(a, b)*b }

// corpusCivil returns the calendar day of a day number (days since
// 1970-01-01) as Java's GregorianCalendar names it: Julian before
// 1582-10-15, Gregorian from then on.
func corpusCivil(days int64) (y, m, d int) {
	// Richards' algorithm from the Julian day number.
	j := days + 2440588
	f := j + 1401
	if days >= corpusGregorianStart {
		f += corpusFloorDiv(corpusFloorDiv(4*j+274277, 146097)*3, 4) - 38
	}
	e := 4*f + 3
	g := corpusFloorDiv(corpusFloorMod(e, 1461), 4)
	h := 5*g + 2
	d = int(corpusFloorDiv(corpusFloorMod(h, 153), 5) + 1)
	m = int(corpusFloorMod(corpusFloorDiv(h, 153)+2, 12) + 1)
	y = int(corpusFloorDiv(e, 1461) - 4716 + int64((12+2-m)/12))
	return y, m, d
}

// corpusTimestamp prints an instant, in milliseconds since the epoch, as a
// SQL timestamp (2005-11-15 17:00:00.0), a form corpus.ParseExpected reads,
// in the calendar the Java output uses.
func corpusTimestamp(ms int64) string {
	y, m, d := corpusCivil(corpusFloorDiv(ms, corpusMsPerDay))
	s := corpusFloorMod(ms, corpusMsPerDay) / 1000
	return fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d.0", y, m, d, s/3600, s/60%60, s%60)
}

// corpusTimeOfDay prints a time of day, in milliseconds, as HH:MM:SS.mmm.
func corpusTimeOfDay(ms int64) string {
	ms = corpusFloorMod(ms, corpusMsPerDay)
	s := ms / 1000
	return fmt.Sprintf("%02d:%02d:%02d.%03d", s/3600, s/60%60, s%60, ms%1000)
}

// corpusTruncateText cuts s to n UTF-16 units, as Java's substring does.
func corpusTruncateText(s string, n int) string {
	u := utf16.Encode([]rune(s))
	if len(u) <= n {
		return s
	}
	return string(utf16.Decode(u[:n]))
}

// corpusRender prints the result of a case of type dataType as the harness
// does, in a form corpus.ParseExpected reads: null (false for a Boolean
// case), the plain number rounded to 32 places, true or false, the trimmed
// text cut to 1,300 UTF-16 units, or a date, date-time or time.
func corpusRender(dataType string, v Value) string {
	if v.IsNull() {
		if dataType == "Boolean" {
			return "false"
		}
		return "null"
	}
	switch v.Type() {
	case Number:
		s, err := corpusNumberOut(dataType, v.Decimal())
		if err != nil {
			return "Error: " + err.Error()
		}
		return s
	case Text:
		return corpus.Trim(corpusTruncateText(v.Text(), corpusMaxText))
	case Boolean:
		return strconv.FormatBool(v.Bool())
	case Date, DateTime:
		return corpusTimestamp(v.Time().UnixMilli())
	case Time:
		return corpusTimeOfDay(v.Time().UnixMilli())
	}
	return v.String()
}

// corpusMatch reports whether a printed result got matches the expected
// output want of a case of type dataType: equal after normalisation, and
// any error matches any error.
func corpusMatch(dataType, want, got string) bool {
	w, g := corpus.ParseExpected(dataType, want), corpus.ParseExpected(dataType, got)
	if w.Kind != g.Kind {
		return false
	}
	return w.Kind == corpus.KindError || w.Text == g.Text
}

var (
	corpusStripRE = regexp.MustCompile(`(?s)/\*.*?\*/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'`)
	corpusCallRE  = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\s*\(`)
)

// corpusFuncNames returns the functions a formula calls, upper-cased,
// sorted and distinct: each name followed by "(", outside string literals
// and comments.
func corpusFuncNames(src string) []string {
	src = corpusStripRE.ReplaceAllString(src, " ")
	seen := map[string]bool{}
	var out []string
	for _, m := range corpusCallRE.FindAllStringSubmatch(src, -1) {
		name := strings.ToUpper(m[1])
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// corpusKey names one row on one execution path: testName#row path.
type corpusKey struct {
	Case string
	Row  int
	Path string
}

func (k corpusKey) String() string { return fmt.Sprintf("%s#%d %s", k.Case, k.Row, k.Path) }

// corpusKnown is the content of the known-failures file.
type corpusKnown struct {
	Entries map[corpusKey]string // key → reason
	Groups  map[string]string    // group (function) → reason
}

// parseCorpusKnown reads a known-failures file: lines of
//
//	<testName>#<row> <path>  # reason
//
// group headers "## NAME: reason", and other comments starting with #.
func parseCorpusKnown(r io.Reader) (*corpusKnown, error) {
	k := &corpusKnown{Entries: map[corpusKey]string{}, Groups: map[string]string{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "## "):
			name, reason, _ := strings.Cut(strings.TrimPrefix(line, "## "), ":")
			k.Groups[strings.TrimSpace(name)] = strings.TrimSpace(reason)
			continue
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		}
		entry, reason, _ := strings.Cut(line, " #")
		f := strings.Fields(entry)
		if len(f) != 2 {
			return nil, fmt.Errorf("line %d: want <testName>#<row> <path>, got %q", n, line)
		}
		name, row, ok := strings.Cut(f[0], "#")
		i, err := strconv.Atoi(row)
		if !ok || name == "" || err != nil || i < 0 {
			return nil, fmt.Errorf("line %d: %q is not <testName>#<row>", n, f[0])
		}
		if f[1] != corpus.PathFormula && f[1] != corpus.PathFormulaNullAsNull {
			return nil, fmt.Errorf("line %d: unknown path %q", n, f[1])
		}
		key := corpusKey{name, i, f[1]}
		if _, dup := k.Entries[key]; dup {
			return nil, fmt.Errorf("line %d: %v is listed twice", n, key)
		}
		k.Entries[key] = strings.TrimSpace(reason)
	}
	return k, sc.Err()
}

// corpusKnownHeader opens the known-failures file.
const corpusKnownHeader = `# Known failures of TestSalesforceCorpus (eval/corpus_test.go): the rows of
# Salesforce's conformance corpus that credscope is allowed to get wrong.
#
# Each entry is one corpus row on one execution path:
#
#   <testName>#<row> <path>  # reason
#
# <row> counts the testcase's testData rows from 0, in file order; <path> is
# formula (blank numbers read as zero) or formulaNullAsNull. Lines "## NAME:
# reason" head a group of entries, named after the function they concern;
# other lines starting with # are comments.
#
# The test fails when a row that is not listed fails, and also when a listed
# row passes: the list only ever shrinks. Delete entries as they are fixed.
#
# go test ./eval -run TestSalesforceCorpus -update-known-failures rewrites
# this file from the current results, keeping the reasons of entries and
# groups that remain. It exists to record a deliberate baseline once. Never
# regenerate the file to hide a regression: fix the regression instead.
`

// corpusKnownFailure is one failing row as the known-failures file
// records it.
type corpusKnownFailure struct {
	Key    corpusKey
	Group  string
	Reason string
}

// formatCorpusKnown writes the known-failures file: the header, then the
// failures grouped by Group, groups sorted by name, entries in the order
// given. Reasons already in old are kept.
func formatCorpusKnown(w io.Writer, failures []corpusKnownFailure, groupReason map[string]string, old *corpusKnown) error {
	groups := map[string][]corpusKnownFailure{}
	var names []string
	for _, f := range failures {
		if _, ok := groups[f.Group]; !ok {
			names = append(names, f.Group)
		}
		groups[f.Group] = append(groups[f.Group], f)
	}
	sort.Strings(names)
	bw := bufio.NewWriter(w)
	bw.WriteString(corpusKnownHeader)
	for _, g := range names {
		reason := groupReason[g]
		if r, ok := old.Groups[g]; ok && r != "" {
			reason = r
		}
		fmt.Fprintf(bw, "\n## %s: %s\n", g, reason)
		for _, f := range groups[g] {
			reason := f.Reason
			if r, ok := old.Entries[f.Key]; ok && r != "" {
				reason = r
			}
			if reason == "" {
				fmt.Fprintf(bw, "%v\n", f.Key)
			} else {
				fmt.Fprintf(bw, "%v  # %s\n", f.Key, reason)
			}
		}
	}
	return bw.Flush()
}

// corpusOneLine flattens s to one line of at most n characters.
func corpusOneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return s
}
