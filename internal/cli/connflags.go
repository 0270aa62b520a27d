package cli

import (
	"time"

	"github.com/spf13/pflag"
)

// ConnFlags are the flags every command that reaches a site shares.
type ConnFlags struct {
	Identity         []string      // -i/--identity: private key files, tried in order
	KnownHosts       string        // --known-hosts: known_hosts file (default ~/.ssh/known_hosts)
	AcceptNewHostKey bool          // --accept-new-host-key: trust and record an unknown host's key
	PasswordEnv      string        // --password-env: name of an environment variable holding the SSH password
	SSHConfig        string        // --ssh-config: ssh_config file (default ~/.ssh/config)
	ConnectTimeout   time.Duration // --connect-timeout
	CommandTimeout   time.Duration // --command-timeout
}

func (c *ConnFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVarP(&c.Identity, "identity", "i", nil, "private key `FILE` for SSH (repeatable; default: ssh-agent and ~/.ssh/id_*)")
	fs.StringVar(&c.KnownHosts, "known-hosts", "", "known_hosts `FILE` for strict host-key checking (default ~/.ssh/known_hosts)")
	fs.BoolVar(&c.AcceptNewHostKey, "accept-new-host-key", false, "accept and record the key of a host not yet in known_hosts (a changed key is always refused)")
	fs.StringVar(&c.PasswordEnv, "password-env", "", "read the SSH password from environment variable `NAME` (never pass a password as a flag)")
	fs.StringVar(&c.SSHConfig, "ssh-config", "", "ssh_config `FILE` (default ~/.ssh/config)")
	fs.DurationVar(&c.ConnectTimeout, "connect-timeout", 15*time.Second, "timeout for the SSH and database connections")
	fs.DurationVar(&c.CommandTimeout, "command-timeout", 30*time.Second, "timeout for each remote command")
}
