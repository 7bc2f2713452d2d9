package exchange_test

import (
	"fmt"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/scope"
)

// Ready a JWT bearer credential of a prepared project, find a user's token
// source, and make an http.Client that calls out through a named
// credential as that user. Requests through the client carry the user's
// bearer token, exchanged on first use and cached.
func ExampleNew() {
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
	if err := uc.Declare(schema); err != nil {
		fmt.Println(err)
		return
	}
	// A keystore in the prepared options would also serve SIGN() in claims.
	prep, _ := p.Prepare(schema, eval.Options{})
	vals := prep.NewValues()
	if err := uc.Apply(vals); err != nil {
		fmt.Println(err)
		return
	}
	c, _ := p.ExternalCredential("Acme_Billing")
	// Without Config.Keystore the credential builds assertions but cannot
	// sign them; a server names the directory of its signing certificate.
	cred, err := exchange.New(prep, c, exchange.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	src, err := cred.For(uc.User(vals), eval.Env{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("principal:", src.Principal().Name())
	fmt.Println("scope:", src.Scope())
	named, _ := p.NamedCredential("Billing_API")
	client, err := exchange.NewHTTPClient(named, src)
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = client // client.Get("callout:Billing_API/invoices") would call out as Alice
	// Output:
	// principal: Billing_Admins
	// scope: billing.read refunds.approve billing.write billing.admin
}
