module github.com/wpdoctor/wpdoctor

go 1.26.0

require (
	github.com/VKCOM/php-parser v0.8.2
	github.com/go-sql-driver/mysql v1.9.3
	github.com/kevinburke/ssh_config v1.6.0
	github.com/pkg/sftp v1.13.10
	github.com/skeema/knownhosts v1.3.3
	github.com/spf13/cobra v1.10.2
	github.com/spf13/pflag v1.0.9
	golang.org/x/crypto v0.58.0
	golang.org/x/sync v0.25.0
	golang.org/x/term v0.47.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	filippo.io/edwards25519 v1.1.0 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/kr/fs v0.1.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
