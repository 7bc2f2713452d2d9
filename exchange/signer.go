package exchange

import (
	"errors"
	"fmt"
	"sync"

	"github.com/credscope/credscope/scope"
	"github.com/golang-jwt/jwt/v5"
)

// Signer builds the JWT assertions of one external credential from its
// prepared claim formulas; a Signer is safe for concurrent use.
type Signer struct {
	prep      *scope.Prepared
	cred      *scope.ExternalCredential
	algorithm string
	method    jwt.SigningMethod
	sets      sync.Pool // of *claimSet, for cache keys
}

// acquire returns a claim set to evaluate into.
func (s *Signer) acquire() *claimSet {
	if set, ok := s.sets.Get().(*claimSet); ok {
		return set
	}
	return &claimSet{}
}

// release gives back a claim set that nothing refers to any more,
// cleared, so that the pool keeps no claim's value.
func (s *Signer) release(set *claimSet) {
	clear(set.header)
	clear(set.body)
	clear(set.secret)
	clear(set.omitted)
	clear(set.claims)
	s.sets.Put(set)
}

// NewSigner prepares the assertions of credential c, whose claims prep
// compiled. It does not check that c has what the flow needs (New does,
// with scope.JWTBearerProblems); an assertion without iss, sub or aud
// fails when it is built. The error lists every claim that does not
// compile, each at its position in the credential's file.
func NewSigner(prep *scope.Prepared, c *scope.ExternalCredential) (*Signer, error) {
	s := &Signer{prep: prep, cred: c}
	var errs []error
	alg, prm := c.SigningAlgorithm()
	switch alg {
	case "RS256":
		s.method = jwt.SigningMethodRS256
	case "RS512":
		s.method = jwt.SigningMethodRS512
	default:
		errs = append(errs, &ConfigError{Pos: prm.Value.TextPos(), Msg: fmt.Sprintf("signing algorithm %q of %s: Salesforce signs with RS256 or RS512", alg, c.Name)})
	}
	s.algorithm = alg
	for _, kind := range []string{scope.TypeJwtHeaderClaim, scope.TypeJwtBodyClaim} {
		for _, p := range c.ParametersOf(kind) {
			errs = append(errs, checkClaim(prep, c, p))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// checkClaim checks parameter p of credential c: its name, and that its
// formula compiled.
func checkClaim(prep *scope.Prepared, c *scope.ExternalCredential, p *scope.Parameter) error {
	kind := "JWT claim"
	if p.Type.Text == scope.TypeJwtHeaderClaim {
		kind = "JWT header claim"
		if p.Name.Text == "alg" {
			return &ConfigError{Pos: p.Name.Pos, Msg: fmt.Sprintf("%s alg of %s cannot be set: the signing algorithm decides it", kind, c.Name)}
		}
	}
	if p.Name.Text == "" {
		return &ConfigError{Pos: p.Pos, Msg: fmt.Sprintf("a %s of %s has no parameterName", kind, c.Name)}
	}
	f := prep.Parameter(p)
	if f == nil {
		return fmt.Errorf("exchange: %s is not of the prepared project", c.Name)
	}
	errs := make([]error, len(f.Errs))
	for i, e := range f.Errs {
		errs[i] = configError(e)
	}
	return errors.Join(errs...)
}

// Algorithm returns the signing algorithm, RS256 or RS512.
func (s *Signer) Algorithm() string { return s.algorithm }
