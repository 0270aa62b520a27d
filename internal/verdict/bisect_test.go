package verdict

import (
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

func TestFromBisect(t *testing.T) {
	front := "http://shop.test/"
	failure := DescribeFailure([]probe.Result{{URL: front, Status: 200, Class: probe.ClassOK}, {URL: front, Status: 502, Class: probe.ClassGatewayError}}, front)
	if failure != "the site answers 502 (gateway-error)" {
		t.Fatalf("failure %q", failure)
	}
	if page := DescribeFailure([]probe.Result{{URL: front, Status: 200, Class: probe.ClassOK}, {URL: front + "shop/", Status: 502, Class: probe.ClassGatewayError}}, front); page != "the site answers 502 (gateway-error) for http://shop.test/shop/" {
		t.Fatalf("another page's failure %q", page)
	}
	for _, tc := range []struct {
		name  string
		in    BisectInput
		kind  diag.Kind
		cause string
		fix   string
	}{
		{"one plugin", BisectInput{Sets: [][]string{{"plugin:bad"}}, Stage: "plugins", Candidates: 8, Probes: 5, Failure: failure},
			diag.KindPlugin, "plugin:bad breaks the site: with it on, the site answers 502", "Keep plugin:bad deactivated"},
		{"a pair", BisectInput{Sets: [][]string{{"plugin:a", "plugin:b"}}, Stage: "plugins", Failure: failure},
			diag.KindPlugin, "plugin:a, plugin:b break the site only together", "Keep plugin:a, plugin:b"},
		{"two on their own", BisectInput{Sets: [][]string{{"mu-plugin:x.php"}, {"mu-plugin:y.php"}}, Failure: failure},
			diag.KindMU, "each of mu-plugin:x.php; mu-plugin:y.php breaks", "Keep mu-plugin:x.php, mu-plugin:y.php"},
		{"the logs' fix is kept", BisectInput{Prior: diag.Verdict{Kind: diag.KindTheme, Components: []string{"theme:t"}, Fix: "Fix t's functions.php."},
			Sets: [][]string{{"theme:t"}}, Failure: failure}, diag.KindTheme, "theme:t breaks the site", "Fix t's functions.php."},
		{"big headers", BisectInput{Prior: diag.Verdict{Kind: diag.KindServer, Components: []string{"server:fastcgi-buffer-too-small"}},
			Sets: [][]string{{"plugin:h"}}, Failure: failure}, diag.KindPlugin, "larger than nginx's fastcgi_buffer_size", "raise nginx's fastcgi_buffer_size"},
	} {
		v := FromBisect(tc.in)
		if v.Kind != tc.kind || v.Basis != "bisect" || !strings.Contains(v.Cause, tc.cause) || !strings.Contains(v.Fix, tc.fix) {
			t.Errorf("%s: %+v", tc.name, v)
		}
		if last := v.Evidence[len(v.Evidence)-1]; last.Source != "bisect" {
			t.Errorf("%s: no bisect evidence: %+v", tc.name, v.Evidence)
		}
	}
}

func TestNotAComponent(t *testing.T) {
	v := NotAComponent(diag.Verdict{Kind: diag.KindUnknown, Cause: "no evidence", RecommendBisect: true, Components: []string{"plugin:x"}}, true)
	if v.Kind != diag.KindCore || len(v.Components) != 0 || v.RecommendBisect || !strings.Contains(v.Cause, "not a component") {
		t.Errorf("unknown → core: %+v", v)
	}
	v = NotAComponent(diag.Verdict{Kind: diag.KindServer, Cause: "PHP-FPM is down", Components: []string{"server:php-fpm-down"}}, false)
	if v.Kind != diag.KindServer || !strings.HasPrefix(v.Cause, "PHP-FPM is down; ") || !strings.Contains(v.Cause, "not among them") {
		t.Errorf("server stays: %+v", v)
	}
}
