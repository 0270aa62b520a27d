package probe

import (
	"net/url"
	"strings"
)

// withParam returns rawQuery with every name=… pair removed and
// name=value appended; the other pairs keep their order and encoding.
func withParam(rawQuery, name, value string) string {
	q := withoutParam(rawQuery, name)
	pair := url.QueryEscape(name) + "=" + url.QueryEscape(value)
	if q == "" {
		return pair
	}
	return q + "&" + pair
}

// withoutParam returns rawQuery without any name=… (or bare name) pair;
// every other pair is kept byte for byte, empty ones included.
func withoutParam(rawQuery, name string) string {
	if rawQuery == "" || !strings.ContainsAny(rawQuery, "%+") && !strings.Contains(rawQuery, name) {
		return rawQuery
	}
	var b strings.Builder
	first := true
	for part := range strings.SplitSeq(rawQuery, "&") {
		key, _, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(key); err == nil && k == name {
			continue
		}
		if !first {
			b.WriteByte('&')
		}
		first = false
		b.WriteString(part)
	}
	return b.String()
}

// bust returns a copy of u whose query carries name=value, for sending.
func bust(u *url.URL, name, value string) *url.URL {
	c := *u
	c.RawQuery = withParam(u.RawQuery, name, value)
	c.ForceQuery = false
	c.User = nil // sent as an Authorization header by fetch, never in the URL
	c.Fragment, c.RawFragment = "", ""
	return &c
}

// clean returns u as a string without the cache-bust parameter, the
// fragment or any user:password: the URL as reported, and the key for
// loop detection.
func clean(u *url.URL, name string) string {
	c := *u
	c.User = nil
	c.ForceQuery = false
	c.RawQuery = withoutParam(u.RawQuery, name)
	c.Fragment, c.RawFragment = "", ""
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	if (c.Scheme == "http" && strings.HasSuffix(c.Host, ":80")) ||
		(c.Scheme == "https" && strings.HasSuffix(c.Host, ":443")) {
		c.Host = c.Host[:strings.LastIndexByte(c.Host, ':')]
	}
	if c.Path == "" && c.RawPath == "" {
		c.Path = "/"
	}
	return c.String()
}
