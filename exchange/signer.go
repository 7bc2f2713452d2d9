package exchange

import (
	"errors"
	"fmt"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
	"github.com/golang-jwt/jwt/v5"
)

// Signer builds the JWT assertions of one external credential. It compiles
// the header and body claim formulas once; a Signer is safe for concurrent
// use.
type Signer struct {
	algorithm string
	method    jwt.SigningMethod
	header    []claim
	body      []claim
	now       func() time.Time
	// credential and pos name the credential, for a missing claim.
	credential string
	pos        scope.Pos
}

// claim is a compiled JwtHeaderClaim or JwtBodyClaim.
type claim struct {
	name  string
	field scope.FormulaField
	prog  *eval.Program
}

// NewSigner compiles the claims of credential c against schema, the schema
// of the running users' values. It does not check that c has what the flow
// needs (New does, with scope.JWTBearerProblems); an assertion without
// iss, sub or aud fails when it is built. Opts.Now is the clock for iat and for NOW()
// in the claims. The error lists every claim that does not compile, each at
// its position in the credential's file.
func NewSigner(c *scope.ExternalCredential, schema *eval.Schema, opts eval.Options) (*Signer, error) {
	s := &Signer{now: opts.Now, credential: c.Name, pos: c.Protocol.Pos}
	if s.now == nil {
		s.now = time.Now
	}
	opts.Now = s.now
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
			cl, err := compileClaim(c, p, schema, opts)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if kind == scope.TypeJwtHeaderClaim {
				s.header = append(s.header, cl)
			} else {
				s.body = append(s.body, cl)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// compileClaim compiles parameter p of credential c.
func compileClaim(c *scope.ExternalCredential, p *scope.Parameter, schema *eval.Schema, opts eval.Options) (claim, error) {
	kind := "JWT claim"
	if p.Type.Text == scope.TypeJwtHeaderClaim {
		kind = "JWT header claim"
		if p.Name.Text == "alg" {
			return claim{}, &ConfigError{Pos: p.Name.Pos, Msg: fmt.Sprintf("%s alg of %s cannot be set: the signing algorithm decides it", kind, c.Name)}
		}
	}
	if p.Name.Text == "" {
		return claim{}, &ConfigError{Pos: p.Pos, Msg: fmt.Sprintf("a %s of %s has no parameterName", kind, c.Name)}
	}
	f := scope.FormulaField{What: fmt.Sprintf("%s %s of %s", kind, p.Name.Text, c.Name), Value: p.Value, Credential: c}
	prog, findings := f.Compile(schema, opts)
	if len(findings) > 0 {
		errs := make([]error, len(findings))
		for i, fd := range findings {
			errs[i] = &ConfigError{Pos: fd.Pos, Msg: fd.Message}
		}
		return claim{}, errors.Join(errs...)
	}
	return claim{name: p.Name.Text, field: f, prog: prog}, nil
}

// Algorithm returns the signing algorithm, RS256 or RS512.
func (s *Signer) Algorithm() string { return s.algorithm }

// bodyClaim returns the body claim name.
func (s *Signer) bodyClaim(name string) (claim, bool) {
	for _, c := range s.body {
		if c.name == name {
			return c, true
		}
	}
	return claim{}, false
}

// claimError positions an evaluation error in the credential's file.
func claimError(c claim, err error) error {
	var fe *formula.Error
	if errors.As(err, &fe) {
		return &ConfigError{Pos: c.field.Value.PosAt(fe.Pos.Offset), Msg: fmt.Sprintf("in %s: %s", c.field.What, fe.Msg)}
	}
	return &ConfigError{Pos: c.field.Value.TextPos(), Msg: fmt.Sprintf("in %s: %v", c.field.What, err)}
}
