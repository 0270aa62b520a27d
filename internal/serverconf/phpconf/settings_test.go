package phpconf

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
)

func TestLoadPHPIniDebian(t *testing.T) {
	ini, err := LoadIni(context.Background(), conftest.Fixture(testdata, "debian"), "/etc/php/8.2/fpm/php.ini",
		[]string{"/etc/php/8.2/fpm/conf.d"}, conf.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ini.Problems) != 0 {
		t.Errorf("problems %v", ini.Problems)
	}
	wantFiles := []string{"/etc/php/8.2/fpm/php.ini", "/etc/php/8.2/fpm/conf.d/10-mysqlnd.ini",
		"/etc/php/8.2/fpm/conf.d/10-opcache.ini", "/etc/php/8.2/fpm/conf.d/20-mysqli.ini"}
	if len(ini.Files) != len(wantFiles) {
		t.Fatalf("files %q", ini.Files)
	}
	for i := range wantFiles {
		if ini.Files[i] != wantFiles[i] {
			t.Errorf("file %d = %q, want %q", i, ini.Files[i], wantFiles[i])
		}
	}
	s := ini.Settings
	if s.MemoryLimit.Value != 128<<20 || s.MemoryLimit.Pos.Line != 435 {
		t.Errorf("memory_limit %+v", s.MemoryLimit)
	}
	if s.MaxExecutionTime.Value != 30*time.Second || s.MaxExecutionTime.Pos.Line != 409 {
		t.Errorf("max_execution_time %+v", s.MaxExecutionTime)
	}
	if s.ErrorReporting.Value != 32767&^8192&^2048 || s.ErrorReporting.Pos.Line != 491 {
		t.Errorf("error_reporting %+v", s.ErrorReporting)
	}
	if s.DisplayErrors.Value != "" || s.DisplayErrors.Raw != "Off" || !s.LogErrors.Value || s.LogErrors.Pos.Line != 527 {
		t.Errorf("display/log errors %+v %+v", s.DisplayErrors, s.LogErrors)
	}
	// error_log is commented out: unset, so FPM workers send errors to nginx.
	if s.ErrorLog.Value != "" || !s.ErrorLog.Default {
		t.Errorf("error_log %+v", s.ErrorLog)
	}
	// opcache settings are commented out too: PHP's defaults.
	if !s.OpcacheEnable.Default || !s.OpcacheEnable.Value || s.OpcacheRevalidateFreq.Value != 2*time.Second || !s.OpcacheValidateTimestamps.Value {
		t.Errorf("opcache %+v %+v", s.OpcacheEnable, s.OpcacheRevalidateFreq)
	}
	if v := ini.Values["opcache.jit"]; v.Value != "" || v.Raw != "off" || v.Pos.File != "/etc/php/8.2/fpm/conf.d/10-opcache.ini" {
		t.Errorf("opcache.jit %+v", v)
	}
}

func TestLoadPHPIniRHEL(t *testing.T) {
	ini, err := LoadIni(context.Background(), conftest.Fixture(testdata, "rhel"), "/etc/php.ini", []string{"/etc/php.d", "/etc/php.d.missing"}, conf.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if ini.OpcacheRevalidateFreq.Value != time.Minute || !ini.OpcacheEnable.Value || ini.OpcacheEnable.Default {
		t.Errorf("opcache %+v %+v", ini.OpcacheRevalidateFreq, ini.OpcacheEnable)
	}
	if len(ini.Problems) != 0 {
		t.Errorf("a missing scan dir is no problem (no match): %v", ini.Problems)
	}
	if _, err := LoadIni(context.Background(), conftest.Fixture(testdata, "rhel"), "/etc/nope.ini", nil, conf.Limits{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing php.ini: %v", err)
	}
}

func TestPHPIniSectionsAndDefaults(t *testing.T) {
	ini := ReadIni("/php.ini", []byte(`
[PHP]
memory_limit = -1
max_execution_time = 0
display_errors = stderr
error_log = /var/log/php/error.log
[PATH=/var/www/slow]
max_execution_time = 600
[HOST=dev.example.com]
display_errors = On
[opcache]
opcache.validate_timestamps = 0
opcache.revalidate_freq = 0
memory_limit = 1.5G
`))
	s := ini.Settings
	if s.MaxExecutionTime.Value != 0 || s.MaxExecutionTime.Pos.Line != 4 {
		t.Errorf("[PATH=] must not apply globally: %+v", s.MaxExecutionTime)
	}
	if s.DisplayErrors.Value != "stderr" {
		t.Errorf("[HOST=] must not apply globally: %+v", s.DisplayErrors)
	}
	if !s.MemoryLimit.Invalid || s.MemoryLimit.Raw != "1.5G" {
		t.Errorf("memory_limit 1.5G is invalid: %+v", s.MemoryLimit)
	}
	if s.OpcacheValidateTimestamps.Value || s.OpcacheRevalidateFreq.Value != 0 || s.ErrorLog.Value != "/var/log/php/error.log" {
		t.Errorf("opcache/error_log %+v %+v %+v", s.OpcacheValidateTimestamps, s.OpcacheRevalidateFreq, s.ErrorLog)
	}
	empty := ReadIni("/empty.ini", nil).Settings
	if empty.MemoryLimit.Value != 128<<20 || !empty.MemoryLimit.Default || empty.MaxExecutionTime.Value != 30*time.Second ||
		empty.ErrorReporting.Value != 32767 || !empty.LogErrors.Value || empty.DisplayErrors.Value != "1" {
		t.Errorf("built-in defaults %+v", empty)
	}
}

// Pool php_value / php_admin_value override php.ini.
func TestEffectivePHP(t *testing.T) {
	ini, err := LoadIni(context.Background(), conftest.Fixture(testdata, "debian"), "/etc/php/8.2/fpm/php.ini", nil, conf.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	lab := loadFPMFixture(t, "lab", "/srv/wplab/fpm/site1/php-fpm.conf", FPMOptions{})
	pool := lab.Pool("site1")
	s := Effective(ini, pool)
	if s.MemoryLimit.Value != 128<<20 || s.MemoryLimit.Pos.File != "/srv/wplab/fpm/site1/php-fpm.conf" {
		t.Errorf("memory_limit %+v", s.MemoryLimit)
	}
	if s.ErrorLog.Value != "/srv/wplab/sites/site1/logs/php-error.log" {
		t.Errorf("error_log %+v", s.ErrorLog)
	}
	if s.ErrorReporting.Pos.File != "/etc/php/8.2/fpm/php.ini" {
		t.Errorf("error_reporting from php.ini %+v", s.ErrorReporting)
	}
	cp := loadFPMFixture(t, "cpanel", "/opt/cpanel/ea-php82/root/etc/php-fpm.conf", FPMOptions{}).Pool("example_com")
	s = Effective(nil, cp)
	if s.MemoryLimit.Value != 512<<20 || s.MaxExecutionTime.Value != 300*time.Second || s.ErrorReporting.Value != 32767&^8 {
		t.Errorf("cpanel effective %+v %+v %+v", s.MemoryLimit, s.MaxExecutionTime, s.ErrorReporting)
	}
	if d := Effective(nil, nil); !d.MemoryLimit.Default {
		t.Errorf("nil, nil: %+v", d)
	}
}
