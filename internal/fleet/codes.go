package fleet

import "strconv"

// Exit codes of one site, as `wpdoctor diagnose` returns them. They mirror
// the CLI's documented codes (a test there keeps them equal); fleet needs
// them to label, rank and aggregate.
const (
	ExitOK                = 0
	ExitError             = 1
	ExitUsage             = 2
	ExitCulprit           = 3
	ExitBroken            = 4
	ExitAccess            = 5
	ExitNotWordPress      = 6
	ExitLocked            = 7
	ExitRestoreIncomplete = 8
	ExitInterrupted       = 130
)

// severity lists the codes from the most serious down. The fleet's exit
// code is the most serious of its sites': a site left changed first, then
// an interrupted run, then sites that are down (broken without and with a
// culprit named), then sites that could not be looked at.
var severity = []int{
	ExitRestoreIncomplete, ExitInterrupted, ExitBroken, ExitCulprit, ExitAccess,
	ExitNotWordPress, ExitError, ExitUsage, ExitLocked,
}

// rank is a code's seriousness: larger is more serious; 0 for ExitOK.
func rank(code int) int {
	if code == ExitOK {
		return 0
	}
	for i, c := range severity {
		if c == code {
			return len(severity) - i + 1
		}
	}
	return 1 // an unknown code: serious, but less than any known failure
}

// MostSerious returns the most serious of the codes (ExitOK for none).
func MostSerious(codes ...int) int {
	best := ExitOK
	for _, c := range codes {
		if rank(c) > rank(best) {
			best = c
		}
	}
	return best
}

// Label names an exit code in the fleet's output.
func Label(code int) string {
	switch code {
	case ExitOK:
		return "healthy"
	case ExitError:
		return "error"
	case ExitUsage:
		return "bad-entry"
	case ExitCulprit:
		return "culprit"
	case ExitBroken:
		return "broken"
	case ExitAccess:
		return "unreachable"
	case ExitNotWordPress:
		return "not-wordpress"
	case ExitLocked:
		return "locked"
	case ExitRestoreIncomplete:
		return "RESTORE-INCOMPLETE"
	case ExitInterrupted:
		return "interrupted"
	}
	return "exit-" + strconv.Itoa(code)
}
