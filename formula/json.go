package formula

// JSONNode is the JSON form of a syntax tree node, as `credscope parse --json`
// prints it. Kind names the node type; the other fields are set as the kind
// needs.
type JSONNode struct {
	Kind  string      `json:"kind"`
	Pos   Pos         `json:"pos"`
	End   Pos         `json:"end"`
	Op    string      `json:"op,omitempty"`
	Name  string      `json:"name,omitempty"`
	Raw   string      `json:"raw,omitempty"`
	Value any         `json:"value,omitempty"`
	Args  []*JSONNode `json:"args,omitempty"`
}

// ToJSON returns the JSON form of x.
func ToJSON(x Expr) *JSONNode {
	n := &JSONNode{Pos: x.Pos(), End: x.End()}
	switch x := x.(type) {
	case *NumberLit:
		n.Kind, n.Raw = "Number", x.Raw
	case *StringLit:
		n.Kind, n.Raw, n.Value = "String", x.Raw, x.Value
	case *BoolLit:
		n.Kind, n.Raw, n.Value = "Boolean", x.Raw, x.Value
	case *NullLit:
		n.Kind, n.Raw = "Null", x.Raw
	case *Ident:
		n.Kind, n.Name = "Field", x.Name
	case *Call:
		n.Kind, n.Name = "Call", x.Name
		n.Args = make([]*JSONNode, len(x.Args))
		for i, a := range x.Args {
			n.Args[i] = ToJSON(a)
		}
	case *Paren:
		n.Kind, n.Args = "Paren", []*JSONNode{ToJSON(x.X)}
	case *Unary:
		n.Kind, n.Op, n.Args = "Unary", x.Op.String(), []*JSONNode{ToJSON(x.X)}
	case *Binary:
		n.Kind, n.Op, n.Args = "Binary", x.Op.String(), []*JSONNode{ToJSON(x.X), ToJSON(x.Y)}
	}
	return n
}

// JSONSegment is the JSON form of a template segment.
type JSONSegment struct {
	Pos  Pos       `json:"pos"`
	End  Pos       `json:"end"`
	Text *string   `json:"text,omitempty"`
	Expr *JSONNode `json:"expr,omitempty"`
}

// JSONTemplate is the JSON form of a template.
type JSONTemplate struct {
	Kind     string        `json:"kind"`
	Segments []JSONSegment `json:"segments"`
}

// TemplateJSON returns the JSON form of t.
func TemplateJSON(t *Template) *JSONTemplate {
	out := &JSONTemplate{Kind: t.Kind.String(), Segments: make([]JSONSegment, len(t.Segments))}
	for i, s := range t.Segments {
		seg := JSONSegment{Pos: s.Start, End: s.End}
		if s.Expr != nil {
			seg.Expr = ToJSON(s.Expr)
		} else {
			text := s.Text
			seg.Text = &text
		}
		out.Segments[i] = seg
	}
	return out
}
