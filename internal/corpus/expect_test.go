package corpus

import (
	"testing"
	"time"
	_ "time/tzdata" // the test needs America/Los_Angeles on any machine

	"github.com/google/go-cmp/cmp"
)

func TestParseExpected(t *testing.T) {
	tests := []struct {
		dataType, raw string
		want          Expect
	}{
		{"Double", "null", Expect{Kind: KindNull}},
		{"Text", "null", Expect{Kind: KindNull}},
		{"Double", "Error: java.lang.NumberFormatException",
			Expect{Kind: KindError, Text: "java.lang.NumberFormatException"}},
		{"DateOnly", "Error: Javascript cannot parse time",
			Expect{Kind: KindError, Text: "Javascript cannot parse time"}},
		{"Double", "25.00", Expect{Kind: KindNumber, Text: "25.00"}},
		{"Double", "123456798.415913578", Expect{Kind: KindNumber, Text: "123456798.415913578"}},
		{"Double", "-0.99", Expect{Kind: KindNumber, Text: "-0.99"}},
		{"Currency", "0", Expect{Kind: KindNumber, Text: "0"}},
		{"Double", "1E+1", Expect{Kind: KindNumber, Text: "10"}},
		{"Double", "8.1E-16", Expect{Kind: KindNumber, Text: "0.00000000000000081"}},
		{"Double", "-8E-9", Expect{Kind: KindNumber, Text: "-0.000000008"}},
		{"Percent", "0E-30", Expect{Kind: KindNumber, Text: "0.000000000000000000000000000000"}},
		{"Currency", "9.0000000000000000000000000E-7", Expect{Kind: KindNumber, Text: "0.00000090000000000000000000000000"}},
		{"Double", "1.5E+3", Expect{Kind: KindNumber, Text: "1500"}},
		{"Double", "-0.00", Expect{Kind: KindNumber, Text: "0.00"}},
		{"Boolean", "true", Expect{Kind: KindBoolean, Text: "true"}},
		{"Boolean", "false", Expect{Kind: KindBoolean, Text: "false"}},
		{"DateOnly", "Sun Dec 02 00:00:00 GMT 2012", Expect{Kind: KindDate, Text: "2012-12-02"}},
		{"DateOnly", "Tue Nov 15 17:00:00 GMT 2005", Expect{Kind: KindDateTime, Text: "2005-11-15T17:00:00Z"}},
		{"DateOnly", "Sat Jan 15 00:00:00 GMT 1", Expect{Kind: KindDate, Text: "0001-01-15"}},
		{"DateOnly", "Mon Nov 25 00:00:00 GMT 1000", Expect{Kind: KindDate, Text: "1000-11-25"}},
		{"DateOnly", "Sat Jan 01 00:00:00 GMT 10000", Expect{Kind: KindDate, Text: "10000-01-01"}},
		{"DateTime", "Thu Jan 01 00:00:00 GMT 1970", Expect{Kind: KindDateTime, Text: "1970-01-01T00:00:00Z"}},
		{"DateTime", "Sat Feb 07 13:59:59 GMT 2009", Expect{Kind: KindDateTime, Text: "2009-02-07T13:59:59Z"}},
		{"DateOnly", "2011-01-29 00:00:00.0", Expect{Kind: KindDate, Text: "2011-01-29"}},
		{"DateOnly", "2005-11-15 17:00:00.0", Expect{Kind: KindDateTime, Text: "2005-11-15T17:00:00Z"}},
		{"TimeOnly", "10:40:55.666", Expect{Kind: KindTime, Text: "10:40:55.666"}},
		{"TimeOnly", "00:00:09", Expect{Kind: KindTime, Text: "00:00:09.000"}},
		{"TimeOnly", "00:00", Expect{Kind: KindTime, Text: "00:00:00.000"}},
		{"TimeOnly", "12:00:00.500000", Expect{Kind: KindTime, Text: "12:00:00.500"}},
		{"Text", "10:34:55.666", Expect{Kind: KindText, Text: "10:34:55.666"}},
		{"Text", "true", Expect{Kind: KindText, Text: "true"}},
		{"textarea", "USD 1,000.00", Expect{Kind: KindText, Text: "USD 1,000.00"}},
		{"Text", "", Expect{Kind: KindText}},
		{"Double", "NaN", Expect{Kind: KindText, Text: "NaN"}},
		{"DateOnly", "Tue Nov 15 17:00:00 PST 2005", Expect{Kind: KindText, Text: "Tue Nov 15 17:00:00 PST 2005"}},
	}
	for _, tt := range tests {
		t.Run(tt.dataType+"/"+tt.raw, func(t *testing.T) {
			tt.want.Raw = tt.raw
			if diff := cmp.Diff(tt.want, ParseExpected(tt.dataType, tt.raw)); diff != "" {
				t.Errorf("ParseExpected(%q, %q) mismatch (-want +got):\n%s", tt.dataType, tt.raw, diff)
			}
		})
	}
}

func TestExpectKindString(t *testing.T) {
	if got := KindDateTime.String(); got != "datetime" {
		t.Errorf("KindDateTime.String() = %q", got)
	}
	if got := ExpectKind(99).String(); got != "ExpectKind(99)" {
		t.Errorf("ExpectKind(99).String() = %q", got)
	}
}

func TestParseInputTime(t *testing.T) {
	pst, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatalf("loading time zone data: %v", err)
	}
	tests := []struct {
		raw      string
		dateOnly bool
		want     time.Time
	}{
		{"2004:12:31:11:32:00", false, time.Date(2004, 12, 31, 11, 32, 0, 0, time.UTC)},
		{" 2004:12:31:11:32:00", true, time.Date(2004, 12, 31, 0, 0, 0, 0, time.UTC)},
		{"2005:01:02", false, time.Date(2005, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"2004:02:28:23:34:00:PST", false, time.Date(2004, 2, 28, 23, 34, 0, 0, pst)},
		{"2004:02:29:07:34:00:GMT", false, time.Date(2004, 2, 29, 7, 34, 0, 0, time.UTC)},
		{"2004:13:01", false, time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"1999", false, time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := ParseInputTime(tt.raw, tt.dateOnly)
		if err != nil {
			t.Errorf("ParseInputTime(%q): %v", tt.raw, err)
			continue
		}
		if !got.Equal(tt.want) || got.Location().String() != tt.want.Location().String() {
			t.Errorf("ParseInputTime(%q, %v) = %v, want %v", tt.raw, tt.dateOnly, got, tt.want)
		}
	}
	for _, raw := range []string{"", "  ", "2004-12-31", "2004:12:31:0:0:0:No/Such_Zone"} {
		if got, err := ParseInputTime(raw, false); err == nil {
			t.Errorf("ParseInputTime(%q) = %v, want an error", raw, got)
		}
	}
}

func TestIsBlank(t *testing.T) {
	tests := []struct {
		dataType, v string
		want        bool
	}{
		{"Double", "", true},
		{"Currency", "   ", true},
		{"Double", "NULL", true},
		{"number", " null ", true},
		{"Double", "0", false},
		{"Text", "", true},
		{"Text", " ", false},
		{"textarea", "NULL", false},
		{"DateTime", "", true},
		{"Boolean", "false", false},
	}
	for _, tt := range tests {
		if got := IsBlank(tt.dataType, tt.v); got != tt.want {
			t.Errorf("IsBlank(%q, %q) = %v, want %v", tt.dataType, tt.v, got, tt.want)
		}
	}
}

func TestBaseType(t *testing.T) {
	for in, want := range map[string]string{
		"email": "Text", "url": "Text", "phone": "Text", "textarea": "Text",
		"number": "Double", "currency": "Currency", "percent": "Percent",
		"Double": "Double", "DateOnly": "DateOnly",
	} {
		if got := BaseType(in); got != want {
			t.Errorf("BaseType(%q) = %q, want %q", in, got, want)
		}
	}
}
