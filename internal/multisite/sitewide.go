package multisite

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/phpser"
)

// ErrBadSitewide means active_sitewide_plugins is not a serialized array
// of plugin file => activation time. It wraps the phpser error (ErrSyntax
// or ErrType) when there is one.
var ErrBadSitewide = errors.New("active_sitewide_plugins is corrupt")

// Sitewide is the network's active_sitewide_plugins: an ordered map of
// plugin file => activation time, kept as the decoded PHP array so that
// Serialize writes back exactly the bytes that were read. The zero value is
// the empty map. A Sitewide is never modified in place: Without and PutBack
// return new values.
type Sitewide struct {
	a phpser.Array
}

// NetworkPlugin is one network-activated plugin. Time is its activation
// time (a Unix timestamp, as WordPress's time() wrote it); TimeOK is false
// when the stored value is not an integer (WordPress never writes one, but
// a migration or another plugin might), and then Time is 0. The stored
// value is kept either way.
type NetworkPlugin struct {
	File   string `json:"file"`
	Time   int64  `json:"activated"`
	TimeOK bool   `json:"-"`
}

// ParseSitewide decodes the raw active_sitewide_plugins value. An empty
// value (or a missing row, which callers pass as nil) is the empty map, as
// WordPress treats it; Serialize of that writes a:0:{}. Anything that is
// not a serialized array is an error wrapping ErrBadSitewide. Values are
// not required to be ints (see NetworkPlugin), keys are plugin files.
func ParseSitewide(raw []byte) (Sitewide, error) {
	if strings.TrimSpace(string(raw)) == "" {
		return Sitewide{}, nil
	}
	v, err := phpser.Unserialize(raw)
	if err != nil {
		return Sitewide{}, fmt.Errorf("%w: %w", ErrBadSitewide, err)
	}
	a, ok := v.(phpser.Array)
	if !ok {
		return Sitewide{}, fmt.Errorf("%w: not an array: %w", ErrBadSitewide, phpser.ErrType)
	}
	return Sitewide{a: a}, nil
}

// NewSitewide builds the map from plugins in order, each with its time
// (TimeOK is ignored: the time is written as an int).
func NewSitewide(plugins []NetworkPlugin) Sitewide {
	a := make(phpser.Array, len(plugins))
	for i, p := range plugins {
		a[i] = phpser.Pair{Key: phpser.StrKey(p.File), Value: phpser.Int(p.Time)}
	}
	return Sitewide{a: a}
}

// Serialize encodes the map as PHP's serialize() would: for a value from
// ParseSitewide, the bytes it was parsed from.
func (s Sitewide) Serialize() []byte { return phpser.Serialize(s.a) }

// Len is the number of entries (duplicate keys, which PHP never writes,
// counted each time).
func (s Sitewide) Len() int { return len(s.a) }

// Plugins lists the entries in stored order. A file that appears twice (a
// corrupt but parseable value) is listed once, at its first position with
// its last value, as PHP's unserialize() would see it.
func (s Sitewide) Plugins() []NetworkPlugin {
	out := make([]NetworkPlugin, 0, len(s.a))
	at := map[string]int{}
	for _, p := range s.a {
		np := NetworkPlugin{File: p.Key.String()}
		np.Time, np.TimeOK = timeOf(p.Value)
		if i, ok := at[np.File]; ok {
			out[i] = np
			continue
		}
		at[np.File] = len(out)
		out = append(out, np)
	}
	return out
}

// Files lists the plugin files in stored order, without repeats.
func (s Sitewide) Files() []string {
	ps := s.Plugins()
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.File
	}
	return out
}

// Has reports whether file is network-active.
func (s Sitewide) Has(file string) bool {
	_, ok := s.a.Get(file)
	return ok
}

// Without returns the map with every entry for the given files removed,
// the others keeping their order and their stored values: the bytes
// WordPress's deactivate_plugins() writes for network plugins (it unsets
// the keys and serializes the rest).
func (s Sitewide) Without(files ...string) Sitewide {
	drop := setOf(files)
	return Sitewide{a: s.a.Filter(func(p phpser.Pair) bool { return !drop[p.Key.String()] })}
}

// PutBack returns s with the entries that orig holds for files restored:
// each with its original stored value (its activation time, byte for
// byte), placed after the entry that preceded it in orig, so that
// orig.Without(fs...).PutBack(orig, fs...) serializes exactly as orig.
// Entries of s that orig does not have are kept where they are; a file
// that s already holds, or that orig lacks, is left as s has it.
func (s Sitewide) PutBack(orig Sitewide, files ...string) Sitewide {
	back := setOf(files)
	for _, p := range s.a {
		delete(back, p.Key.String()) // already there: keep s's entry
	}
	out := make(phpser.Array, 0, len(s.a)+len(back))
	i := 0 // s.a[:i] is copied
	for _, p := range orig.a {
		k := p.Key.String()
		if back[k] {
			out = append(out, p)
			continue
		}
		// Copy s up to and including this entry of orig, if s has it.
		for j := i; j < len(s.a); j++ {
			if s.a[j].Key.String() == k {
				out = append(out, s.a[i:j+1]...)
				i = j + 1
				break
			}
		}
	}
	return Sitewide{a: append(out, s.a[i:]...)}
}

// MarshalJSON writes the map as a list of {file, activated} in stored
// order (a JSON object would lose the order).
func (s Sitewide) MarshalJSON() ([]byte, error) { return json.Marshal(s.Plugins()) }

// timeOf reads an activation time: an int, or a string of decimal digits.
func timeOf(v phpser.Value) (int64, bool) {
	switch v := v.(type) {
	case phpser.Int:
		return int64(v), true
	case phpser.String:
		n, err := strconv.ParseInt(string(v), 10, 64)
		return n, err == nil
	}
	return 0, false
}

func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}
