package wpconfig

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

var (
	// ErrNotConfig means the input is clearly not a PHP file: no <?php open
	// tag (HTML, binary data, NUL padding) or nothing at all.
	ErrNotConfig = errors.New("not a PHP file")
	// ErrEmpty means the input is empty or only whitespace. It comes
	// wrapped together with ErrNotConfig.
	ErrEmpty = errors.New("empty file")
)

var bom = []byte("\xEF\xBB\xBF")

// Parse reads a wp-config.php. It fails only when src is clearly not PHP
// (ErrNotConfig, possibly with ErrEmpty). A file with syntax errors is
// returned with Damaged set and what could be recovered; see the package
// documentation. Parse does not keep src.
func Parse(src []byte) (*Config, error) {
	if err := sniff(src); err != nil {
		return nil, fmt.Errorf("parse wp-config: %w", err)
	}
	cfg := &Config{BOM: bytes.HasPrefix(src, bom), CRLF: mostlyCRLF(src)}
	w := &walker{src: src, cfg: cfg}
	w.readAll()
	finish(cfg)
	return cfg, nil
}

// sniff rejects input that is clearly not PHP.
func sniff(src []byte) error {
	body := bytes.TrimPrefix(src, bom)
	if len(bytes.TrimSpace(body)) == 0 {
		return fmt.Errorf("%w: %w", ErrNotConfig, ErrEmpty)
	}
	if hasOpenTag(src) {
		return nil
	}
	reason := "no <?php open tag"
	switch {
	case len(bytes.Trim(src, "\x00")) == 0:
		reason = "only NUL bytes (a zero-filled or truncated file)"
	case bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src):
		reason = "binary data, no <?php open tag"
	case bytes.Contains(bytes.ToLower(body[:min(len(body), 4096)]), []byte("<html")),
		bytes.HasPrefix(bytes.ToLower(bytes.TrimSpace(body)), []byte("<!doctype")):
		reason = "HTML, no <?php open tag"
	}
	return fmt.Errorf("%w: %s", ErrNotConfig, reason)
}

// hasOpenTag reports whether src holds "<?php" (any case) followed by
// whitespace or the end of the input.
func hasOpenTag(src []byte) bool {
	for i := 0; i+5 <= len(src); i++ {
		if src[i] != '<' || src[i+1] != '?' || !bytes.EqualFold(src[i+2:i+5], []byte("php")) {
			continue
		}
		if i+5 == len(src) {
			return true
		}
		switch src[i+5] {
		case ' ', '\t', '\n', '\r':
			return true
		}
	}
	return false
}

// mostlyCRLF reports whether most line endings are \r\n.
func mostlyCRLF(src []byte) bool {
	crlf := bytes.Count(src, []byte("\r\n"))
	return crlf > 0 && crlf*2 >= bytes.Count(src, []byte("\n"))
}
