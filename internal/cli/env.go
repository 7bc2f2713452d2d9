package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/credscope/credscope/eval"
	"github.com/credscope/credscope/exchange"
	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/internal/suggest"
	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

// envFlags are the flags that describe the running user and the evaluation
// settings, shared by check and eval; scope, token and callout fill in the
// ones they take.
type envFlags struct {
	userFile     string
	sets         []string
	blankAsBlank bool
	now          string
	resultType   string
	// keystore holds the keys SIGN() and SIGN_WITH_CERTIFICATE() sign with.
	keystore string
	// trace compiles with eval.Options.Trace, for eval --explain.
	trace bool
	// project, object and context check a formula of an object's records;
	// record, prior and clone describe the record it is evaluated for.
	project, object, context string
	record, prior            string
	clone                    bool
}

func (f *envFlags) register(cmd *cobra.Command, withValues bool) {
	cmd.Flags().StringVar(&f.userFile, "user", "", "a YAML or JSON `FILE` describing the running user")
	cmd.Flags().StringVar(&f.resultType, "type", "", "the result `TYPE` the formula must have, such as Text")
	registerSet(cmd, &f.sets)
	cmd.Flags().StringVar(&f.project, "project", "", "read objects and their fields from the project in `DIR`, for --object")
	cmd.Flags().StringVar(&f.object, "object", "", "check the formula as one of `OBJECT`'s records, such as Account")
	cmd.Flags().StringVar(&f.context, "context", "", "the `KIND` of formula: credential, formula-field (the default with --object), validation-rule, default-value, workflow or flow")
	if !withValues {
		return
	}
	cmd.Flags().StringVar(&f.record, "record", "", "a YAML or JSON `FILE` of the record's field values, for --object")
	cmd.Flags().StringVar(&f.prior, "prior", "", "a YAML or JSON `FILE` of the record's prior values, for ISCHANGED and PRIORVALUE; without it the record is new")
	cmd.Flags().BoolVar(&f.clone, "clone", false, "the record is a clone, for ISCLONE")
	cmd.Flags().BoolVar(&f.blankAsBlank, "blank-as-blank", false, "keep blank number fields null instead of reading them as zero")
	cmd.Flags().StringVar(&f.now, "now", "", "evaluate NOW(), TODAY() and TIMENOW() at this RFC 3339 `INSTANT`")
	cmd.Flags().StringVar(&f.keystore, "keystore", "", "the `DIR` holding NAME.key and NAME.crt, the keys SIGN() and SIGN_WITH_CERTIFICATE() name")
}

// registerSet adds --set NAME=VALUE, the one definition of the flag for
// every command that takes it; the values land in sets.
func registerSet(cmd *cobra.Command, sets *[]string) {
	cmd.Flags().StringArrayVar(sets, "set", nil, "set a field, as `'$User.Department=Sales'`, over the --user file's value (repeatable)")
}

// env is a schema, values and options built from envFlags.
type env struct {
	schema *eval.Schema
	vals   *eval.Values
	opts   eval.Options
	// run is what each evaluation reads: the clock of --now, and the keys
	// of SIGN() when there is a keystore.
	run eval.Env
	// user is the context file, when --user named one; its permission sets
	// decide principals.
	user *scope.UserContext
	// prep is the project prepared on schema, when there is a project.
	prep *scope.Prepared
	// defaults, when set, gives the values what the project defines, its
	// labels' text, before the user's context and --set.
	defaults func(*eval.Values) error
	// fieldNames, with --object, lists the record's fields a misspelt
	// name may have meant.
	fieldNames func(name string) []string
}

// hint is the did-you-mean of the function or field a formula error, or
// a record file's, reports as unknown; "" when nothing is near.
func (e *env) hint(err error) string {
	if hint := contextHint(err, e.fieldNames != nil); hint != "" {
		return hint
	}
	if hint := suggest.Formula(err, e.schema); hint != "" || e.fieldNames == nil {
		return hint
	}
	kind, name, ok := suggest.Misspelt(err)
	if !ok || kind != suggest.Field {
		return ""
	}
	if hint := suggest.DidYouMean(name, e.fieldNames(name)); hint != "" || e.opts.Context != eval.FlowContext || strings.HasPrefix(name, "$") {
		return hint
	}
	// A flow names the triggering record's fields through $Record.
	if _, ok := e.schema.Lookup("$Record." + name); ok {
		return "a flow reads the record's fields as $Record." + name
	}
	return ""
}

// notInContext matches the error of a function the formula's context lacks.
var notInContext = regexp.MustCompile(`^Function (\S+) may not be used in this type of formula$`)

// contextHint names the --context values whose formulas have the function
// the first error says the formula's context lacks, such as ISCHANGED, and
// --object too when the formula is not an object's; "" for another error.
func contextHint(err error, object bool) string {
	list, ok := formula.AsList(err)
	if !ok || len(list) == 0 {
		return ""
	}
	m := notInContext.FindStringSubmatch(list[0].Msg)
	if m == nil {
		return ""
	}
	fn, ok := eval.LookupFunc(m[1])
	if !ok {
		return ""
	}
	var kinds []string
	for c := eval.FormulaFieldContext; c <= eval.FlowContext; c++ {
		if fn.AvailableIn(c) {
			kinds = append(kinds, strings.ReplaceAll(c.String(), " ", "-"))
		}
	}
	switch {
	case len(kinds) > 0:
	case fn.AvailableIn(eval.CredentialContext):
		return fn.Name + " is for a credential's formulas, without --object"
	default:
		return ""
	}
	add := "--context " + kinds[0]
	if !object {
		add = "--object OBJECT " + add
	}
	return fmt.Sprintf("%s is for %s formulas: add %s", fn.Name, suggest.AndList(kinds), add)
}

func (f *envFlags) build() (*env, error) {
	if f.object == "" {
		if f.project != "" || f.record != "" || f.prior != "" || f.clone {
			return nil, usageErrorf("--project, --record, --prior and --clone need --object")
		}
		context := eval.CredentialContext
		if f.context != "" {
			c, err := parseContext(f.context)
			if err != nil {
				return nil, err
			}
			if c != eval.CredentialContext && c != eval.FlowContext {
				// A formula field, validation rule, default value or
				// workflow criterion belongs to an object's records.
				return nil, usageErrorf("--context %s needs --object: a %s belongs to an object, such as --object Account", f.context, c)
			}
			context = c
		}
		e, err := f.buildWith(eval.NewSchema(), nil)
		if err == nil {
			e.opts.Context = context
		}
		return e, err
	}
	p := &scope.Project{}
	var err error
	if f.project != "" {
		if p, err = scope.Load(f.project); err != nil {
			return nil, fileError(err)
		}
	}
	context := eval.FormulaFieldContext
	if f.context != "" {
		if context, err = parseContext(f.context); err != nil {
			return nil, err
		}
	}
	objectSchema, fields := p.ObjectSchema, func(name string) []string { return p.FieldNames(f.object, name) }
	if context == eval.FlowContext {
		// A flow's formula reads the triggering record as $Record.
		objectSchema = p.FlowSchema
		fields = func(name string) []string { return p.FlowFieldNames(f.object, name) }
	}
	schema, err := objectSchema(f.object)
	if err != nil {
		hint := suggest.DidYouMean(f.object, p.ObjectNames())
		if hint == "" && f.project == "" {
			hint = "a custom object's fields come from its project: add --project DIR"
		}
		return nil, withHint(usageErrorf("--object: %v", err), hint)
	}
	e, err := f.buildWith(schema, func(e *env) { e.defaults = p.SetLabels })
	if err != nil {
		return nil, err
	}
	e.fieldNames, e.opts.Context = fields, context
	return e, nil
}

// parseContext reads --context.
func parseContext(s string) (eval.Context, error) {
	c, ok := eval.ParseContext(s)
	if !ok {
		return 0, usageErrorf("--context %q: want credential, formula-field, validation-rule, default-value, workflow or flow", s)
	}
	return c, nil
}

// applyRecord sets the --record, --prior and --clone values, once the
// formula is compiled and the schema frozen: a field of the files that the
// formula does not read is skipped, one that the object lacks is an error.
func (f *envFlags) applyRecord(e *env) error {
	e.schema.Freeze()
	for _, file := range []struct {
		path  string
		prior bool
	}{{f.record, false}, {f.prior, true}} {
		if file.path == "" {
			continue
		}
		r, err := scope.ReadRecord(file.path)
		if err != nil {
			return fileError(err)
		}
		if e.opts.Context == eval.FlowContext {
			// The file holds the triggering record's fields; a flow
			// reads them as $Record, the prior ones as $Record__Prior too.
			if file.prior {
				if err := r.Under("$Record__Prior.").Apply(e.vals, false); err != nil {
					return withHint(fileError(err), e.hint(err))
				}
			}
			r = r.Under("$Record.")
		}
		if err := r.Apply(e.vals, file.prior); err != nil {
			return withHint(fileError(err), e.hint(err))
		}
	}
	if f.clone {
		return e.vals.SetClone(true)
	}
	return nil
}

// buildPrepared is build on project p's schema: once the user's fields are
// declared, it prepares p's formulas and makes the values after, from the
// frozen schema. The findings of Prepare are left to Compose and the
// exchange, which report them where they matter.
func (f *envFlags) buildPrepared(p *scope.Project) (*env, error) {
	return f.buildWith(p.Schema(), func(e *env) {
		e.prep, _ = p.Prepare(e.schema, e.opts)
	})
}

// buildWith is build on a given schema; prepare, when not nil, runs once
// the schema holds every field of the user and before the values are made.
func (f *envFlags) buildWith(schema *eval.Schema, prepare func(*env)) (*env, error) {
	e := &env{schema: schema}
	e.opts.BlankAsBlank = f.blankAsBlank
	e.opts.Trace = f.trace
	if f.now != "" {
		t, err := time.Parse(time.RFC3339Nano, f.now)
		if err != nil {
			return nil, usageErrorf("--now %q: want an RFC 3339 instant such as 2026-01-01T00:00:00Z", f.now)
		}
		e.run.Now = func() time.Time { return t }
	}
	if f.keystore != "" {
		e.run.Keys = exchange.Keystore{Dir: f.keystore}
	}
	if f.resultType != "" {
		t, ok := eval.ParseType(f.resultType)
		if !ok {
			return nil, usageErrorf("--type %q: want Text, Number, Boolean, Date, DateTime or Time", f.resultType)
		}
		e.opts.Result = t
	}
	var uc *scope.UserContext
	if f.userFile != "" {
		var err error
		uc, err = scope.ReadUserContext(f.userFile)
		if err != nil {
			return nil, fileError(err)
		}
		if err := uc.Declare(e.schema); err != nil {
			return nil, withHint(fileError(err), suggest.Formula(err, e.schema))
		}
	}
	type setting struct{ name, value string }
	var settings []setting
	for _, s := range f.sets {
		name, value, ok := strings.Cut(s, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, usageErrorf("--set %q: want NAME=VALUE, such as '$User.Department=Sales'", s)
		}
		if err := declareGuessed(e.schema, name, value); err != nil {
			return nil, withHint(usageErrorf("--set %s: %v", name, err), suggest.DidYouMean(name, suggest.Fields(e.schema)))
		}
		settings = append(settings, setting{name, value})
	}
	if prepare != nil {
		prepare(e)
	}
	e.vals = e.schema.NewValues()
	if e.defaults != nil {
		if err := e.defaults(e.vals); err != nil {
			return nil, fileError(err)
		}
	}
	e.user = uc
	if uc != nil {
		if err := uc.Apply(e.vals); err != nil {
			return nil, fileError(err)
		}
	}
	for _, s := range settings {
		if err := e.vals.SetString(s.name, s.value); err != nil {
			return nil, usageErrorf("--set %s: %v", s.name, err)
		}
	}
	return e, nil
}

// declareGuessed declares a field set on the command line when the schema
// lacks it, as scope.DeclareField allows; a custom field's type follows its
// value, as in a context file.
func declareGuessed(schema *eval.Schema, name, value string) error {
	t := eval.Text
	if _, err := eval.ParseNumber(strings.TrimSpace(value)); err == nil {
		t = eval.Number
	} else if v := strings.ToLower(strings.TrimSpace(value)); v == "true" || v == "false" {
		t = eval.Boolean
	}
	_, err := scope.DeclareField(schema, name, t)
	return err
}

// fileError reports a bad input file with usage status, rendered with its
// source line when it has a position.
func fileError(err error) error {
	if errors.As(err, new(*fs.PathError)) {
		return &statusError{status: exitUsage, err: err}
	}
	return &statusError{status: exitUsage, err: fmt.Errorf("%s", formula.Render(err))}
}
