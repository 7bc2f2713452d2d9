package scope

import (
	"sync"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/objects"
)

// parseExpression parses a record formula: a bare expression, never a
// template, whatever its string literals hold.
func parseExpression(name, src string) (*formula.Template, error) {
	x, err := formula.Parse(name, src)
	if err != nil {
		return nil, err
	}
	return &formula.Template{Kind: formula.Formula, Segments: []formula.Segment{{Start: x.Pos(), End: x.End(), Expr: x}}}, nil
}

// records holds the record formulas of a prepared project, compiled on
// first use: a credential's callout never needs them.
type records struct {
	once     sync.Once
	formulas []*Formula
	findings []Finding
}

// Records compiles, once, every formula of the project's records (see
// Project.RecordFormulas): each against the schema of its object, or of
// its flow, in its context, with the prepared options' limits. It returns
// them and their errors as findings.
func (pp *Prepared) Records() ([]*Formula, []Finding) {
	r := &pp.records
	r.once.Do(func() {
		m, labels := pp.project.Model(), pp.project.labels()
		schemas := map[string]*eval.Schema{}
		var made []*eval.Schema
		for _, f := range pp.project.RecordFormulas() {
			s := recordSchema(m, labels, f, schemas)
			made = append(made, s)
			pf := f.prepare(s, pp.opts)
			r.formulas = append(r.formulas, pf)
			r.findings = append(r.findings, pf.findings(s)...)
		}
		for _, s := range made {
			s.Freeze()
		}
	})
	return r.formulas, r.findings
}

// recordSchema returns the schema a record formula compiles against: its
// flow's, or its object's, made once per object; an object the model
// lacks reads only the global namespaces.
func recordSchema(m *objects.Model, labels *labelSet, f FormulaField, byObject map[string]*eval.Schema) *eval.Schema {
	if f.Flow != nil {
		return flowSchema(m, labels, f.Flow)
	}
	if s, ok := byObject[f.Object]; ok {
		return s
	}
	s, err := objectSchema(m, labels, f.Object)
	if err != nil {
		s = globalSchema(m, labels)
	}
	byObject[f.Object] = s
	return s
}
