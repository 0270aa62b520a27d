package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
)

// ErrUnreachable means the SSH server could not be reached at all.
var ErrUnreachable = errors.New("ssh server unreachable")

// ErrConnLost means the SSH connection dropped during an operation. The
// Client reconnects on the next operation.
var ErrConnLost = errors.New("ssh connection lost")

// Options configure a Client.
type Options struct {
	KnownHosts       []string // known_hosts files; default ssh_config's or ~/.ssh/known_hosts
	AcceptNewHostKey bool
	ConfirmHost      func(host, fingerprint string) HostAnswer // asked about unknown hosts (TUI)
	Auth             AuthOptions
	DialTimeout      time.Duration // per hop, handshake included (default 15s)
	KeepAlive        time.Duration // interval of keep-alive requests (default 15s; <0 disables)
	KeepAliveMax     int           // unanswered keep-alives before the connection is dropped (default 3)
}

// Client is one SSH connection to a server (through its jump hosts), which
// it re-establishes after a drop, so that an undo can always finish.
type Client struct {
	ep   Endpoint
	opts Options
	keys *HostKeys

	// auth holds each hop's methods, built once: keys are decrypted (and
	// passphrases asked) once per Client, not per reconnection.
	auth    map[string][]ssh.AuthMethod
	closers []func()

	mu     sync.Mutex
	conn   *ssh.Client
	hops   []*ssh.Client // jump hosts, outermost first
	gen    int           // connection generation, +1 per (re)connect
	dead   chan struct{} // closed when conn drops
	closed bool
}

// Dial connects to the endpoint.
func Dial(ctx context.Context, ep Endpoint, o Options) (*Client, error) {
	if o.DialTimeout <= 0 {
		o.DialTimeout = 15 * time.Second
	}
	if o.KeepAlive == 0 {
		o.KeepAlive = 15 * time.Second
	}
	if o.KeepAliveMax <= 0 {
		o.KeepAliveMax = 3
	}
	files := o.KnownHosts
	if len(files) == 0 {
		files = ep.KnownHosts
	}
	if len(files) == 0 {
		home, _ := os.UserHomeDir()
		files = []string{filepath.Join(home, ".ssh", "known_hosts")}
	}
	keys, err := NewHostKeys(files, o.AcceptNewHostKey)
	if err != nil {
		return nil, err
	}
	keys.Confirm = o.ConfirmHost
	c := &Client{ep: ep, opts: o, keys: keys, auth: map[string][]ssh.AuthMethod{}}
	for _, hop := range append(append([]Endpoint{}, ep.ProxyJump...), ep) {
		m, closer, err := authMethods(o.Auth, hop)
		if err != nil {
			c.Close()
			return nil, err
		}
		c.auth[hopKey(hop)] = m
		c.closers = append(c.closers, closer)
	}
	if _, _, err := c.current(ctx); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func hopKey(e Endpoint) string { return e.User + "@" + e.Addr() }

// Endpoint is what the client connects to.
func (c *Client) Endpoint() Endpoint { return c.ep }

// current returns the live connection, connecting when there is none.
func (c *Client) current(ctx context.Context) (*ssh.Client, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, 0, errors.New("ssh client closed")
	}
	if c.conn != nil {
		select {
		case <-c.dead:
			c.dropLocked()
		default:
			return c.conn, c.gen, nil
		}
	}
	if err := c.connectLocked(ctx); err != nil {
		return nil, 0, err
	}
	return c.conn, c.gen, nil
}

func (c *Client) connectLocked(ctx context.Context) error {
	var hops []*ssh.Client
	var prev *ssh.Client
	chain := append(append([]Endpoint{}, c.ep.ProxyJump...), c.ep)
	for _, hop := range chain {
		cl, err := c.dialHop(ctx, prev, hop)
		if err != nil {
			for i := len(hops) - 1; i >= 0; i-- {
				hops[i].Close()
			}
			return err
		}
		hops = append(hops, cl)
		prev = cl
	}
	c.conn, c.hops = hops[len(hops)-1], hops[:len(hops)-1]
	c.gen++
	c.dead = make(chan struct{})
	go c.watch(c.conn, c.dead)
	return nil
}

func (c *Client) dialHop(ctx context.Context, via *ssh.Client, ep Endpoint) (*ssh.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.DialTimeout)
	defer cancel()
	var nc net.Conn
	var err error
	if via == nil {
		var d net.Dialer
		nc, err = d.DialContext(ctx, "tcp", ep.Addr())
	} else {
		nc, err = via.DialContext(ctx, "tcp", ep.Addr())
	}
	if err != nil {
		return nil, fmt.Errorf("%w: connect to %s: %w", ErrUnreachable, ep.Addr(), err)
	}
	deadline := time.Now().Add(c.opts.DialTimeout)
	if c.opts.Auth.Prompter != nil {
		// A person may be typing a password during the handshake.
		deadline = time.Now().Add(5 * time.Minute)
	}
	_ = nc.SetDeadline(deadline)
	methods := c.auth[hopKey(ep)]
	cfg := &ssh.ClientConfig{
		User:              ep.User,
		Auth:              methods,
		HostKeyCallback:   c.keys.Callback,
		HostKeyAlgorithms: c.keys.Algorithms(ep.Addr()),
		Timeout:           c.opts.DialTimeout,
	}
	sc, chans, reqs, err := ssh.NewClientConn(nc, ep.Addr(), cfg)
	if err != nil {
		nc.Close()
		var ce *HostKeyChangedError
		var ue *HostUnknownError
		if errors.As(err, &ce) || errors.As(err, &ue) {
			return nil, unwrapHostKeyErr(err)
		}
		if isAuthFailure(err) {
			return nil, fmt.Errorf("%w: %s@%s refused our keys/password", ErrAuth, ep.User, ep.Addr())
		}
		return nil, fmt.Errorf("ssh handshake with %s: %w", ep.Addr(), err)
	}
	_ = nc.SetDeadline(time.Time{})
	return ssh.NewClient(sc, chans, reqs), nil
}

// watch closes dead when the connection ends, and drops a connection whose
// keep-alives go unanswered.
func (c *Client) watch(conn *ssh.Client, dead chan struct{}) {
	done := make(chan struct{})
	go func() {
		_ = conn.Wait()
		close(done)
	}()
	var tick <-chan time.Time
	if c.opts.KeepAlive > 0 {
		t := time.NewTicker(c.opts.KeepAlive)
		defer t.Stop()
		tick = t.C
	}
	missed := 0
	for {
		select {
		case <-done:
			close(dead)
			return
		case <-tick:
			if keepAlive(conn, c.opts.KeepAlive) {
				missed = 0
				continue
			}
			if missed++; missed >= c.opts.KeepAliveMax {
				conn.Close()
			}
		}
	}
}

func keepAlive(conn *ssh.Client, timeout time.Duration) bool {
	res := make(chan error, 1)
	go func() {
		_, _, err := conn.SendRequest("keepalive@openssh.com", true, nil)
		res <- err
	}()
	select {
	case err := <-res:
		return err == nil
	case <-time.After(timeout):
		return false
	}
}

func (c *Client) dropLocked() {
	if c.conn != nil {
		c.conn.Close()
	}
	for i := len(c.hops) - 1; i >= 0; i-- {
		c.hops[i].Close()
	}
	c.conn, c.hops = nil, nil
}

// Drop closes the current connection as if the network had dropped it
// (fault injection in tests; the next operation reconnects).
func (c *Client) Drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
	}
}

// Close ends the connection for good.
func (c *Client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	c.dropLocked()
	for _, cl := range c.closers {
		cl()
	}
	c.closers = nil
	return nil
}

// Generation counts (re)connections.
func (c *Client) Generation() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// DialContext opens a channel through the server to a TCP address or, with
// network "unix", to a unix socket on the server (direct-streamlocal).
func (c *Client) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	var conn net.Conn
	err := c.retry(ctx, func(cl *ssh.Client) error {
		var err error
		conn, err = cl.DialContext(ctx, network, addr)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("dial %s %s through ssh: %w", network, addr, err)
	}
	return conn, nil
}

// retry runs fn on the live connection; when the connection turns out to
// have dropped, it reconnects and runs fn once more.
func (c *Client) retry(ctx context.Context, fn func(*ssh.Client) error) error {
	for attempt := 0; ; attempt++ {
		cl, gen, err := c.current(ctx)
		if err != nil {
			return err
		}
		err = fn(cl)
		if err == nil || !c.lost(gen, err) || attempt > 0 {
			if err != nil && c.lost(gen, err) {
				return fmt.Errorf("%w: %w", ErrConnLost, err)
			}
			return err
		}
	}
}

// lost reports whether err came from connection gen having dropped. When
// unsure (an error that is not clearly the server's answer), it pings the
// server; a connection found dead is dropped so the next use reconnects.
func (c *Client) lost(gen int, err error) bool {
	if err == nil {
		return false
	}
	c.mu.Lock()
	if c.gen != gen || c.conn == nil {
		c.mu.Unlock()
		return true
	}
	select {
	case <-c.dead:
		c.dropLocked()
		c.mu.Unlock()
		return true
	default:
	}
	conn := c.conn
	c.mu.Unlock()
	dead := connError(err) || !keepAlive(conn, 3*time.Second)
	if dead {
		c.mu.Lock()
		if c.conn == conn {
			c.dropLocked()
		}
		c.mu.Unlock()
	}
	return dead
}

// connError recognises errors that only a broken connection produces.
func connError(err error) bool {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, ErrConnLost) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "connection lost") || strings.Contains(msg, "use of closed network connection")
}
