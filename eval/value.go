package eval

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/credscope/credscope/internal/redact"
)

// Value is a formula value of any type. The zero Value is a null of type
// Null. Values are plain structs: passing one around never allocates.
//
// Dates are held as days since 1970-01-01, date-times as milliseconds since
// 1970-01-01T00:00:00Z, and times as milliseconds since midnight, all in GMT.
type Value struct {
	typ    Type
	valid  bool // false means null (for Text: blank)
	secret bool
	str    string // Text, and Blob bytes
	num    apd.Decimal
	i64    int64 // Date, DateTime and Time
	b      bool
	geo    Geo
}

// Geo is a geolocation: a latitude and a longitude in degrees.
type Geo struct {
	Lat, Lon float64
}

// NullOf returns the null value of type t.
func NullOf(t Type) Value { return Value{typ: t} }

// TextValue returns a Text value. The empty string is a blank, which
// Salesforce treats as null in ISBLANK and ISNULL-style checks.
func TextValue(s string) Value { return Value{typ: Text, valid: true, str: s} }

// NumberValue returns a Number value holding a copy of d.
func NumberValue(d *apd.Decimal) Value {
	v := Value{typ: Number, valid: true}
	v.num.Set(d)
	return v
}

// ParseNumber returns the Number written in s, such as "42", "-3.14" or
// "1E+3".
func ParseNumber(s string) (Value, error) {
	v := Value{typ: Number, valid: true}
	if _, _, err := v.num.SetString(s); err != nil || v.num.Form != apd.Finite {
		return Value{}, fmt.Errorf("%q is not a number", redact.Value(s, false))
	}
	return v, nil
}

// IntValue returns a Number value holding n.
func IntValue(n int64) Value {
	v := Value{typ: Number, valid: true}
	v.num.SetInt64(n)
	return v
}

// BoolValue returns a Boolean value.
func BoolValue(b bool) Value { return Value{typ: Boolean, valid: true, b: b} }

// DateValue returns the Date of t's calendar day in t's location.
func DateValue(t time.Time) Value {
	return Value{typ: Date, valid: true, i64: daysFromCivil(t.Year(), int(t.Month()), t.Day())}
}

// DateTimeValue returns a DateTime value for the instant t, to the millisecond.
func DateTimeValue(t time.Time) Value {
	return Value{typ: DateTime, valid: true, i64: t.UnixMilli()}
}

// TimeValue returns a Time value of the given milliseconds since midnight,
// taken modulo one day.
func TimeValue(msOfDay int64) Value {
	return Value{typ: Time, valid: true, i64: floorMod(msOfDay, msPerDay)}
}

// GeoValue returns a Geolocation value.
func GeoValue(lat, lon float64) Value {
	return Value{typ: Geolocation, valid: true, geo: Geo{lat, lon}}
}

// BlobValue returns a Blob value holding a copy of b.
func BlobValue(b []byte) Value { return Value{typ: Blob, valid: true, str: string(b)} }

// Type returns the value's type.
func (v Value) Type() Type { return v.typ }

// IsNull reports whether v is null. A blank Text is not null here; see
// IsBlank.
func (v Value) IsNull() bool { return !v.valid }

// IsBlank reports whether v is null or an empty Text.
func (v Value) IsBlank() bool { return !v.valid || (v.typ == Text || v.typ == Blob) && v.str == "" }

// Secret reports whether v is, or derives from, a secret such as a
// $Credential parameter. Secret values print redacted.
func (v Value) Secret() bool { return v.secret }

// Text returns the value of a Text, or "" for a null.
func (v Value) Text() string { return v.str }

// Bytes returns the bytes of a Blob.
func (v Value) Bytes() []byte { return []byte(v.str) }

// Decimal returns a copy of the value of a Number.
func (v Value) Decimal() *apd.Decimal { return new(apd.Decimal).Set(&v.num) }

// Bool returns the value of a Boolean.
func (v Value) Bool() bool { return v.b }

// Time returns a Date, DateTime or Time as a time.Time in GMT. A Time is on
// 1970-01-01.
func (v Value) Time() time.Time {
	switch v.typ {
	case Date:
		return time.UnixMilli(v.i64 * msPerDay).UTC()
	default:
		return time.UnixMilli(v.i64).UTC()
	}
}

// Geo returns the value of a Geolocation.
func (v Value) Geo() Geo { return v.geo }

// Redacted is how a secret value prints.
const Redacted = redact.Mask

// String renders v as Salesforce's TEXT() would, "null" for a null, and
// Redacted for a secret.
func (v Value) String() string {
	switch {
	case v.secret:
		return Redacted
	case !v.valid:
		return "null"
	}
	return v.text()
}

// text renders a valid value the way TEXT() does.
func (v Value) text() string {
	switch v.typ {
	case Text, Picklist, MultiPicklist:
		return v.str
	case Blob:
		return base64.StdEncoding.EncodeToString([]byte(v.str))
	case Number:
		return formatNumber(&v.num)
	case Boolean:
		if v.b {
			return "true"
		}
		return "false"
	case Date:
		return formatDate(v.i64)
	case DateTime:
		return formatDateTime(v.i64)
	case Time:
		return formatTime(v.i64)
	case Geolocation:
		return fmt.Sprintf("%g, %g", v.geo.Lat, v.geo.Lon)
	}
	return ""
}

// Format implements fmt.Formatter so that %v, %s and %q never print a secret.
func (v Value) Format(f fmt.State, verb rune) {
	s := v.String()
	if verb == 'q' {
		s = fmt.Sprintf("%q", s)
	}
	fmt.Fprint(f, s)
}
