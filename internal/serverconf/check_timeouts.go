package serverconf

import (
	"fmt"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/apache"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/nginx"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/phpconf"
)

// Finding IDs of CheckTimeouts.
const (
	IDFPMKillsFirst     = "timeout.fpm-kills-before-nginx"
	IDNginxGivesUpFirst = "timeout.nginx-gives-up-first"
	IDTimeoutsEqual     = "timeout.equal"
)

// CheckTimeouts compares how long nginx waits for PHP (the backend's
// read timeout) with how long PHP may run: the pool's
// request_terminate_timeout (a wall-clock kill; pool may be nil) and
// php's max_execution_time (CPU time on Linux; a script waiting on the
// database or a remote API does not use it up).
//
//   - terminate < read timeout: FPM kills the worker first; nginx sees
//     the connection reset and answers 502 ("recv() failed (104:
//     Connection reset by peer)"; FPM logs "execution timed out").
//   - read timeout < terminate, or terminate off: nginx gives up first
//     and answers 504 ("upstream timed out (110: Connection timed out)")
//     while PHP carries on, holding a worker (for ever, if terminate is
//     off and the script waits on I/O).
//   - equal: a race; either may be seen.
//
// Only fastcgi backends are compared (for proxy_pass the other side is
// another web server with its own limits); nil b gives no findings.
func CheckTimeouts(b *nginx.Backend, pool *phpconf.Pool, php phpconf.Settings) []Finding {
	if b == nil || b.Module != "fastcgi" {
		return nil
	}
	read := b.ReadTimeout.Value
	var term conf.Setting[time.Duration]
	if pool != nil {
		term = pool.RequestTerminateTimeout
	} else {
		term = conf.DefaultSetting(time.Duration(0), "0")
	}
	met := php.MaxExecutionTime
	ev := []Evidence{
		evidence("fastcgi_read_timeout", b.ReadTimeout),
		evidence("request_terminate_timeout", term),
		evidence("max_execution_time", met),
	}
	cpuNote := ""
	if met.Value > 0 {
		cpuNote = fmt.Sprintf(" max_execution_time (%s) counts CPU time only, so a script waiting on the database or a remote HTTP call is not stopped by it.", fmtDur(met.Value))
	}
	switch t := term.Value; {
	case t > 0 && t < read:
		msg := fmt.Sprintf("PHP-FPM kills a request after %s (request_terminate_timeout, %s) but nginx waits %s (fastcgi_read_timeout, %s): "+
			"a request running longer than %s ends as 502 Bad Gateway; nginx logs \"recv() failed (104: Connection reset by peer) while reading response header from upstream\" "+
			"and FPM logs \"execution timed out ... terminating\".",
			fmtDur(t), term.Where(), fmtDur(read), b.ReadTimeout.Where(), fmtDur(t))
		if met.Value == 0 || met.Value >= t {
			msg += fmt.Sprintf(" PHP's own limit (max_execution_time %s) never gets the chance to end the script with a clean error first.", fmtDur(met.Value))
		} else {
			msg += fmt.Sprintf(" CPU-bound scripts are stopped earlier by max_execution_time (%s) with a PHP fatal error (500); requests waiting on I/O reach the kill.", fmtDur(met.Value))
		}
		return []Finding{{ID: IDFPMKillsFirst, Severity: SeverityWarning, Message: msg, Evidence: ev,
			LogKinds: []string{"upstream-reset", "upstream-closed", "fpm-request-timeout"}}}
	case t == 0 || t > read:
		sev := SeverityInfo
		after := fmt.Sprintf("until request_terminate_timeout (%s) kills it", fmtDur(t))
		if t == 0 {
			sev = SeverityWarning
			after = "with no wall-clock limit (request_terminate_timeout is off), holding a PHP-FPM worker that counts against pm.max_children"
		}
		msg := fmt.Sprintf("nginx stops waiting after %s (fastcgi_read_timeout, %s) and answers 504 Gateway Timeout, logging \"upstream timed out (110: Connection timed out) while reading response header from upstream\"; "+
			"PHP keeps running %s.%s", fmtDur(read), b.ReadTimeout.Where(), after, cpuNote)
		return []Finding{{ID: IDNginxGivesUpFirst, Severity: sev, Message: msg, Evidence: ev,
			LogKinds: []string{"upstream-timeout"}}}
	default: // t == read
		msg := fmt.Sprintf("request_terminate_timeout and fastcgi_read_timeout are both %s: a slow request ends as 502 or 504 depending on which fires first.", fmtDur(read))
		return []Finding{{ID: IDTimeoutsEqual, Severity: SeverityInfo, Message: msg, Evidence: ev,
			LogKinds: []string{"upstream-timeout", "upstream-reset", "fpm-request-timeout"}}}
	}
}

// Finding IDs of CheckApacheTimeouts.
const (
	IDFPMKillsBeforeApache = "timeout.fpm-kills-before-apache"
	IDApacheGivesUpFirst   = "timeout.apache-gives-up-first"
)

// CheckApacheTimeouts is CheckTimeouts for Apache with mod_proxy_fcgi:
// the virtual host's ProxyTimeout (Timeout when unset) against the pool's
// request_terminate_timeout.
//
//   - terminate < ProxyTimeout: FPM kills the worker first; Apache logs
//     "AH01067: Failed to read FastCGI header" and "(104)Connection reset
//     by peer: AH01075: Error dispatching request" and answers 503.
//   - ProxyTimeout < terminate, or terminate off: Apache gives up first
//     ("(70007)The timeout specified has expired: AH01075") and answers
//     504 while PHP carries on, holding a worker.
func CheckApacheTimeouts(v *apache.VHost, pool *phpconf.Pool, php phpconf.Settings) []Finding {
	if v == nil {
		return nil
	}
	wait := v.ProxyTimeout
	term := conf.DefaultSetting(time.Duration(0), "0")
	if pool != nil {
		term = pool.RequestTerminateTimeout
	}
	ev := []Evidence{
		evidence("ProxyTimeout", wait),
		evidence("request_terminate_timeout", term),
		evidence("max_execution_time", php.MaxExecutionTime),
	}
	switch t := term.Value; {
	case t > 0 && t < wait.Value:
		msg := fmt.Sprintf("PHP-FPM kills a request after %s (request_terminate_timeout, %s) but Apache waits %s (ProxyTimeout, %s): "+
			"a request running longer than %s ends as 503 Service Unavailable; Apache logs \"AH01067: Failed to read FastCGI header\" and \"(104)Connection reset by peer: ... AH01075: Error dispatching request\", "+
			"and FPM logs \"execution timed out ... terminating\".", fmtDur(t), term.Where(), fmtDur(wait.Value), wait.Where(), fmtDur(t))
		return []Finding{{ID: IDFPMKillsBeforeApache, Severity: SeverityWarning, Message: msg, Evidence: ev,
			LogKinds: []string{"upstream-reset", "upstream-closed", "fpm-request-timeout"}}}
	case t == 0 || t > wait.Value:
		sev := SeverityInfo
		after := fmt.Sprintf("until request_terminate_timeout (%s) kills it", fmtDur(t))
		if t == 0 {
			sev = SeverityWarning
			after = "with no wall-clock limit (request_terminate_timeout is off), holding a PHP-FPM worker that counts against pm.max_children"
		}
		msg := fmt.Sprintf("Apache stops waiting after %s (ProxyTimeout, %s) and answers 504 Gateway Timeout, logging \"(70007)The timeout specified has expired: ... AH01075\"; PHP keeps running %s.",
			fmtDur(wait.Value), wait.Where(), after)
		return []Finding{{ID: IDApacheGivesUpFirst, Severity: sev, Message: msg, Evidence: ev, LogKinds: []string{"upstream-timeout"}}}
	default:
		msg := fmt.Sprintf("request_terminate_timeout and ProxyTimeout are both %s: a slow request ends as 503 or 504 depending on which fires first.", fmtDur(wait.Value))
		return []Finding{{ID: IDTimeoutsEqual, Severity: SeverityInfo, Message: msg, Evidence: ev,
			LogKinds: []string{"upstream-timeout", "upstream-reset", "fpm-request-timeout"}}}
	}
}
