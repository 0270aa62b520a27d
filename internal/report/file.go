package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// WriteFile writes the report as Markdown (.md) or HTML (.html, .htm).
func WriteFile(name string, r *diag.Report) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		err = Markdown(f, r)
	case ".html", ".htm":
		err = HTML(f, r)
	default:
		err = fmt.Errorf("write report: %s: use a .md or .html file name", name)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
