// Package repl is credscope's read-eval-print loop: the place to try a
// Salesforce formula against a running user before putting it in an
// External Credential.
//
// On a terminal it reads lines with completion, history and multi-line
// continuation, and prints each result as "value : Type". Otherwise it runs
// its input as a script: one result per input, no prompts and no escape
// codes. Lines starting with a colon are commands, such as :set, :scope and
// :help.
package repl
