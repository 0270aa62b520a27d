package logs

import "strings"

// classifyFPM fills kind, pid, signal, script, request and duration from the
// message of an FPM entry (after "LEVEL: [pool x] ").
func classifyFPM(e *Event, msg string) {
	e.Message = msg
	has := func(sub string) bool { return strings.Contains(msg, sub) }
	if rest, ok := strings.CutPrefix(msg, "child "); ok {
		e.PID, _ = atoi(leadingDigits(rest))
	}
	switch {
	case has(" said into stderr: \"") || has(" said into stdout: \""):
		e.Kind = KindFPMStderr
		e.Message, _, _ = strings.Cut(msg, ": \"")
	case has(" exited on signal "):
		e.Kind = KindFPMChildSignal
		rest := msg[strings.Index(msg, " exited on signal ")+18:]
		if i := strings.IndexByte(rest, '('); i >= 0 {
			name := rest[i+1:]
			if j := strings.IndexAny(name, " )"); j >= 0 {
				e.Signal = name[:j]
			}
		}
		e.Duration = seconds(wordAfter(msg, " after "))
		switch e.Signal {
		case "SIGSEGV", "SIGBUS", "SIGABRT", "SIGILL", "SIGFPE", "SIGKILL":
			e.Severity = max(e.Severity, SevError)
		}
	case has(" exited with code "):
		e.Kind = KindFPMChildExit
		e.Code = leadingDigits(wordAfter(msg, " exited with code "))
		e.Duration = seconds(wordAfter(msg, " after "))
	case has(" execution timed out ("), has(" executing too slow ("):
		e.Kind = KindFPMSlowRequest
		if has(" execution timed out (") {
			e.Kind = KindFPMRequestTimeout
			e.Severity = max(e.Severity, SevError)
		}
		if _, r, ok := strings.Cut(msg, ", script '"); ok {
			e.Script, _, _ = strings.Cut(r, "'")
		}
		if _, r, ok := strings.Cut(msg, `(request: "`); ok {
			e.Request, _, _ = strings.Cut(r, `")`)
		}
		if i := strings.LastIndex(msg, " ("); i >= 0 {
			e.Duration = seconds(wordAfter(msg[i:], " ("))
		}
	case has("reached pm.max_children") || has("reached max_children"):
		e.Kind = KindWorkersExhausted
	case has("seems busy"):
		e.Kind = KindFPMBusy
	case strings.HasPrefix(msg, "child ") && strings.HasSuffix(msg, " started"):
		e.Kind = KindFPMChildStarted
	case strings.HasPrefix(msg, "fpm is running") || has("ready to handle connections"):
		e.Kind = KindFPMStarted
		if _, r, ok := strings.Cut(msg, ", pid "); ok {
			e.PID, _ = atoi(leadingDigits(r))
		}
	case strings.HasPrefix(msg, "Terminating") || strings.HasPrefix(msg, "Finishing") ||
		strings.HasPrefix(msg, "exiting, bye-bye") || strings.HasPrefix(msg, "Reloading"):
		e.Kind = KindFPMStopping
	case has("unable to bind listening socket"):
		e.Kind = KindFPMBindFailed
		if i := strings.LastIndex(msg, " ("); i >= 0 {
			e.Errno, _ = atoi(strings.TrimSuffix(msg[i+2:], ")"))
		}
	default:
		e.Kind = KindFPM
	}
}

// leadingDigits returns the decimal digits s starts with.
func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// wordAfter returns the space-delimited word that follows the first sep in
// s, without a trailing comma or parenthesis.
func wordAfter(s, sep string) string {
	_, r, ok := strings.Cut(s, sep)
	if !ok {
		return ""
	}
	w, _, _ := strings.Cut(r, " ")
	return strings.TrimRight(w, ",)")
}
