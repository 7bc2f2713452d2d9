package scope

import "strings"

// LegacyFields are the fields of a legacy named credential: one that keeps
// its endpoint and authentication itself instead of naming an external
// credential. Salesforce deprecated them in API version 56.0, but still
// deploys and retrieves them, and most orgs still hold such credentials.
// The field list is the Metadata API's NamedCredential type.
type LegacyFields struct {
	Endpoint                 Value
	PrincipalType            Value // Anonymous, NamedUser or PerUser
	Protocol                 Value // NoAuthentication, Password, Oauth, Jwt, JwtExchange or AwsSv4
	Username                 Value
	Password                 Value
	Certificate              Value
	AuthProvider             Value
	AuthTokenEndpointURL     Value
	OAuthScope               Value
	OAuthToken               Value
	OAuthRefreshToken        Value
	AWSAccessKey             Value
	AWSAccessSecret          Value
	AWSRegion                Value
	AWSService               Value
	JWTAudience              Value
	JWTFormulaSubject        Value
	JWTIssuer                Value
	JWTSigningCertificate    Value
	JWTTextSubject           Value
	JWTValidityPeriodSeconds Value
	PrivateConnection        Value
}

// legacyField names one element of LegacyFields, and whether it holds a
// secret that metadata must not carry.
type legacyField struct {
	name   string
	field  func(*LegacyFields) *Value
	secret bool
}

// legacyFieldList is the one list of legacy elements: the loader reads them
// with it, and the unknown-element rule knows them from it.
var legacyFieldList = []legacyField{
	{name: "endpoint", field: func(l *LegacyFields) *Value { return &l.Endpoint }},
	{name: "principalType", field: func(l *LegacyFields) *Value { return &l.PrincipalType }},
	{name: "protocol", field: func(l *LegacyFields) *Value { return &l.Protocol }},
	{name: "username", field: func(l *LegacyFields) *Value { return &l.Username }},
	{name: "password", field: func(l *LegacyFields) *Value { return &l.Password }, secret: true},
	{name: "certificate", field: func(l *LegacyFields) *Value { return &l.Certificate }},
	{name: "authProvider", field: func(l *LegacyFields) *Value { return &l.AuthProvider }},
	{name: "authTokenEndpointUrl", field: func(l *LegacyFields) *Value { return &l.AuthTokenEndpointURL }},
	{name: "oauthScope", field: func(l *LegacyFields) *Value { return &l.OAuthScope }},
	{name: "oauthToken", field: func(l *LegacyFields) *Value { return &l.OAuthToken }, secret: true},
	{name: "oauthRefreshToken", field: func(l *LegacyFields) *Value { return &l.OAuthRefreshToken }, secret: true},
	{name: "awsAccessKey", field: func(l *LegacyFields) *Value { return &l.AWSAccessKey }},
	{name: "awsAccessSecret", field: func(l *LegacyFields) *Value { return &l.AWSAccessSecret }, secret: true},
	{name: "awsRegion", field: func(l *LegacyFields) *Value { return &l.AWSRegion }},
	{name: "awsService", field: func(l *LegacyFields) *Value { return &l.AWSService }},
	{name: "jwtAudience", field: func(l *LegacyFields) *Value { return &l.JWTAudience }},
	{name: "jwtFormulaSubject", field: func(l *LegacyFields) *Value { return &l.JWTFormulaSubject }},
	{name: "jwtIssuer", field: func(l *LegacyFields) *Value { return &l.JWTIssuer }},
	{name: "jwtSigningCertificate", field: func(l *LegacyFields) *Value { return &l.JWTSigningCertificate }},
	{name: "jwtTextSubject", field: func(l *LegacyFields) *Value { return &l.JWTTextSubject }},
	{name: "jwtValidityPeriodSeconds", field: func(l *LegacyFields) *Value { return &l.JWTValidityPeriodSeconds }},
	{name: "privateConnection", field: func(l *LegacyFields) *Value { return &l.PrivateConnection }},
}

// The values of the legacy principalType and protocol, and of
// namedCredentialType, from the Metadata API reference.
var (
	legacyPrincipalTypes = []string{"Anonymous", "NamedUser", "PerUser"}
	legacyProtocols      = []string{"NoAuthentication", "Password", "Oauth", "Jwt", "JwtExchange", "AwsSv4"}
	namedCredentialTypes = []string{"Legacy", "SecuredEndpoint", "PrivateEndpoint"}
)

// oneOf returns the member of set that s equals, ignoring case, or "".
func oneOf(s string, set []string) string {
	for _, v := range set {
		if strings.EqualFold(s, v) {
			return v
		}
	}
	return ""
}

// readLegacy fills the legacy fields from the named credential's root.
func readLegacy(root *element) LegacyFields {
	var l LegacyFields
	for _, f := range legacyFieldList {
		*f.field(&l) = valueOf(root, f.name)
	}
	return l
}

// set returns the legacy elements present, in the list's order.
func (l *LegacyFields) set() []legacyField {
	var out []legacyField
	for _, f := range legacyFieldList {
		if f.field(l).Set {
			out = append(out, f)
		}
	}
	return out
}

// IsLegacy reports whether the named credential is a legacy one: its
// namedCredentialType says Legacy, or it has none and no parameters, which
// is how files retrieved before API version 56.0 look.
func (n *NamedCredential) IsLegacy() bool {
	if n.Type.Set {
		return strings.EqualFold(n.Type.Text, "Legacy")
	}
	return len(n.Parameters) == 0
}

// Endpoint returns the callout URL and its value: the Url parameter, or the
// legacy endpoint element.
func (n *NamedCredential) Endpoint() Value {
	for _, p := range n.Parameters {
		if p.Type.Text == "Url" {
			return p.Value
		}
	}
	return n.Legacy.Endpoint
}
