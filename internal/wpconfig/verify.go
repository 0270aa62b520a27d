package wpconfig

import "fmt"

// verifyOne parses out and checks that s took effect: exactly one
// definition of s.Name, unconditional, effective, with the new value, and
// (when inserted at offset at >= 0) placed before any require of
// wp-settings.php; and that every other definition and include of before is
// unchanged.
func verifyOne(before *Config, out []byte, s Setting, at int) error {
	after, err := Parse(out)
	if err != nil {
		return refuse("the result does not parse: %v", err)
	}
	if err := verify(before, after, []Setting{s}); err != nil {
		return err
	}
	if at < 0 {
		return nil
	}
	d := after.Definitions(s.Name)[0]
	for _, in := range after.Includes {
		if in.Settings && in.StmtSpan.Start < d.StmtSpan.Start {
			return refuse("the place found to insert %s is after wp-settings.php is loaded", s.Name)
		}
	}
	return nil
}

// verify checks after against before for the given settings.
func verify(before, after *Config, settings []Setting) error {
	if after.Damaged {
		return refuse("the result does not parse cleanly (%s)", firstDiag(after))
	}
	targets := map[string]bool{}
	for _, s := range settings {
		targets[s.Name] = true
		defs := after.Definitions(s.Name)
		if len(defs) != 1 {
			return refuse("the result defines %s %d times", s.Name, len(defs))
		}
		d := defs[0]
		if d.Cond != Always || !d.Effective || !sameStatic(d.Value, s.Value.v) {
			return refuse("the result does not define %s as %s unconditionally", s.Name, d.Value.Kind)
		}
	}
	if a, b := summary(before, targets), summary(after, targets); a != b {
		return refuse("the edit would change other definitions")
	}
	return nil
}

// summary describes everything except the targets' definitions, without
// offsets, so that two parses can be compared.
func summary(cfg *Config, targets map[string]bool) string {
	var s []any
	for _, list := range [][]Define{cfg.Defines, cfg.TablePrefixes} {
		for _, d := range list {
			if targets[d.Name] && !d.DynamicName {
				continue
			}
			s = append(s, d.Name, d.DynamicName, d.Form, d.Cond, d.Effective, d.Shadowable, d.Value.Kind, d.Value.Raw)
		}
	}
	for _, in := range cfg.Includes {
		s = append(s, in.Kind, in.Path.Raw, in.Cond, in.Settings)
	}
	return fmt.Sprintf("%q", s)
}
