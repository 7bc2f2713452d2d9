package scope

import (
	"fmt"
	"strings"
)

// ruleDoc explains a rule: why it exists, an example that breaks it, and
// how to fix that example. credscope explain and docs/rules.md show them.
type ruleDoc struct {
	Rationale, Example, Fix string
}

// ruleDocs holds the explanation of every rule, by ID.
var ruleDocs = map[string]ruleDoc{
	"CS001": {
		Rationale: "Salesforce rejects the deployment of a file it cannot parse, or whose root element is not the type its suffix names; nothing else in the file can be checked.",
		Example:   "<!-- Billing_API.namedCredential-meta.xml -->\n<ExternalCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">",
		Fix:       "Give the file the root element of its type, <NamedCredential>, or rename it to Billing_API.externalCredential-meta.xml; fix the XML at the position shown.",
	},
	"CS002": {
		Rationale: "A suppression that silences nothing hides no finding today, but will hide a real one tomorrow; one that is misplaced or names no rule silences nothing at all.",
		Example:   "<!-- credscope:ignore CS204 -->\n\n<externalCredentialParameters>",
		Fix:       "Put the comment on the line right before the element, name the rule whose finding it silences, and delete it once that finding is gone.",
	},
	"CS101": {
		Rationale: "Salesforce names credentials and permission sets with developer names, optionally after a managed package's namespace prefix (ns__Name); a file named otherwise does not deploy. Principal names are free text, but the platform trims them, so padding breaks permission-set grants.",
		Example:   "<!-- Billing-API.namedCredential-meta.xml -->",
		Fix:       "Rename the file to Billing_API.namedCredential-meta.xml, and every reference to it.",
	},
	"CS102": {
		Rationale: "Names are unique per org without regard to case: two files of one name overwrite each other on deploy, and two principals of one name make grants ambiguous.",
		Example:   "force-app/.../Acme_Billing.externalCredential-meta.xml\nbilling-app/.../acme_billing.externalCredential-meta.xml",
		Fix:       "Keep one of the two, or rename one and its references.",
	},
	"CS201": {
		Rationale: "An OAuth credential uses the browser flow, with an auth provider, or names its variant; the JWT bearer exchange needs the identity provider's token endpoint, a certificate to sign with and the iss, sub and aud claims; without them `credscope token` and Salesforce both refuse the credential.",
		Example:   "<parameterName>audience</parameterName>\n<parameterType>JwtBodyClaim</parameterType>",
		Fix:       "Name the claim aud, and add the AuthProviderUrl and SigningCertificate parameters if they are missing.",
	},
	"CS202": {
		Rationale: "The assertion posted to the token endpoint is a bearer credential: over plain http anyone on the path can replay it.",
		Example:   "<parameterValue>http://idp.acme.example/oauth2/token</parameterValue>",
		Fix:       "<parameterValue>https://idp.acme.example/oauth2/token</parameterValue>",
	},
	"CS203": {
		Rationale: "Salesforce signs JWT bearer assertions with RS256 or RS512 only; any other SigningAlgorithm fails at callout time.",
		Example:   "<parameterName>SigningAlgorithm</parameterName>\n<parameterValue>HS256</parameterValue>",
		Fix:       "<parameterValue>RS256</parameterValue>, or remove the parameter: RS256 is the default.",
	},
	"CS204": {
		Rationale: "An AdditionalRefreshStatusCode makes the platform refresh the token and retry on that status; a code that is not a status never matches, 401 always refreshes anyway, and a repeat adds nothing.",
		Example:   "<parameterType>AdditionalRefreshStatusCode</parameterType>\n<parameterValue>Forbidden</parameterValue>",
		Fix:       "<parameterValue>403</parameterValue>",
	},
	"CS205": {
		Rationale: "RFC 8725 §3.10 warns that a verifier which fetches keys from the jku or x5u URL in a token's header lets whoever controls that URL choose the key; the identity provider should know the key already, by kid or by configuration.",
		Example:   "<parameterName>jku</parameterName>\n<parameterType>JwtHeaderClaim</parameterType>\n<parameterValue>https://keys.acme.example/jwks.json</parameterValue>",
		Fix:       "Remove the claim; register the certificate with the identity provider and send a kid header claim instead.",
	},
	"CS301": {
		Rationale: "Salesforce knows two identity types for principals; a misspelt one does not deploy, or deploys as a parameter that is no principal.",
		Example:   "<parameterType>Named Principal</parameterType>",
		Fix:       "<parameterType>NamedPrincipal</parameterType>",
	},
	"CS302": {
		Rationale: "When a user is granted several principals, the lowest sequence number wins; a missing, invalid or shared number makes the choice undefined.",
		Example:   "<parameterName>Managers</parameterName>\n<sequenceNumber>2</sequenceNumber>  <!-- as Field_Engineers -->",
		Fix:       "Give each principal its own positive sequence number, in the order they should win.",
	},
	"CS303": {
		Rationale: "A parameter's group ties it to a principal: a group no principal has is never used, so its scope or claim silently disappears.",
		Example:   "<parameterGroup>Enginering</parameterGroup>\n<parameterName>Scope</parameterName>",
		Fix:       "<parameterGroup>Engineering</parameterGroup>, the principal's own name.",
	},
	"CS304": {
		Rationale: "Salesforce caches a named principal's token for every user who reaches the principal: a claim that reads the running user is signed for whoever calls first, and the others act under that user's identity.",
		Example:   "<parameterName>sub</parameterName>\n<parameterType>JwtBodyClaim</parameterType>\n<parameterValue>{!$User.Username}</parameterValue>  <!-- with a NamedPrincipal -->",
		Fix:       "Make the principal a PerUserPrincipal, or give the claim a value that is the same for every user, such as the integration user's name.",
	},
	"CS401": {
		Rationale: "Salesforce evaluates these formulas at callout time; one that does not parse or type-check fails every callout of the credential.",
		Example:   "<parameterValue>{!$User.Departmnet}</parameterValue>",
		Fix:       "<parameterValue>{!$User.Department}</parameterValue>",
	},
	"CS402": {
		Rationale: "RFC 6749 §3.3 defines scope as tokens of printable ASCII without quotes or backslashes, separated by single spaces; identity providers reject anything else.",
		Example:   "<parameterValue>billing.read  billing.write</parameterValue>",
		Fix:       "<parameterValue>billing.read billing.write</parameterValue>",
	},
	"CS403": {
		Rationale: "A merge field interpolated into a scope is user-controlled text: a space in it adds a scope the administrator never granted.",
		Example:   "<parameterValue>{!&quot;session:role:&quot; + $User.Department}</parameterValue>",
		Fix:       "<parameterValue>{!&quot;session:role:&quot; + URLENCODE($User.Department)}</parameterValue>",
	},
	"CS405": {
		Rationale: "Salesforce refuses to deploy a formula field, validation rule or flow whose formula does not compile; credscope compiles each in its context before the deploy does.",
		Example:   "<errorConditionFormula>Amount__c &lt; 0 &amp;&amp; Stage__c = &quot;Closed&quot;</errorConditionFormula>  <!-- Stage__c is a picklist -->",
		Fix:       "<errorConditionFormula>Amount__c &lt; 0 &amp;&amp; ISPICKVAL(Stage__c, &quot;Closed&quot;)</errorConditionFormula>",
	},
	"CS406": {
		Rationale: "A formula compares a picklist with any text literal and deploys, but a literal that is none of the picklist's values, a typo or a value renamed since, never matches: the rule, field or flow silently does nothing. TEXT returns the value's API name, and the comparison is exact.",
		Example:   "<errorConditionFormula>ISPICKVAL(Stage__c, &quot;Closed-Won&quot;)</errorConditionFormula>  <!-- Stage__c's values: Prospect, Closed Won -->",
		Fix:       "<errorConditionFormula>ISPICKVAL(Stage__c, &quot;Closed Won&quot;)</errorConditionFormula>",
	},
	"CS404": {
		Rationale: "Salesforce's formula language binds * and / tighter than ^, unlike mathematics: 2*3^2 is 36, not 18.",
		Example:   "<parameterValue>{!2 * 3 ^ 2}</parameterValue>",
		Fix:       "<parameterValue>{!2 * (3 ^ 2)}</parameterValue>, or (2 * 3) ^ 2 if that was meant.",
	},
	"CS501": {
		Rationale: "A named credential whose external credential, or a permission set whose principal, is not in the project fails to deploy, or grants nothing.",
		Example:   "<externalCredential>Support_Portal_Old</externalCredential>",
		Fix:       "<externalCredential>Support_Portal</externalCredential>, a credential of the project (with or without the project's namespace prefix).",
	},
	"CS601": {
		Rationale: "An element or value credscope does not know is often a typo that Salesforce rejects, or silently ignores.",
		Example:   "<endpointUrl>https://api.example.org</endpointUrl>",
		Fix:       "<endpoint>https://api.example.org</endpoint>, or whatever the Metadata API reference names the field.",
	},
	"CS602": {
		Rationale: "Samples and generated code sometimes write principals as a <principals> element, which is not in the Metadata API and never deploys.",
		Example:   "<principals>\n    <principalName>Sales</principalName>\n</principals>",
		Fix:       "<externalCredentialParameters>\n    <parameterGroup>Sales</parameterGroup>\n    <parameterName>Sales</parameterName>\n    <parameterType>NamedPrincipal</parameterType>\n    <sequenceNumber>1</sequenceNumber>\n</externalCredentialParameters>",
	},
	"CS701": {
		Rationale: "Salesforce cannot change a principal's identity type in place: the deployment fails, or leaves users without their per-user tokens.",
		Example:   "<parameterName>Sales_Team</parameterName>\n<parameterType>NamedPrincipal</parameterType>  <!-- was PerUserPrincipal -->",
		Fix:       "Delete the principal in one deployment and create it with its new type, under a new name, in the next.",
	},
	"CS801": {
		Rationale: "A callout over plain http carries its Authorization header, password or token in clear text.",
		Example:   "<endpoint>http://books.example.org/v1/</endpoint>",
		Fix:       "<endpoint>https://books.example.org/v1/</endpoint>",
	},
	"CS802": {
		Rationale: "Salesforce never retrieves passwords, tokens or AWS secrets: one in a repository was put there by hand, and everyone who can read the repository can use it.",
		Example:   "<password>hunter2</password>",
		Fix:       "Delete the element, rotate the secret, and set it in Setup after deploying.",
	},
	"CS803": {
		Rationale: "A legacy OAuth named credential gets its tokens through an auth provider, for a named or a per-user principal alike; a per-user principal without a protocol has nothing to authenticate.",
		Example:   "<principalType>PerUser</principalType>\n<protocol>Oauth</protocol>",
		Fix:       "Add <authProvider>Drive_Auth</authProvider>, naming the auth provider of the service.",
	},
	"CS804": {
		Rationale: "Named credentials come in two shapes: the current one, with parameters and a namedCredentialType of SecuredEndpoint or PrivateEndpoint, and the legacy one, with endpoint, principalType and protocol. Mixing them fails to deploy or silently drops fields.",
		Example:   "<namedCredentialParameters>…</namedCredentialParameters>  <!-- and no namedCredentialType -->",
		Fix:       "<namedCredentialType>SecuredEndpoint</namedCredentialType>",
	},
}

// Explain renders the rule for a terminal: its ID, name and severity, what
// it checks, why, an example and its fix.
func (r *Rule) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s)\n\n%s\n\nWhy: %s\n\nExample:\n%s\n\nFix:\n%s\n",
		r.ID, r.Name, r.Severity, r.Doc, r.Rationale, indent(r.Example), indent(r.Fix))
	return b.String()
}

// indent indents every line by four spaces.
func indent(text string) string {
	return "    " + strings.ReplaceAll(text, "\n", "\n    ")
}
