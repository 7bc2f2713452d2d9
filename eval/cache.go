package eval

import (
	"container/list"
	"sync"
)

// Cache compiles formulas against one schema with one set of options, and
// keeps the most recently used programs, keyed by source. Credential
// formulas repeat: every callout of a credential, and every credential of a
// large project, compiles the same few sources, and parsing dominates the
// cost of compiling. A Cache is safe for concurrent use; errors are not
// cached.
type Cache struct {
	schema *Schema
	opts   Options
	size   int

	mu    sync.Mutex
	order *list.List               // most recent first; values are *cacheEntry
	byKey map[string]*list.Element // source → element of order
}

type cacheEntry struct {
	src  string
	prog *Program
}

// NewCache returns a cache of at most size programs compiled against schema
// with opts. The schema must not change while the cache is in use.
func NewCache(schema *Schema, opts Options, size int) *Cache {
	if size < 1 {
		size = 1
	}
	return &Cache{schema: schema, opts: opts, size: size, order: list.New(), byKey: make(map[string]*list.Element, size)}
}

// Compile returns the program for src, compiling it on first use as
// Compile does.
func (c *Cache) Compile(src string) (*Program, error) {
	c.mu.Lock()
	if el, ok := c.byKey[src]; ok {
		c.order.MoveToFront(el)
		prog := el.Value.(*cacheEntry).prog
		c.mu.Unlock()
		return prog, nil
	}
	c.mu.Unlock()

	// Compile outside the lock; two callers may race to compile the same
	// source, and the second simply finds the first's program.
	prog, err := Compile(src, c.schema, c.opts)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[src]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*cacheEntry).prog, nil
	}
	c.byKey[src] = c.order.PushFront(&cacheEntry{src: src, prog: prog})
	if c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).src)
	}
	return prog, nil
}

// Len returns the number of programs cached.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
