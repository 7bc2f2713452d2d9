package eval

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Field is a merge field a formula can read.
type Field struct {
	// Name is the field as formulas write it, such as $User.Department,
	// $Credential.Billing_API.Username or Amount__c. Look-ups ignore case.
	Name string
	Type Type
	// Secret fields, the $Credential parameters, never print their values.
	Secret bool
	slot   int
}

// Schema is the set of merge fields formulas may read, each bound to a slot
// in [Values]. Build it with [NewSchema] and Declare before compiling; a
// schema must not change while programs compiled against it are in use.
type Schema struct {
	// mu guards fields and index: a look-up under an open namespace
	// declares a field, and compiles may run concurrently.
	mu     sync.RWMutex
	fields []Field
	index  map[string]int // lower-case name → position in fields
	// exact maps names as declared, so that a look-up in the declared
	// case needs no lower-casing, which allocates.
	exact map[string]int
	open  []openNamespace
	// resolvers type fields no one declared; see AddResolver.
	resolvers []Resolver
	// frozen is set by Freeze: no field is declared after it.
	frozen bool
	// pool holds released values, for Acquire.
	pool sync.Pool
}

// Freeze stops the schema from growing: Declare refuses new fields, and a
// look-up under an open namespace no longer declares one. Compile the
// formulas that read the schema first, so that every field they need is
// declared; values made after Freeze hold every field a program compiled
// against the schema reads. Freezing twice is harmless.
func (s *Schema) Freeze() {
	s.mu.Lock()
	s.frozen = true
	s.mu.Unlock()
}

// Frozen reports whether Freeze was called.
func (s *Schema) Frozen() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.frozen
}

// openType returns the type of an undeclared field under one of the
// schema's open namespaces.
func (s *Schema) openType(name string) (Type, bool) {
	key := strings.ToLower(name)
	for _, ns := range s.open {
		if strings.HasPrefix(key, ns.prefix) && len(key) > len(ns.prefix) {
			return ns.typ, true
		}
	}
	return s.resolve(name)
}

// openNamespace declares fields under a prefix on first look-up.
type openNamespace struct {
	prefix string // lower case, such as "$permission."
	typ    Type
	secret bool
}

// NewSchema returns a schema with Salesforce's built-in fields for the
// running user and org: $User.*, $Organization.*, $Profile.Name and
// $UserRole.Name. Declare adds custom fields, permissions and credentials.
func NewSchema() *Schema {
	proto := builtinSchema()
	return &Schema{fields: slices.Clone(proto.fields), index: maps.Clone(proto.index), exact: maps.Clone(proto.exact)}
}

// size returns the number of fields declared so far.
func (s *Schema) size() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.fields)
}

// builtinSchema holds the built-in fields, declared once; NewSchema copies it.
var builtinSchema = sync.OnceValue(func() *Schema {
	s := &Schema{index: make(map[string]int, len(builtinFields)), exact: make(map[string]int, len(builtinFields))}
	for _, f := range builtinFields {
		s.mustDeclare(f.Name, f.Type, false)
	}
	return s
})

// EmptySchema returns a schema with no fields at all.
func EmptySchema() *Schema { return &Schema{index: map[string]int{}, exact: map[string]int{}} }

func (s *Schema) mustDeclare(name string, t Type, secret bool) {
	if _, err := s.Declare(name, t, secret); err != nil {
		panic(err)
	}
}

// Declare adds a field, or returns the existing one when a field of that
// name (in any case) and type exists. Names must be a $Namespace.Name form
// or a custom field ending in __c; $Permission.* fields must be Boolean.
func (s *Schema) Declare(name string, t Type, secret bool) (Field, error) {
	if err := ValidFieldName(name); err != nil {
		return Field{}, err
	}
	if t == Invalid || t == Null || t == Any {
		return Field{}, fmt.Errorf("field %s: %v is not a field type", name, t)
	}
	key := strings.ToLower(name)
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.HasPrefix(key, "$credential.") {
		secret = true
	}
	if strings.HasPrefix(key, "$permission.") && t != Boolean {
		return Field{}, fmt.Errorf("field %s: a permission is Boolean, not %v", name, t)
	}
	if i, ok := s.index[key]; ok {
		f := s.fields[i]
		if f.Type != t {
			return Field{}, fmt.Errorf("field %s is already declared as %v", f.Name, f.Type)
		}
		return f, nil
	}
	if s.frozen {
		return Field{}, fmt.Errorf("field %s: the schema is frozen: declare fields before preparing formulas", name)
	}
	f := Field{Name: name, Type: t, Secret: secret, slot: len(s.fields)}
	s.fields = append(s.fields, f)
	s.index[key] = f.slot
	s.exact[name] = f.slot
	return f, nil
}

// ValidFieldName returns why name cannot name a merge field, or nil: a
// field is $Namespace.Name, $Namespace.Object.Name and so on, or a custom
// field of the record such as Amount__c.
func ValidFieldName(name string) error {
	if name == "" {
		return fmt.Errorf("empty field name")
	}
	for i := 0; i < len(name); i++ {
		if !isFieldChar(name[i], i == 0) {
			return fmt.Errorf("field name %q: character %q is not allowed", name, name[i])
		}
	}
	if strings.HasPrefix(name, "$") {
		if dot := strings.IndexByte(name, '.'); dot < 2 || dot == len(name)-1 {
			return fmt.Errorf("field name %q: want $Namespace.Field", name)
		}
	}
	return nil
}

func isFieldChar(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '$':
		return true
	case first:
		return false
	}
	return c >= '0' && c <= '9' || c == '_' || c == '.' || c == ':' || c == '#'
}

// Lookup returns the field of that name, ignoring case. Until the schema
// is frozen, a name under an open namespace is declared by its first
// look-up.
func (s *Schema) Lookup(name string) (Field, bool) {
	s.mu.RLock()
	i, ok := s.exact[name]
	if ok {
		f := s.fields[i]
		s.mu.RUnlock()
		return f, true
	}
	s.mu.RUnlock()
	key := strings.ToLower(name)
	s.mu.RLock()
	i, ok = s.index[key]
	var f Field
	if ok {
		f = s.fields[i]
	}
	frozen := s.frozen
	s.mu.RUnlock()
	if ok || frozen {
		return f, ok
	}
	for _, ns := range s.open {
		if strings.HasPrefix(key, ns.prefix) && len(key) > len(ns.prefix) {
			f, err := s.Declare(name, ns.typ, ns.secret)
			return f, err == nil
		}
	}
	if t, ok := s.resolve(name); ok {
		f, err := s.Declare(name, t, false)
		return f, err == nil
	}
	return Field{}, false
}

// Open makes every field under prefix, such as "$Permission.", exist with
// type t: a linter that cannot know an org's custom permissions accepts them
// all. Looking up such a field declares it; that is safe while other
// goroutines compile against the schema, but Open itself must be called
// before the schema is shared.
func (s *Schema) Open(prefix string, t Type, secret bool) {
	s.open = append(s.open, openNamespace{prefix: strings.ToLower(prefix), typ: t, secret: secret})
}

// Fields returns every field, sorted by name.
func (s *Schema) Fields() []Field {
	s.mu.RLock()
	out := append([]Field(nil), s.fields...)
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Namespaces returns the distinct $Namespace prefixes of the schema's
// fields, such as $User, sorted.
func (s *Schema) Namespaces() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range s.Fields() {
		if !strings.HasPrefix(f.Name, "$") {
			continue
		}
		ns := f.Name[:strings.IndexByte(f.Name, '.')]
		if !seen[ns] {
			seen[ns] = true
			out = append(out, ns)
		}
	}
	sort.Strings(out)
	return out
}

// builtinFields are the standard fields of the running user and org.
var builtinFields = []Field{
	{Name: "$User.Id", Type: Text},
	{Name: "$User.Username", Type: Text},
	{Name: "$User.FirstName", Type: Text},
	{Name: "$User.LastName", Type: Text},
	{Name: "$User.Name", Type: Text},
	{Name: "$User.CommunityNickname", Type: Text},
	{Name: "$User.Email", Type: Text},
	{Name: "$User.Alias", Type: Text},
	{Name: "$User.Department", Type: Text},
	{Name: "$User.Division", Type: Text},
	{Name: "$User.Title", Type: Text},
	{Name: "$User.CompanyName", Type: Text},
	{Name: "$User.EmployeeNumber", Type: Text},
	{Name: "$User.FederationIdentifier", Type: Text},
	{Name: "$User.ProfileId", Type: Text},
	{Name: "$User.UserRoleId", Type: Text},
	{Name: "$User.ManagerId", Type: Text},
	{Name: "$User.ContactId", Type: Text},
	{Name: "$User.AccountId", Type: Text},
	{Name: "$User.UserType", Type: Text},
	{Name: "$User.TimeZoneSidKey", Type: Text},
	{Name: "$User.LocaleSidKey", Type: Text},
	{Name: "$User.LanguageLocaleKey", Type: Text},
	{Name: "$User.EmailEncodingKey", Type: Text},
	{Name: "$User.Phone", Type: Text},
	{Name: "$User.MobilePhone", Type: Text},
	{Name: "$User.Extension", Type: Text},
	{Name: "$User.Fax", Type: Text},
	{Name: "$User.Street", Type: Text},
	{Name: "$User.City", Type: Text},
	{Name: "$User.State", Type: Text},
	{Name: "$User.PostalCode", Type: Text},
	{Name: "$User.Country", Type: Text},
	{Name: "$User.IsActive", Type: Boolean},
	{Name: "$User.CreatedDate", Type: DateTime},
	{Name: "$User.LastModifiedDate", Type: DateTime},
	{Name: "$User.LastLoginDate", Type: DateTime},
	{Name: "$User.LastPasswordChangeDate", Type: DateTime},
	{Name: "$User.CreatedById", Type: Text},
	{Name: "$User.LastModifiedById", Type: Text},
	{Name: "$Organization.Id", Type: Text},
	{Name: "$Organization.Name", Type: Text},
	{Name: "$Organization.Division", Type: Text},
	{Name: "$Organization.Street", Type: Text},
	{Name: "$Organization.City", Type: Text},
	{Name: "$Organization.State", Type: Text},
	{Name: "$Organization.PostalCode", Type: Text},
	{Name: "$Organization.Country", Type: Text},
	{Name: "$Organization.Phone", Type: Text},
	{Name: "$Organization.Fax", Type: Text},
	{Name: "$Organization.PrimaryContact", Type: Text},
	{Name: "$Organization.DefaultLocaleSidKey", Type: Text},
	{Name: "$Organization.LanguageLocaleKey", Type: Text},
	{Name: "$Organization.TimeZoneSidKey", Type: Text},
	{Name: "$Organization.InstanceName", Type: Text},
	{Name: "$Organization.OrganizationType", Type: Text},
	{Name: "$Organization.IsSandbox", Type: Boolean},
	{Name: "$Profile.Id", Type: Text},
	{Name: "$Profile.Name", Type: Text},
	{Name: "$UserRole.Id", Type: Text},
	{Name: "$UserRole.Name", Type: Text},
}
