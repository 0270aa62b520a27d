package proc

import (
	"net"
	"path"
	"strings"
)

// describe fills in what a master's command line tells: binary, config
// file (or the distribution default), prefix, PHP version, listen address.
func describe(s *Server) {
	words := strings.Fields(s.Args)
	switch s.Kind {
	case KindNginx:
		cmd := strings.TrimPrefix(s.Args, "nginx: master process ")
		words = strings.Fields(cmd)
		s.Binary = first(words)
		s.ConfigFile = flagValue(words, "-c")
		s.Prefix = flagValue(words, "-p")
		if s.ConfigFile != "" && !strings.HasPrefix(s.ConfigFile, "/") {
			base := s.Prefix
			if base == "" {
				base = "/etc/nginx" // Debian/RHEL build: --conf-path under --prefix
			}
			s.ConfigFile = path.Join(base, s.ConfigFile)
		}
		setDefault(s, "/etc/nginx/nginx.conf")
	case KindPHPFPM:
		if sm := fpmMasterRe.FindStringSubmatch(s.Args); sm != nil {
			s.ConfigFile = sm[1]
		} else {
			s.Binary = first(words)
			s.ConfigFile = flagValue(words, "-y", "--fpm-config")
			s.Prefix = flagValue(words, "-p", "--prefix")
		}
		s.Version = phpVersion(s.ConfigFile + " " + s.Args)
		setDefault(s, "/etc/php-fpm.conf")
	case KindApache:
		s.Binary = first(words)
		s.Prefix = flagValue(words, "-d")
		s.ConfigFile = flagValue(words, "-f")
		if s.ConfigFile != "" && !strings.HasPrefix(s.ConfigFile, "/") && s.Prefix != "" {
			s.ConfigFile = path.Join(s.Prefix, s.ConfigFile)
		}
		if path.Base(s.Binary) == "apache2" {
			setDefault(s, "/etc/apache2/apache2.conf")
		} else {
			setDefault(s, "/etc/httpd/conf/httpd.conf")
		}
	case KindLiteSpeed:
		s.Binary = first(words)
		setDefault(s, "/usr/local/lsws/conf/httpd_config.conf")
	case KindLSPHP:
		s.Binary = first(words)
		s.Version = phpVersion(s.Args)
	case KindMySQL:
		s.Binary = first(words)
		s.ConfigFile = flagValue(words, "--defaults-file")
		setDefault(s, "/etc/mysql/my.cnf")
	case KindRedis:
		s.Binary = first(words)
		for _, w := range words[1:] {
			switch {
			case strings.HasSuffix(w, ".conf"):
				s.ConfigFile = w
			case strings.Contains(w, ":") && s.Listen == "":
				s.Listen = w
			}
		}
	case KindMemcached:
		s.Binary = first(words)
		addr, port := flagValue(words, "-l", "--listen"), flagValue(words, "-p", "--port")
		switch sock := flagValue(words, "-s", "--unix-socket"); {
		case sock != "":
			s.Listen = "unix:" + sock
		case port != "":
			var hps []string
			for _, a := range strings.Split(addr, ",") {
				hps = append(hps, net.JoinHostPort(a, port))
			}
			s.Listen = strings.Join(hps, ",")
		}
	case KindVarnish:
		s.Binary = first(words)
		s.ConfigFile = flagValue(words, "-f")
		s.Listen = flagValue(words, "-a")
	}
}

func first(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return words[0]
}

func setDefault(s *Server, def string) {
	if s.ConfigFile == "" {
		s.ConfigFile, s.ConfigDefault = def, true
	}
}

// flagValue returns the value of the first of names found in words,
// written "-c value", "-cvalue" (single-letter flags) or "--name=value".
func flagValue(words []string, names ...string) string {
	for i, w := range words {
		for _, n := range names {
			switch {
			case w == n && i+1 < len(words):
				return words[i+1]
			case strings.HasPrefix(n, "--") && strings.HasPrefix(w, n+"="):
				return w[len(n)+1:]
			case len(n) == 2 && n[0] == '-' && n[1] != '-' && len(w) > 2 && strings.HasPrefix(w, n) && w[2] != '-':
				return w[2:]
			}
		}
	}
	return ""
}

// phpVersion guesses "8.2" from paths such as /etc/php/8.2/fpm/...,
// /opt/cpanel/ea-php82/..., /opt/remi/php81/..., php-fpm8.2, lsphp74.
func phpVersion(s string) string {
	for _, re := range phpVerRes {
		if m := re.FindStringSubmatch(s); m != nil {
			if len(m) == 3 {
				return m[1] + "." + m[2]
			}
			return m[1]
		}
	}
	return ""
}
