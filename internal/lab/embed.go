package lab

import "embed"

//go:embed tmpl
var templates embed.FS
