package phpconf

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Settings are the PHP ini values that matter for 5xx diagnosis, with
// PHP 8's built-in defaults for what is not set.
type Settings struct {
	// MemoryLimit in bytes; -1 is unlimited.
	MemoryLimit conf.Setting[int64] `json:"memory_limit"`
	// MaxExecutionTime; 0 is unlimited. On Linux (non-ZTS builds) it
	// counts CPU time of the script, not time spent waiting on the
	// database, the network or sleep.
	MaxExecutionTime conf.Setting[time.Duration] `json:"max_execution_time"`
	// ErrorLog is a file path, "syslog", or "" (unset): under PHP-FPM,
	// errors then go to the web server over FastCGI stderr and appear in
	// nginx's error_log as "FastCGI sent in stderr: PHP message: ...".
	ErrorLog       conf.Setting[string] `json:"error_log"`
	LogErrors      conf.Setting[bool]   `json:"log_errors"`
	DisplayErrors  conf.Setting[string] `json:"display_errors"` // "1", "", "stderr", "stdout"...
	ErrorReporting conf.Setting[int]    `json:"error_reporting"`

	OpcacheEnable             conf.Setting[bool]          `json:"opcache_enable"`
	OpcacheValidateTimestamps conf.Setting[bool]          `json:"opcache_validate_timestamps"`
	OpcacheRevalidateFreq     conf.Setting[time.Duration] `json:"opcache_revalidate_freq"`
}

// Ini is a loaded php.ini plus its scan-directory snippets.
type Ini struct {
	Files    []string       `json:"files"`
	Problems []conf.Problem `json:"problems,omitempty"`
	// Values holds every entry outside [PATH=...] / [HOST=...] sections
	// by key; the last one read wins (later files override earlier).
	Values map[string]Line `json:"values,omitempty"`
	Settings
}

// LoadIni reads the php.ini at iniFile and the *.ini files of each scan
// directory (PHP_INI_SCAN_DIR, e.g. /etc/php/8.2/fpm/conf.d), in
// alphabetical order, through fsys. A missing iniFile is an error; a
// missing scan directory is a problem.
func LoadIni(ctx context.Context, fsys site.FS, iniFile string, scanDirs []string, lim conf.Limits) (*Ini, error) {
	lim = lim.WithDefaults()
	data, err := fsys.ReadFile(ctx, iniFile)
	if err != nil {
		return nil, fmt.Errorf("read php.ini %s: %w", iniFile, err)
	}
	ini := &Ini{Values: map[string]Line{}}
	ini.add(iniFile, data)
	total := int64(len(data))
	for _, dir := range scanDirs {
		files, err := conf.Glob(ctx, fsys, path.Join(dir, "*.ini"))
		if err != nil {
			ini.Problems = append(ini.Problems, conf.Problem{Pos: conf.Pos{File: dir}, Message: fmt.Sprintf("scan dir %s: %v", dir, err), Err: err})
			continue
		}
		for _, f := range files {
			if len(ini.Files) >= lim.MaxFiles {
				ini.Problems = append(ini.Problems, conf.Problem{Pos: conf.Pos{File: f}, Message: fmt.Sprintf("more than %d ini files", lim.MaxFiles), Err: conf.ErrLimit})
				break
			}
			b, err := fsys.ReadFile(ctx, f)
			if err != nil {
				ini.Problems = append(ini.Problems, conf.Problem{Pos: conf.Pos{File: f}, Message: "read: " + conf.DescribeReadErr(err), Err: err})
				continue
			}
			if total += int64(len(b)); total > lim.MaxBytes {
				ini.Problems = append(ini.Problems, conf.Problem{Pos: conf.Pos{File: f}, Message: fmt.Sprintf("more than %d bytes of ini files", lim.MaxBytes), Err: conf.ErrLimit})
				break
			}
			ini.add(f, b)
		}
	}
	ini.Settings = phpSettings(ini.Values)
	return ini, nil
}

// ReadIni parses one ini file held in memory.
func ReadIni(name string, data []byte) *Ini {
	ini := &Ini{Values: map[string]Line{}}
	ini.add(name, data)
	ini.Settings = phpSettings(ini.Values)
	return ini
}

func (ini *Ini) add(name string, data []byte) {
	ini.Files = append(ini.Files, name)
	lines, probs := ParseIni(name, data)
	ini.Problems = append(ini.Problems, probs...)
	conditional := false
	for _, l := range lines {
		if l.Section {
			u := strings.ToUpper(l.Name)
			conditional = strings.HasPrefix(u, "PATH=") || strings.HasPrefix(u, "HOST=")
			continue
		}
		if !conditional && l.HasValue {
			ini.Values[l.Key()] = l
		}
	}
}

// Effective returns the PHP settings a pool's workers run with: the
// php.ini values (ini may be nil) overridden by the pool's php_value /
// php_admin_value / *_flag entries (pool may be nil).
func Effective(ini *Ini, pool *Pool) Settings {
	m := map[string]Line{}
	if ini != nil {
		for k, v := range ini.Values {
			m[k] = v
		}
	}
	if pool != nil {
		for k, d := range pool.PHP {
			m[k] = Line{Name: k, Value: d.Value, Raw: d.Value, Pos: d.Pos, HasValue: true}
		}
	}
	return phpSettings(m)
}

func phpSettings(m map[string]Line) Settings {
	var s Settings
	s.MemoryLimit = conf.DefaultSetting(int64(128<<20), "128M")
	if l, ok := m["memory_limit"]; ok {
		v, err := ParseSize(l.Value)
		s.MemoryLimit = conf.Setting[int64]{Value: v, Raw: l.Raw, Pos: l.Pos, Invalid: err != nil}
	}
	s.MaxExecutionTime = phpSeconds(m, "max_execution_time", 30)
	s.ErrorLog = iniString(m, "error_log", "", "", nil)
	s.LogErrors = iniBool(m, "log_errors", true)
	s.DisplayErrors = iniString(m, "display_errors", "1", "1", nil)
	s.ErrorReporting = conf.DefaultSetting(eAll, "E_ALL")
	if l, ok := m["error_reporting"]; ok {
		v, err := EvalErrorReporting(l.Value)
		s.ErrorReporting = conf.Setting[int]{Value: v, Raw: l.Raw, Pos: l.Pos, Invalid: err != nil}
	}
	s.OpcacheEnable = iniBool(m, "opcache.enable", true)
	s.OpcacheValidateTimestamps = iniBool(m, "opcache.validate_timestamps", true)
	s.OpcacheRevalidateFreq = phpSeconds(m, "opcache.revalidate_freq", 2)
	return s
}

// phpSeconds reads an integer number of seconds the way PHP's atol does
// ("30s" reads as 30).
func phpSeconds(m map[string]Line, key string, def int) conf.Setting[time.Duration] {
	l, ok := m[key]
	if !ok {
		return conf.DefaultSetting(time.Duration(def)*time.Second, strconv.Itoa(def))
	}
	n, err := strconv.ParseInt(leadingInt(l.Value), 10, 32)
	if err != nil {
		return conf.Setting[time.Duration]{Raw: l.Raw, Pos: l.Pos, Invalid: true}
	}
	return conf.Setting[time.Duration]{Value: time.Duration(n) * time.Second, Raw: l.Raw, Pos: l.Pos}
}
