package eval

// Resolver types a field a schema has not declared, such as a record's
// Account__r.Owner.Email, which no schema could declare in advance at
// every depth. It reports false for a name that is no field.
type Resolver func(name string) (Type, bool)

// AddResolver makes the schema ask r about a name it does not know: until
// the schema is frozen, a look-up that r types declares the field. Like
// Open, it must be called before the schema is shared.
func (s *Schema) AddResolver(r Resolver) { s.resolvers = append(s.resolvers, r) }

// resolve asks the resolvers about name.
func (s *Schema) resolve(name string) (Type, bool) {
	for _, r := range s.resolvers {
		if t, ok := r(name); ok && t != Invalid && t != Null && t != Any {
			return t, true
		}
	}
	return Invalid, false
}
