package eval

// miscFuncs declares the location, JSON and formatting functions.
func miscFuncs() []*Func {
	return []*Func{}
}
