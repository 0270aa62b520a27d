package inventory

import (
	"context"
	"io/fs"
	"path"
	"sort"
)

// dropinSpec is one drop-in WordPress knows, from _get_dropins().
type dropinSpec struct {
	file      string
	purpose   string
	multisite bool // only on multisite
}

// dropinSpecs lists the drop-ins in _get_dropins() order.
var dropinSpecs = []dropinSpec{
	{"advanced-cache.php", "Advanced caching plugin.", false},
	{"db.php", "Custom database class.", false},
	{"db-error.php", "Custom database error message.", false},
	{"install.php", "Custom installation script.", false},
	{"maintenance.php", "Custom maintenance message.", false},
	{"object-cache.php", "External object cache.", false},
	{"php-error.php", "Custom PHP error message.", false},
	{"fatal-error-handler.php", "Custom PHP fatal error handler.", false},
	{"sunrise.php", "Executed before Multisite is loaded.", true},
	{"blog-deleted.php", "Custom site deleted message.", true},
	{"blog-inactive.php", "Custom site inactive message.", true},
	{"blog-suspended.php", "Custom site suspended message.", true},
}

// DropinNames returns the file names of every drop-in WordPress knows,
// multisite-only ones included, in _get_dropins() order.
func DropinNames() []string {
	out := make([]string, len(dropinSpecs))
	for i, d := range dropinSpecs {
		out[i] = d.file
	}
	return out
}

// DropinLoads says whether and when WordPress loads the named drop-in under
// the constants c. It returns LoadNever and "" for a name that is not a
// drop-in.
func DropinLoads(file string, c Constants) (Load, string) {
	for _, d := range dropinSpecs {
		if d.file == file && d.multisite && !c.Multisite {
			return LoadNever, "never: a multisite-only drop-in on a single site"
		}
	}
	switch file {
	case "advanced-cache.php":
		if c.WPCache {
			return LoadAlways, "on every request, early in wp-settings.php, because WP_CACHE is true"
		}
		return LoadNever, "never: WP_CACHE is not true"
	case "db.php":
		return LoadAlways, "on every request, in place of the wpdb class"
	case "object-cache.php":
		return LoadAlways, "on every request, in place of the object cache"
	case "fatal-error-handler.php":
		if c.DisableFatalErrorHandler {
			return LoadNever, "never: WP_DISABLE_FATAL_ERROR_HANDLER is true"
		}
		return LoadAlways, "on every request, as the fatal error handler"
	case "php-error.php":
		if c.DisableFatalErrorHandler {
			return LoadNever, "never: WP_DISABLE_FATAL_ERROR_HANDLER is true"
		}
		return LoadOnEvent, "when a fatal PHP error is handled, to print the error page"
	case "db-error.php":
		return LoadOnEvent, "when WordPress cannot connect to the database"
	case "install.php":
		return LoadOnEvent, "during installation"
	case "maintenance.php":
		return LoadOnEvent, "while maintenance mode is on (a fresh .maintenance file)"
	case "sunrise.php":
		if c.Sunrise {
			return LoadAlways, "on every request, before multisite is loaded, because SUNRISE is defined"
		}
		return LoadNever, "never: SUNRISE is not defined"
	case "blog-deleted.php":
		return LoadOnEvent, "when the requested site is deleted"
	case "blog-inactive.php":
		return LoadOnEvent, "when the requested site is inactive"
	case "blog-suspended.php":
		return LoadOnEvent, "when the requested site is archived or spam"
	}
	return LoadNever, ""
}

// scanDropins reads the known drop-ins present in the content directory's
// listing. Owners are resolved later, once plugins are known.
func (s *scanner) scanDropins(ctx context.Context, entries []fs.FileInfo) []Dropin {
	dir := s.inv.Layout.ContentDir
	byName := make(map[string]fs.FileInfo, len(entries))
	for _, e := range entries {
		byName[e.Name()] = e
	}
	var present []dropinSpec
	for _, d := range dropinSpecs {
		if _, ok := byName[d.file]; ok {
			present = append(present, d)
		}
	}
	out := make([]Dropin, len(present))
	s.each(len(present), func(i int) {
		d := present[i]
		e := byName[d.file]
		di := Dropin{File: d.file, Path: path.Join(dir, d.file), Purpose: d.purpose, Name: d.file,
			Symlink: e.Mode()&fs.ModeSymlink != 0}
		di.Loads, di.LoadsWhen = DropinLoads(d.file, s.inv.Constants)
		fi, ok := s.resolve(ctx, dir, e)
		if !ok {
			di.Loads, di.LoadsWhen = LoadNever, "never: a broken symlink (file_exists() is false)"
			di.broken = true
			out[i] = di
			return
		}
		if fi.IsDir() {
			// file_exists() is true for it: WordPress lists it and, for
			// the drop-ins it loads, fails to require it.
			di.IsDir, di.Problem = true, "a directory, not a file: WordPress cannot load it (a fatal error where it tries)"
			out[i] = di
			return
		}
		di.Size = fi.Size()
		data, err := s.readHead(ctx, di.Path, codeSize)
		if err != nil {
			s.fail(di.Path, "read", err)
		}
		h := HeaderFields(data, "Plugin Name", "Version")
		if h["Plugin Name"] != "" {
			di.Name = h["Plugin Name"]
		}
		di.Version = h["Version"]
		setOwner(&di, data)
		out[i] = di
	})
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}
