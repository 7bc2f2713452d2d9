package scope

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Value is a metadata value with the position of its element and of its
// text, so that a finding can point at either.
type Value struct {
	Text string
	// Set reports whether the element was present.
	Set bool
	// Pos is the element's start tag; el gives positions inside the text.
	Pos Pos
	el  *element
}

// PosAt returns the file position of byte off of the value's text.
func (v Value) PosAt(off int) Pos {
	if v.el == nil {
		return v.Pos
	}
	return v.el.posAt(off)
}

// TextPos returns where the value's text starts.
func (v Value) TextPos() Pos {
	if v.el == nil {
		return v.Pos
	}
	return v.el.TextPos
}

func valueOf(e *element, name string) Value {
	c := e.child(name)
	if c == nil {
		return Value{Pos: e.Pos}
	}
	return Value{Text: strings.TrimSpace(c.Text), Set: true, Pos: c.Pos, el: c}
}

// raw returns the element's text as written, untrimmed.
func (v Value) raw() string {
	if v.el == nil {
		return v.Text
	}
	return v.el.Text
}

// rawValueOf is valueOf without trimming, for formulas whose columns matter.
func rawValueOf(e *element, name string) Value {
	v := valueOf(e, name)
	if v.el != nil {
		v.Text = v.el.Text
	}
	return v
}

// Parameter is one externalCredentialParameters entry.
type Parameter struct {
	Pos            Pos
	Name           Value // parameterName
	Type           Value // parameterType
	Value          Value // parameterValue
	Group          Value // parameterGroup
	SequenceNumber Value
	Certificate    Value
	AuthProvider   Value
	Description    Value
	// Principal is the principal element that API v58 removed.
	Principal Value
}

// Sequence returns the parameter's sequence number, and whether it is a
// valid integer.
func (p *Parameter) Sequence() (int, bool) {
	n, err := strconv.Atoi(p.SequenceNumber.Text)
	return n, err == nil
}

// sequenceText renders the sequence number for explanations.
func (p *Parameter) sequenceText() string {
	if n, ok := p.Sequence(); ok {
		return strconv.Itoa(n)
	}
	return "none"
}

// sequenceOrder is the sort key of a principal: its sequence number, with a
// missing or invalid one after every valid one, so that a typo never wins.
func (p *Parameter) sequenceOrder() int { return sequenceKey(p.SequenceNumber) }

// sequenceKey orders by a sequenceNumber element: valid positive numbers
// first, in order, then missing or invalid ones.
func sequenceKey(v Value) int {
	if n, err := strconv.Atoi(v.Text); err == nil && n > 0 {
		return n
	}
	return math.MaxInt
}

// The parameter types credscope knows.
const (
	TypeAuthProtocolVariant         = "AuthProtocolVariant"
	TypeAuthProvider                = "AuthProvider"
	TypeAuthProviderURL             = "AuthProviderUrl"
	TypeSigningCertificate          = "SigningCertificate"
	TypeAuthParameter               = "AuthParameter"
	TypeAdditionalRefreshStatusCode = "AdditionalRefreshStatusCode"
	TypeJwtBodyClaim                = "JwtBodyClaim"
	TypeJwtHeaderClaim              = "JwtHeaderClaim"
	TypeNamedPrincipal              = "NamedPrincipal"
	TypePerUserPrincipal            = "PerUserPrincipal"
)

// knownParameterTypes lists every parameterType Salesforce documents for
// external credentials; others get a warning.
var knownParameterTypes = map[string]bool{
	TypeAuthProtocolVariant: true, TypeAuthProviderURL: true, TypeSigningCertificate: true,
	TypeAuthParameter: true, TypeAdditionalRefreshStatusCode: true, TypeJwtBodyClaim: true,
	TypeJwtHeaderClaim: true, TypeNamedPrincipal: true, TypePerUserPrincipal: true,
	TypeAuthProvider: true, "AuthProviderUrlQueryParameter": true, "AuthProviderHttpHeader": true,
	"AuthProviderHttpCookie": true, "AuthProviderClientCertificate": true, "AuthProviderServerCertificate": true,
	"AuthProviderAuthParameter": true, "AwsStsPrincipal": true, "AuthHeader": true, "AuthQueryParameter": true,
	"AuthContext": true, "FormulaVariable": true, "ParameterGroup": true, "CreatedByNamespace": true,
	"ManagedByComponent": true, "ManagedByFeature": true, "SfHttpRequestExtensionName": true,
}

// DefaultGroup is the parameter group of credential-level parameters.
const DefaultGroup = "DefaultGroup"

// ExternalCredential is an externalCredentials/NAME.externalCredential-meta.xml file.
type ExternalCredential struct {
	// Name is the API name, from the file name.
	Name       string
	File       string
	Pos        Pos
	Label      Value
	Protocol   Value // authenticationProtocol
	Desc       Value
	Parameters []*Parameter
	// Unknown holds elements credscope does not know, for warnings.
	Unknown []*element
	// Invented holds <principals> elements, which samples invent and real
	// retrieves never contain.
	Invented []*element
}

// Principal is a NamedPrincipal or PerUserPrincipal parameter.
type Principal struct {
	*Parameter
	Credential *ExternalCredential
}

// Name returns the principal's name.
func (p Principal) Name() string { return p.Parameter.Name.Text }

// PerUser reports whether the principal authenticates each user separately.
func (p Principal) PerUser() bool { return p.Type.Text == TypePerUserPrincipal }

// Principals returns the credential's principals in sequence order.
func (c *ExternalCredential) Principals() []Principal {
	var out []Principal
	for _, p := range c.Parameters {
		if p.Type.Text == TypeNamedPrincipal || p.Type.Text == TypePerUserPrincipal {
			out = append(out, Principal{Parameter: p, Credential: c})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].sequenceOrder() < out[j].sequenceOrder()
	})
	return out
}

// Principal returns the principal of that name.
func (c *ExternalCredential) Principal(name string) (Principal, bool) {
	for _, p := range c.Principals() {
		if p.Name() == name {
			return p, true
		}
	}
	return Principal{}, false
}

// ParametersOf returns the parameters of a type, in file order.
func (c *ExternalCredential) ParametersOf(typ string) []*Parameter {
	var out []*Parameter
	for _, p := range c.Parameters {
		if p.Type.Text == typ {
			out = append(out, p)
		}
	}
	return out
}

// first returns the first parameter of a type, or nil.
func (c *ExternalCredential) first(typ string) *Parameter {
	if ps := c.ParametersOf(typ); len(ps) > 0 {
		return ps[0]
	}
	return nil
}

// Variant returns the AuthProtocolVariant, such as JwtBearer.
func (c *ExternalCredential) Variant() string {
	if p := c.first(TypeAuthProtocolVariant); p != nil {
		return p.Value.Text
	}
	return ""
}

// IsJWTBearer reports whether the credential is OAuth with the JWT Bearer Flow.
func (c *ExternalCredential) IsJWTBearer() bool {
	return strings.EqualFold(c.Protocol.Text, "Oauth") && c.Variant() == "JwtBearer"
}

// IdPURL returns the AuthProviderUrl parameter, or nil.
func (c *ExternalCredential) IdPURL() *Parameter { return c.first(TypeAuthProviderURL) }

// SigningCertificate returns the SigningCertificate parameter, or nil.
func (c *ExternalCredential) SigningCertificate() *Parameter { return c.first(TypeSigningCertificate) }

// SigningAlgorithmName is the AuthParameter that holds the signing algorithm.
const SigningAlgorithmName = "SigningAlgorithm"

// SigningAlgorithm returns the signing algorithm, RS256 unless an
// AuthParameter named SigningAlgorithm says otherwise, and that parameter.
func (c *ExternalCredential) SigningAlgorithm() (string, *Parameter) {
	for _, p := range c.ParametersOf(TypeAuthParameter) {
		if p.Name.Text == SigningAlgorithmName {
			return p.Value.Text, p
		}
	}
	return "RS256", nil
}

// ScopeParameter returns the AuthParameter Scope of a parameter group:
// DefaultGroup for the credential-level scope, a principal's name for its
// principal-level scope.
func (c *ExternalCredential) ScopeParameter(group string) *Parameter {
	for _, p := range c.Parameters {
		if p.Type.Text != TypeAuthParameter || p.Name.Text != "Scope" {
			continue
		}
		g := p.Group.Text
		if g == "" {
			g = DefaultGroup
		}
		if g == group {
			return p
		}
	}
	return nil
}

// RefreshStatusCodes returns the AdditionalRefreshStatusCode values that
// parse as integers.
func (c *ExternalCredential) RefreshStatusCodes() []int {
	var out []int
	for _, p := range c.ParametersOf(TypeAdditionalRefreshStatusCode) {
		text := p.Value.Text
		if text == "" {
			text = p.Name.Text
		}
		if n, err := strconv.Atoi(text); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// NamedCredential is a namedCredentials/NAME.namedCredential-meta.xml file.
type NamedCredential struct {
	Name                        string
	File                        string
	Pos                         Pos
	Label                       Value
	Type                        Value // namedCredentialType
	CalloutStatus               Value
	AllowMergeFieldsInHeader    Value
	AllowMergeFieldsInBody      Value
	GenerateAuthorizationHeader Value
	Description                 Value
	Parameters                  []*NamedParameter
	// Legacy holds the fields of a legacy named credential.
	Legacy  LegacyFields
	Unknown []*element
}

// NamedParameter is one namedCredentialParameters entry.
type NamedParameter struct {
	Pos                Pos
	Name               Value
	Type               Value // Url, Authentication or HttpHeader
	Value              Value
	ExternalCredential Value
	SequenceNumber     Value
}

// URL returns the endpoint, or "".
func (n *NamedCredential) URL() string { return n.Endpoint().Text }

// ExternalCredentialName returns the external credential the named
// credential authenticates with, and its parameter.
func (n *NamedCredential) ExternalCredentialName() (string, *NamedParameter) {
	for _, p := range n.Parameters {
		if p.Type.Text == "Authentication" {
			return p.ExternalCredential.Text, p
		}
	}
	return "", nil
}

// Headers returns the HttpHeader parameters in sequence order.
func (n *NamedCredential) Headers() []*NamedParameter {
	var out []*NamedParameter
	for _, p := range n.Parameters {
		if p.Type.Text == "HttpHeader" {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return sequenceKey(out[i].SequenceNumber) < sequenceKey(out[j].SequenceNumber)
	})
	return out
}

// GeneratesAuthorizationHeader reports whether callouts carry
// Authorization: Bearer; Salesforce's default is true.
func (n *NamedCredential) GeneratesAuthorizationHeader() bool {
	return !strings.EqualFold(n.GenerateAuthorizationHeader.Text, "false")
}

// PermissionSet is a permissionsets/NAME.permissionset-meta.xml file; only
// its external credential principal accesses matter here.
type PermissionSet struct {
	Name     string
	File     string
	Pos      Pos
	Accesses []*PrincipalAccess
}

// PrincipalAccess is one externalCredentialPrincipalAccesses entry.
type PrincipalAccess struct {
	Pos       Pos
	Enabled   Value
	Principal Value // CREDENTIAL-PRINCIPAL
}

// Target splits the access into credential and principal names.
func (a *PrincipalAccess) Target() (credential, principal string, ok bool) {
	return strings.Cut(a.Principal.Text, "-")
}

// IsEnabled reports whether the access is enabled.
func (a *PrincipalAccess) IsEnabled() bool { return strings.EqualFold(a.Enabled.Text, "true") }

// CustomField is a custom field of the User object, from
// objects/User/fields/NAME.field-meta.xml.
type CustomField struct {
	// Name is the field's API name, from the file name, such as Region__c.
	Name string
	// Object is the API name of the object the field belongs to.
	Object   string
	File     string
	Pos      Pos
	FullName Value
	Type     Value // Salesforce's field type, such as Text, Number or Checkbox
	// ReferenceTo and RelationshipName describe a Lookup or MasterDetail.
	ReferenceTo      Value
	RelationshipName Value
	Scale            Value
	// Formula is a formula field's expression, DefaultValue a field's
	// default value formula; TreatBlanksAs is BlankAsZero or BlankAsBlank.
	Formula       Value
	DefaultValue  Value
	TreatBlanksAs Value
	// SummaryOperation and SummarizedField describe a roll-up summary.
	SummaryOperation Value
	SummarizedField  Value
	// Values are a picklist's values, when the field lists them.
	Values []string
	// ValueSetName is the global value set a picklist takes its values
	// from; "" when it lists its own.
	ValueSetName string
}
