package scope_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// lintDir is where each rule keeps its fixtures: RULE/good and RULE/bad,
// and RULE/previous for the rules that compare two versions.
var lintDir = filepath.Join("..", "testdata", "lint")

// finding is a scope.Finding as the fixture tables write it: At is
// FILE:LINE:COL with FILE relative to the fixture directory, and {dir} in
// Message stands for the fixture directory.
type finding struct {
	Rule     string
	Severity scope.Severity
	At       string
	Message  string
}

// ruleFixture is what linting a rule's bad fixture yields: the findings of
// the rule itself, and those of other rules the same files trigger.
type ruleFixture struct {
	bad    []finding
	others []finding
}

const (
	E = scope.Error
	W = scope.Warning
	N = scope.Note
)

// principalShape is the real form of a principal that CS602 shows.
const principalShape = `<externalCredentialParameters>
    <parameterGroup>NAME</parameterGroup>
    <parameterName>NAME</parameterName>
    <parameterType>NamedPrincipal</parameterType>  <!-- or PerUserPrincipal -->
    <sequenceNumber>1</sequenceNumber>
</externalCredentialParameters>`

// ruleFixtures holds, for every rule, the exact findings of its bad fixture.
var ruleFixtures = map[string]ruleFixture{
	"CS001": {
		bad: []finding{
			{"CS001", E, "Billing_API.namedCredential-meta.xml:2:1", "the root element is <ExternalCredential>; a .namedCredential-meta.xml file holds <NamedCredential>"},
			{"CS001", E, "Billing_Admin.permissionset-meta.xml:1:1", "the file has no root element"},
			// The decoder stops at the character after the bare &.
			{"CS001", E, "Division_Scope.externalCredential-meta.xml:8:48", "malformed XML: invalid character entity & (no semicolon)"},
			{"CS001", E, "Support_Portal.externalCredential-meta.xml:9:35", "malformed XML: element <externalCredentialParameters> closed by </externalCredentialParameter>"},
		},
		// The well-formed file next to the broken ones is still linted.
		others: []finding{
			{"CS203", E, "Acme_Billing.externalCredential-meta.xml:26:25", `signing algorithm "HS256" is not supported; use RS256 (the default) or RS512`},
		},
	},
	"CS002": {
		bad: []finding{
			{"CS002", N, "Status_API.namedCredential-meta.xml:5:5", "credscope:ignore CS802 silences nothing: the element has no such finding; remove the comment"},
			{"CS002", N, "Status_Page.externalCredential-meta.xml:4:5", "credscope:ignore CS204 silences nothing: the element has no such finding; remove the comment"},
			{"CS002", N, "Status_Page.externalCredential-meta.xml:11:5", "credscope:ignore CS204 is not on the line before an element, so it silences nothing"},
			{"CS002", N, "Status_Page.externalCredential-meta.xml:19:5", "credscope:ignore names CS999, which is not a rule"},
			{"CS002", N, "Status_Page.externalCredential-meta.xml:21:5", "credscope:ignore names no rule; write the rule IDs first, such as credscope:ignore CS204 REASON"},
		},
		// A suppression of the wrong rule leaves the finding.
		others: []finding{
			{"CS801", W, "Status_API.namedCredential-meta.xml:6:15", "the endpoint of Status_API uses plain http: callouts, and the credentials they carry, travel unencrypted. Use https"},
		},
	},
	"CS405": {bad: []finding{
		{"CS405", E, "flows/Deal_Alert.flow-meta.xml:11:49", "in formula Big of flow Deal_Alert: Field treshold does not exist. Check spelling."},
		{"CS405", N, "flows/Deal_Alert.flow-meta.xml:11:64", "in formula Big of flow Deal_Alert: Score.result cannot be checked: the flow's element Score has outputs whose types its metadata does not give"},
		{"CS405", E, "objects/Deal__c/fields/Margin__c.field-meta.xml:4:14", "in formula field Deal__c.Margin__c: Formula result is data type (Text), incompatible with expected data type (Number)."},
		{"CS405", E, "objects/Deal__c/fields/Summary__c.field-meta.xml:4:46", "in formula field Deal__c.Summary__c: Field Stage__c is a picklist field. Picklist fields are only supported in certain functions."},
		{"CS405", E, "objects/Deal__c/validationRules/Positive.validationRule-meta.xml:5:71", "in validation rule Positive of Deal__c: Function IMAGE may not be used in this type of formula"},
		{"CS405", N, "objects/Deal__c/validationRules/Positive.validationRule-meta.xml:5:123", "in validation rule Positive of Deal__c: pkg__Score__c cannot be checked: it belongs to package pkg, which the project cannot see"},
		{"CS405", N, "objects/Deal__c/validationRules/Positive.validationRule-meta.xml:5:155", "in validation rule Positive of Deal__c: Owner.Contact.Individual.Name cannot be checked: relationship Individual of Contact is not in credscope's catalog"},
	}},
	"CS406": {bad: []finding{
		{"CS406", W, "objects/Deal__c/validationRules/Won_Needs_Region.validationRule-meta.xml:5:48", `in validation rule Won_Needs_Region of Deal__c: "Closed-Won" is not a value of picklist Stage__c. Did you mean "Closed Won"?`},
		{"CS406", W, "objects/Deal__c/validationRules/Won_Needs_Region.validationRule-meta.xml:5:105", `in validation rule Won_Needs_Region of Deal__c: "north" is not a value of picklist Region__c. Did you mean "North"?`},
		{"CS406", W, "objects/Deal__c/validationRules/Won_Needs_Region.validationRule-meta.xml:5:142", `in validation rule Won_Needs_Region of Deal__c: "East" is not a value of picklist Region__c, whose values are "North" and "South"`},
	}},
	"CS101": {bad: []finding{
		{"CS101", E, "Billing-API.namedCredential-meta.xml:2:1", `named credential name "Billing-API" may contain only letters, digits and underscores, not '-'`},
		{"CS101", E, "Billing_.externalCredential-meta.xml:2:1", `external credential name "Billing_" must not end with an underscore`},
		// Principal names are free text, but not padded or with control characters.
		{"CS101", E, "Billing_.externalCredential-meta.xml:6:9", `principal name " Billing Team" must not begin or end with white space`},
		{"CS101", E, "Billing_.externalCredential-meta.xml:12:9", `principal name "2nd\tLine" must not contain the control character U+0009`},
		{"CS101", E, "a_very_long_namespace__Billing.namedCredential-meta.xml:2:1", `named credential name "a_very_long_namespace__Billing" has a namespace prefix "a_very_long_namespace" longer than 15 characters`},
		// One namespace prefix, then a name without double underscores.
		{"CS101", E, "acme__Billing__Ops.permissionset-meta.xml:2:1", `permission set name "acme__Billing__Ops" must not contain two consecutive underscores`},
		{"CS101", E, "acme__Support__Portal.externalCredential-meta.xml:2:1", `external credential name "acme__Support__Portal" must not contain two consecutive underscores`},
	}},
	"CS102": {bad: []finding{
		{"CS102", E, "force-app/main/default/externalCredentials/Acme_Billing.externalCredential-meta.xml:2:1",
			"external credential Acme_Billing is defined twice; the first is at {dir}/billing-app/main/default/externalCredentials/Acme_Billing.externalCredential-meta.xml:2:1"},
		{"CS102", E, "force-app/main/default/externalCredentials/Acme_Billing.externalCredential-meta.xml:18:9",
			"principal billing_users is defined twice in Acme_Billing; the first is at {dir}/force-app/main/default/externalCredentials/Acme_Billing.externalCredential-meta.xml:6:9"},
		{"CS102", E, "force-app/main/default/namedCredentials/Billing_API.namedCredential-meta.xml:2:1",
			"named credential Billing_API is defined twice; the first is at {dir}/billing-app/main/default/namedCredentials/Billing_API.namedCredential-meta.xml:2:1"},
	}},
	"CS201": {bad: []finding{
		{"CS201", E, "Ledger.externalCredential-meta.xml:3:5", "Ledger uses OAuth but has neither an AuthProtocolVariant parameter (for the JWT bearer flow, JwtBearer) nor an AuthProvider parameter (for the browser flow)"},
		{"CS201", E, "Payroll.externalCredential-meta.xml:3:5", "Payroll uses the JWT bearer flow but has no AuthProviderUrl parameter, the identity provider's token endpoint"},
		{"CS201", E, "Payroll.externalCredential-meta.xml:3:5", "Payroll uses the JWT bearer flow but has no SigningCertificate parameter"},
		// The token exchange refuses it for the same reason (exchange.New).
		{"CS201", E, "Renamed_Aud.externalCredential-meta.xml:3:5", "Renamed_Aud uses the JWT bearer flow but has no JwtBodyClaim aud; the identity provider needs iss, sub and aud"},
		{"CS201", E, "Support_Portal.externalCredential-meta.xml:16:5", "the SigningCertificate parameter of Support_Portal names no <certificate>"},
	}},
	"CS202": {bad: []finding{
		{"CS202", E, "Acme_Billing.externalCredential-meta.xml:14:25", "the AuthProviderUrl of Acme_Billing must use https, not http"},
		{"CS202", E, "Blank_Idp.externalCredential-meta.xml:14:9", "the AuthProviderUrl of Blank_Idp is empty"},
		{"CS202", W, "Local_Idp.externalCredential-meta.xml:14:25", "the AuthProviderUrl of Local_Idp uses plain http; acceptable only for a local test identity provider"},
		{"CS202", W, "Loopback_Idp.externalCredential-meta.xml:14:25", "the AuthProviderUrl of Loopback_Idp uses plain http; acceptable only for a local test identity provider"},
		{"CS202", E, "Relative_Idp.externalCredential-meta.xml:14:25", `the AuthProviderUrl of Relative_Idp, "/services/oauth2/token", is not an absolute URL`},
	}},
	"CS203": {bad: []finding{
		{"CS203", E, "Acme_Billing.externalCredential-meta.xml:26:25", `signing algorithm "HS256" is not supported; use RS256 (the default) or RS512`},
		{"CS203", E, "Acme_Ledger.externalCredential-meta.xml:26:25", `signing algorithm "ES256" is not supported; use RS256 (the default) or RS512`},
	}},
	"CS204": {bad: []finding{
		{"CS204", W, "Acme_Billing.externalCredential-meta.xml:32:25", "AdditionalRefreshStatusCode 401 is redundant: a 401 always refreshes the token"},
		{"CS204", W, "Acme_Billing.externalCredential-meta.xml:38:25", "AdditionalRefreshStatusCode 403 is listed twice"},
		{"CS204", E, "Acme_Billing.externalCredential-meta.xml:44:25", `AdditionalRefreshStatusCode "Forbidden" is not an HTTP status code`},
		{"CS204", E, "Acme_Billing.externalCredential-meta.xml:50:25", `AdditionalRefreshStatusCode "4l9" is not an HTTP status code`},
		{"CS204", E, "Acme_Billing.externalCredential-meta.xml:56:25", `AdditionalRefreshStatusCode "700" is not an HTTP status code`},
		// Without a parameterValue, the code is the parameterName.
		{"CS204", E, "Acme_Billing.externalCredential-meta.xml:60:24", `AdditionalRefreshStatusCode "5O3" is not an HTTP status code`},
	}},
	"CS205": {bad: []finding{
		{"CS205", W, "Ledger.externalCredential-meta.xml:42:24", "JWT header claim jku of Ledger tells the identity provider to fetch a JWK Set from a URL to verify the assertion; one that follows it lets whoever controls the URL choose the key. Register the key with the identity provider, and remove the claim"},
		{"CS205", W, "Ledger.externalCredential-meta.xml:48:24", "JWT header claim x5u of Ledger tells the identity provider to fetch an X.509 certificate from a URL to verify the assertion; one that follows it lets whoever controls the URL choose the key. Register the key with the identity provider, and remove the claim"},
	}},
	"CS301": {
		bad: []finding{
			{"CS301", E, "Support_Portal.externalCredential-meta.xml:7:24", `identity type "Named Principal" is not NamedPrincipal or PerUserPrincipal`},
			{"CS301", E, "Support_Portal.externalCredential-meta.xml:13:24", `identity type "PerUserPrincipals" is not NamedPrincipal or PerUserPrincipal`},
		},
		// Not being principals, they leave their groups without one.
		others: []finding{
			{"CS303", E, "Support_Portal.externalCredential-meta.xml:5:25", `parameter Support_Agents belongs to group "Support_Agents", but Support_Portal has no principal of that name`},
			{"CS303", E, "Support_Portal.externalCredential-meta.xml:11:25", `parameter Field_Engineers belongs to group "Field_Engineers", but Support_Portal has no principal of that name`},
		},
	},
	"CS302": {bad: []finding{
		{"CS302", E, "Support_Portal.externalCredential-meta.xml:20:25", "principals Field_Engineers and Managers share sequence number 2; the order between them is undefined"},
		{"CS302", E, "Support_Portal.externalCredential-meta.xml:22:5", "principal Contractors has no sequenceNumber"},
		{"CS302", E, "Support_Portal.externalCredential-meta.xml:31:25", `principal Auditors has sequence number "0"; it must be a positive integer`},
		{"CS302", E, "Support_Portal.externalCredential-meta.xml:37:25", `principal Partners has sequence number "first"; it must be a positive integer`},
	}},
	"CS303": {bad: []finding{
		{"CS303", W, "Support_Portal.externalCredential-meta.xml:5:25", `principal Sales_Team is in parameter group "Sales"; a principal's group is its own name`},
		{"CS303", E, "Support_Portal.externalCredential-meta.xml:11:25", `scope belongs to group "Sales", but Support_Portal has no principal of that name`},
		{"CS303", E, "Support_Portal.externalCredential-meta.xml:23:25", `scope belongs to group "Enginering", but Support_Portal has no principal of that name; did you mean Engineering?`},
		{"CS303", E, "Support_Portal.externalCredential-meta.xml:29:25", `parameter audience belongs to group "Marketing", but Support_Portal has no principal of that name`},
	}},
	"CS304": {bad: []finding{
		// $Profile and $UserRole describe the running user as $User does.
		{"CS304", W, "Archive.externalCredential-meta.xml:44:38", "JWT claim profile of Archive reads $Profile.Name, but Readers and Writers are NamedPrincipals, each with one token that every user who reaches it shares; this claim signs a different assertion for each user. Use a PerUserPrincipal, or keep the running user's fields out of the claims"},
		{"CS304", W, "Archive.externalCredential-meta.xml:50:27", "JWT header claim kid of Archive reads $UserRole.Name, but Readers and Writers are NamedPrincipals, each with one token that every user who reaches it shares; this claim signs a different assertion for each user. Use a PerUserPrincipal, or keep the running user's fields out of the claims"},
		{"CS304", W, "Ledger.externalCredential-meta.xml:32:27", "JWT claim sub of Ledger reads $User.Username, but Ledger_Service is a NamedPrincipal, whose token every user who reaches it shares; this claim signs a different assertion for each user. Use a PerUserPrincipal, or keep the running user's fields out of the claims"},
		{"CS304", W, "Ledger.externalCredential-meta.xml:44:41", "JWT claim dept of Ledger reads $User.Department, but Ledger_Service is a NamedPrincipal, whose token every user who reaches it shares; this claim signs a different assertion for each user. Use a PerUserPrincipal, or keep the running user's fields out of the claims"},
	}},
	"CS401": {bad: []finding{
		// After three &quot; entities on the line.
		{"CS401", E, "Acme_Billing.externalCredential-meta.xml:26:117", "in the credential-level scope of Acme_Billing: Field $User.Departmnet does not exist. Check spelling. Did you mean $User.Department?"},
		// Inside a CDATA section.
		{"CS401", E, "Acme_Billing.externalCredential-meta.xml:32:89", "in JWT claim sub of Acme_Billing: Unknown function FEDID. Check spelling."},
		// On the third line of a formula written over four.
		{"CS401", E, "Acme_Billing.externalCredential-meta.xml:41:13", "in JWT claim tenant of Acme_Billing: Syntax error. Found 'LOWER'"},
		{"CS401", E, "Acme_Billing.externalCredential-meta.xml:47:71", "in JWT header claim kid of Acme_Billing: Syntax error. Missing ')'"},
		// Columns count characters: "é" and "–" are one each.
		{"CS401", E, "Acme_Billing.externalCredential-meta.xml:53:53", "in JWT claim name of Acme_Billing: Field $User.FirstNam does not exist. Check spelling. Did you mean $User.FirstName?"},
		{"CS401", E, "Acme_Billing.externalCredential-meta.xml:65:27", "in the scope of principal Billing_Users of Acme_Billing: Formula result is data type (Boolean), incompatible with expected data type (Text)."},
		{"CS401", E, "Billing_API.namedCredential-meta.xml:21:27", "in header X-Request-Locale of Billing_API: Incorrect number of parameters for function 'SUBSTITUTE()'. Expected 3, received 2"},
	}},
	"CS402": {bad: []finding{
		{"CS402", E, "Partner_Hub.externalCredential-meta.xml:26:31", "the credential-level scope of Partner_Hub: scope tokens are separated by exactly one space"},
		// At the &quot; that decodes to the quote.
		{"CS402", E, "Partner_Hub.externalCredential-meta.xml:38:38", `the scope of principal Analysts of Partner_Hub: '"' (U+0022) is not allowed in a scope token`},
		{"CS402", E, "Partner_Hub.externalCredential-meta.xml:50:25", "the scope of principal Exporters of Partner_Hub: a scope may not start or end with a space"},
		{"CS402", E, "Partner_Hub.externalCredential-meta.xml:62:37", "the scope of principal Reviewers of Partner_Hub: scope tokens are separated by exactly one space"},
		{"CS402", E, "Partner_Hub.externalCredential-meta.xml:74:29", "the scope of principal Translators of Partner_Hub: 'é' (U+00E9) is not allowed in a scope token"},
	}},
	"CS403": {bad: []finding{
		{"CS403", W, "Support_Portal.externalCredential-meta.xml:26:53", `the credential-level scope of Support_Portal computes text from $Organization.Name with LOWER(), which may put a space or a character a scope token does not allow into the scope. Encode the result with URLENCODE(…), or test the value first with IF(REGEX(…), …)`},
		// The seed scope formula: at the $User.Department that reaches the result.
		{"CS403", W, "Support_Portal.externalCredential-meta.xml:38:158", `the scope of principal Sales_Team of Support_Portal interpolates $User.Department without a guard: a value with a space, such as "Customer Service", adds a scope. Encode it with URLENCODE($User.Department), or test it first with IF(REGEX($User.Department, "[A-Za-z0-9_]+"), …)`},
	}},
	"CS404": {bad: []finding{
		{"CS404", W, "Metrics_Hub.externalCredential-meta.xml:26:35", "in JWT claim quota of Metrics_Hub, 2 * 3 ^ 2 means (2 * 3) ^ 2: Salesforce applies * before ^. Write (2 * 3) ^ 2 to say so, or 2 * (3 ^ 2) if you meant the usual order"},
		{"CS404", W, "Metrics_Hub.externalCredential-meta.xml:32:33", "in JWT claim ratio of Metrics_Hub, 2 ^ 3 / 4 means 2 ^ (3 / 4): Salesforce applies / before ^. Write 2 ^ (3 / 4) to say so, or (2 ^ 3) / 4 if you meant the usual order"},
	}},
	"CS501": {bad: []finding{
		{"CS501", E, "Support_API.namedCredential-meta.xml:14:29", `named credential Support_API references external credential "Support_Portal_Old", which is not in the project`},
		{"CS501", E, "Support_Access.permissionset-meta.xml:10:38", `externalCredentialPrincipal "Support_Portal" is not CREDENTIAL-PRINCIPAL`},
		{"CS501", E, "Support_Access.permissionset-meta.xml:14:38", "permission set Support_Access grants Helpdesk-Support_Agents, but external credential Helpdesk is not in the project"},
		{"CS501", E, "Support_Access.permissionset-meta.xml:18:38", "permission set Support_Access grants Support_Portal-Contractors, but Support_Portal has no principal Contractors"},
		{"CS501", E, "Support_Access.permissionset-meta.xml:22:38", "permission set Support_Access grants Support_Portal-Field_Enginers, but Support_Portal has no principal Field_Enginers; did you mean Field_Engineers?"},
		{"CS501", E, "Support_Access.permissionset-meta.xml:26:38", "permission set Support_Access grants support_portal-Managers, but external credential support_portal is not in the project; did you mean Support_Portal?"},
	}},
	"CS601": {bad: []finding{
		// The legacy fields, such as <endpoint> and <principalType>, are known.
		{"CS601", W, "Support_API.namedCredential-meta.xml:6:5", "unknown element <endpointUrl> in a NamedCredential"},
		{"CS601", W, "Support_API.namedCredential-meta.xml:15:5", "unknown element <identityType> in a NamedCredential"},
		{"CS601", W, "Support_Portal.externalCredential-meta.xml:7:24", `unknown parameterType "AuthParam"`},
		{"CS601", E, "Support_Portal.externalCredential-meta.xml:10:5", `parameter "ApiKey" has no parameterType`},
		{"CS601", W, "Support_Portal.externalCredential-meta.xml:19:9", "<principal> was removed in API version 58; principals are parameters of type NamedPrincipal or PerUserPrincipal"},
		{"CS601", W, "Support_Portal.externalCredential-meta.xml:23:5", "unknown element <displayName> in an ExternalCredential"},
		{"CS601", W, "Wiki.namedCredential-meta.xml:5:20", `unknown principalType "NamedPrincipal"; Salesforce knows Anonymous, NamedUser, PerUser`},
		{"CS601", W, "Wiki.namedCredential-meta.xml:6:15", `unknown protocol "Basic"; Salesforce knows NoAuthentication, Password, Oauth, Jwt, JwtExchange, AwsSv4`},
	}},
	"CS602": {bad: []finding{
		{"CS602", E, "Support_Portal.externalCredential-meta.xml:23:5", "<principals> is not ExternalCredential metadata and will not deploy; a principal is written as\n" + principalShape},
		{"CS602", E, "Support_Portal.externalCredential-meta.xml:28:5", "<principals> is not ExternalCredential metadata and will not deploy; a principal is written as\n" + principalShape},
	}},
	"CS801": {bad: []finding{
		{"CS801", W, "Books_API.namedCredential-meta.xml:5:15", "the endpoint of Books_API uses plain http: callouts, and the credentials they carry, travel unencrypted. Use https"},
		{"CS801", W, "Ledger_JWT.namedCredential-meta.xml:10:27", "the authTokenEndpointUrl of Ledger_JWT uses plain http: callouts, and the credentials they carry, travel unencrypted. Use https"},
		// The scheme is case-insensitive.
		{"CS801", W, "Partner_API.namedCredential-meta.xml:11:25", "the endpoint of Partner_API uses plain http: callouts, and the credentials they carry, travel unencrypted. Use https"},
		{"CS801", E, "Relative.namedCredential-meta.xml:5:15", `the endpoint of Relative, "/services/data", is not an absolute URL`},
	}},
	"CS802": {bad: []finding{
		// The findings never show the secret.
		{"CS802", E, "Drive.namedCredential-meta.xml:11:5", "<oauthRefreshToken> of Drive keeps a secret in the metadata, where everyone who can read the repository has it. Salesforce never retrieves it: remove the element and set the value in Setup"},
		{"CS802", E, "Drive.namedCredential-meta.xml:13:5", "<oauthToken> of Drive keeps a secret in the metadata, where everyone who can read the repository has it. Salesforce never retrieves it: remove the element and set the value in Setup"},
		{"CS802", E, "Jira.namedCredential-meta.xml:10:5", "<password> of Jira keeps a secret in the metadata, where everyone who can read the repository has it. Salesforce never retrieves it: remove the element and set the value in Setup"},
		{"CS802", E, "Queue.namedCredential-meta.xml:11:5", "<awsAccessSecret> of Queue keeps a secret in the metadata, where everyone who can read the repository has it. Salesforce never retrieves it: remove the element and set the value in Setup"},
	}},
	"CS803": {bad: []finding{
		{"CS803", W, "Books.namedCredential-meta.xml:8:5", "Books has principal type PerUser but no authentication protocol, so each user has nothing to authenticate with; use Anonymous, or a protocol"},
		// The protocol is case-insensitive.
		{"CS803", E, "Calendar.namedCredential-meta.xml:9:5", "Calendar authenticates with OAuth but names no <authProvider>; the NamedUser principal's tokens come from an auth provider"},
		{"CS803", E, "Drive.namedCredential-meta.xml:9:5", "Drive authenticates with OAuth but names no <authProvider>; the PerUser principal's tokens come from an auth provider"},
	}},
	"CS804": {bad: []finding{
		{"CS804", E, "Half.namedCredential-meta.xml:2:1", "the legacy named credential Half has no <principalType>"},
		{"CS804", E, "Half.namedCredential-meta.xml:2:1", "the legacy named credential Half has no <protocol>"},
		{"CS804", W, "Mixed_API.namedCredential-meta.xml:19:5", "<principalType> is a field of legacy named credentials, which a SecuredEndpoint named credential ignores"},
		{"CS804", W, "Mixed_API.namedCredential-meta.xml:20:5", "<protocol> is a field of legacy named credentials, which a SecuredEndpoint named credential ignores"},
		{"CS804", E, "Old_API.namedCredential-meta.xml:18:26", "Old_API is a Legacy named credential, which has no namedCredentialParameters; use SecuredEndpoint with an external credential"},
		{"CS804", E, "Partner_API.namedCredential-meta.xml:2:1", "Partner_API has namedCredentialParameters but no <namedCredentialType>; Salesforce requires SecuredEndpoint, or PrivateEndpoint, for a named credential with parameters"},
		{"CS804", E, "Typo_API.namedCredential-meta.xml:18:26", `namedCredentialType "Secured" is not Legacy, SecuredEndpoint or PrivateEndpoint`},
	}},
	"CS701": {bad: []finding{
		{"CS701", E, "Support_Portal.externalCredential-meta.xml:25:24", "principal Sales_Team of Support_Portal changed identity type from PerUserPrincipal to NamedPrincipal; Salesforce cannot edit this: delete the principal and create it again"},
	}},
}

// lintFixture loads and lints one fixture directory, with the rule's
// previous version when it has one, and returns the findings in table form.
func lintFixture(t *testing.T, rule, dir string) []finding {
	t.Helper()
	return lintFixtureWith(t, rule, dir, nil)
}

// lintFixtureWith is lintFixture with a configuration.
func lintFixtureWith(t *testing.T, rule, dir string, cfg *scope.Config) []finding {
	t.Helper()
	opts := scope.LintOptions{Config: cfg}
	if prev := filepath.Join(lintDir, rule, "previous"); isDir(prev) {
		p, err := scope.Load(prev)
		if err != nil {
			t.Fatal(err)
		}
		opts.Previous = p
	}
	p, err := scope.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return tableFindings(t, dir, scope.Lint(p, opts))
}

// tableFindings converts findings to table form, relative to dir.
func tableFindings(t *testing.T, dir string, fs []scope.Finding) []finding {
	t.Helper()
	var out []finding
	for _, f := range fs {
		rel, err := filepath.Rel(dir, f.Pos.File)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Fatalf("finding %v is outside %s", f, dir)
		}
		msg := strings.ReplaceAll(filepath.ToSlash(f.Message), filepath.ToSlash(dir), "{dir}")
		out = append(out, finding{f.Rule, f.Severity, fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel), f.Pos.Line, f.Pos.Column), msg})
	}
	return out
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// TestRuleFixtures lints each rule's good fixture, which must be clean, and
// its bad fixture, which must yield exactly the expected findings.
func TestRuleFixtures(t *testing.T) {
	for _, r := range scope.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			want, ok := ruleFixtures[r.ID]
			if !ok {
				t.Fatalf("ruleFixtures has no entry for %s", r.ID)
			}
			good := filepath.Join(lintDir, r.ID, "good")
			if diff := cmp.Diff([]finding(nil), lintFixture(t, r.ID, good)); diff != "" {
				t.Errorf("%s: the good fixture has findings (-want +got):\n%s", good, diff)
			}
			bad := filepath.Join(lintDir, r.ID, "bad")
			var own, others []finding
			for _, f := range lintFixture(t, r.ID, bad) {
				if f.Rule == r.ID {
					own = append(own, f)
				} else {
					others = append(others, f)
				}
			}
			if diff := cmp.Diff(want.bad, own); diff != "" {
				t.Errorf("%s: findings of %s (-want +got):\n%s", bad, r.ID, diff)
			}
			if diff := cmp.Diff(want.others, others); diff != "" {
				t.Errorf("%s: findings of other rules (-want +got):\n%s", bad, diff)
			}
		})
	}
}

// TestRuleAlone runs each rule with every other rule disabled: it finds
// what it finds beside them, so that none relies on another to have
// prepared the project's formulas first.
func TestRuleAlone(t *testing.T) {
	for _, r := range scope.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			cfg := &scope.Config{Disable: map[string]bool{}}
			for _, other := range scope.Rules() {
				cfg.Disable[other.ID] = other.ID != r.ID
			}
			bad := filepath.Join(lintDir, r.ID, "bad")
			var own []finding
			for _, f := range lintFixtureWith(t, r.ID, bad, cfg) {
				if f.Rule == r.ID {
					own = append(own, f)
				}
			}
			if diff := cmp.Diff(ruleFixtures[r.ID].bad, own); diff != "" {
				t.Errorf("%s alone: findings (-want +got):\n%s", r.ID, diff)
			}
		})
	}
}

// TestRuleFixturesComplete requires a good and a bad fixture, and expected
// findings, for every rule, and nothing for rules that do not exist.
func TestRuleFixturesComplete(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range scope.Rules() {
		ids[r.ID] = true
		for _, kind := range []string{"good", "bad"} {
			dir := filepath.Join(lintDir, r.ID, kind)
			p, err := scope.Load(dir)
			if err != nil {
				t.Errorf("rule %s (%s) has no %s fixture: %v", r.ID, r.Name, kind, err)
				continue
			}
			if len(p.Files) == 0 {
				t.Errorf("rule %s (%s): %s holds no metadata file", r.ID, r.Name, dir)
			}
		}
		want, ok := ruleFixtures[r.ID]
		if !ok || len(want.bad) == 0 {
			t.Errorf("rule %s (%s) has no expected findings in ruleFixtures", r.ID, r.Name)
		}
		for _, f := range want.bad {
			if f.Rule != r.ID {
				t.Errorf("ruleFixtures[%s] expects a finding of %s among its own", r.ID, f.Rule)
			}
		}
		for _, f := range want.others {
			if f.Rule == r.ID {
				t.Errorf("ruleFixtures[%s] lists a finding of %s among the others", r.ID, f.Rule)
			}
		}
	}
	for id := range ruleFixtures {
		if !ids[id] {
			t.Errorf("ruleFixtures has an entry for %s, which is not a rule", id)
		}
	}
	entries, err := os.ReadDir(lintDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !ids[e.Name()] {
			t.Errorf("%s: %s is not a rule ID", lintDir, e.Name())
		}
	}
}

// TestRuleSeverities checks that each rule's findings in its bad fixture
// use the rule's severity, except where the table says otherwise: the
// table must not drift from the rules.
func TestRuleSeverities(t *testing.T) {
	for _, r := range scope.Rules() {
		n := 0
		for _, f := range ruleFixtures[r.ID].bad {
			if f.Severity == r.Severity {
				n++
			}
		}
		if n == 0 {
			t.Errorf("rule %s has severity %v, but its bad fixture has no finding of that severity", r.ID, r.Severity)
		}
	}
}

// TestMalformedFileDoesNotStopTheProject checks that a project with broken
// files still loads the others.
func TestMalformedFileDoesNotStopTheProject(t *testing.T) {
	dir := filepath.Join(lintDir, "CS001", "bad")
	p, err := scope.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range p.ExternalCredentials {
		names = append(names, c.Name)
	}
	if diff := cmp.Diff([]string{"Acme_Billing"}, names); diff != "" {
		t.Errorf("external credentials (-want +got):\n%s", diff)
	}
	if got := len(p.Files); got != 5 {
		t.Errorf("read %d files, want 5: %q", got, p.Files)
	}
	if got := len(p.Problems); got != 4 {
		t.Errorf("%d problems, want 4: %v", got, p.Problems)
	}
}
