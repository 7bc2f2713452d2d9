// Command credscope checks, evaluates and runs the Salesforce formulas of
// OAuth 2.0 External Credentials that use the JWT Bearer Flow.
package main

import "github.com/credscope/credscope/internal/cli"

func main() { cli.Main() }
