// Package dbconn opens a WordPress site's MySQL database through whatever
// dialer reaches the server (an SSH connection, or the local network), for
// every DB_HOST form WordPress accepts.
package dbconn

import (
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
)

// Endpoint is where a DB_HOST points, decided as WordPress and mysqli do.
type Endpoint struct {
	Network string // "tcp" or "unix"
	Addr    string // host:port, or the socket path ("" = the server's default socket)
}

// String is for messages.
func (e Endpoint) String() string {
	if e.Network == "unix" {
		if e.Addr == "" {
			return "the default MySQL socket"
		}
		return "unix socket " + e.Addr
	}
	return e.Addr
}

var (
	ipv6Host = regexp.MustCompile(`^(?:\[)?([0-9a-fA-F:]+)(?:\]:([\d]+))?`)
	v4Host   = regexp.MustCompile(`^([^:/]*)(?::([\d]+))?`)
)

// ParseHost turns a DB_HOST value into an endpoint, following
// wpdb::parse_db_host() and then mysqli_real_connect(): "localhost" (or an
// empty host) means a unix socket even when a port is given; a socket path
// follows ":/"; IPv6 addresses may be bracketed with a port.
func ParseHost(dbHost string) (Endpoint, error) {
	h := strings.TrimSpace(dbHost)
	h = strings.TrimPrefix(h, "p:") // mysqli's persistent-connection prefix
	socket := ""
	if i := strings.Index(h, ":/"); i >= 0 {
		socket, h = h[i+1:], h[:i]
	}
	var m []string
	ipv6 := strings.Count(h, ":") > 1
	if ipv6 {
		m = ipv6Host.FindStringSubmatch(h)
	} else {
		m = v4Host.FindStringSubmatch(h)
	}
	if m == nil {
		return Endpoint{}, fmt.Errorf("cannot read DB_HOST %q", dbHost)
	}
	host, port := m[1], 3306
	if m[2] != "" {
		p, err := strconv.Atoi(m[2])
		if err != nil || p < 1 || p > 65535 {
			return Endpoint{}, fmt.Errorf("bad port in DB_HOST %q", dbHost)
		}
		port = p
	}
	if host == "" || strings.EqualFold(host, "localhost") {
		return Endpoint{Network: "unix", Addr: socket}, nil
	}
	return Endpoint{Network: "tcp", Addr: net.JoinHostPort(host, strconv.Itoa(port))}, nil
}

// DefaultSockets are where MySQL and MariaDB put their socket on common
// systems, tried in order when DB_HOST says "localhost" without a path.
func DefaultSockets() []string { return append([]string(nil), defaultSockets[:]...) }

var defaultSockets = [...]string{
	"/run/mysqld/mysqld.sock",
	"/var/run/mysqld/mysqld.sock",
	"/var/lib/mysql/mysql.sock",
	"/tmp/mysql.sock",
	"/var/run/mysql/mysql.sock",
}
