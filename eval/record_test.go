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
	s.Open("$ObjectType.", Text, false)
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
		ctx := FormulaFieldContext
		for c := range numContexts {
			if f.AvailableIn(c) {
				ctx = c
				break
			}
		}
		prog, err := Compile(f.Example, s, Options{Context: ctx})
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		v, err := prog.Eval(vals, Env{})
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
		{src: `ISNULL(Stage__c)`, want: "false"},
		{src: `IN(Stage__c, "Open", "Closed Won")`, want: "true"},
		{src: `ISPICKVAL((Name__c), "Acme")`, want: "true"},
		{src: `ISPICKVAL(UPPER(Name__c), "ACME")`, wantErr: "1:11: Incorrect parameter type for function 'ISPICKVAL()'. Expected Picklist, received Text"},
		{src: `ISPICKVAL(Amount__c, "1")`, wantErr: "1:11: Incorrect parameter type for function 'ISPICKVAL()'. Expected Picklist, received Number"},
		{src: `CASE(Stage__c, Name__c, 1, 0)`, wantErr: "1:16: Incorrect parameter type for function 'CASE()'. Expected Text Literal, received Text"},
		{src: `IN(Stage__c, "Open" & "")`, wantErr: "1:14: Incorrect parameter type for function 'IN()'. Expected Text Literal, received Text"},
		{src: `CASE(Hobbies__c, "Golf", 1, 0)`, wantErr: "1:6: Field Hobbies__c is a multi-select picklist field."},
		{src: `IN(Hobbies__c, "Golf")`, wantErr: "1:4: Field Hobbies__c is a multi-select picklist field."},
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
			v, err := prog.Eval(vals, Env{})
			if err != nil || v.String() != tt.want {
				t.Fatalf("Eval = %v, %v; want %s", v, err, tt.want)
			}
		})
	}
}

// TestContexts checks which functions each kind of formula may call, in
// Salesforce's wording where it may not.
func TestContexts(t *testing.T) {
	s, _ := recordSchema(t)
	tests := []struct {
		src     string
		ctx     Context
		wantErr string
	}{
		{src: `ISCHANGED(Amount__c)`, ctx: ValidationRuleContext},
		{src: `ISCHANGED(Amount__c)`, ctx: WorkflowContext},
		{src: `ISCHANGED(Amount__c)`, ctx: FormulaFieldContext, wantErr: "1:1: Function ISCHANGED may not be used in this type of formula"},
		{src: `NOT(ISNEW())`, ctx: DefaultValueContext, wantErr: "1:5: Function ISNEW may not be used in this type of formula"},
		{src: `IMAGE("a.gif", "a")`, ctx: FormulaFieldContext},
		{src: `IMAGE("a.gif", "a")`, ctx: CredentialContext, wantErr: "Function IMAGE may not be used in this type of formula"},
		{src: `IMAGE("a.gif", "a")`, ctx: FlowContext, wantErr: "Function IMAGE may not be used in this type of formula"},
		{src: `BASE64ENCODE(BLOB("a"))`, ctx: CredentialContext},
		{src: `BASE64ENCODE(BLOB("a"))`, ctx: FormulaFieldContext, wantErr: "1:14: Function BLOB may not be used in this type of formula"},
		{src: `VLOOKUP($ObjectType.Zip__c.Fields.City__c, $ObjectType.Zip__c.Fields.Name, "1")`, ctx: FormulaFieldContext, wantErr: "Function VLOOKUP may not be used"},
		{src: `VLOOKUP($ObjectType.Zip__c.Fields.City__c, $ObjectType.Other__c.Fields.Name, "1")`, ctx: ValidationRuleContext, wantErr: "1:44: Incorrect parameter type for function 'VLOOKUP()'. Expected Field"},
		{src: `CASESAFEID("001")`, ctx: CredentialContext, wantErr: "Function CASESAFEID may not be used"},
		{src: `LEN("a")`, ctx: FlowContext},
		{src: `NOSUCH(1)`, ctx: FlowContext, wantErr: "Unknown function NOSUCH. Check spelling."},
		{src: `ISCHANGED(1)`, ctx: ValidationRuleContext, wantErr: "1:11: Incorrect parameter type for function 'ISCHANGED()'. Expected Field, received Number"},
		{src: `PRIORVALUE($User.Email)`, ctx: ValidationRuleContext, wantErr: "Expected Field, received Text"},
	}
	for _, tt := range tests {
		t.Run(tt.ctx.String()+" "+tt.src, func(t *testing.T) {
			_, err := Compile(tt.src, s, Options{Context: tt.ctx})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Compile = %v; want error %q", err, tt.wantErr)
			}
		})
	}
	for _, name := range []string{"credential", "formula-field", "Validation Rule", "flow"} {
		if _, ok := ParseContext(name); !ok {
			t.Errorf("ParseContext(%q) failed", name)
		}
	}
}

// TestPriorRecord evaluates the record functions against a record with
// and without a prior version.
func TestPriorRecord(t *testing.T) {
	s, _ := recordSchema(t)
	formulas := map[string]*Program{}
	srcs := []string{`ISNEW()`, `ISCLONE()`, `ISCHANGED(Amount__c)`, `ISCHANGED(Name__c)`, `PRIORVALUE(Amount__c)`,
		`ISPICKVAL(PRIORVALUE(Stage__c), "Open")`, `INCLUDES(PRIORVALUE(Hobbies__c), "Chess")`, `TEXT(PRIORVALUE(Stage__c))`}
	for _, src := range srcs {
		p, err := Compile(src, s, Options{Context: ValidationRuleContext})
		if err != nil {
			t.Fatal(err)
		}
		formulas[src] = p
	}
	s.Freeze()
	run := func(vals *Values) map[string]string {
		out := map[string]string{}
		for src, p := range formulas {
			v, err := p.Eval(vals, Env{})
			if err != nil {
				t.Fatal(err)
			}
			out[src] = v.String()
		}
		return out
	}
	record := func() *Values {
		vals := s.NewValues()
		for name, v := range map[string]string{"Stage__c": "Closed Won", "Hobbies__c": "Chess;Golf", "Amount__c": "10", "Name__c": "Acme"} {
			if err := vals.SetString(name, v); err != nil {
				t.Fatal(err)
			}
		}
		return vals
	}
	created := run(record())
	wantNew := map[string]string{`ISNEW()`: "true", `ISCLONE()`: "false", `ISCHANGED(Amount__c)`: "false", `ISCHANGED(Name__c)`: "false",
		`PRIORVALUE(Amount__c)`: "10", `ISPICKVAL(PRIORVALUE(Stage__c), "Open")`: "false",
		`INCLUDES(PRIORVALUE(Hobbies__c), "Chess")`: "true", `TEXT(PRIORVALUE(Stage__c))`: "Closed Won"}
	if diff := cmp.Diff(wantNew, created); diff != "" {
		t.Errorf("a new record (-want +got):\n%s", diff)
	}
	edited := record()
	for name, v := range map[string]string{"Stage__c": "Open", "Hobbies__c": "Golf", "Amount__c": "7", "Name__c": "Acme", "Unread__c": "x"} {
		if err := edited.SetPriorString(name, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := edited.SetClone(true); err != nil {
		t.Fatal(err)
	}
	wantEdited := map[string]string{`ISNEW()`: "false", `ISCLONE()`: "true", `ISCHANGED(Amount__c)`: "true", `ISCHANGED(Name__c)`: "false",
		`PRIORVALUE(Amount__c)`: "7", `ISPICKVAL(PRIORVALUE(Stage__c), "Open")`: "true",
		`INCLUDES(PRIORVALUE(Hobbies__c), "Chess")`: "false", `TEXT(PRIORVALUE(Stage__c))`: "Open"}
	if diff := cmp.Diff(wantEdited, run(edited)); diff != "" {
		t.Errorf("an edited record (-want +got):\n%s", diff)
	}
}

// TestLinks checks HYPERLINK, IMAGE and CASESAFEID beyond their examples.
func TestLinks(t *testing.T) {
	s, vals := recordSchema(t)
	tests := []struct{ src, want, wantErr string }{
		{src: `HYPERLINK("/" & Name__c, "Open <" & Name__c & ">", "_self")`, want: `<a href="/Acme" target="_self">Open &lt;Acme&gt;</a>`},
		{src: `HYPERLINK(" JavaScript:alert(1)", "x")`, wantErr: "1:1: Incorrect argument value for function 'HYPERLINK()'. Javascript is not allowed."},
		{src: `IMAGE("a\"b.gif", "")`, want: `<img src="a&quot;b.gif" alt="" border="0"/>`},
		{src: `CASESAFEID("a0Bxx0000001abc")`, want: "a0Bxx0000001abcEAA"},
		{src: `CASESAFEID("ZZZZZZZZZZZZZZZ")`, want: "ZZZZZZZZZZZZZZZ555"},
		{src: `CASESAFEID("001A0000006Vm9rIAC")`, want: "001A0000006Vm9rIAC"},
	}
	for _, tt := range tests {
		prog, err := Compile(tt.src, s, Options{Context: FormulaFieldContext})
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		v, err := prog.Eval(vals, Env{})
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s = %v, %v; want error %q", tt.src, v, err, tt.wantErr)
			}
			continue
		}
		if err != nil || v.String() != tt.want {
			t.Errorf("%s = %v, %v; want %s", tt.src, v, err, tt.want)
		}
	}
}

// TestPriorOfFlowRecord checks that a flow's formulas compare the
// triggering record's fields, $Record.Field, with their prior values, and
// that other formulas still take only fields of their own record.
func TestPriorOfFlowRecord(t *testing.T) {
	tests := []struct {
		src     string
		ctx     Context
		wantErr string
	}{
		{src: `ISCHANGED($Record.Amount__c)`, ctx: FlowContext},
		{src: `PRIORVALUE($record.Amount__c) > 1`, ctx: FlowContext},
		{src: `ISCHANGED($Setup.Limit__c)`, ctx: FlowContext, wantErr: "1:11: Incorrect parameter type for function 'ISCHANGED()'. Expected Field, received Number"},
		{src: `ISCHANGED($Record.Amount__c)`, ctx: ValidationRuleContext, wantErr: "1:11: Incorrect parameter type for function 'ISCHANGED()'. Expected Field, received Number"},
	}
	for _, tt := range tests {
		s := NewSchema()
		for _, name := range []string{"$Record.Amount__c", "$Setup.Limit__c"} {
			if _, err := s.Declare(name, Number, false); err != nil {
				t.Fatal(err)
			}
		}
		_, err := Compile(tt.src, s, Options{Context: tt.ctx})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tt.wantErr) || (tt.wantErr == "") != (err == nil) {
			t.Errorf("%s in %v: Compile error %q; want %q", tt.src, tt.ctx, got, tt.wantErr)
		}
	}
}
