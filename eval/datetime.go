package eval

// dateFuncs declares the date and time functions.
func dateFuncs() []*Func {
	return []*Func{}
}
