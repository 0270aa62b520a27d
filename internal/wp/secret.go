package wp

// Secret holds a value that must never be printed, logged, journaled or
// serialized: %v, %s and JSON all show "[redacted]". Reveal gives the value
// to the one place that needs it (the database connection).
type Secret struct{ v string }

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{s} }

// Reveal returns the secret value.
func (s Secret) Reveal() string { return s.v }

// Set reports whether the secret is non-empty.
func (s Secret) Set() bool { return s.v != "" }

func (s Secret) String() string   { return "[redacted]" }
func (s Secret) GoString() string { return "wp.Secret{[redacted]}" }

// MarshalJSON never writes the value.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"[redacted]"`), nil }
