package formula

import "testing"

// seedScope is the scope formula from Salesforce's External Credential documentation.
const seedScope = `{!IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Department, "Service")), "session:role:" + $User.Department, "")}`

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseTemplate("bench", seedScope); err != nil {
			b.Fatal(err)
		}
	}
}
