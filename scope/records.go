package scope

import (
	"path/filepath"
	"strings"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/objects"
)

// Besides credentials and objects, the loader reads the metadata that
// holds formulas of records: validation rules, workflow rules and field
// updates, approval processes, assignment rules and flows, in either
// format.

// recordKinds are those metadata types, by their Metadata API suffix; a
// source-format file adds -meta.xml.
var recordKinds = []struct{ kind, suffix string }{
	{"ValidationRule", ".validationRule"},
	{"Workflow", ".workflow"},
	{"ApprovalProcess", ".approvalProcess"},
	{"AssignmentRules", ".assignmentRules"},
	{"Flow", ".flow"},
}

// recordKind tells a file of those types from its path.
func recordKind(path string) (fileKind, bool) {
	base := filepath.Base(path)
	for _, t := range recordKinds {
		for _, suffix := range []string{t.suffix + metaXML, t.suffix} {
			name, ok := strings.CutSuffix(base, suffix)
			if !ok || name == "" {
				continue
			}
			fk := fileKind{kind: t.kind, suffix: suffix, name: name}
			switch t.kind {
			case "ValidationRule":
				// objects/OBJECT/validationRules/NAME.validationRule-meta.xml
				dir := filepath.Dir(path)
				if filepath.Base(dir) != "validationRules" {
					return fileKind{}, false
				}
				fk.object = filepath.Base(filepath.Dir(dir))
			case "ApprovalProcess":
				fk.object, _, _ = strings.Cut(name, ".") // OBJECT.NAME
			case "Workflow", "AssignmentRules":
				fk.object = name
			}
			return fk, true
		}
	}
	return fileKind{}, false
}

// ValidationRule is a validation rule of an object.
type ValidationRule struct {
	Name, Object, File string
	Pos                Pos
	Active             Value
	Condition          Value // errorConditionFormula
}

// Criteria is a Boolean formula of a workflow rule, an approval process
// (its entry or a step's), or an assignment rule's entry; or a field
// update's formula, whose type is its field's.
type Criteria struct {
	// What names it, such as "workflow rule Big_Deal of Opportunity".
	What    string
	Object  string
	Formula Value
	// Field is the field a field update sets; "" for criteria.
	Field string
}

func buildValidationRule(name, object, file string, e *element) *ValidationRule {
	return &ValidationRule{Name: name, Object: object, File: file, Pos: e.Pos,
		Active: valueOf(e, "active"), Condition: rawValueOf(e, "errorConditionFormula")}
}

// addWorkflow reads a workflow file's rule criteria and field updates.
func (p *Project) addWorkflow(object string, root *element) {
	for _, e := range root.Children {
		switch e.Name {
		case "rules":
			if f := rawValueOf(e, "formula"); f.Set && strings.TrimSpace(f.Text) != "" {
				p.Criteria = append(p.Criteria, &Criteria{What: "workflow rule " + valueOf(e, "fullName").Text + " of " + object, Object: object, Formula: f})
			}
		case "fieldUpdates":
			if f := rawValueOf(e, "formula"); f.Set && strings.TrimSpace(f.Text) != "" {
				p.Criteria = append(p.Criteria, &Criteria{What: "field update " + valueOf(e, "fullName").Text + " of " + object,
					Object: object, Formula: f, Field: valueOf(e, "field").Text})
			}
		}
	}
}

// addApprovalProcess reads an approval process's entry criteria and its
// steps' criteria.
func (p *Project) addApprovalProcess(name, object string, root *element) {
	add := func(what string, e *element) {
		if ec := e.child("entryCriteria"); ec != nil {
			if f := rawValueOf(ec, "formula"); f.Set && strings.TrimSpace(f.Text) != "" {
				p.Criteria = append(p.Criteria, &Criteria{What: what, Object: object, Formula: f})
			}
		}
	}
	add("the entry criteria of approval process "+name, root)
	for _, step := range root.Children {
		if step.Name == "approvalStep" {
			add("step "+valueOf(step, "name").Text+" of approval process "+name, step)
		}
	}
}

// addAssignmentRules reads the criteria of assignment rule entries.
func (p *Project) addAssignmentRules(object string, root *element) {
	for _, rule := range root.Children {
		if rule.Name != "assignmentRule" {
			continue
		}
		for _, entry := range rule.Children {
			if entry.Name != "ruleEntry" {
				continue
			}
			if f := rawValueOf(entry, "formula"); f.Set && strings.TrimSpace(f.Text) != "" {
				p.Criteria = append(p.Criteria, &Criteria{What: "assignment rule " + valueOf(rule, "fullName").Text + " of " + object, Object: object, Formula: f})
			}
		}
	}
}

// RecordFormulas returns every formula of the project's records, each with
// its context, object and the type it must return, in file order: formula
// fields and default values, validation rules, criteria and flow formulas.
func (p *Project) RecordFormulas() []FormulaField {
	m := p.Model()
	var out []FormulaField
	for _, o := range p.Objects {
		for _, f := range o.Fields {
			if f.Formula.Set && strings.TrimSpace(f.Formula.Text) != "" {
				t, _ := objects.FormulaType(f.Type.Text)
				out = append(out, FormulaField{What: "formula field " + o.Name + "." + f.Name, Value: f.Formula,
					Context: eval.FormulaFieldContext, Object: o.Name, Result: t, BlankAsBlank: f.TreatBlanksAs.Text == "BlankAsBlank"})
			}
			if f.DefaultValue.Set && strings.TrimSpace(f.DefaultValue.Text) != "" {
				t, _ := objects.FormulaType(f.Type.Text)
				if t == eval.Picklist || t == eval.MultiPicklist {
					t = eval.Text // a picklist's default is the text of a value
				}
				out = append(out, FormulaField{What: "the default value of " + o.Name + "." + f.Name, Value: f.DefaultValue,
					Context: eval.DefaultValueContext, Object: o.Name, Result: t})
			}
		}
		for _, v := range o.ValidationRules {
			if v.Condition.Set {
				out = append(out, FormulaField{What: "validation rule " + v.Name + " of " + o.Name, Value: v.Condition,
					Context: eval.ValidationRuleContext, Object: o.Name, Result: eval.Boolean})
			}
		}
	}
	for _, c := range p.Criteria {
		rf := FormulaField{What: c.What, Value: c.Formula, Context: eval.WorkflowContext, Object: c.Object, Result: eval.Boolean}
		if c.Field != "" {
			rf.Result = eval.Invalid
			if t, err := m.Type(c.Object, c.Field); err == nil {
				rf.Result = t
				if t == eval.Picklist || t == eval.MultiPicklist {
					rf.Result = eval.Text
				}
			}
		}
		out = append(out, rf)
	}
	for _, fl := range p.Flows {
		if fl.Entry.Set && strings.TrimSpace(fl.Entry.Text) != "" {
			out = append(out, FormulaField{What: "the entry condition of flow " + fl.Name, Value: fl.Entry,
				Context: eval.FlowContext, Object: fl.Object, Result: eval.Boolean, Flow: fl})
		}
		for _, f := range fl.Formulas {
			out = append(out, FormulaField{What: "formula " + f.Name + " of flow " + fl.Name, Value: f.Expression,
				Context: eval.FlowContext, Object: fl.Object, Result: flowType(f.DataType), Flow: fl})
		}
	}
	return out
}
