// Package serverconf reads the configuration of the servers in front of a
// WordPress site — nginx, PHP-FPM, php.ini, Apache — and the process list,
// and compares them: the values that decide whether a slow or large
// response ends as a clean error, a 502 or a 504.
//
// Everything here is pure. Parsers take bytes, or a site.FS to follow
// includes, so the same code reads a server over SFTP, a fixture tree in
// tests, or the output of `nginx -T`. Nothing is executed and nothing is
// written.
//
// Every value the package reports carries where it came from (a Pos: file
// and line) or is marked as nginx's / PHP's built-in default, so that a
// finding can say "request_terminate_timeout = 8s (/etc/php/8.2/fpm/pool.d/
// www.conf:42) is shorter than fastcgi_read_timeout 60s (default)".
//
// Broken or partly unreadable configurations are the normal case for a
// diagnostic tool: a missing include, an unreadable file or a syntax error
// is recorded as a Problem on the result and parsing carries on with what
// could be read. Only a main file that cannot be read at all is an error.
package serverconf
