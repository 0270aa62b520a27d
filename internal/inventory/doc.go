// Package inventory builds an exact picture of a WordPress install's
// components — plugins, must-use plugins, drop-ins, themes and the
// .maintenance flag — by reading its files through a site.FS, the way
// WordPress itself finds them (get_plugins(), get_mu_plugins(),
// _get_dropins(), search_theme_directories(), get_file_data()).
//
// The FS may be SFTP on a remote server, so Scan keeps the number of calls
// small: each directory is listed once, and only the first bytes of each
// candidate file are read with one ReadRange (8 KiB for headers, 64 KiB for
// must-use plugins and drop-ins, whose code is searched). Calls are issued
// from a few goroutines at once so that a remote FS can pipeline them.
//
// Scan knows nothing about the database: the caller passes what it read from
// it (active_plugins, active_sitewide_plugins, stylesheet, template) to
// SetActive and SetActiveTheme. ParseActivePlugins decodes the raw option
// value (multisite.ParseSitewide the network's).
//
// Ordering is deterministic: plugins by plugin file id (byte order, not
// WordPress's natural case-insensitive sort by name, which is unstable for
// equal names), must-use plugins by file name (their load order), drop-ins,
// orphans, sub-folders and themes by name.
package inventory
