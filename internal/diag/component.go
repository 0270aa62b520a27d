package diag

import (
	"fmt"
	"strings"
)

// Component names a part of the site a verdict can blame, in one form
// everywhere: plugin:<slug>, theme:<stylesheet>, mu-plugin:<file>,
// drop-in:<file> or server:<cause>.
type Component struct {
	Kind Kind
	Name string
}

// String is the ID form, kind:name.
func (c Component) String() string { return string(c.Kind) + ":" + c.Name }

// IsZero reports an empty component.
func (c Component) IsZero() bool { return c.Kind == "" && c.Name == "" }

// ParseComponent parses kind:name for the kinds above.
func ParseComponent(id string) (Component, error) {
	k, name, ok := strings.Cut(id, ":")
	if !ok || name == "" {
		return Component{}, fmt.Errorf("component %q: want kind:name", id)
	}
	switch Kind(k) {
	case KindPlugin, KindTheme, KindMU, KindDropIn, KindServer:
		return Component{Kind: Kind(k), Name: name}, nil
	}
	return Component{}, fmt.Errorf("component %q: unknown kind %q", id, k)
}

// KindOf is the kind of a component ID (KindUnknown when it is not one).
func KindOf(id string) Kind {
	c, err := ParseComponent(id)
	if err != nil || !c.Kind.IsComponent() {
		return KindUnknown
	}
	return c.Kind
}

// ComponentIDs formats components as IDs.
func ComponentIDs(cs []Component) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.String()
	}
	return out
}
