package play

//go:generate go run ./gen
