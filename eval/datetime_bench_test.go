package eval

import "testing"

func BenchmarkDateFunctions(b *testing.B) {
	for _, src := range []string{
		`DATEVALUE(t1__c)`,
		`DATETIMEVALUE(t2__c) + 0.5`,
		`TEXT(FLOOR((NOW() - DATETIMEVALUE("1970-01-01 00:00:00")) * 86400 + 120))`,
		`ADDMONTHS(DATEVALUE(t1__c), 1)`,
	} {
		b.Run(src, func(b *testing.B) {
			schema := EmptySchema()
			schema.Declare("t1__c", Text, false)
			schema.Declare("t2__c", Text, false)
			prog, err := Compile(src, schema, Options{})
			if err != nil {
				b.Fatal(err)
			}
			vals := schema.NewValues()
			vals.SetText("t1__c", "2005-11-15")
			vals.SetText("t2__c", "2005-11-15 17:00:00")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := prog.Eval(vals, Env{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
