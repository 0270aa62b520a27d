// Package proc reads a process list (`ps -eo pid,ppid,user,args`, `ps axo
// ...` or `ps aux`) and finds the servers running on a host: nginx,
// PHP-FPM (masters, their config file, workers per pool), Apache,
// LiteSpeed and lsphp, MySQL/MariaDB, Redis, Memcached and Varnish, with
// the configuration file each master was started with, or the
// distribution default when the command line names none.
package proc
