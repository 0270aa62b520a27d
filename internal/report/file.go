package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// CheckName says whether name is a report file name WriteFile knows how to
// write (.md, .markdown, .html, .htm), so that callers can refuse a bad
// name before any work is done.
func CheckName(name string) error {
	if render(name) == nil {
		return fmt.Errorf("--report %s: use a .md or .html file name", name)
	}
	return nil
}

func render(name string) func(io.Writer, *diag.Report) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return Markdown
	case ".html", ".htm":
		return HTML
	}
	return nil
}

// WriteFile writes the report as Markdown (.md) or HTML (.html, .htm). It
// writes atomically: the report is rendered first, written to a temporary
// file in the same directory and renamed over name, so that name is either
// left as it was or holds the whole report — never truncated, and nothing
// else is created or replaced.
func WriteFile(name string, r *diag.Report) error {
	fn := render(name)
	if fn == nil {
		return CheckName(name)
	}
	var buf bytes.Buffer
	if err := fn(&buf, r); err != nil {
		return fmt.Errorf("write report %s: %w", name, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write report %s: %w", name, err)
	}
	done := false
	defer func() {
		if !done {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("write report %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write report %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write report %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write report %s: %w", name, err)
	}
	done = true
	return nil
}
