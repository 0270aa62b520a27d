package fleet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wpdoctor/wpdoctor/internal/aliases"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

// An inventory file (--inventory) says what WP-CLI aliases cannot:
//
//	defaults:                 # for every site; a site's own settings win
//	  identity: ~/.ssh/agency # or a list
//	  known_hosts: ~/.ssh/known_hosts.agency
//	  strategy: auto
//	  tags: [managed]
//	sites:
//	  shop:
//	    ssh: deploy@shop.example.com:2222/var/www/shop   # WP-CLI's grammar
//	    url: https://shop.example.com
//	    urls: [https://shop.example.com/cart/]
//	    tags: [woo]
//	  blog:
//	    alias: "@blog"        # from wp-cli.yml; settings here override
//	  legacy:
//	    target: legacy@old.example.com:/home/legacy/www  # wpdoctor's target grammar
//
// Unknown settings are errors (a typo must not go unnoticed).
type inventoryFile struct {
	Defaults siteFields            `yaml:"defaults"`
	Sites    map[string]siteFields `yaml:"sites"`
}

type siteFields struct {
	SSH        string     `yaml:"ssh"`
	Target     string     `yaml:"target"`
	Alias      string     `yaml:"alias"`
	Path       string     `yaml:"path"`
	URL        string     `yaml:"url"`
	URLs       []string   `yaml:"urls"`
	Tags       []string   `yaml:"tags"`
	Identity   stringList `yaml:"identity"`
	KnownHosts string     `yaml:"known_hosts"`
	Strategy   string     `yaml:"strategy"`
}

// stringList takes a string or a list of strings.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = []string{n.Value}
		return nil
	}
	var s []string
	if err := n.Decode(&s); err != nil {
		return err
	}
	*l = s
	return nil
}

// ErrInventory is wrapped by the errors about an inventory file.
var ErrInventory = errors.New("bad inventory")

// ReadInventory reads an inventory file into sites sorted by name. set
// resolves alias: entries (it may be nil when none is used); home expands
// "~/" in file settings. An entry that cannot be used keeps its error in
// Site.Err, reported when the fleet runs; a malformed file is an error.
func ReadInventory(r io.Reader, name string, set *aliases.Set, home string) ([]Site, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read inventory %s: %w", name, err)
	}
	var f inventoryFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %s: %w", ErrInventory, name, err)
	}
	if len(f.Sites) == 0 {
		return nil, fmt.Errorf("%w: %s lists no sites (a sites: mapping of name to settings)", ErrInventory, name)
	}
	switch f.Defaults.Strategy {
	case "", "auto", "rename", "db", "isolated":
	default:
		return nil, fmt.Errorf("%w: %s: defaults: strategy %q: want auto, rename, db or isolated", ErrInventory, name, f.Defaults.Strategy)
	}
	if f.Defaults.SSH != "" || f.Defaults.Target != "" || f.Defaults.Alias != "" || f.Defaults.Path != "" || f.Defaults.URL != "" {
		return nil, fmt.Errorf("%w: %s: defaults may set identity, known_hosts, strategy, tags and urls, not where a site is", ErrInventory, name)
	}
	names := make([]string, 0, len(f.Sites))
	for n := range f.Sites {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]Site, 0, len(names))
	for _, n := range names {
		out = append(out, f.Sites[n].site(n, f.Defaults, set, home))
	}
	return out, nil
}

func (sf siteFields) site(name string, def siteFields, set *aliases.Set, home string) Site {
	s := Site{Name: name, URL: sf.URL, Strategy: sf.Strategy, KnownHosts: expand(sf.KnownHosts, home)}
	s.URLs = append(slices.Clone(def.URLs), sf.URLs...)
	s.Tags = append(slices.Clone(def.Tags), sf.Tags...)
	for _, id := range append(slices.Clone(sf.Identity), def.Identity...) {
		s.Identities = append(s.Identities, expand(id, home))
	}
	if s.KnownHosts == "" {
		s.KnownHosts = expand(def.KnownHosts, home)
	}
	if s.Strategy == "" {
		s.Strategy = def.Strategy
	}
	fail := func(format string, a ...any) Site {
		s.Err = fmt.Errorf("%w: site %s: %s", ErrInventory, name, fmt.Sprintf(format, a...))
		return s
	}
	switch s.Strategy {
	case "", "auto", "rename", "db", "isolated":
	default:
		return fail("strategy %q: want auto, rename, db or isolated", s.Strategy)
	}
	n := 0
	for _, v := range []string{sf.SSH, sf.Target, sf.Alias} {
		if v != "" {
			n++
		}
	}
	if n > 1 {
		return fail("give one of ssh:, target: and alias:")
	}
	var err error
	switch {
	case sf.Alias != "":
		if set == nil {
			return fail("alias %s: no alias files were read", sf.Alias)
		}
		a, aerr := set.Lookup(sf.Alias)
		if aerr != nil {
			return fail("%v", aerr)
		}
		s.Target = a.Target
		if s.URL == "" {
			s.URL = a.URL
		}
		if a.Key != "" {
			s.Identities = append([]string{a.Key}, s.Identities...)
		}
	case sf.SSH != "":
		s.Target, err = aliases.ParseSSH(sf.SSH)
	case sf.Target != "":
		s.Target, err = target.Parse(sf.Target)
	case sf.Path != "":
		s.Target = target.Target{Local: true}
	default:
		return fail("say where it is: ssh:, target:, alias: or path:")
	}
	if err != nil {
		return fail("%v", err)
	}
	if sf.Path != "" {
		if path.IsAbs(sf.Path) || strings.HasPrefix(sf.Path, "~") || s.Target.Path == "" {
			s.Target.Path = sf.Path
		} else {
			s.Target.Path = path.Join(s.Target.Path, sf.Path)
		}
	}
	return s
}

func expand(p, home string) string {
	if home != "" && (p == "~" || strings.HasPrefix(p, "~/")) {
		return path.Join(home, strings.TrimPrefix(p, "~"))
	}
	return p
}

// FromAliases makes fleet sites of aliases (an unusable alias keeps its
// error).
func FromAliases(as []aliases.Alias) []Site {
	out := make([]Site, 0, len(as))
	for _, a := range as {
		s := Site{Name: a.Name, Target: a.Target, URL: a.URL, Err: a.Err}
		if a.Key != "" {
			s.Identities = []string{a.Key}
		}
		out = append(out, s)
	}
	return out
}

// Pick selects sites of an inventory by name ("shop" or "@shop"), in the
// order asked, or all of them for "all" (or no names); tags, when given,
// keep the sites with at least one of them.
func Pick(sites []Site, names, tags []string) ([]Site, error) {
	var out []Site
	if len(names) == 0 || len(names) == 1 && (names[0] == "all" || names[0] == aliases.All) {
		out = sites
	} else {
		byName := map[string]Site{}
		for _, s := range sites {
			byName[s.Name] = s
		}
		seen := map[string]bool{}
		for _, n := range names {
			s, ok := byName[n]
			if !ok {
				s, ok = byName[strings.TrimPrefix(n, "@")]
			}
			if !ok {
				return nil, fmt.Errorf("%w: no site %s in the inventory", ErrInventory, n)
			}
			if !seen[s.Name] {
				seen[s.Name] = true
				out = append(out, s)
			}
		}
	}
	if len(tags) == 0 {
		return out, nil
	}
	var tagged []Site
	for _, s := range out {
		for _, t := range tags {
			if slices.Contains(s.Tags, t) {
				tagged = append(tagged, s)
				break
			}
		}
	}
	return tagged, nil
}
