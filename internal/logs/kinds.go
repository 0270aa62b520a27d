package logs

import "errors"

// ErrUnknownFormat is returned for a Format this package cannot parse.
var ErrUnknownFormat = errors.New("unknown log format")

// Kind says what an event is about, independent of the log it came from:
// an nginx "connect() ... (111: Connection refused)" and an Apache
// "(111)Connection refused: AH00957" are both KindUpstreamRefused.
type Kind string

// PHP and WordPress kinds.
const (
	KindPHPFatal      Kind = "php-fatal"            // Fatal error, uncaught exception, recoverable fatal
	KindPHPMemory     Kind = "php-memory-exhausted" // Allowed memory size ... exhausted; Out of memory
	KindPHPTimeLimit  Kind = "php-time-limit"       // Maximum execution time ... exceeded
	KindPHPParse      Kind = "php-parse-error"
	KindPHPWarning    Kind = "php-warning"
	KindPHPNotice     Kind = "php-notice"
	KindPHPDeprecated Kind = "php-deprecated" // also Strict Standards
	KindPHPOther      Kind = "php-other"      // "PHP Unknown error" and other types
	KindWPDBError     Kind = "wp-db-error"    // WordPress database error ...
	KindMessage       Kind = "message"        // a line written by error_log() without a PHP prefix
)

// Web server kinds (nginx and Apache).
const (
	KindUpstreamClosed     Kind = "upstream-closed"         // upstream prematurely closed; AH01067
	KindUpstreamReset      Kind = "upstream-reset"          // recv() failed (104: Connection reset by peer)
	KindUpstreamHeaderSize Kind = "upstream-header-too-big" // upstream sent too big header
	KindUpstreamNoSocket   Kind = "upstream-no-socket"      // connect() failed (2: No such file or directory)
	KindUpstreamRefused    Kind = "upstream-refused"        // connect() failed (111: Connection refused)
	KindUpstreamBusy       Kind = "upstream-busy"           // connect() failed (11: Resource temporarily unavailable)
	KindUpstreamDenied     Kind = "upstream-denied"         // connect() failed (13: Permission denied)
	KindUpstreamConnect    Kind = "upstream-connect-failed" // connect() failed for another reason
	KindUpstreamTimeout    Kind = "upstream-timeout"        // upstream timed out (110); AH01075 with timeout
	KindUpstreamError      Kind = "upstream-error"          // other upstream protocol errors
	KindNoLiveUpstreams    Kind = "no-live-upstreams"
	KindFastCGIStderr      Kind = "fastcgi-stderr" // FastCGI sent in stderr; AH01071 Got error
	KindBodyTooLarge       Kind = "body-too-large"
	KindFileNotFound       Kind = "file-not-found" // open() failed (2); Primary script unknown: 404 noise
	KindRedirectLoop       Kind = "redirect-loop"  // AH00124; rewrite or internal redirection cycle
	KindWorkersExhausted   Kind = "workers-exhausted"
	KindServer             Kind = "server"              // any other web server message
	KindFPMChildSignal     Kind = "fpm-child-signal"    // child exited on signal 11 (SIGSEGV)
	KindFPMChildExit       Kind = "fpm-child-exit"      // child exited with code N
	KindFPMRequestTimeout  Kind = "fpm-request-timeout" // execution timed out, terminating
	KindFPMSlowRequest     Kind = "fpm-slow-request"    // executing too slow, logging
	KindFPMBusy            Kind = "fpm-busy"            // seems busy ... spawning
	KindFPMChildStarted    Kind = "fpm-child-started"
	KindFPMStarted         Kind = "fpm-started" // fpm is running; ready to handle connections
	KindFPMStopping        Kind = "fpm-stopping"
	KindFPMBindFailed      Kind = "fpm-bind-failed"
	KindFPMStderr          Kind = "fpm-stderr" // child said into stderr
	KindFPM                Kind = "fpm"        // any other FPM message
	KindSlowlog            Kind = "fpm-slowlog"
	KindUnparsed           Kind = "unparsed" // a line in no known shape (garbage, orphan continuation)
)
