package scope_test

import (
	"fmt"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
)

// Load a project, prepare its formulas once, and compose the scope of each
// credential for a user. Prepare declares the fields the formulas read and
// freezes the schema; values made afterwards hold them all.
func ExampleProject_Prepare() {
	p, err := scope.Load("../testdata/example")
	if err != nil {
		fmt.Println(err)
		return
	}
	uc, err := scope.ReadUserContext("../testdata/example/users/alice.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	schema := p.Schema()
	if err := uc.Declare(schema); err != nil { // custom fields the user file sets
		fmt.Println(err)
		return
	}
	prep, findings := p.Prepare(schema, eval.Options{})
	for _, f := range findings {
		fmt.Println(f)
	}
	vals := prep.NewValues()
	if err := uc.Apply(vals); err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range p.ExternalCredentials {
		comp, err := prep.Compose(c, uc.User(vals), eval.Env{})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %s via %s\n", c.Name, comp.Scope.Text(), comp.Principal.Name())
	}
	// Output:
	// Acme_Billing: billing.read refunds.approve billing.write billing.admin via Billing_Admins
	// Support_Portal: tickets.read session:role:Sales via Sales_Team
}
