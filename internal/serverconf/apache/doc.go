// Package apache reads Apache httpd configuration far enough to diagnose
// PHP-FPM hand-offs: Include/IncludeOptional with globs relative to
// ServerRoot, ${VAR} from Define and Debian's envvars, and per
// <VirtualHost> summaries (names, DocumentRoot, logs, Timeout,
// ProxyTimeout, SetHandler "proxy:unix:...|fcgi://" and ProxyPassMatch
// targets) with the global values they inherit. Conditional sections
// (<IfModule>, <IfDefine>, <If>) are read as if true.
package apache
