package eval

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// recordSchema declares the fields of a record the examples and tests of
// record functions read: a picklist and a multi-select picklist.
func recordSchema(t *testing.T) (*Schema, *Values) {
	t.Helper()
	s := NewSchema()
	for name, typ := range map[string]Type{"Stage__c": Picklist, "Hobbies__c": MultiPicklist, "Amount__c": Number, "Name__c": Text} {
		if _, err := s.Declare(name, typ, false); err != nil {
			t.Fatal(err)
		}
	}
	vals := s.NewValues()
	for name, v := range map[string]string{"Stage__c": "Closed Won", "Hobbies__c": "Chess;Golf", "Amount__c": "10", "Name__c": "Acme"} {
		if err := vals.SetString(name, v); err != nil {
			t.Fatal(err)
		}
	}
	return s, vals
}

// TestRecordExamples evaluates the example of every record function.
func TestRecordExamples(t *testing.T) {
	s, vals := recordSchema(t)
	for _, f := range recordFuncs() {
		prog, err := Compile(f.Example, s, Options{})
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		v, err := prog.Eval(vals)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		got := v.String()
		if v.Type() == Text && !v.IsNull() {
			got = strconv.Quote(got)
		}
		if diff := cmp.Diff(f.Want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", f.Name, f.Example, diff)
		}
	}
}

// TestPicklists checks where a picklist may stand, and the errors, in
// Salesforce's wording, where it may not.
func TestPicklists(t *testing.T) {
	s, vals := recordSchema(t)
	tests := []struct {
		src, want, wantErr string
	}{
		{src: `TEXT(Stage__c)`, want: "Closed Won"},
		{src: `ISPICKVAL(Stage__c, "Closed Won")`, want: "true"},
		{src: `ISPICKVAL(Name__c, "Acme")`, want: "true"},
		{src: `CASE(Stage__c, "Open", 1, "Closed Won", 2, 0)`, want: "2"},
		{src: `ISBLANK(Stage__c)`, want: "false"},
		{src: `ISNULL(Hobbies__c)`, want: "false"},
		{src: `ISBLANK(Hobbies__c)`, want: "false"},
		{src: `INCLUDES(Hobbies__c, "Chess")`, want: "true"},
		{src: `INCLUDES(Hobbies__c, "Ches")`, want: "false"},
		{src: `Stage__c = "Open"`, wantErr: "1:1: Field Stage__c is a picklist field. Picklist fields are only supported in certain functions."},
		{src: `"x" & Stage__c`, wantErr: "1:7: Field Stage__c is a picklist field. Picklist fields are only supported in certain functions."},
		{src: `LEN(Stage__c)`, wantErr: "1:5: Field Stage__c is a picklist field. Picklist fields are only supported in certain functions."},
		{src: `IF(TRUE, Stage__c, "x")`, wantErr: "1:10: Field Stage__c is a picklist field."},
		{src: `CASE("a", "a", Stage__c, "b")`, wantErr: "1:16: Field Stage__c is a picklist field."},
		{src: `Stage__c`, wantErr: "1:1: Field Stage__c is a picklist field."},
		{src: `TEXT(Hobbies__c)`, wantErr: "1:6: Field Hobbies__c is a multi-select picklist field. Multi-select picklist fields are only supported in certain functions."},
		{src: `ISPICKVAL(Hobbies__c, "Golf")`, wantErr: "1:11: Field Hobbies__c is a multi-select picklist field."},
		{src: `INCLUDES(Stage__c, "Golf")`, wantErr: "1:10: Field Stage__c is a picklist field."},
		{src: `INCLUDES(Hobbies__c, Name__c)`, wantErr: "Incorrect parameter type for function 'INCLUDES()'. Expected Text Literal, received Text"},
		{src: `INCLUDES(Hobbies__c, " ")`, wantErr: "Expected Text Literal"},
		{src: `INCLUDES(Name__c, "a")`, wantErr: "Incorrect parameter type for function 'INCLUDES()'. Expected MultiselectPicklist, received Text"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := Compile(tt.src, s, Options{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Compile = %v; want error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			v, err := prog.Eval(vals)
			if err != nil || v.String() != tt.want {
				t.Fatalf("Eval = %v, %v; want %s", v, err, tt.want)
			}
		})
	}
}
