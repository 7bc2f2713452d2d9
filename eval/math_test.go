package eval

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mathRow is a row of Salesforce's conformance corpus (formulaTestV2.xml):
// a formula over the Number fields customnumber1__c, customnumber2__c, …,
// their comma-separated inputs (empty is blank), and the result with blank
// fields as zeros (f) and as blanks (n). "Error" stands for the Java
// exception the corpus names.
type mathRow struct {
	formula, inputs, f, n string
}

// mathCorpus holds corpus rows by the function they exercise.
var mathCorpus = map[string][]mathRow{
	"ABS": {
		{"ABS(customnumber1__c)", "-123456789.123456789", "123456789.123456789", "123456789.123456789"},
		{"ABS(customnumber1__c)", "-0", "0", "0"},
		{"ABS(customnumber1__c)", "-0.00034", "0.00034", "0.00034"},
		{"ABS(customnumber1__c)", "20.12345", "20.12345", "20.12345"},
		{"ABS(customnumber1__c)", "-256", "256", "256"},
		{"ABS(EXP(customnumber1__c))", "", "1.0", "null"},
	},
	"CEILING": {
		{"CEILING(customnumber1__c)", "123456789.123456789", "123456790", "123456790"},
		{"CEILING(customnumber1__c)", "0.00034", "1", "1"},
		{"CEILING(customnumber1__c)", "-.4", "-1", "-1"},
		{"CEILING(customnumber1__c)", "-1.7", "-2", "-2"},
		{"CEILING(customnumber1__c)", "49.55", "50", "50"},
		{"CEILING((customnumber1__c/customnumber2__c)*customnumber2__c)", "7,9", "7", "7"},
		{"SQRT(CEILING(customnumber1__c))", "-.4", "Error", "Error"},
	},
	"FLOOR": {
		{"FLOOR(customnumber1__c)", "20.842345", "20", "20"},
		{"FLOOR(customnumber1__c)", "0.244", "0", "0"},
		{"FLOOR(customnumber1__c)", "-.7", "0", "0"},
		{"FLOOR(customnumber1__c)", "-1.7", "-1", "-1"},
		{"FLOOR((customnumber1__c/customnumber2__c)*customnumber2__c)", "10,11", "10", "10"},
		{"SQRT(FLOOR(customnumber1__c))", "-1.4", "Error", "Error"},
	},
	"MCEILING": {
		{"MCEILING(customnumber1__c)", "123456789.54321", "123456790", "123456790"},
		{"MCEILING(customnumber1__c)", "0.00034", "1", "1"},
		{"MCEILING(customnumber1__c)", "-.4", "0", "0"},
		{"MCEILING(customnumber1__c)", "-1.7", "-1", "-1"},
		{"MCEILING((customnumber1__c/customnumber2__c)*customnumber2__c)", "5,9", "5", "5"},
	},
	"MFLOOR": {
		{"MFLOOR(customnumber1__c)", "49.55", "49", "49"},
		{"MFLOOR(customnumber1__c)", "0.00034", "0", "0"},
		{"MFLOOR(customnumber1__c)", "-.4", "-1", "-1"},
		{"MFLOOR(customnumber1__c)", "-1.4", "-2", "-2"},
		{"MFLOOR((customnumber1__c/customnumber2__c)*customnumber2__c)", "19,9", "19", "19"},
	},
	"ROUND": {
		{"ROUND(customnumber1__c,customnumber2__c)", ".002,2", "0.00", "0.00"},
		{"ROUND(customnumber1__c,customnumber2__c)", "4.47,-1", "0", "0"},
		{"ROUND(customnumber1__c,customnumber2__c)", "-123456.7895,-2", "-123500", "-123500"},
		{"ROUND(customnumber1__c,customnumber2__c)", "20000.000,2", "20000.00", "20000.00"},
		{"ROUND(customnumber1__c,customnumber2__c)", "20.12345,4", "20.1235", "20.1235"},
		{"ROUND(customnumber1__c,customnumber2__c)", "-0.00034,3", "0.000", "0.000"},
		{"ROUND(customnumber1__c,customnumber2__c)", ".24456,", "0", "null"},
		{"ROUND(customnumber1__c,customnumber2__c)", "-256,", "-256", "null"},
		{"ROUND(SQRT(customnumber1__c),customnumber2__c)", "-1,2", "Error", "Error"},
		{"ROUND(PI(),12)", "", "3.141592653590", "3.141592653590"},
	},
	"TRUNC": {
		{"TRUNC(customnumber1__c,customnumber2__c)", "123456.7895,-2", "123400", "123400"},
		{"TRUNC(customnumber1__c,customnumber2__c)", "-4.47,1", "-4.4", "-4.4"},
		{"TRUNC(customnumber1__c,customnumber2__c)", "1234.567,0", "1234", "1234"},
		{"TRUNC(customnumber1__c,customnumber2__c)", "20.12345,4", "20.1234", "20.1234"},
		{"TRUNC(customnumber1__c,customnumber2__c)", ",16", "0", "null"},
		{"TRUNC(SQRT(customnumber1__c),customnumber2__c)", "-0.245,0", "Error", "Error"},
	},
	"MOD": {
		{"MOD(customnumber1__c,customnumber2__c)", "-123456789.123456789, 2", "-1.123456789", "-1.123456789"},
		{"MOD(customnumber1__c,customnumber2__c)", "46,-456", "46", "46"},
		{"MOD(customnumber1__c,customnumber2__c)", "0.24456,0.000045", "0.000030", "0.000030"},
		{"MOD(customnumber1__c,customnumber2__c)", ",16", "0", "null"},
		{"MOD(customnumber1__c * 10000, 2)", "56.925559", "1.590000", "1.590000"},
		{"MOD(EXP(customnumber1__c),CEILING(customnumber2__c))", "30,0", "Error", "Error"},
		{"MOD(EXP(customnumber1__c),CEILING(customnumber2__c))", ",", "Error", "null"},
	},
	"MAX": {
		{"MAX(customNumber1__c,customNumber2__c)", ",24", "24", "null"},
		{"MAX(customNumber1__c,customNumber2__c)", "0.000,0.000", "0.000", "0.000"},
		{"MAX(customNumber1__c,customNumber2__c)", "-1.0,99.0", "99.0", "99.0"},
		{"MAX(customNumber1__c,customNumber2__c)", ".0000000000001,-1000", "0.0000000000001", "0.0000000000001"},
		{"MAX(customNumber1__c,customNumber2__c,customNumber3__c)", "1,49,1.49", "49", "49"},
		{"MAX(customNumber1__c,customNumber2__c,customNumber3__c)", "10,,", "10", "null"},
	},
	"MIN": {
		{"MIN(customNumber1__c,customNumber2__c)", ",24", "0", "null"},
		{"MIN(customNumber1__c,customNumber2__c)", "1.11115,0.00000", "0.00000", "0.00000"},
		{"MIN(customNumber1__c,customNumber2__c)", "600, 0.000600", "0.000600", "0.000600"},
		{"MIN(customNumber1__c,customNumber2__c)", ".0000000000001,-1000", "-1000", "-1000"},
		{"MIN(customNumber1__c,customNumber2__c,customNumber3__c)", "1,99,1.99", "1", "1"},
		{"MIN(customNumber1__c,customNumber2__c,customNumber3__c)", ",,", "0", "null"},
	},
	"SQRT": {
		{"SQRT(customnumber1__c)", "0", "0.0", "0.0"},
		{"SQRT(customnumber1__c)", "4", "2.0", "2.0"},
		{"SQRT(customnumber1__c)", "2", "1.4142135623730951", "1.4142135623730951"},
		{"SQRT(customnumber1__c)", "65536.16", "256.0003124998093", "256.0003124998093"},
		{"IFERROR(SQRT(customnumber1__c),-1)", "", "0.0", "null"},
		{"IFERROR(SQRT(customnumber1__c),-1)", "-24", "-1", "-1"},
		{"ROUND(SQRT(customnumber1__c),customnumber2__c)", "-256,", "Error", "Error"},
	},
	"EXP": {
		{"EXP(customnumber1__c)", "0", "1.0", "1.0"},
		{"EXP(customnumber1__c)", "-10", "0.000045399929762484854", "0.000045399929762484854"},
		{"EXP(customnumber1__c)", "-100", "0.00000000000000000000000000000000", "0.00000000000000000000000000000000"},
		{"EXP(customnumber1__c)", "56", "2091659496012996000000000", "2091659496012996000000000"},
		{"EXP(customnumber1__c)", "110", "592097202766467000000000000000000000000000000000", "592097202766467000000000000000000000000000000000"},
		{"EXP(customnumber1__c)", "20", "485165195.4097903", "485165195.4097903"},
		{"EXP(LOG(customnumber1__c))", "0", "Error", "Error"},
	},
	"LN": {
		{"LN(customnumber1__c)", "1", "0.0", "0.0"},
		{"LN(customnumber1__c)", "2", "0.6931471805599453", "0.6931471805599453"},
		{"LN(customnumber1__c)", "2.56", "0.9400072584914712", "0.9400072584914712"},
		{"LN(customnumber1__c)", "123456789.123456789", "18.63140176716802", "18.63140176716802"},
		{"ROUND(LN(customnumber1__c),customnumber2__c)", "-200,2", "Error", "Error"},
	},
	"LOG": {
		{"Log(customnumber1__c)", "1", "0.0", "0.0"},
		{"Log(customnumber1__c)", "2", "0.30102999566398114", "0.30102999566398114"},
		{"Log(customnumber1__c)", "10000", "4.0", "4.0"},
		{"Log(customnumber1__c)", "123456789.123456789", "8.091514977603564", "8.091514977603564"},
		{"MOD(LOG(customnumber1__c),customnumber2__c)", "0,1", "Error", "Error"},
	},
	"SIN": {
		{"SIN(customnumber1__c)", "", "0.0", "null"},
		{"SIN(customnumber1__c)", "1", "0.8414709848078965", "0.8414709848078965"},
		{"SIN(customnumber1__c)", "3.141592653589793", "0.00000000000000012246467991473532", "0.00000000000000012246467991473532"},
		{"SIN(customnumber1__c)", "-6.283185307179586", "0.00000000000000024492935982947064", "0.00000000000000024492935982947064"},
		{"SIN(customnumber1__c)", "2.718281828459045", "0.41078129050290885", "0.41078129050290885"},
	},
	"COS": {
		{"COS(customnumber1__c)", "", "1.0", "null"},
		{"COS(customnumber1__c)", "-1", "0.5403023058681398", "0.5403023058681398"},
		{"COS(customnumber1__c)", "3.141592653589793", "-1.0", "-1.0"},
		{"COS(customnumber1__c)", "6.283185307179586", "1.0", "1.0"},
		{"COS(customnumber1__c)", "2.718281828459045", "-0.9117339147869651", "-0.9117339147869651"},
	},
	"TAN": {
		{"TAN(customnumber1__c)", "", "0.0", "null"},
		{"TAN(customnumber1__c)", "1", "1.5574077246549023", "1.5574077246549023"},
		{"TAN(customnumber1__c)", "3.141592653589793", "-0.00000000000000012246467991473532", "-0.00000000000000012246467991473532"},
		{"TAN(customnumber1__c)", "-6.283185307179586", "0.00000000000000024492935982947064", "0.00000000000000024492935982947064"},
		{"TAN(customnumber1__c)", "-2.718281828459045", "0.4505495340698077", "0.4505495340698077"},
	},
	"ASIN": {
		{"ASIN(customnumber1__c)", "", "0.0", "null"},
		{"ASIN(customnumber1__c)", "1", "1.5707963267948966", "1.5707963267948966"},
		{"ASIN(customnumber1__c)", "-1", "-1.5707963267948966", "-1.5707963267948966"},
		{"ASIN(customnumber1__c)", "3.141592653589793", "Error", "Error"},
		{"ASIN(customnumber1__c)", "-2.718281828459045", "Error", "Error"},
	},
	"ACOS": {
		{"ACOS(customnumber1__c)", "", "1.5707963267948966", "null"},
		{"ACOS(customnumber1__c)", "1", "0.0", "0.0"},
		{"ACOS(customnumber1__c)", "-1", "3.141592653589793", "3.141592653589793"},
		{"ACOS(customnumber1__c)", "6.283185307179586", "Error", "Error"},
		{"ACOS(customnumber1__c)", "-3.141592653589793", "Error", "Error"},
	},
	"ATAN": {
		{"ATAN(customnumber1__c)", "", "0.0", "null"},
		{"ATAN(customnumber1__c)", "1", "0.7853981633974483", "0.7853981633974483"},
		{"ATAN(customnumber1__c)", "3.141592653589793", "1.2626272556789115", "1.2626272556789115"},
		{"ATAN(customnumber1__c)", "-6.283185307179586", "-1.4129651365067377", "-1.4129651365067377"},
		{"ATAN(customnumber1__c)", "2.718281828459045", "1.2182829050172777", "1.2182829050172777"},
	},
	"ATAN2": {
		{"ATAN2(customnumber1__c,customnumber2__c)", ",24", "0.0", "Error"},
		{"ATAN2(customnumber1__c,customnumber2__c)", "1,", "1.5707963267948966", "Error"},
		{"ATAN2(customnumber1__c,customnumber2__c)", "0.000,0.000", "0.0", "0.0"},
		{"ATAN2(customnumber1__c,customnumber2__c)", "99, -1", "1.5808969933802186", "1.5808969933802186"},
		{"ATAN2(customnumber1__c,customnumber2__c)", "-123456789.123456789,-123456789.123456789", "-2.356194490192345", "-2.356194490192345"},
		{"ATAN2(customnumber1__c,customnumber2__c)", ".0000000000001,1000", "0.00000000000000010", "0.00000000000000010"},
	},
	"PI": {
		{"ROUND(PI(),12)", "", "3.141592653590", "3.141592653590"},
		{"PI()", "", "3.14159265358979323846", "3.14159265358979323846"},
		{"PI() * 2", "", "6.28318530717958647692", "6.28318530717958647692"},
		{"SIN(PI())", "", "0.00000000000000012246467991473532", "0.00000000000000012246467991473532"},
		{"COS(PI())", "", "-1.0", "-1.0"},
	},
}

// evalNumbers compiles src over Number fields customnumber1__c, … holding
// the comma-separated inputs and prints its value, or "Error" when
// evaluation fails.
var fieldRef = regexp.MustCompile(`(?i)customnumber([1-9])__c`)

func evalNumbers(t *testing.T, src, inputs string, blankAsBlank bool) string {
	t.Helper()
	n := 0
	for _, m := range fieldRef.FindAllStringSubmatch(src, -1) {
		n = max(n, int(m[1][0]-'0'))
	}
	in := strings.Split(inputs, ",")[:n]
	schema := EmptySchema()
	for i := range in {
		if _, err := schema.Declare(fmt.Sprintf("customnumber%d__c", i+1), Number, false); err != nil {
			t.Fatal(err)
		}
	}
	prog, err := Compile(src, schema, Options{BlankAsBlank: blankAsBlank})
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	vals := schema.NewValues()
	for i, s := range in {
		if err := vals.SetString(fmt.Sprintf("customnumber%d__c", i+1), s); err != nil {
			t.Fatal(err)
		}
	}
	v, err := prog.Eval(vals, Env{})
	if err != nil {
		return "Error"
	}
	return v.String()
}

func TestMathCorpusRows(t *testing.T) {
	for _, f := range mathFuncs() {
		rows := mathCorpus[f.Name]
		if len(rows) < 5 {
			t.Errorf("%s: only %d corpus rows", f.Name, len(rows))
		}
		for _, r := range rows {
			got := [2]string{evalNumbers(t, r.formula, r.inputs, false), evalNumbers(t, r.formula, r.inputs, true)}
			if diff := cmp.Diff([2]string{r.f, r.n}, got); diff != "" {
				t.Errorf("%s [%s] (blank as zero, blank as blank) (-want +got):\n%s", r.formula, r.inputs, diff)
			}
		}
	}
}

func TestMathExamples(t *testing.T) {
	for _, f := range mathFuncs() {
		if f.Category != "Math" || f.Doc == "" || len(f.Sigs) == 0 {
			t.Errorf("%s: incomplete declaration", f.Name)
		}
		if got := evalNumbers(t, f.Example, "", false); got != f.Want {
			t.Errorf("%s: %s = %s, want %s", f.Name, f.Example, got, f.Want)
		}
	}
}

func TestMathCheckErrors(t *testing.T) {
	many := "MAX(" + strings.Repeat("1, ", 255) + "1)"
	tests := []struct{ src, want string }{
		{"ABS('a')", "Incorrect parameter type for function 'ABS()'. Expected Number, received Text"},
		{"ROUND(1)", "Incorrect number of parameters for function 'ROUND()'. Expected 2, received 1"},
		{"TRUNC(1.5)", "Incorrect number of parameters for function 'TRUNC()'. Expected 2, received 1"},
		{"ATAN2(1, TRUE)", "Incorrect parameter type for function 'ATAN2()'. Expected Number, received Boolean"},
		{"PI(1)", "Incorrect number of parameters for function 'PI()'. Expected 0, received 1"},
		{"MAX(1, 'a')", "Incorrect parameter type for function 'MAX()'. Expected Number, received Text"},
		{"MIN()", "Incorrect number of parameters for function 'MIN()'. Expected 1 or more, received 0"},
		{many, "Incorrect number of parameters for function 'MAX()'. Expected 255, received 256"},
	}
	for _, tt := range tests {
		_, err := Compile(tt.src, EmptySchema(), Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%.40s: error %v, want %q", tt.src, err, tt.want)
		}
	}
	if got := evalNumbers(t, "MAX("+strings.Repeat("1, ", 254)+"2)", "", false); got != "2" {
		t.Errorf("MAX of 255 numbers = %s, want 2", got)
	}
}

func TestMathRuntimeErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"1/0", "Division by zero"},
		{"0/0", "Division undefined"},
		{"MOD(1, 0)", "Division by zero"},
		{"2 ^ 1.5", "Out of range argument to POWER() function"},
		{"SQRT(-1)", "Argument out of range for function 'SQRT()'"},
		{"LN(0)", "Argument out of range for function 'LN()'"},
		{"EXP(1000)", "Result out of range for function 'EXP()'"},
		{"ACOS(2)", "Argument out of range for function 'ACOS()'"},
		{"ATAN2(NULL, 1)", "Null argument for function 'ATAN2()'"},
	}
	for _, tt := range tests {
		schema := EmptySchema()
		prog, err := Compile(tt.src, schema, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		_, err = prog.Eval(schema.NewValues(), Env{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.src, err, tt.want)
		}
	}
}

// TestMathExtremes feeds extreme values to every function: each must end
// quickly with a value or an error, never hang or panic.
func TestMathExtremes(t *testing.T) {
	values := []string{"1E+99999", "-1E+99999", "1E-99999", "1.7976931348623157E+308", "2147483648", "-2147483649", "0.5", "0"}
	for _, f := range mathFuncs() {
		for _, a := range values {
			for _, b := range values {
				src := fmt.Sprintf("%s(customnumber1__c, customnumber2__c)", f.Name)
				switch len(f.Sigs[0].Params) {
				case 0:
					src = f.Name + "() + customnumber1__c + customnumber2__c"
				case 1:
					if !f.Sigs[0].Variadic {
						src = fmt.Sprintf("%s(customnumber1__c) + customnumber2__c", f.Name)
					}
				}
				evalNumbers(t, src, a+","+b, false)
			}
		}
	}
	for _, src := range []string{"customnumber1__c ^ customnumber2__c", "customnumber1__c / customnumber2__c", "customnumber1__c - customnumber2__c"} {
		for _, a := range values {
			for _, b := range values {
				evalNumbers(t, src, a+","+b, false)
			}
		}
	}
	if got := evalNumbers(t, "SIN(customnumber1__c)", "1.7976931348623157E+308", false); got != "0.004961954789184062" {
		t.Errorf("SIN(max double) = %s", got)
	}
}

// TestMathAllocations checks that the integer functions on small numbers
// allocate nothing beyond what reading a field costs.
func TestMathAllocations(t *testing.T) {
	schema := EmptySchema()
	schema.Declare("customnumber1__c", Number, false)
	schema.Declare("customnumber2__c", Number, false)
	vals := schema.NewValues()
	vals.SetString("customnumber1__c", "-12.345")
	vals.SetString("customnumber2__c", "2")
	allocs := func(src string) float64 {
		prog, err := Compile(src, schema, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(100, func() { prog.Eval(vals, Env{}) })
	}
	base := allocs("customnumber1__c")
	for _, src := range []string{
		"ABS(customnumber1__c)", "FLOOR(customnumber1__c)", "CEILING(customnumber1__c)",
		"MFLOOR(customnumber1__c)", "MCEILING(customnumber1__c)",
		"ROUND(customnumber1__c, customnumber2__c)", "TRUNC(customnumber1__c, customnumber2__c)",
		"MOD(customnumber1__c, customnumber2__c)", "MAX(customnumber1__c, customnumber2__c, 3)",
		"customnumber1__c / customnumber2__c", "customnumber1__c * customnumber2__c + 1",
		"customnumber2__c ^ 10", "SQRT(customnumber2__c)", "ATAN(customnumber1__c)",
	} {
		if got := allocs(src); got > base {
			t.Errorf("%s: %v allocations per evaluation, reading a field takes %v", src, got, base)
		}
	}
}
