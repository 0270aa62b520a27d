// Package nginx reads nginx configuration: a tokenizer and parser that
// follow ngx_conf_read_token, include expansion through a site.FS (or
// among the files of an `nginx -T` dump), and per-server summaries with
// nginx's inheritance (main → http → server → location) and built-in
// defaults: listen, server names, root, error and access logs, and for
// each location that passes requests on, its fastcgi_pass / proxy_pass
// targets (upstream blocks resolved), timeouts and buffers.
//
// SelectServer and Server.LocationFor choose the server block and the
// location nginx would use for a request, following its documented
// matching order.
//
// Every value carries its position (file:line) or is marked as nginx's
// default. Problems (missing includes, syntax errors, limits) are
// collected on the Config; only an unreadable main file is an error.
package nginx
