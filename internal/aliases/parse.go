package aliases

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wpdoctor/wpdoctor/internal/target"
)

// Parse reads one alias file's content into set, replacing the aliases and
// groups of the same name (a later file overrides an earlier one, as the
// project's wp-cli.yml overrides the global config). name is the file, for
// messages; home expands "~/" in key:. Structural mistakes (a malformed
// alias name, a value that is neither settings nor a list) are errors
// naming the file and line. A mistake inside one alias (an ssh: that does
// not parse, an http: alias) is kept in Alias.Err and reported when that
// alias is used, so that one bad entry does not stop the others.
func (s *Set) Parse(data []byte, name, home string) error {
	if s.aliases == nil {
		s.aliases, s.groups = map[string]Alias{}, map[string]group{}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(quoteAliases(data), &doc); err != nil {
		return fmt.Errorf("read aliases from %s: %w", name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("%w: %s:%d: the file is not a mapping of settings", ErrBadAlias, name, root.Line)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if !strings.HasPrefix(k.Value, "@") {
			continue // one of WP-CLI's own settings
		}
		at := fmt.Sprintf("%s:%d", name, k.Line)
		if !ValidName(k.Value) {
			return fmt.Errorf("%w: %s: %q is not an alias name (letters, digits, - _ . after the @)", ErrBadAlias, at, k.Value)
		}
		if k.Value == All {
			return fmt.Errorf("%w: %s: @all is every alias; it cannot be defined", ErrBadAlias, at)
		}
		switch v.Kind {
		case yaml.SequenceNode:
			g := group{source: at}
			for _, m := range v.Content {
				if m.Kind != yaml.ScalarNode || !ValidName(m.Value) {
					return fmt.Errorf("%w: %s:%d: group %s: member %q is not an alias name", ErrBadAlias, name, m.Line, k.Value, m.Value)
				}
				g.members = append(g.members, m.Value)
			}
			delete(s.aliases, k.Value)
			s.groups[k.Value] = g
		case yaml.MappingNode:
			var f fields
			if err := v.Decode(&f); err != nil {
				return fmt.Errorf("%w: %s: alias %s: %w", ErrBadAlias, at, k.Value, err)
			}
			a := f.alias(k.Value, home)
			a.Source = at
			delete(s.groups, k.Value)
			s.aliases[k.Value] = a
		default:
			return fmt.Errorf("%w: %s: alias %s needs settings (ssh:, path:, url:) or a list of aliases", ErrBadAlias, at, k.Value)
		}
	}
	return nil
}

// fields are an alias's settings, as WP-CLI names them.
type fields struct {
	SSH       string `yaml:"ssh"`
	Path      string `yaml:"path"`
	URL       string `yaml:"url"`
	User      string `yaml:"user"`
	Key       string `yaml:"key"`
	HTTP      string `yaml:"http"`
	ProxyJump string `yaml:"proxyjump"`
}

func (f fields) alias(name, home string) Alias {
	a := Alias{Name: name, URL: f.URL, WPUser: f.User, Key: expandHome(f.Key, home)}
	switch {
	case f.ProxyJump != "":
		a.Err = fmt.Errorf("%w: %s: proxyjump in an alias is not supported; put ProxyJump in ~/.ssh/config for its host", ErrBadAlias, name)
		return a
	case f.SSH == "" && f.HTTP != "":
		a.Err = fmt.Errorf("%w: %s reaches its site over http: (a WP-CLI server command); wpdoctor needs ssh: or a local path", ErrBadAlias, name)
		return a
	case f.SSH == "" && f.Path == "":
		a.Err = fmt.Errorf("%w: %s has neither an ssh: nor a path: setting", ErrBadAlias, name)
		return a
	case f.SSH == "":
		a.Target = target.Target{Local: true, Path: expandHome(f.Path, home)}
		return a
	}
	t, err := ParseSSH(f.SSH)
	if err != nil {
		a.Err = fmt.Errorf("%w: %s: %w", ErrBadAlias, name, err)
		return a
	}
	switch {
	case f.Path == "":
	case path.IsAbs(f.Path) || strings.HasPrefix(f.Path, "~") || t.Path == "":
		t.Path = f.Path
	default: // relative to the directory ssh: names, as WP-CLI cds there first
		t.Path = path.Join(t.Path, f.Path)
	}
	a.Target = t
	return a
}

// sshRE is WP-CLI's grammar for ssh: (Runner::parse_ssh_url), with the
// schemes wpdoctor cannot use kept so that they get a clear error.
var sshRE = regexp.MustCompile(`^(?:(ssh|docker|docker-compose|docker-compose-run|vagrant):)?(?:([^@:]+)@)?([^:/~@]+)(?::(\d*))?((?:/|~).*)?$`)

// ParseSSH parses WP-CLI's ssh: value, [ssh:][user@]host[:port][/path|~/path],
// into a target. "~/path" (and "~") stays relative to the login directory.
func ParseSSH(s string) (target.Target, error) {
	m := sshRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return target.Target{}, fmt.Errorf("ssh: %q is not [ssh:][user@]host[:port][/path|~/path]", s)
	}
	scheme, user, host, port, p := m[1], m[2], m[3], m[4], m[5]
	if scheme != "" && scheme != "ssh" {
		return target.Target{}, fmt.Errorf("ssh: %q uses %s:, wpdoctor reaches sites over ssh only", s, scheme)
	}
	t := target.Target{User: user, Host: host, Path: p}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return target.Target{}, fmt.Errorf("ssh: %q has a bad port %q", s, port)
		}
		t.Port = n
	}
	if strings.HasPrefix(p, "~") && p != "~" && !strings.HasPrefix(p, "~/") {
		return target.Target{}, fmt.Errorf("ssh: %q: %q names another user's home; use ~/path or an absolute path", s, p)
	}
	if p == "~" {
		t.Path = ""
	}
	return t, nil
}

func expandHome(p, home string) string {
	if home != "" && (p == "~" || strings.HasPrefix(p, "~/")) {
		return path.Join(home, strings.TrimPrefix(p, "~"))
	}
	return p
}

// WP-CLI's YAML parser takes "@shop:" and "- @shop" as they are; in YAML
// 1.2 "@" is reserved and cannot start a plain scalar. quoteAliases quotes
// such keys and list items, line by line (line numbers stay the same).
var (
	bareKeyRE  = regexp.MustCompile(`(?m)^(\s*(?:-\s+)?)(@[^\s:'"#\[\]{},]*)(\s*:(?:\s|$))`)
	bareItemRE = regexp.MustCompile(`(?m)^(\s*-\s+)(@[^\s:'"#\[\]{},]*)(\s*(?:#.*)?)$`)
	flowRE     = regexp.MustCompile(`(?m)^(\s*['"]?@[^:]*['"]?\s*:\s*)(\[[^\]]*\])(\s*(?:#.*)?)$`)
	flowItemRE = regexp.MustCompile(`([\[,]\s*)(@[^\s,\]]*)`)
)

func quoteAliases(data []byte) []byte {
	data = bareKeyRE.ReplaceAll(data, []byte("$1'$2'$3"))
	data = bareItemRE.ReplaceAll(data, []byte("$1'$2'$3"))
	return flowRE.ReplaceAllFunc(data, func(line []byte) []byte {
		m := flowRE.FindSubmatchIndex(line)
		list := flowItemRE.ReplaceAll(line[m[4]:m[5]], []byte("$1'$2'"))
		return append(append(append([]byte{}, line[:m[4]]...), list...), line[m[5]:]...)
	})
}
