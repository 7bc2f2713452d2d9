package formula

// Node is any node of the syntax tree. Pos is where the node starts and End
// is the position just past its last character.
type Node interface {
	Pos() Pos
	End() Pos
}

// Expr is an expression node: one of *NumberLit, *StringLit, *BoolLit,
// *NullLit, *Ident, *Call, *Unary, *Binary or *Paren.
type Expr interface {
	Node
	exprNode()
}

// NumberLit is a number literal such as 42 or 3.14. Raw is the text as
// written; numbers are exact decimals, so it is kept rather than converted.
type NumberLit struct {
	ValuePos Pos
	Raw      string
}

// StringLit is a string literal in "…" or '…'. Value is the decoded text and
// Raw the literal as written, quotes and escapes included.
type StringLit struct {
	ValuePos Pos
	Raw      string
	Value    string
}

// BoolLit is TRUE or FALSE, in any letter case.
type BoolLit struct {
	ValuePos Pos
	Raw      string
	Value    bool
}

// NullLit is NULL, in any letter case.
type NullLit struct {
	ValuePos Pos
	Raw      string
}

// Ident is a merge field reference such as $User.Department or custom__c,
// held as written: one token, dots included.
type Ident struct {
	NamePos Pos
	Name    string
}

// Call is a function call. Name is as written; function names match
// case-insensitively.
type Call struct {
	NamePos Pos
	Name    string
	Lparen  Pos
	Args    []Expr
	Rparen  Pos
}

// Unary is a prefix operator applied to X.
type Unary struct {
	OpPos Pos
	Op    Op
	X     Expr
}

// Binary is an infix operator applied to X and Y.
type Binary struct {
	OpPos Pos
	Op    Op
	X, Y  Expr
}

// Paren is a parenthesised expression. It is kept in the tree so that the
// printer and the linter see the grouping the author wrote.
type Paren struct {
	Lparen Pos
	X      Expr
	Rparen Pos
}

// Pos implementations.

func (n *NumberLit) Pos() Pos { return n.ValuePos }
func (n *StringLit) Pos() Pos { return n.ValuePos }
func (n *BoolLit) Pos() Pos   { return n.ValuePos }
func (n *NullLit) Pos() Pos   { return n.ValuePos }
func (n *Ident) Pos() Pos     { return n.NamePos }
func (n *Call) Pos() Pos      { return n.NamePos }
func (n *Unary) Pos() Pos     { return n.OpPos }
func (n *Binary) Pos() Pos    { return n.X.Pos() }
func (n *Paren) Pos() Pos     { return n.Lparen }

// End implementations.

func (n *NumberLit) End() Pos { return n.ValuePos.advance(n.Raw) }
func (n *StringLit) End() Pos { return n.ValuePos.advance(n.Raw) }
func (n *BoolLit) End() Pos   { return n.ValuePos.advance(n.Raw) }
func (n *NullLit) End() Pos   { return n.ValuePos.advance(n.Raw) }
func (n *Ident) End() Pos     { return n.NamePos.advance(n.Name) }
func (n *Call) End() Pos      { return n.Rparen.advance(")") }
func (n *Unary) End() Pos     { return n.X.End() }
func (n *Binary) End() Pos    { return n.Y.End() }
func (n *Paren) End() Pos     { return n.Rparen.advance(")") }

func (*NumberLit) exprNode() {}
func (*StringLit) exprNode() {}
func (*BoolLit) exprNode()   {}
func (*NullLit) exprNode()   {}
func (*Ident) exprNode()     {}
func (*Call) exprNode()      {}
func (*Unary) exprNode()     {}
func (*Binary) exprNode()    {}
func (*Paren) exprNode()     {}

// Unparen returns x without the parentheses around it, for the checks
// that look at what an expression is rather than how it is written.
func Unparen(x Expr) Expr {
	for p, ok := x.(*Paren); ok; p, ok = x.(*Paren) {
		x = p.X
	}
	return x
}
