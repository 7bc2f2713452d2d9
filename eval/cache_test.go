package eval

import (
	"fmt"
	"sync"
	"testing"
)

func TestCache(t *testing.T) {
	schema := NewSchema()
	c := NewCache(schema, Options{Result: Text}, 2)
	a1, err := c.Compile(`"a" & $User.Department`)
	if err != nil {
		t.Fatal(err)
	}
	a2, _ := c.Compile(`"a" & $User.Department`)
	if a1 != a2 {
		t.Error("the same source compiled twice")
	}
	if _, err := c.Compile(`1 + 1`); err == nil {
		t.Error("a Number formula compiled with Result Text")
	}
	c.Compile(`"b"`)
	c.Compile(`"c"`) // evicts "a" & $User.Department, the least recently used
	if got := c.Len(); got != 2 {
		t.Errorf("Len() = %d, want 2", got)
	}
	a3, _ := c.Compile(`"a" & $User.Department`)
	if a3 == a1 {
		t.Error("an evicted program was returned")
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := NewCache(NewSchema(), Options{}, 8)
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprintf(`LEN($User.Department) + %d`, i%4)
			prog, err := c.Compile(src)
			if err != nil {
				t.Error(err)
				return
			}
			if prog.Type() != Number {
				t.Errorf("%s: type %v", src, prog.Type())
			}
		}()
	}
	wg.Wait()
	if got := c.Len(); got != 4 {
		t.Errorf("Len() = %d, want 4", got)
	}
}

func BenchmarkCompileSeedCached(b *testing.B) {
	c := NewCache(NewSchema(), Options{Result: Text}, 16)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Compile(seedScope); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrentCompileOpenSchema compiles, concurrently, formulas whose
// look-ups declare fields of an open namespace.
func TestConcurrentCompileOpenSchema(t *testing.T) {
	schema := NewSchema()
	schema.Open("$Permission.", Boolean, false)
	c := NewCache(schema, Options{}, 64)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprintf(`IF($Permission.P%d, "a", "b")`, i%8)
			prog, err := c.Compile(src)
			if err != nil {
				t.Error(err)
				return
			}
			v, err := prog.Eval(schema.NewValues())
			if err != nil || v.Text() != "b" {
				t.Errorf("%s = %v, %v", src, v, err)
			}
		}()
	}
	wg.Wait()
	if n := len(schema.Fields()) - len(NewSchema().Fields()); n != 8 {
		t.Errorf("%d permissions declared, want 8", n)
	}
}
