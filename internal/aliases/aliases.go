// Package aliases reads WP-CLI alias files — wp-cli.yml in the project and
// ~/.wp-cli/config.yml (or $WP_CLI_CONFIG_PATH) — the way WP-CLI's
// Configurator and Runner do:
//
//	@shop:
//	  ssh: deploy@shop.example.com:2222/var/www/shop
//	  url: https://shop.example.com
//	@blog:
//	  ssh: ssh:blog.example.com~/public_html
//	@clients:
//	  - @shop
//	  - @blog
//
// A key matching ^@[A-Za-z0-9-_.]+$ is an alias; a list value makes it a
// group of aliases; @all is every alias that is not a group. Other keys of
// the files (WP-CLI's own settings) are ignored. An unknown alias in a
// group is an error naming it, reported when the group is used, as in
// WP-CLI. The package is pure: it reads files and parses, nothing more.
package aliases

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/target"
)

// ErrBadAlias is wrapped by every error about an alias or a group.
var ErrBadAlias = errors.New("bad alias")

// ErrUnknown is wrapped when an alias that is asked for is not defined.
var ErrUnknown = errors.New("unknown alias")

// All is the implicit group of every alias.
const All = "@all"

var nameRE = regexp.MustCompile(`^@[A-Za-z0-9-_.]+$`)

// ValidName reports whether s is a well-formed alias name (with its @).
func ValidName(s string) bool { return nameRE.MatchString(s) }

// Alias is one site alias.
type Alias struct {
	Name   string        `json:"name"`   // "@shop"
	Target target.Target `json:"target"` // where it is: SSH endpoint and path, or a local path
	URL    string        `json:"url,omitempty"`
	// WPUser is WP-CLI's "user": the WordPress user its commands run as.
	// It is not the SSH user (that one is in ssh:).
	WPUser string `json:"wp_user,omitempty"`
	// Key is a private key file for SSH ("key:").
	Key string `json:"key,omitempty"`
	// Source is the file and line that defined the alias.
	Source string `json:"source"`
	// Err says why the alias cannot be used (a bad ssh:, an http: alias),
	// reported when it is used.
	Err error `json:"-"`
}

// Set is the aliases and groups of the loaded files.
type Set struct {
	aliases map[string]Alias
	groups  map[string]group
}

type group struct {
	members []string
	source  string
}

// Names lists the aliases (not the groups), sorted.
func (s *Set) Names() []string {
	out := make([]string, 0, len(s.aliases))
	for n := range s.aliases {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Groups lists the groups, sorted (without the implicit @all).
func (s *Set) Groups() []string {
	out := make([]string, 0, len(s.groups))
	for n := range s.groups {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Lookup returns one alias (not a group).
func (s *Set) Lookup(name string) (Alias, error) {
	if a, ok := s.aliases[name]; ok {
		return a, a.Err
	}
	if _, ok := s.groups[name]; ok || name == All {
		return Alias{}, fmt.Errorf("%w: %s is a group, not a single site", ErrBadAlias, name)
	}
	return Alias{}, s.unknown(name)
}

// Resolve expands an alias or a group (or @all) into its aliases: a group
// in member order, @all sorted by name, each alias once. A group may name
// other groups.
func (s *Set) Resolve(name string) ([]Alias, error) {
	if name == All {
		out := make([]Alias, 0, len(s.aliases))
		for _, n := range s.Names() {
			out = append(out, s.aliases[n])
		}
		return out, nil
	}
	var out []Alias
	seen := map[string]bool{}
	if err := s.expand(name, &out, seen, nil); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Set) expand(name string, out *[]Alias, seen map[string]bool, path []string) error {
	if a, ok := s.aliases[name]; ok {
		if !seen[name] {
			seen[name] = true
			*out = append(*out, a)
		}
		return nil
	}
	g, ok := s.groups[name]
	if !ok {
		if len(path) > 0 {
			return fmt.Errorf("%w: group %s (%s) contains an unknown alias: %s", ErrBadAlias, path[len(path)-1], s.groups[path[len(path)-1]].source, name)
		}
		return s.unknown(name)
	}
	for _, p := range path {
		if p == name {
			return fmt.Errorf("%w: group %s contains itself (%s)", ErrBadAlias, name, strings.Join(append(path, name), " → "))
		}
	}
	for _, m := range g.members {
		if err := s.expand(m, out, seen, append(path, name)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Set) unknown(name string) error {
	if len(s.aliases)+len(s.groups) == 0 {
		return fmt.Errorf("%w: %s (no aliases defined in wp-cli.yml or ~/.wp-cli/config.yml)", ErrUnknown, name)
	}
	return fmt.Errorf("%w: %s (defined: %s)", ErrUnknown, name, strings.Join(append(s.Names(), s.Groups()...), ", "))
}
