package conf

// Directive is one configuration directive: its name, arguments (unquoted
// and unescaped), and, for block directives (nginx `server { }`, Apache
// `<VirtualHost>`), the directives inside. Loaders replace include
// directives by the directives of the files they name.
type Directive struct {
	Name     string       `json:"name"`
	Args     []string     `json:"args,omitempty"`
	Block    []*Directive `json:"block,omitempty"`
	HasBlock bool         `json:"has_block,omitempty"`
	Pos      Pos          `json:"pos,omitzero"`
}

// Arg returns argument i, or "" when there are fewer.
func (d *Directive) Arg(i int) string {
	if i < len(d.Args) {
		return d.Args[i]
	}
	return ""
}

// Find returns the directives named name directly in ds, in order.
func Find(ds []*Directive, name string) []*Directive {
	var out []*Directive
	for _, d := range ds {
		if d.Name == name {
			out = append(out, d)
		}
	}
	return out
}
