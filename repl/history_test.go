package repl

import (
	"testing"
)

func TestHistoryPath(t *testing.T) {
	tests := []struct {
		env     map[string]string
		want    string
		wantErr bool
	}{
		{env: map[string]string{"XDG_STATE_HOME": "/state", "HOME": "/home/a"}, want: "/state/credscope/history"},
		{env: map[string]string{"HOME": "/home/a"}, want: "/home/a/.local/state/credscope/history"},
		{env: map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/a"}, want: "/home/a/.local/state/credscope/history"},
		{env: map[string]string{}, wantErr: true},
	}
	for _, tt := range tests {
		got, err := historyPath(func(k string) string { return tt.env[k] })
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("historyPath(%v) = %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
}

func TestHistoryLine(t *testing.T) {
	s := newTestSession(t)
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{`1 + 1`}, `1 + 1`},
		{[]string{`IF(a,`, `   b,`, `   c)`}, `IF(a, b, c)`},
		{[]string{`:set $User.Department = "Sales"`}, `:set $User.Department = "Sales"`},
		{[]string{`:set $Credential.Billing_API.Password = "hunter2"`}, ``},
		{[]string{`:se $credential.Billing_API.Password = "hunter2"`}, ``},
	}
	for _, tt := range tests {
		if got := s.historyLine(newEntry(tt.lines, nil, 1)); got != tt.want {
			t.Errorf("historyLine(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}
