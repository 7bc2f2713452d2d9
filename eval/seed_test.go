package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const seedScope = `{!IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Department, "Service")), "session:role:" + $User.Department, "")}`

func TestSeedScope(t *testing.T) {
	schema := NewSchema()
	prog, err := Compile(seedScope, schema, Options{Result: Text})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dept string
		set  bool
		want string
	}{
		{"Sales", true, "session:role:Sales"},
		{"Customer Service", true, "session:role:Customer Service"},
		{"Engineering", true, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		vals := schema.NewValues()
		if tt.set {
			if err := vals.SetText("$User.Department", tt.dept); err != nil {
				t.Fatal(err)
			}
		}
		got, err := prog.EvalText(vals, Env{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Department %q (-want +got):\n%s", tt.dept, diff)
		}
	}
}

func benchSeed(b *testing.B, dept string) {
	schema := NewSchema()
	prog, err := Compile(seedScope, schema, Options{Result: Text})
	if err != nil {
		b.Fatal(err)
	}
	vals := schema.NewValues()
	vals.SetText("$User.Department", dept)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := prog.EvalText(vals, Env{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalSeed(b *testing.B) {
	b.Run("Sales", func(b *testing.B) { benchSeed(b, "Sales") })
	b.Run("Engineering", func(b *testing.B) { benchSeed(b, "Engineering") })
}

func BenchmarkCompileSeed(b *testing.B) {
	schema := NewSchema()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(seedScope, schema, Options{Result: Text}); err != nil {
			b.Fatal(err)
		}
	}
}
