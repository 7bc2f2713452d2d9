package objects

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// catalogText is the catalog of standard objects; see the file's header.
//
//go:embed catalog.txt
var catalogText string

// catalog is the parsed catalog: the fields every object has, under "*",
// and the standard objects.
type catalog struct {
	common  []*Field
	objects []*Object
	// bare names the objects without the common fields.
	bare map[string]bool
}

// standard parses the catalog once; a malformed catalog is a bug that the
// catalog test catches.
var standard = sync.OnceValue(func() *catalog {
	c, err := parseCatalog(catalogText)
	if err != nil {
		panic(err)
	}
	return c
})

// Standard returns a model of the standard objects of the catalog, each
// with the fields every object has: a fresh model, which the caller may
// extend.
func Standard() *Model {
	c := standard()
	m := NewModel()
	for _, o := range c.objects {
		var fields []*Field
		if !c.bare[o.Name] {
			fields = append(fields, c.common...)
		}
		m.Add(&Object{Name: o.Name, Fields: append(fields, o.Fields...)})
	}
	return m
}

// StandardObjects returns the names of the catalog's objects, in the
// catalog's order.
func StandardObjects() []string {
	var out []string
	for _, o := range standard().objects {
		out = append(out, o.Name)
	}
	return out
}

// parseCatalog reads the catalog's text.
func parseCatalog(text string) (*catalog, error) {
	c := &catalog{bare: map[string]bool{}}
	var cur *[]*Field
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			if trimmed == "*" {
				cur = &c.common
				continue
			}
			name, bare := strings.CutSuffix(trimmed, " -*")
			c.bare[name] = bare
			c.objects = append(c.objects, &Object{Name: name})
			cur = &c.objects[len(c.objects)-1].Fields
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("catalog line %d: a field before any object", i+1)
		}
		parts := strings.Fields(trimmed)
		f := &Field{Name: parts[0]}
		switch len(parts) {
		case 2:
			f.Type = parts[1]
		case 4:
			f.Type, f.ReferenceTo, f.Relationship = parts[1], strings.Split(parts[2], ","), parts[3]
		default:
			return nil, fmt.Errorf("catalog line %d: want NAME TYPE [REFERENCE_TO RELATIONSHIP], got %q", i+1, trimmed)
		}
		*cur = append(*cur, f)
	}
	return c, nil
}
