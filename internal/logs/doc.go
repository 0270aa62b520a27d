// Package logs reads the logs of a broken WordPress site and explains them.
//
// It has four jobs, each in its own files:
//
//   - incremental reading over a site.FS (cursor.go): take a Mark before a
//     probe, then ReadNew returns only the bytes appended since, capped, and
//     Tail reads bounded history; neither ever reads a whole large file;
//   - parsing (php.go, nginx.go, apache.go, fpm.go, slowlog.go): one parser
//     per log format turns lines into typed Events; PHP messages embedded in
//     web-server and FPM lines are extracted and parsed as PHP events;
//   - blame (layout.go, blame.go): a Layout of the site's directories
//     attributes a file path to a plugin, theme, mu-plugin, drop-in or core,
//     and Blame picks the component to blame for an event;
//   - summary (aggregate.go, scan.go): Scan streams a reader through a
//     parser and an Aggregator counts events per signature in bounded memory.
//
// The package is pure: it does no I/O of its own beyond the site.FS it is
// given, holds no global mutable state and is safe to use for many sites at
// once (a Parser or an Aggregator is not safe for concurrent use; make one
// per goroutine).
package logs
