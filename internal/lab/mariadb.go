package lab

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"
)

func (s *setup) mariadb(ctx context.Context) error {
	cnf := filepath.Join(s.dir, "mysql", "my.cnf")
	if err := renderTemplate("my.cnf", cnf, 0o644, map[string]any{
		"Dir": s.dir, "Socket": mysqlSocket(s.dir), "Port": mysqlPort,
	}); err != nil {
		return err
	}
	if err := s.r.chown(ctx, "mysql:mysql", false, filepath.Join(s.dir, "mysql"), filepath.Join(s.dir, "run")); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(s.dir, "mysql", "data", "mysql")); err != nil {
		if _, err := s.r.run(ctx, nil, "mariadb-install-db", "--defaults-file="+cnf, "--user=mysql",
			"--auth-root-authentication-method=socket", "--skip-test-db"); err != nil {
			return err
		}
	}
	if err := startMariaDB(ctx, s.dir); err != nil {
		return err
	}
	var sql strings.Builder
	for _, sp := range s.specs() {
		pw := strings.ReplaceAll(s.sec.dbPassword(sp.user), "'", "''")
		fmt.Fprintf(&sql, "CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4;\n", sp.dbName())
		for _, host := range []string{"localhost", "127.0.0.1"} {
			fmt.Fprintf(&sql, "CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY '%s';\n", sp.user, host, pw)
			fmt.Fprintf(&sql, "ALTER USER '%s'@'%s' IDENTIFIED BY '%s';\n", sp.user, host, pw)
			fmt.Fprintf(&sql, "GRANT ALL ON `%s`.* TO '%s'@'%s';\n", sp.dbName(), sp.user, host)
		}
	}
	if err := s.sec.save(s.dir); err != nil {
		return err
	}
	_, err := s.r.run(ctx, []byte(sql.String()), "mariadb", "--socket="+mysqlSocket(s.dir), "-u", "root")
	return err
}

func startMariaDB(ctx context.Context, dir string) error {
	if _, alive := readPid(filepath.Join(dir, "mysql", "mysqld.pid")); alive {
		return nil
	}
	cnf := filepath.Join(dir, "mysql", "my.cnf")
	if err := startDaemon(ctx, filepath.Join(dir, "mysql", "console.log"), true, "/usr/sbin/mariadbd", "--defaults-file="+cnf); err != nil {
		return err
	}
	return waitDial(ctx, "unix", mysqlSocket(dir), 60*time.Second)
}

// renderTemplate renders tmpl/<name> to path.
func renderTemplate(name, path string, perm os.FileMode, data any) error {
	_, err := renderTemplateChanged(name, path, perm, data)
	return err
}

// renderTemplateChanged renders tmpl/<name> to path and reports whether the
// file changed.
func renderTemplateChanged(name, path string, perm os.FileMode, data any) (bool, error) {
	t, err := template.ParseFS(templates, "tmpl/"+name)
	if err != nil {
		return false, err
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return false, fmt.Errorf("render %s: %w", name, err)
	}
	return writeIfChanged(path, []byte(b.String()), perm)
}
