package multisite

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// TestWithoutMatchesWordPress: taking a plugin out writes the bytes that
// WordPress's deactivate_plugins() writes for a network plugin
// (unset($network_current[$plugin]); update_site_option(...)), checked
// against PHP itself when it is installed. (Keys are kept as stored: PHP
// would rewrite a numeric string key such as s:3:"123" as i:123, which no
// plugin file — they end in .php — ever is.)
func TestWithoutMatchesWordPress(t *testing.T) {
	php, err := exec.LookPath("php")
	if err != nil {
		t.Skip("php not on PATH")
	}
	in := `a:4:{s:19:"akismet/akismet.php";i:1700000000;s:9:"hello.php";i:1700000123;s:5:"x.php";s:1:"5";s:31:"query-monitor/query-monitor.php";i:1712345678;}`
	s, err := ParseSitewide([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range s.Files() {
		cmd := exec.Command(php, "-n", "-r", `$a = unserialize(stream_get_contents(STDIN)); unset($a[$argv[1]]); echo serialize($a);`, f)
		cmd.Stdin = strings.NewReader(in)
		want, err := cmd.Output()
		if err != nil {
			t.Fatalf("php: %v", err)
		}
		if got := s.Without(f).Serialize(); !bytes.Equal(got, want) {
			t.Errorf("Without(%q) = %s, PHP wrote %s", f, got, want)
		}
	}
}
