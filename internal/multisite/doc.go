// Package multisite models a WordPress multisite network: its sites (from
// {base}blogs), each with its URL, table prefix, active plugins and theme,
// and the network-activated plugins (active_sitewide_plugins in
// {base}sitemeta).
//
// It is pure: the database is reached only through the narrow DB interface
// (wpdb.DB implements it), so the model, the URL and prefix rules and the
// active_sitewide_plugins codec are tested without a server.
//
// Sitewide keeps active_sitewide_plugins exactly as stored (phpser's
// lossless codec): a value parsed and serialized again gives back the same
// bytes, and a plugin taken out with Without and put back with PutBack
// returns at its original activation time and position, so that a bisect
// that toggles network plugins leaves the row byte-identical.
package multisite
