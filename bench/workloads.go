// Package bench compares credscope's formula evaluator with expr and cel-go
// on the workloads of an External Credential callout. It is its own module
// so that credscope itself never depends on the engines it is measured
// against.
package bench

import (
	"fmt"
	"strings"
	"time"

	"github.com/credscope/credscope/eval"
)

// clock is the instant NOW() returns in every engine, so that results are
// comparable and repeatable.
var clock = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// atClock evaluates credscope's formulas at clock.
var atClock = eval.Env{Now: func() time.Time { return clock }}

// workload is one formula written for each engine, with the same inputs.
type workload struct {
	name string
	// credscope: a Salesforce formula over merge fields.
	formula string
	fields  map[string]string // merge field → value
	// expr-lang/expr: source and environment.
	expr    string
	exprEnv map[string]any
	// cel-go: source and variables (all strings or timestamps).
	cel     string
	celVars map[string]any
	// want is the result every engine must produce.
	want string
	// native is the hand-written Go floor.
	native func(map[string]any) string
}

const seedFormula = `IF(OR(CONTAINS($User.Department, "Sales"), CONTAINS($User.Department, "Service")), "session:role:" + $User.Department, "")`

func seed(name, dept, want string) workload {
	return workload{
		name:    name,
		formula: seedFormula,
		fields:  map[string]string{"$User.Department": dept},
		expr:    `Department contains "Sales" || Department contains "Service" ? "session:role:" + Department : ""`,
		exprEnv: map[string]any{"Department": dept},
		cel:     `Department.contains("Sales") || Department.contains("Service") ? "session:role:" + Department : ""`,
		celVars: map[string]any{"Department": dept},
		want:    want,
		native: func(env map[string]any) string {
			d := env["Department"].(string)
			if strings.Contains(d, "Sales") || strings.Contains(d, "Service") {
				return "session:role:" + d
			}
			return ""
		},
	}
}

// titles is the native floor's table for case30.
var titles = func() map[string]string {
	m := make(map[string]string, 30)
	for i := 1; i <= 30; i++ {
		m[fmt.Sprintf("title%d", i)] = fmt.Sprintf("scope:%d", i)
	}
	return m
}()

// case30 is a 30-branch CASE on a text field, hitting the 23rd branch.
func case30() workload {
	var sf, ex, ce strings.Builder
	sf.WriteString("CASE($User.Title")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&sf, `, "title%d", "scope:%d"`, i, i)
		fmt.Fprintf(&ex, `Title == "title%d" ? "scope:%d" : `, i, i)
		fmt.Fprintf(&ce, `Title == "title%d" ? "scope:%d" : `, i, i)
	}
	sf.WriteString(`, "scope:none")`)
	ex.WriteString(`"scope:none"`)
	ce.WriteString(`"scope:none"`)
	return workload{
		name:    "case30",
		formula: sf.String(),
		fields:  map[string]string{"$User.Title": "title23"},
		expr:    ex.String(),
		exprEnv: map[string]any{"Title": "title23"},
		cel:     ce.String(),
		celVars: map[string]any{"Title": "title23"},
		want:    "scope:23",
		native: func(env map[string]any) string {
			if s, ok := titles[env["Title"].(string)]; ok {
				return s
			}
			return "scope:none"
		},
	}
}

// expClaim is Salesforce's official exp claim: two minutes from now, in
// seconds since the epoch.
func expClaim() workload {
	epoch := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	return workload{
		name:    "exp-claim",
		formula: `Text(FLOOR((NOW() - DATETIMEVALUE("1970-01-01 00:00:00")) * 86400 + 120))`,
		expr:    `string(int(Now.Sub(Epoch).Seconds()) + 120)`,
		exprEnv: map[string]any{"Now": clock, "Epoch": epoch},
		cel:     `string((Now - timestamp("1970-01-01T00:00:00Z")).getSeconds() + 120)`,
		celVars: map[string]any{"Now": clock},
		want:    "1767225720",
		native: func(env map[string]any) string {
			return fmt.Sprint(int64(env["Now"].(time.Time).Sub(epoch).Seconds()) + 120)
		},
	}
}

// mixed400 is a 400-character formula mixing text functions and arithmetic,
// like a header that carries a user's identity and a computed quota.
func mixed400() workload {
	formula := `UPPER(LEFT($User.FirstName, 1)) & LOWER(MID($User.LastName, 1, 5)) & "-" & ` +
		`SUBSTITUTE(LOWER($User.Department), " ", "_") & ":" & ` +
		`TEXT(FLOOR((LEN($User.Username) * 3 + 17) / 2)) & ":" & ` +
		`IF(BEGINS($User.Email, "alice"), "primary", "secondary") & ":" & ` +
		`TRIM(RIGHT($User.Division, 4)) & ":" & TEXT(MOD(LEN($User.Title) * 7, 5)) & ":" & ` +
		`IF(CONTAINS($User.Title, "Manager"), "mgr", "ic")`
	fields := map[string]string{
		"$User.FirstName": "alice", "$User.LastName": "Nguyenova", "$User.Department": "Customer Service",
		"$User.Username": "alice@acme.example", "$User.Email": "alice@acme.example",
		"$User.Division": "EMEA North", "$User.Title": "Account Manager",
	}
	env := map[string]any{
		"FirstName": "alice", "LastName": "Nguyenova", "Department": "Customer Service",
		"Username": "alice@acme.example", "Email": "alice@acme.example",
		"Division": "EMEA North", "Title": "Account Manager",
	}
	expr := `upper(FirstName[0:1]) + lower(LastName[0:5]) + "-" + ` +
		`replace(lower(Department), " ", "_") + ":" + ` +
		`string(int((len(Username) * 3 + 17) / 2)) + ":" + ` +
		`(hasPrefix(Email, "alice") ? "primary" : "secondary") + ":" + ` +
		`trim(Division[len(Division)-4:]) + ":" + string(len(Title) * 7 % 5) + ":" + ` +
		`(Title contains "Manager" ? "mgr" : "ic")`
	cel := `FirstName.substring(0, 1).upperAscii() + LastName.substring(0, 5).lowerAscii() + "-" + ` +
		`Department.lowerAscii().replace(" ", "_") + ":" + ` +
		`string((size(Username) * 3 + 17) / 2) + ":" + ` +
		`(Email.startsWith("alice") ? "primary" : "secondary") + ":" + ` +
		`Division.substring(size(Division) - 4).trim() + ":" + string(size(Title) * 7 % 5) + ":" + ` +
		`(Title.contains("Manager") ? "mgr" : "ic")`
	return workload{
		name: "mixed400", formula: formula, fields: fields,
		expr: expr, exprEnv: env, cel: cel, celVars: env,
		want: "Anguye-customer_service:35:primary:orth:0:mgr",
		native: func(env map[string]any) string {
			s := func(k string) string { return env[k].(string) }
			div := s("Division")
			out := strings.ToUpper(s("FirstName")[:1]) + strings.ToLower(s("LastName")[:5]) + "-" +
				strings.ReplaceAll(strings.ToLower(s("Department")), " ", "_") + ":" +
				fmt.Sprint((len(s("Username"))*3+17)/2) + ":"
			if strings.HasPrefix(s("Email"), "alice") {
				out += "primary"
			} else {
				out += "secondary"
			}
			out += ":" + strings.TrimSpace(div[len(div)-4:]) + ":" + fmt.Sprint(len(s("Title"))*7%5) + ":"
			if strings.Contains(s("Title"), "Manager") {
				return out + "mgr"
			}
			return out + "ic"
		},
	}
}

// workloads lists the benchmarked workloads; their names are stable, as
// compare.sh reports them.
func workloads() []workload {
	return []workload{
		seed("seed-sales", "Sales", "session:role:Sales"),
		seed("seed-engineering", "Engineering", ""),
		case30(),
		expClaim(),
		mixed400(),
	}
}
