package inventory

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// DisabledSuffix is what wpdoctor appends to a plugin folder or file to
// disable it by renaming.
const DisabledSuffix = ".wpdoctor-off"

// pluginHeaders are the fields get_plugin_data() reads.
var pluginHeaders = []string{
	"Plugin Name", "Version", "Description", "Author", "Text Domain", "Network",
	"Requires at least", "Requires PHP", "Update URI", "Requires Plugins", "Site Wide Only",
}

// minHeaderFile is the size below which a file cannot hold a Plugin Name.
const minHeaderFile = len("Plugin Name:") + 1

type pluginScan struct {
	plugins []Plugin
	orphans []Orphan
}

// scanPlugins does what get_plugins() does with the plugin directory's
// listing: .php files at the top, and .php files one level down in each
// folder, skipping names that start with a dot.
func (s *scanner) scanPlugins(ctx context.Context, entries []fs.FileInfo) pluginScan {
	dir := s.inv.Layout.PluginDir
	entries = visible(entries)
	results := make([]pluginScan, len(entries))
	s.each(len(entries), func(i int) {
		e := entries[i]
		p := path.Join(dir, e.Name())
		fi, ok := s.resolve(ctx, dir, e)
		switch {
		case !ok:
			results[i].orphans = []Orphan{{Name: e.Name(), Path: p, Reason: "broken symlink"}}
		case fi.IsDir():
			results[i] = s.scanPluginFolder(ctx, e.Name(), p)
		case strings.HasSuffix(e.Name(), DisabledSuffix):
			orig := strings.TrimSuffix(e.Name(), DisabledSuffix)
			results[i].orphans = []Orphan{{Name: e.Name(), Path: p, DisabledSlug: orig,
				Reason: fmt.Sprintf("disabled by wpdoctor (renamed from %s)", orig)}}
		case strings.HasSuffix(e.Name(), ".php"):
			if pl, ok, _ := s.readPlugin(ctx, p, fi, e.Name()); ok {
				pl.Slug, pl.Dir = strings.TrimSuffix(e.Name(), ".php"), p
				results[i].plugins = []Plugin{pl}
			}
		}
	})
	var out pluginScan
	for _, r := range results {
		out.plugins = append(out.plugins, r.plugins...)
		out.orphans = append(out.orphans, r.orphans...)
	}
	sort.Slice(out.plugins, func(i, j int) bool { return out.plugins[i].File < out.plugins[j].File })
	sort.Slice(out.orphans, func(i, j int) bool { return out.orphans[i].Name < out.orphans[j].Name })
	return out
}

// scanPluginFolder reads the .php files directly in one plugin folder.
func (s *scanner) scanPluginFolder(ctx context.Context, name, dir string) pluginScan {
	list, err := s.readDir(ctx, dir)
	if err != nil {
		s.fail(dir, "list", err)
		return pluginScan{orphans: []Orphan{{Name: name, Path: dir, Reason: "unreadable folder: " + err.Error()}}}
	}
	list = visible(list)
	var cands []fs.FileInfo
	var subdirs []string
	for _, e := range list {
		switch {
		case e.IsDir():
			subdirs = append(subdirs, e.Name())
		case strings.HasSuffix(e.Name(), ".php"):
			cands = append(cands, e)
		}
	}
	found := make([]*Plugin, len(cands))
	errs := make([]error, len(cands))
	s.each(len(cands), func(i int) {
		id := name + "/" + cands[i].Name()
		pl, ok, err := s.readPlugin(ctx, path.Join(dir, cands[i].Name()), cands[i], id)
		if ok {
			pl.Slug, pl.Dir = name, dir
			if pl.TextDomain == "" {
				pl.TextDomain = name // get_plugin_data()'s fallback
			}
			found[i] = &pl
		}
		errs[i] = err
	})
	var out pluginScan
	var readErrs []error
	for i, pl := range found {
		if pl != nil {
			out.plugins = append(out.plugins, *pl)
		}
		if errs[i] != nil {
			readErrs = append(readErrs, errs[i])
		}
	}
	if orig, ok := strings.CutSuffix(name, DisabledSuffix); ok {
		return pluginScan{orphans: []Orphan{{Name: name, Path: dir, DisabledSlug: orig,
			HasPluginFile: len(out.plugins) > 0, Reason: fmt.Sprintf("disabled by wpdoctor (renamed from %s)", orig)}}}
	}
	if len(out.plugins) == 0 {
		out.orphans = []Orphan{{Name: name, Path: dir, Reason: orphanReason(list, cands, subdirs, readErrs)}}
	}
	return out
}

// orphanReason says why a folder holds no plugin file.
func orphanReason(list, cands []fs.FileInfo, subdirs []string, readErrs []error) string {
	switch {
	case len(list) == 0:
		return "empty folder"
	case len(readErrs) > 0:
		return "no readable plugin file: " + errors.Join(readErrs...).Error()
	case len(cands) == 0 && len(subdirs) > 0:
		return fmt.Sprintf("no .php file directly in the folder (WordPress does not look into sub-folders: %s)", strings.Join(subdirs, ", "))
	case len(cands) == 0:
		return "no .php file in the folder"
	default:
		return "no .php file with a Plugin Name header in its first 8 KiB"
	}
}

// readPlugin reads a candidate plugin file, whose listing entry is e, as
// get_plugin_data() does. ok is false when it has no Plugin Name header or
// cannot be read (err, also recorded in Errors).
func (s *scanner) readPlugin(ctx context.Context, p string, e fs.FileInfo, id string) (pl Plugin, ok bool, err error) {
	if e.Mode().IsRegular() && e.Size() < int64(minHeaderFile) {
		return Plugin{}, false, nil
	}
	data, err := s.readHead(ctx, p, HeadSize)
	if err != nil {
		s.fail(p, "read", err)
		return Plugin{}, false, err
	}
	h := HeaderFields(data, pluginHeaders...)
	if h["Plugin Name"] == "" {
		return Plugin{}, false, nil
	}
	network := h["Network"]
	if phpFalsy(network) && h["Site Wide Only"] != "" {
		network = h["Site Wide Only"]
	}
	return Plugin{
		File: id, Path: p,
		Name: h["Plugin Name"], Version: h["Version"], Description: h["Description"],
		Author: h["Author"], TextDomain: h["Text Domain"], UpdateURI: h["Update URI"],
		RequiresPHP: h["Requires PHP"], RequiresWP: h["Requires at least"],
		RequiresPlugins: h["Requires Plugins"],
		Network:         lowerASCIIString(network) == "true",
	}, true, nil
}

// lowerASCIIString is PHP 8's strtolower(): ASCII letters only.
func lowerASCIIString(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}

// phpFalsy reports whether PHP treats the string s as false.
func phpFalsy(s string) bool { return s == "" || s == "0" }

// visible drops the entries whose name starts with a dot.
func visible(list []fs.FileInfo) []fs.FileInfo {
	out := make([]fs.FileInfo, 0, len(list))
	for _, e := range list {
		if !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e)
		}
	}
	return out
}
