package scope_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNamespaceTokens checks metadata a CumulusCI deploy fills in: the
// tokens in a file's name and text read as an unmanaged deploy replaces
// them, and an error after a token is still at its column in the file.
func TestNamespaceTokens(t *testing.T) {
	got, formulas, skipped := lintRecords(t, [][2]string{
		{"unpackaged/post/objects/___NAMESPACE___Deal__c.object", `<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <fields>
        <fullName>%%%NAMESPACE%%%Amount__c</fullName>
        <type>Number</type>
    </fields>
    <fields>
        <fullName>Label__c</fullName>
        <formula>TEXT(%%%NAMESPACE%%%Amount__c) &amp; &quot;%%%NAMESPACE_OR_C%%%&quot;</formula>
        <type>Text</type>
    </fields>
    <fields>
        <fullName>Bad__c</fullName>
        <formula>%%%NAMESPACED_ORG%%%Amount__c + Nope__c</formula>
        <type>Number</type>
    </fields>
</CustomObject>`},
	})
	want := []string{
		"13:50: error: in formula field Deal__c.Bad__c: Field Nope__c does not exist. Check spelling.",
	}
	if diff := cmp.Diff(want, got); diff != "" || formulas != 2 || skipped != 0 {
		t.Errorf("%d formulas, %d skipped; findings (-want +got):\n%s", formulas, skipped, diff)
	}
}
