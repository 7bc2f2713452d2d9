package formula

// Inspect walks the tree rooted at x in depth-first order, calling f for
// each node; when f returns false, Inspect skips that node's children.
func Inspect(x Expr, f func(Expr) bool) {
	if x == nil || !f(x) {
		return
	}
	switch x := x.(type) {
	case *Call:
		for _, a := range x.Args {
			Inspect(a, f)
		}
	case *Paren:
		Inspect(x.X, f)
	case *Unary:
		Inspect(x.X, f)
	case *Binary:
		Inspect(x.X, f)
		Inspect(x.Y, f)
	}
}
