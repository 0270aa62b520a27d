package inventory

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// muSilentIndex is the size up to which get_mu_plugins() hides index.php
// ("Silence is golden").
const muSilentIndex = 30

type muScan struct {
	plugins []MUPlugin
	subdirs []MUSubdir
}

// scanMU does what wp_get_mu_plugins() does: every entry of the must-use
// directory whose name ends in .php is loaded — hidden names included —
// and sub-folders are not. Like get_mu_plugins(), an index.php of at most
// 30 bytes is left out.
func (s *scanner) scanMU(ctx context.Context, entries []fs.FileInfo) muScan {
	dir := s.inv.Layout.MUPluginDir
	type item struct {
		mu     *MUPlugin
		code   []byte
		subdir string
	}
	items := make([]item, len(entries))
	s.each(len(entries), func(i int) {
		e := entries[i]
		p := path.Join(dir, e.Name())
		fi, ok := s.resolve(ctx, dir, e)
		switch {
		case !ok:
		case fi.IsDir():
			if !strings.HasPrefix(e.Name(), ".") {
				items[i].subdir = e.Name()
			}
		case strings.HasSuffix(e.Name(), ".php"):
			if e.Name() == "index.php" && fi.Size() <= muSilentIndex {
				return
			}
			data, err := s.readHead(ctx, p, codeSize)
			if err != nil {
				s.fail(p, "read", err)
			}
			h := HeaderFields(data, "Plugin Name", "Version", "Description", "Requires PHP")
			m := &MUPlugin{File: e.Name(), Path: p, Size: fi.Size(), Name: h["Plugin Name"],
				Version: h["Version"], Description: h["Description"], RequiresPHP: h["Requires PHP"],
				DynamicLoader: isDynamicLoader(data)}
			if m.Name == "" {
				m.Name = e.Name()
			}
			items[i].mu, items[i].code = m, data
		}
	})
	var out muScan
	for _, it := range items {
		if it.subdir != "" {
			out.subdirs = append(out.subdirs, MUSubdir{Name: it.subdir, Path: path.Join(dir, it.subdir)})
		}
	}
	for _, it := range items {
		if it.mu == nil {
			continue
		}
		for i, sd := range out.subdirs {
			switch {
			case mentionsDir(it.code, sd.Name):
				it.mu.Loads = append(it.mu.Loads, sd.Name)
				out.subdirs[i].LoadedBy = append(out.subdirs[i].LoadedBy, it.mu.File)
			case it.mu.DynamicLoader:
				out.subdirs[i].MaybeLoadedBy = append(out.subdirs[i].MaybeLoadedBy, it.mu.File)
			}
		}
		out.plugins = append(out.plugins, *it.mu)
	}
	sort.Slice(out.plugins, func(i, j int) bool { return out.plugins[i].File < out.plugins[j].File })
	return out
}

// mentionsDir reports whether code names the folder as a path component:
// the name with a path or quote character on each side, as in
// __DIR__ . '/lib/lib.php' or require 'lib/lib.php'.
func mentionsDir(code []byte, name string) bool {
	isSep := func(c byte) bool { return c == '/' || c == '\\' || c == '\'' || c == '"' }
	for off := 0; ; {
		i := bytes.Index(code[off:], []byte(name))
		if i < 0 {
			return false
		}
		i += off
		end := i + len(name)
		before := i == 0 || isSep(code[i-1])
		after := end == len(code) || isSep(code[end])
		if before && after {
			return true
		}
		off = i + 1
	}
}

// isDynamicLoader reports whether code both lists directories and requires
// or includes files: a loader that may load folders it does not name.
func isDynamicLoader(code []byte) bool {
	lists := false
	for _, f := range []string{"glob(", "scandir(", "opendir(", "DirectoryIterator"} {
		if bytes.Contains(code, []byte(f)) {
			lists = true
			break
		}
	}
	return lists && (bytes.Contains(code, []byte("require")) || bytes.Contains(code, []byte("include")))
}
