// Package serverconf compares the configurations of the servers in front
// of a WordPress site and explains what they make of a slow or large
// response: a clean PHP error, a 502 or a 504.
//
// The readers live in sub-packages, all pure (bytes in, or a site.FS to
// follow includes; nothing is executed or written):
//
//   - nginx: nginx.conf and `nginx -T` output, server/location selection;
//   - phpconf: php-fpm.conf and pools, php.ini, the ini dialect;
//   - apache: httpd.conf / apache2.conf and virtual hosts;
//   - proc: `ps` output → running servers and their config files;
//   - conf: what they share (positions, settings, problems, targets,
//     include sources and globbing).
//
// This package holds the cross-checks the diagnosis runs on what they
// read — CheckTimeouts, CheckHeaderBuffer, CheckSocket, CheckMaxChildren
// and MatchPool. Each returns plain Findings with a stable ID, a
// severity, a message naming the values compared and where each came
// from (file:line or "default"), and the log event kinds the cause
// produces.
package serverconf
