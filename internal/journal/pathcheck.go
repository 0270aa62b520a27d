package journal

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// ErrOutsideSite means a journal names a path undo must never touch: one
// outside the WordPress root of its site and the folder of its
// wp-config.php, or a site other than the one being restored. A journal is
// a file anyone with the user's rights can write; undo only ever renames,
// edits or removes what a run of wpdoctor could have changed.
var ErrOutsideSite = errors.New("journal names a path outside the site")

// checkPaths validates a loaded journal before anything of it is undone:
// the run's root and config must be plausible (an absolute, clean root that
// is not "/", a wp-config.php in the root or one directory above it), they
// must be the install env names when it names one, and every path of every
// step and of the snapshot must lie inside the root, the config's folder
// or one of env.Dirs (the install's own content folders, from its config).
// Edits only ever apply to the config file itself.
func checkPaths(env Env, info RunInfo, steps []seqStep, snap Snapshot) error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrOutsideSite, fmt.Sprintf(format, a...))
	}
	root, cfg := info.Root, info.Config
	if !cleanAbs(root) || root == "/" {
		return bad("the WordPress root %q is not an absolute folder below /", root)
	}
	if !cleanAbs(cfg) || path.Base(cfg) != "wp-config.php" || (path.Dir(cfg) != root && path.Dir(cfg) != path.Dir(root)) {
		return bad("the config %q is not wp-config.php in %s or the folder above it", cfg, root)
	}
	if env.Root != "" && env.Root != root {
		return bad("it belongs to the install at %s, not to %s", root, env.Root)
	}
	if env.Config != "" && env.Config != cfg {
		return bad("its config is %s, not %s", cfg, env.Config)
	}
	bases := []string{root, path.Dir(cfg)}
	for _, d := range env.Dirs {
		if cleanAbs(d) && d != "/" {
			bases = append(bases, d)
		}
	}
	inside := func(p string) bool {
		if !cleanAbs(p) {
			return false
		}
		for _, b := range bases {
			if p == b {
				return false
			}
		}
		for _, b := range bases {
			if strings.HasPrefix(p, b+"/") {
				return true
			}
		}
		return false
	}
	for _, st := range steps {
		s := st.Step
		switch s.Kind {
		case KindRename:
			if !inside(s.Path) || !inside(s.To) {
				return bad("step %d renames %q to %q", st.Seq, s.Path, s.To)
			}
		case KindEdit:
			if s.Path != cfg {
				return bad("step %d edits %q, not the site's wp-config.php", st.Seq, s.Path)
			}
		case KindCreated, KindNewFile:
			if !inside(s.Path) {
				return bad("step %d removes %q", st.Seq, s.Path)
			}
		case KindMkdir:
			// Undo removes the folder only when empty; a content folder
			// the run created (mu-plugins for the probe agent) is one.
			if !inside(s.Path) && !contentDir(env.Dirs, s.Path) {
				return bad("step %d removes %q", st.Seq, s.Path)
			}
		case KindOption, KindGuardOption:
		default:
			return bad("step %d is of unknown kind %q", st.Seq, s.Kind)
		}
	}
	for p := range snap.Paths {
		if !inside(p) && !contentDir(env.Dirs, p) {
			return bad("its snapshot names %q", p)
		}
	}
	return nil
}

// contentDir says whether p is one of the install's content folders (not
// its root or the config's folder).
func contentDir(dirs []string, p string) bool {
	for _, d := range dirs {
		if d == p && cleanAbs(d) && d != "/" {
			return true
		}
	}
	return false
}

// cleanAbs says whether p is absolute and already clean (no "..", no "//").
func cleanAbs(p string) bool { return strings.HasPrefix(p, "/") && path.Clean(p) == p }
