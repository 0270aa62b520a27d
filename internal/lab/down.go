package lab

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"syscall"
	"time"
)

// pidFiles lists every lab daemon by name and pid file.
func pidFiles(dir string) [][2]string {
	p := [][2]string{
		{"nginx", filepath.Join(dir, "nginx", "nginx.pid")},
		{"apache", filepath.Join(dir, "apache", "apache2.pid")},
		{"sshd", filepath.Join(dir, "ssh", "sshd.pid")},
		{"sshd (jump)", filepath.Join(dir, "ssh", "jump.pid")},
		{"mariadb", filepath.Join(dir, "mysql", "mysqld.pid")},
	}
	n, _ := fleetCount(dir, -1)
	for _, sp := range specsWith(n) {
		p = append(p, [2]string{"php-fpm " + sp.name, filepath.Join(sp.fpmDir(dir), "php-fpm.pid")})
	}
	return p
}

// Down stops the lab's own daemons, by their pid files only; the lab's
// files stay, so the next Up is quick.
func Down(dir string, log io.Writer) error {
	var errs []error
	for _, p := range pidFiles(dir) {
		sig := syscall.SIGTERM
		switch {
		case p[0] == "nginx" || p[0][:3] == "php":
			sig = syscall.SIGQUIT // graceful
		case p[0] == "apache":
			sig = syscall.SIGWINCH // graceful stop
		}
		if err := stopPidFile(p[1], sig, 30*time.Second); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p[0], err))
			continue
		}
		fmt.Fprintf(log, "lab: %s stopped\n", p[0])
	}
	return errors.Join(errs...)
}

// Status reports which lab daemons run.
func Status(dir string, w io.Writer) (allUp bool) {
	allUp = true
	for _, p := range pidFiles(dir) {
		pid, alive := readPid(p[1])
		state := "stopped"
		if alive {
			state = fmt.Sprintf("running (pid %d)", pid)
		} else {
			allUp = false
		}
		fmt.Fprintf(w, "%-16s %s\n", p[0], state)
	}
	return allUp
}
