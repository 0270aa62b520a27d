package doctor

import (
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

func res(url string, status int, class probe.Class) probe.Result {
	return probe.Result{URL: url, Status: status, Class: class}
}

func TestStatusOf(t *testing.T) {
	ok, gw := probe.ClassOK, probe.ClassGatewayError
	tests := []struct {
		name string
		rs   []probe.Result
		want diag.Status
		rate float64
	}{
		{"healthy", []probe.Result{res("/", 200, ok), res("/", 200, ok), res("/l", 200, ok)}, diag.StatusHealthy, 0},
		{"broken", []probe.Result{res("/", 502, gw), res("/", 502, gw), res("/l", 502, gw)}, diag.StatusBroken, 1},
		{"front page only", []probe.Result{res("/", 502, gw), res("/", 502, gw), res("/l", 200, ok)}, diag.StatusBroken, 1},
		{"intermittent", []probe.Result{res("/", 502, gw), res("/", 200, ok), res("/", 200, ok), res("/l", 200, ok)}, diag.StatusIntermittent, 1.0 / 3},
		{"maintenance", []probe.Result{res("/", 503, probe.ClassWPMaintenance)}, diag.StatusMaintenance, 0},
		{"unreachable", []probe.Result{res("/", 0, probe.ClassConnectionRefused)}, diag.StatusUnreachable, 1},
		{"none", nil, diag.StatusUnreachable, 0},
		// Issue 14, defect 2: a probe that could not even be sent is no
		// evidence of health.
		{"invalid url", []probe.Result{res("example.com/", 0, probe.ClassInvalidURL), res("example.com/wp-login.php", 0, probe.ClassInvalidURL)}, diag.StatusUnreachable, 0},
		{"invalid url beside a working page", []probe.Result{res("x/", 0, probe.ClassInvalidURL), res("http://a/", 200, ok)}, diag.StatusHealthy, 0},
	}
	for _, tt := range tests {
		got, rate := statusOf(tt.rs)
		if got != tt.want || rate != tt.rate {
			t.Errorf("%s: %s %.2f, want %s %.2f", tt.name, got, rate, tt.want, tt.rate)
		}
	}
}
