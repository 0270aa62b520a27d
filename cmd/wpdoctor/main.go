// Command wpdoctor finds out why a WordPress site answers 502 Bad Gateway
// (and 500, 503, 504, the white screen) and names the component to blame.
package main

import (
	"os"

	"github.com/wpdoctor/wpdoctor/internal/cli"
)

func main() { os.Exit(cli.Main()) }
