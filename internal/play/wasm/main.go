//go:build js && wasm

// Command wasm is the playground's engine in the browser: it registers
// globalThis.credscope, whose functions take and return JSON text, and
// calls globalThis.credscopeReady once they are there.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/credscope/credscope/internal/play/engine"
)

func main() {
	api := js.Global().Get("Object").New()
	api.Set("evaluate", call(func(args []js.Value) (any, error) {
		var req engine.Request
		if err := json.Unmarshal([]byte(arg(args, 0)), &req); err != nil {
			return nil, err
		}
		return engine.Evaluate(req), nil
	}))
	api.Set("functions", call(func([]js.Value) (any, error) { return engine.Functions(), nil }))
	api.Set("fields", call(func(args []js.Value) (any, error) {
		var in struct {
			User  engine.User   `json:"user"`
			Files []engine.File `json:"files"`
		}
		if err := json.Unmarshal([]byte(arg(args, 0)), &in); err != nil {
			return nil, err
		}
		return engine.Fields(in.User, in.Files), nil
	}))
	api.Set("userFromContext", call(func(args []js.Value) (any, error) {
		return engine.UserFromContext(arg(args, 0), []byte(arg(args, 1)))
	}))
	js.Global().Set("credscope", api)
	if ready := js.Global().Get("credscopeReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // serve calls until the page goes away
}

// arg returns argument i as a string, "" when missing.
func arg(args []js.Value, i int) string {
	if i >= len(args) || args[i].Type() != js.TypeString {
		return ""
	}
	return args[i].String()
}

// call wraps f for JavaScript: its result as JSON text, or {"error": …}.
// A panic is an error too, so that the page keeps its engine.
func call(f func([]js.Value) (any, error)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				out = errorJSON(fmt.Errorf("internal error: %v", r))
			}
		}()
		v, err := f(args)
		if err != nil {
			return errorJSON(err)
		}
		data, err := json.Marshal(v)
		if err != nil {
			return errorJSON(err)
		}
		return string(data)
	})
}

func errorJSON(err error) string {
	data, _ := json.Marshal(map[string]string{"error": err.Error()})
	return string(data)
}
