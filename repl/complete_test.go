package repl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestComplete(t *testing.T) {
	s := newTestSession(t)
	tests := []struct {
		head  string
		word  string
		cands []string
	}{
		{"CONT", "CONT", []string{"CONTAINS("}},
		{"cont", "cont", []string{"contains("}},
		{"NO", "NO", []string{"NOT(", "NOW()"}},
		{"nu", "nu", []string{"null", "nullvalue("}},
		{`IF(ISBL`, "ISBL", []string{"ISBLANK("}},
		{"$User.Dep", "$User.Dep", []string{"$User.Department"}},
		{"$user.dep", "$user.dep", []string{"$User.Department"}},
		{"$Us", "$Us", []string{"$User.", "$UserRole."}},
		{"$Perm", "$Perm", []string{"$Permission."}},
		{"$Permission.", "$Permission.", []string{"$Permission.Approve_Refunds"}},
		{`"CONT`, "", nil},
		{`scope {!a} CONT`, "", nil},
		{`scope {!CONT`, "CONT", []string{"CONTAINS("}},
		{`a /* CONT`, "", nil},
		{`$User.Department.X`, "$User.Department.X", nil},
		{":sc", ":sc", []string{":scope "}},
		{":h", ":h", []string{":help", ":history "}},
		{":scope ", "", []string{"Acme_Billing", "Support_Portal"}},
		{":scope sup", "sup", []string{"Support_Portal"}},
		{":claims A", "A", []string{"Acme_Billing"}},
		{":set $User.Dep", "$User.Dep", []string{"$User.Department"}},
		{`:set $User.Department = LOW`, "LOW", []string{"LOWER("}},
		{":unset $User.Dep", "$User.Dep", []string{"$User.Department"}},
		{":type LEF", "LEF", []string{"LEFT("}},
		{":doc LEF", "LEF", []string{"LEFT"}},
		{":doc :un", ":un", []string{":unset"}},
		{":mode blank-as-b", "blank-as-b", []string{"blank-as-blank"}},
		{":user b", "b", []string{"bob"}},
		{":nosuch ", "", nil},
		{":object opp", "opp", []string{"Opportunity", "OpportunityLineItem"}},
		{":object of", "of", []string{"off"}},
		{"Acc", "Acc", nil}, // no :object, no record fields
		{"Account.", "Account.", nil},
	}
	for _, tt := range tests {
		word, cands := s.complete(tt.head)
		if word != tt.word {
			t.Errorf("complete(%q) word = %q, want %q", tt.head, word, tt.word)
		}
		if diff := cmp.Diff(tt.cands, cands); diff != "" {
			t.Errorf("complete(%q) (-want +got):\n%s", tt.head, diff)
		}
	}
}

func TestCompletePaths(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"dana.yaml", "notes.txt", "proj/sfdx-project.json", ".hidden/x"} {
		path := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := newTestSession(t)
	tests := []struct {
		head  string
		cands []string
	}{
		{":user " + dir + "/", []string{dir + "/dana.yaml", dir + "/proj/"}},
		{":load " + dir + "/", []string{dir + "/proj/"}},
		{":load " + dir + "/.h", []string{dir + "/.hidden/"}},
	}
	for _, tt := range tests {
		_, cands := s.complete(tt.head)
		if diff := cmp.Diff(tt.cands, cands); diff != "" {
			t.Errorf("complete(%q) (-want +got):\n%s", tt.head, diff)
		}
	}
}

func TestCompleterDo(t *testing.T) {
	c := &completer{s: newTestSession(t)}
	line := []rune(`LEN($User.Dep`)
	got, n := c.Do(line, len(line))
	if diff := cmp.Diff([][]rune{[]rune("artment")}, got); diff != "" || n != len("$User.Dep") {
		t.Errorf("Do = %q, %d (-want +got):\n%s", got, n, diff)
	}
}
