package remote

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/skeema/knownhosts"
	"golang.org/x/crypto/ssh"
	xknownhosts "golang.org/x/crypto/ssh/knownhosts"
)

// Host-key errors callers branch on.
var (
	ErrHostKeyChanged = errors.New("host key changed")
	ErrHostUnknown    = errors.New("host key unknown")
)

// HostKeyChangedError says which key the server showed and which were known.
type HostKeyChangedError struct {
	Host    string
	Offered string   // SHA256 fingerprint and type of the key the server offered
	Known   []string // fingerprints and files:lines of the keys on record
}

func (e *HostKeyChangedError) Error() string {
	return fmt.Sprintf("REFUSED: the host key of %s has CHANGED — someone may be intercepting the connection, or the server was reinstalled.\n"+
		"  offered by the server: %s\n  on record:             %s\n"+
		"Nothing was done. If the change is expected, remove the old line from known_hosts (ssh-keygen -R) and connect again.",
		e.Host, e.Offered, strings.Join(e.Known, "\n                         "))
}

func (e *HostKeyChangedError) Unwrap() error { return ErrHostKeyChanged }

// HostUnknownError is a host with no key on record.
type HostUnknownError struct {
	Host    string
	Offered string
	File    string
}

func (e *HostUnknownError) Error() string {
	return fmt.Sprintf("REFUSED: %s is not in %s (its key is %s). Check the fingerprint with the host, then connect again with --accept-new-host-key to record it.",
		e.Host, e.File, e.Offered)
}

func (e *HostUnknownError) Unwrap() error { return ErrHostUnknown }

// HostKeys checks server keys strictly against known_hosts files.
type HostKeys struct {
	files     []string
	acceptNew bool // record an unknown host's key in files[0]
	// Confirm, if set, is asked about an unknown host (the TUI sets it);
	// acceptNew skips the question.
	Confirm func(host, fingerprint string) HostAnswer

	mu sync.Mutex
	db *knownhosts.HostKeyDB
	// once are the keys accepted for this process only, by host.
	once map[string][]byte
}

// HostAnswer is what the user said about an unknown host key.
type HostAnswer int

// Answers to Confirm.
const (
	HostRefuse     HostAnswer = iota // refuse the connection
	HostAcceptOnce                   // trust the key for this run, record nothing
	HostRemember                     // trust it and record it in known_hosts
)

// NewHostKeys loads known_hosts files (the first is where new keys go).
// Files that do not exist yet count as empty.
func NewHostKeys(files []string, acceptNew bool) (*HostKeys, error) {
	if len(files) == 0 {
		return nil, errors.New("no known_hosts file")
	}
	h := &HostKeys{files: files, acceptNew: acceptNew}
	return h, h.reload()
}

func (h *HostKeys) reload() error {
	var existing []string
	for _, f := range h.files {
		if _, err := os.Stat(f); err == nil {
			existing = append(existing, f)
		}
	}
	if len(existing) == 0 {
		h.db = nil
		return nil
	}
	db, err := knownhosts.NewDB(existing...)
	if err != nil {
		return fmt.Errorf("read known_hosts: %w", err)
	}
	h.db = db
	return nil
}

// Algorithms are the host-key algorithms to ask a server for, so that it
// offers a key of a type on record (mixed key types).
func (h *HostKeys) Algorithms(addr string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.db == nil {
		return nil
	}
	return h.db.HostKeyAlgorithms(addr)
}

// Callback is the ssh.HostKeyCallback.
func (h *HostKeys) Callback(hostname string, remote net.Addr, key ssh.PublicKey) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	offered := key.Type() + " " + ssh.FingerprintSHA256(key)
	if h.db != nil {
		err := h.db.HostKeyCallback()(hostname, remote, key)
		if err == nil {
			return nil
		}
		if knownhosts.IsHostKeyChanged(err) {
			var ke *xknownhosts.KeyError
			ce := &HostKeyChangedError{Host: hostname, Offered: offered}
			if errors.As(err, &ke) {
				for _, k := range ke.Want {
					ce.Known = append(ce.Known, fmt.Sprintf("%s %s (%s:%d)", k.Key.Type(), ssh.FingerprintSHA256(k.Key), k.Filename, k.Line))
				}
			}
			return ce
		}
		if !knownhosts.IsHostUnknown(err) {
			return fmt.Errorf("check host key of %s: %w", hostname, err)
		}
	}
	if once, seen := h.once[hostname]; seen {
		if bytes.Equal(once, key.Marshal()) {
			return nil
		}
		// Accepted for this run with another key: a changed key.
		return &HostKeyChangedError{Host: hostname, Offered: offered, Known: []string{"the key accepted for this run only"}}
	}
	answer := HostRemember
	if !h.acceptNew {
		answer = HostRefuse
		if h.Confirm != nil {
			answer = h.Confirm(hostname, offered)
		}
	}
	switch answer {
	case HostAcceptOnce:
		if h.once == nil {
			h.once = map[string][]byte{}
		}
		h.once[hostname] = key.Marshal()
		return nil
	case HostRemember:
	default:
		return &HostUnknownError{Host: hostname, Offered: offered, File: h.files[0]}
	}
	if err := h.record(hostname, remote, key); err != nil {
		return err
	}
	return h.reload()
}

// record appends a host's key to the first known_hosts file.
func (h *HostKeys) record(hostname string, remote net.Addr, key ssh.PublicKey) error {
	file := h.files[0]
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return fmt.Errorf("record host key: %w", err)
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("record host key: %w", err)
	}
	defer f.Close()
	if err := knownhosts.WriteKnownHost(f, hostname, remote, key); err != nil {
		return fmt.Errorf("record host key: %w", err)
	}
	return f.Sync()
}
