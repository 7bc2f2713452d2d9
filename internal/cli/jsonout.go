package cli

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeJSON writes v as JSON indented by two spaces, and a newline. Every
// command's JSON output goes through here or marshalJSON, so that text such
// as "<signature elided>" prints as it is, not as \u003c…\u003e.
func writeJSON(w io.Writer, v any) error {
	return encodeJSON(w, v, "", "  ")
}

// marshalJSON returns v as one line of JSON, with no newline and no HTML
// escaping.
func marshalJSON(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	if err := encodeJSON(&b, v, "", ""); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// encodeJSON writes v and a newline with prefix and indent as
// json.MarshalIndent takes them, one line when indent is empty, without
// escaping <, > and &.
func encodeJSON(w io.Writer, v any, prefix, indent string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(prefix, indent)
	}
	return enc.Encode(v)
}
