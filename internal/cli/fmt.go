package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/credscope/credscope/formula"
	"github.com/credscope/credscope/scope"
	"github.com/spf13/cobra"
)

func newFmtCmd(stdio IO) *cobra.Command {
	var write, check, force bool
	cmd := &cobra.Command{
		Use:         "fmt [--write | --check] FILE...|FORMULA",
		Annotations: takesFormula,
		Short:       "Print formulas in canonical form",
		Long: `Print formulas in canonical form: function names and keywords in upper
case, one space around binary operators, ", " between arguments, strings in
double quotes, = for == and <> for !=.

FILE is a file holding one formula, or an SFDX metadata file (.xml), whose
{!…} formulas inside parameterValue elements are formatted with everything
else left byte for byte; a directory stands for the external and named
credential files under it. An argument that is not a file is a formula, and
- reads one from standard input.

With --write the files are replaced atomically, keeping their mode. A file
that is read-only, a symbolic link to a file outside the project, or not
a regular file is refused, and so, unless --force, is a file with more
than one hard link. An interrupted --write leaves no temporary file, and
one left by a killed run is removed by the next. With --check the files that are not in canonical form are listed and the exit
status is 1. A formula with /* comments */ is left as it is, since the
canonical form has none. A formula that does not parse is left as it is
and makes the exit status 1.`,
		Example: `  credscope fmt 'if(contains($User.Department,"Sales"),"sales","")'
  credscope fmt force-app/main/default/externalCredentials/Acme.externalCredential-meta.xml
  credscope fmt --write force-app
  credscope fmt --check force-app`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("fmt needs a FILE or a FORMULA")
			}
			if write && check {
				return usageErrorf("fmt takes --write or --check, not both")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if force && !write {
				return usageErrorf("--force goes with --write")
			}
			f := &formatter{stdio: stdio, write: write, check: check, writer: &fileWriter{force: force}}
			return f.run(args)
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "replace each FILE with its canonical form")
	cmd.Flags().BoolVar(&check, "check", false, "list the files not in canonical form, and exit 1 if there are any")
	cmd.Flags().BoolVar(&force, "force", false, "with --write, replace files that have more than one hard link")
	return cmd
}

// formatter runs credscope fmt.
type formatter struct {
	stdio        IO
	write, check bool
	failed       int // formulas that did not parse, files that could not be written
	unformatted  int // files --check found
	writer       *fileWriter
}

// fileArg is a file to format, and the directory that a symbolic link to
// it must not leave (see writeRoot).
type fileArg struct {
	path, root string
}

func (f *formatter) run(args []string) error {
	files, formulaArg, err := f.expand(args)
	if err != nil {
		return err
	}
	if formulaArg {
		return f.formula(args[0])
	}
	if f.write {
		defer f.writer.watch()()
	}
	for _, file := range files {
		if err := f.file(file); err != nil {
			return err
		}
	}
	switch {
	case f.failed > 0:
		return &statusError{status: exitFormula, err: fmt.Errorf("%d formula(s) or file(s) failed", f.failed), printed: true}
	case f.unformatted > 0:
		return &statusError{status: exitFormula, err: fmt.Errorf("%d file(s) not in canonical form", f.unformatted), printed: true}
	}
	return nil
}

// expand lists the files the arguments name, or reports that the only
// argument is a formula.
func (f *formatter) expand(args []string) (files []fileArg, isFormula bool, err error) {
	for _, a := range args {
		info, statErr := os.Stat(a)
		switch {
		case statErr == nil && info.IsDir():
			found, err := credentialFiles(a)
			if err != nil {
				return nil, false, usageErrorf("%w", err)
			}
			root := writeRoot(a, true)
			for _, path := range found {
				files = append(files, fileArg{path, root})
			}
		case statErr == nil:
			files = append(files, fileArg{a, writeRoot(a, false)})
		case len(args) == 1 && errors.Is(statErr, fs.ErrNotExist) && !strings.HasSuffix(strings.ToLower(a), ".xml"):
			if f.write || f.check {
				return nil, false, usageErrorf("%s: no such file (--write and --check take files)", a)
			}
			return nil, true, nil
		default:
			return nil, false, usageErrorf("%w", statErr)
		}
	}
	return files, false, nil
}

// credentialFiles lists the external and named credential files under dir.
func credentialFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules"):
			return filepath.SkipDir
		case !d.IsDir() && (strings.HasSuffix(path, scope.ExternalCredentialSuffix) || strings.HasSuffix(path, scope.NamedCredentialSuffix)):
			files = append(files, path)
		}
		return nil
	})
	return files, err
}

// formula formats a formula given on the command line, or on standard
// input for -.
func (f *formatter) formula(arg string) error {
	name, src, err := readSource(f.stdio, arg)
	if err != nil {
		return err
	}
	out, err := f.formatText(name, src)
	if err != nil {
		return formulaFailure(f.stdio.Err, err)
	}
	fmt.Fprintln(f.stdio.Out, out)
	return nil
}

// file formats one file and prints, writes or checks the result.
func (f *formatter) file(fa fileArg) error {
	path := fa.path
	data, err := os.ReadFile(path)
	if err != nil {
		return &statusError{status: exitUsage, err: err}
	}
	var out []byte
	if strings.HasSuffix(strings.ToLower(path), ".xml") {
		out = f.formatXML(path, data)
	} else {
		text, err := f.formatText(path, string(data))
		if err != nil {
			fmt.Fprintln(f.stdio.Err, formula.Render(err))
			f.failed++
			text = string(data)
		}
		out = []byte(text)
	}
	changed := !bytes.Equal(out, data)
	switch {
	case f.check:
		if changed {
			f.unformatted++
			fmt.Fprintln(f.stdio.Out, path)
		}
	case f.write:
		if changed {
			if err := f.replace(fa, out); err != nil {
				fmt.Fprintln(f.stdio.Err, "credscope:", err)
				f.failed++
			}
		}
	default:
		_, err := f.stdio.Out.Write(out)
		return err
	}
	return nil
}

// formatText formats a formula, bare or a template, keeping the white space
// around a bare formula and the static text of a template.
func (f *formatter) formatText(name, src string) (string, error) {
	t, err := formula.ParseInput(name, src)
	if err != nil {
		return "", err
	}
	return formula.ApplyEdits(src, f.edits(name, src, t, func(off int) formula.Pos { return posIn(src, off) })), nil
}

// edits returns the replacements that put each expression of a parsed
// template in canonical form, in source order. A template's expressions
// are whole {!…} segments; a bare formula's is the formula without the
// white space around it. An expression with comments is left alone, with a
// warning positioned by pos.
func (f *formatter) edits(name, src string, t *formula.Template, pos func(off int) formula.Pos) []formula.Edit {
	var out []formula.Edit
	bare := !strings.Contains(src, "{!")
	for _, seg := range t.Segments {
		if seg.Expr == nil {
			continue
		}
		e := formula.Edit{Start: seg.Start.Offset, End: seg.End.Offset, Text: "{!" + formula.Format(seg.Expr) + "}"}
		if bare {
			trimmed := strings.TrimSpace(src)
			e.Start = strings.Index(src, trimmed)
			e.End, e.Text = e.Start+len(trimmed), formula.Format(seg.Expr)
		}
		if hasComment(src[e.Start:e.End]) {
			fmt.Fprintf(f.stdio.Err, "%s:%s: the formula has comments, which the canonical form drops; left as it is\n", name, pos(e.Start))
			continue
		}
		if src[e.Start:e.End] != e.Text {
			out = append(out, e)
		}
	}
	// The canonical form can be longer than what was written (NOT for !,
	// spaces around operators); never write a field Salesforce would refuse.
	size := utf16Len(src)
	for _, e := range out {
		size += utf16Len(e.Text) - utf16Len(src[e.Start:e.End])
	}
	if size > formula.MaxLength && utf16Len(src) <= formula.MaxLength {
		fmt.Fprintf(f.stdio.Err, "%s:%s: the canonical form would be %d characters, over Salesforce's %d; left as it is\n", name, pos(0), size, formula.MaxLength)
		return nil
	}
	return out
}

// utf16Len counts characters as Salesforce does, in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// hasComment reports whether formula source holds a /* comment */ outside
// its string literals.
func hasComment(src string) bool {
	var quote byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0 && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			return true
		}
	}
	return false
}

// posIn returns the line and column of byte off of src.
func posIn(src string, off int) formula.Pos {
	off = min(off, len(src))
	line := strings.Count(src[:off], "\n") + 1
	col := utf8.RuneCountInString(src[strings.LastIndexByte(src[:off], '\n')+1:off]) + 1
	return formula.Pos{Offset: off, Line: line, Column: col}
}

// replace writes a file's canonical form in its place, after checking that
// fmt --write may replace it.
func (f *formatter) replace(fa fileArg, data []byte) error {
	target, info, err := f.writer.check(fa.path, fa.root)
	if err != nil {
		return err
	}
	return f.writer.write(target, info, data)
}
