package scope_test

import (
	"errors"
	"testing"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/scope"
	"github.com/google/go-cmp/cmp"
)

// TestDeclareField checks the one rule for fields declared on the fly: a
// permission is Boolean, a credential parameter secret Text, a custom field
// takes its value's type, a field of the schema is returned whatever the
// type, and any other name does not exist.
func TestDeclareField(t *testing.T) {
	type declared struct {
		Name    string
		Type    string
		Secret  bool
		Unknown bool
		Err     string
	}
	tests := []struct {
		name string
		t    eval.Type
		want declared
	}{
		{"$Permission.Approve_Refunds", eval.Number, declared{Name: "$Permission.Approve_Refunds", Type: "Boolean"}},
		{"$Credential.Billing_API.Username", eval.Number, declared{Name: "$Credential.Billing_API.Username", Type: "Text", Secret: true}},
		{"Amount__c", eval.Number, declared{Name: "Amount__c", Type: "Number"}},
		{"$User.Region__C", eval.Text, declared{Name: "$User.Region__C", Type: "Text"}},
		{"$User.Active__c", eval.Boolean, declared{Name: "$User.Active__c", Type: "Boolean"}},
		{"Nothing__c", eval.Null, declared{Unknown: true, Err: "Field Nothing__c does not exist. Check spelling."}},
		{"$User.Departmnt", eval.Text, declared{Unknown: true, Err: "Field $User.Departmnt does not exist. Check spelling."}},
		{"Amount", eval.Number, declared{Unknown: true, Err: "Field Amount does not exist. Check spelling."}},
		{"$User.department", eval.Number, declared{Name: "$User.Department", Type: "Text"}},
		{"$Permission.Approve_Refunds", eval.Text, declared{Name: "$Permission.Approve_Refunds", Type: "Boolean"}},
		{"Bad-Name__c", eval.Text, declared{Err: `field name "Bad-Name__c": character '-' is not allowed`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := scope.DeclareField(eval.NewSchema(), tt.name, tt.t)
			var got declared
			if err != nil {
				var unknown *scope.UnknownFieldError
				got.Unknown, got.Err = errors.As(err, &unknown), err.Error()
			} else {
				got = declared{Name: f.Name, Type: f.Type.String(), Secret: f.Secret}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
