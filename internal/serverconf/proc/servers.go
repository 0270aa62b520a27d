package proc

import (
	"path"
	"regexp"
	"sort"
	"strings"
)

// ServerKind names a kind of server process.
type ServerKind string

// Server kinds FindServers recognises.
const (
	KindNginx     ServerKind = "nginx"
	KindPHPFPM    ServerKind = "php-fpm"
	KindApache    ServerKind = "apache"
	KindLiteSpeed ServerKind = "litespeed"
	KindLSPHP     ServerKind = "lsphp"
	KindMySQL     ServerKind = "mysql" // mysqld or mariadbd
	KindRedis     ServerKind = "redis"
	KindMemcached ServerKind = "memcached"
	KindVarnish   ServerKind = "varnish"
)

// Server is one running server: its main (master) process and
// what the process list tells about its configuration and workers.
type Server struct {
	Kind   ServerKind `json:"kind"`
	PID    int        `json:"pid"`
	PPID   int        `json:"ppid"`
	User   string     `json:"user"`
	Args   string     `json:"args"`
	Binary string     `json:"binary,omitempty"`
	// ConfigFile is the configuration file named on the command line, or
	// the distribution default when none is (ConfigDefault is then set).
	ConfigFile    string `json:"config_file,omitempty"`
	ConfigDefault bool   `json:"config_default,omitempty"`
	Prefix        string `json:"prefix,omitempty"`  // nginx -p, apache -d
	Version       string `json:"version,omitempty"` // PHP version guessed from paths ("8.2")
	Listen        string `json:"listen,omitempty"`  // address from the command line (redis, memcached, varnish)
	// Workers counts descendant processes of the same kind.
	Workers     int         `json:"workers"`
	WorkerUsers []string    `json:"worker_users,omitempty"`
	Pools       []PoolProcs `json:"pools,omitempty"` // php-fpm workers per pool
}

// PoolProcs counts the running workers of one PHP-FPM pool.
type PoolProcs struct {
	Name    string   `json:"name"`
	Workers int      `json:"workers"`
	Users   []string `json:"users"`
}

var (
	fpmMasterRe = regexp.MustCompile(`^php-fpm[0-9.]*: master process \((.*)\)`)
	fpmPoolRe   = regexp.MustCompile(`^php-fpm[0-9.]*: pool (\S+)`)
	phpVerRes   = []*regexp.Regexp{
		regexp.MustCompile(`/php/(\d+\.\d+)/`),                     // Debian, Plesk
		regexp.MustCompile(`(?:ea-php|alt/php|remi/php)(\d)(\d+)`), // cPanel, CloudLinux, Remi
		regexp.MustCompile(`php-fpm(\d+\.\d+)`),                    // Debian binary
		regexp.MustCompile(`lsphp(\d)(\d+)`),                       // LiteSpeed
	}
)

// classify tells the kind of a process and whether it is a worker (a
// process whose title says so; other processes of a kind are masters
// unless their parent is of the same kind).
func classify(p Process) (ServerKind, bool) {
	a := p.Args
	switch {
	case strings.HasPrefix(a, "nginx: master process"):
		return KindNginx, false
	case strings.HasPrefix(a, "nginx: "):
		return KindNginx, true
	case fpmMasterRe.MatchString(a):
		return KindPHPFPM, false
	case fpmPoolRe.MatchString(a):
		return KindPHPFPM, true
	case strings.HasPrefix(a, "litespeed (lshttpd") || strings.HasPrefix(a, "openlitespeed (lshttpd"):
		return KindLiteSpeed, !strings.Contains(a, "main)")
	case strings.HasPrefix(a, "lsphp"):
		return KindLSPHP, false
	case strings.HasPrefix(a, "["):
		return "", false // kernel thread
	}
	switch path.Base(firstWord(a)) {
	case "nginx":
		return KindNginx, false
	case "php-fpm":
		return KindPHPFPM, false
	case "apache2", "httpd", "httpd.worker", "httpd.event":
		return KindApache, false
	case "lshttpd", "litespeed", "openlitespeed":
		return KindLiteSpeed, false
	case "lsphp":
		return KindLSPHP, false
	case "mysqld", "mariadbd":
		return KindMySQL, false
	case "redis-server":
		return KindRedis, false
	case "memcached":
		return KindMemcached, false
	case "varnishd", "cache-main":
		return KindVarnish, false
	}
	if strings.HasPrefix(path.Base(firstWord(a)), "php-fpm") {
		return KindPHPFPM, false
	}
	return "", false
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// FindServers groups a process list into running servers: each master
// with the count (and users) of its workers, PHP-FPM workers per pool,
// and the configuration file the master was started with. Servers are
// returned in PID order.
func FindServers(procs []Process) []Server {
	byPID := map[int]Process{}
	kinds := map[int]ServerKind{}
	for _, p := range procs {
		byPID[p.PID] = p
		if k, _ := classify(p); k != "" {
			kinds[p.PID] = k
		}
	}
	masters := map[int]*Server{}
	var order []int
	for _, p := range procs {
		k, worker := classify(p)
		if k == "" || worker || kinds[p.PPID] == k && p.PPID != p.PID || masters[p.PID] != nil {
			continue // not a server, a worker, or a repeated PID (broken input)
		}
		s := &Server{Kind: k, PID: p.PID, PPID: p.PPID, User: p.User, Args: p.Args}
		describe(s)
		masters[p.PID] = s
		order = append(order, p.PID)
	}
	for _, p := range procs {
		k, _ := classify(p)
		if k == "" || masters[p.PID] != nil {
			continue
		}
		m := masterOf(p, k, byPID, kinds, masters)
		if m == nil && p.PPID == 0 {
			m = onlyMaster(k, masters) // ps without a PPID column
		}
		if m == nil {
			continue
		}
		m.Workers++
		m.WorkerUsers = addUnique(m.WorkerUsers, p.User)
		if sm := fpmPoolRe.FindStringSubmatch(p.Args); sm != nil {
			m.Pools = addPool(m.Pools, sm[1], p.User)
		}
	}
	sort.Ints(order)
	out := make([]Server, 0, len(order))
	for _, pid := range order {
		out = append(out, *masters[pid])
	}
	return out
}

// masterOf walks up the parents of a worker to its master of kind k.
func masterOf(p Process, k ServerKind, byPID map[int]Process, kinds map[int]ServerKind, masters map[int]*Server) *Server {
	for i, pid := 0, p.PPID; i < 64; i++ {
		if m := masters[pid]; m != nil && m.Kind == k {
			return m
		}
		parent, ok := byPID[pid]
		if !ok || kinds[pid] != k || parent.PPID == pid {
			return nil
		}
		pid = parent.PPID
	}
	return nil
}

// onlyMaster returns the master of kind k when there is exactly one.
func onlyMaster(k ServerKind, masters map[int]*Server) *Server {
	var found *Server
	for _, m := range masters {
		if m.Kind == k {
			if found != nil {
				return nil
			}
			found = m
		}
	}
	return found
}

func addUnique(list []string, s string) []string {
	i := sort.SearchStrings(list, s)
	if i < len(list) && list[i] == s {
		return list
	}
	list = append(list, "")
	copy(list[i+1:], list[i:])
	list[i] = s
	return list
}

func addPool(pools []PoolProcs, name, user string) []PoolProcs {
	for i := range pools {
		if pools[i].Name == name {
			pools[i].Workers++
			pools[i].Users = addUnique(pools[i].Users, user)
			return pools
		}
	}
	return append(pools, PoolProcs{Name: name, Workers: 1, Users: []string{user}})
}
