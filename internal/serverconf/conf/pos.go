// Package conf holds what the server-configuration readers of wpdoctor
// share: positions (file:line), settings that remember where they came
// from or that they are a default, problems met while loading, include
// sources (a site.FS, or files held in memory such as an `nginx -T`
// dump) with glob expansion, and the backend/log destinations the
// readers report.
package conf

import (
	"errors"
	"fmt"
)

// Sentinel errors callers branch on.
var (
	// ErrSyntax marks a value or file that does not follow the format.
	ErrSyntax = errors.New("syntax error")
	// ErrLimit marks input that exceeds a safety limit (include depth,
	// file count, total bytes, block nesting).
	ErrLimit = errors.New("limit exceeded")
)

// Pos is where a value was read: a file and a 1-based line. The zero Pos
// means "not from any file" (a built-in default).
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// String renders file:line, or "default" for the zero Pos.
func (p Pos) String() string {
	if p.File == "" && p.Line == 0 {
		return "default"
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// IsZero reports whether p is the zero Pos.
func (p Pos) IsZero() bool { return p.File == "" && p.Line == 0 }

// Setting is one effective configuration value: what it is, how it was
// written, where, and whether it is the server's built-in default (then
// Pos is zero and Raw is the documented default spelling).
type Setting[T any] struct {
	Value   T      `json:"value"`
	Raw     string `json:"raw"`
	Pos     Pos    `json:"pos,omitzero"`
	Default bool   `json:"default,omitempty"`
	// Invalid is set when Raw (at Pos) could not be parsed; Value is then
	// the built-in default, which is not what the server will do (it
	// refuses to start, or warns and uses something else).
	Invalid bool `json:"invalid,omitempty"`
}

// Where describes the origin for messages: "file:line" or "default".
func (s Setting[T]) Where() string {
	if s.Default {
		return "default"
	}
	return s.Pos.String()
}

// DefaultSetting is a built-in default value, spelt raw.
func DefaultSetting[T any](v T, raw string) Setting[T] {
	return Setting[T]{Value: v, Raw: raw, Default: true}
}

// Problem is something wrong or unreadable met while loading a
// configuration; loading carries on.
type Problem struct {
	Pos     Pos    `json:"pos,omitzero"`
	Message string `json:"message"`
	Err     error  `json:"-"`
}

func (p Problem) String() string {
	return p.Pos.String() + ": " + p.Message
}

// SyntaxError is a parse error at a position. It wraps ErrSyntax.
type SyntaxError struct {
	Pos Pos
	Msg string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// Unwrap lets errors.Is(err, ErrSyntax) succeed.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }
