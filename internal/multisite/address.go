package multisite

import (
	"net/url"
	"strconv"
	"strings"
)

// Prefix is the table prefix of site id in a network whose $table_prefix
// is base, as wpdb::get_blog_prefix() computes it: site 1 (the first site,
// created with the network) uses base itself, every other site base + id
// + "_" (wp_2_options).
func Prefix(base string, id int64) string {
	if id <= 1 {
		return base
	}
	return base + strconv.FormatInt(id, 10) + "_"
}

// SitePath returns p as WordPress stores a site's path: with a leading and
// a trailing slash ("" and "/" give "/", "blog" and "/blog" give "/blog/").
func SitePath(p string) string {
	p = "/" + strings.Trim(p, "/")
	if p != "/" {
		p += "/"
	}
	return p
}

// SiteURL is the address of a site of a network: scheme://domain/path/
// with the path as SitePath writes it. The domain is kept as stored, a
// port included (example.com:8080); an empty scheme is http. Subdirectory
// and subdomain sites are addressed alike: the {base}blogs row already
// holds the site's own host and path.
func SiteURL(scheme, domain, path string) string {
	if scheme == "" {
		scheme = "http"
	}
	return scheme + "://" + strings.TrimRight(domain, "/") + SitePath(path)
}

// SchemeOf returns the scheme of a stored URL such as the home option
// ("https"), or "" if it has none.
func SchemeOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.Scheme
}

// SiteFor returns the live site that answers rawURL, the way WordPress
// picks one for a request (get_site_by_path): the site whose domain is the
// URL's host (without a :80 or :443 port, compared without case) and whose
// path is the longest that begins the URL's path at a segment boundary.
// A bare host or domain/path without a scheme is accepted. It returns nil
// when no site matches.
func (n *Network) SiteFor(rawURL string) *Site {
	host, p, ok := splitURL(rawURL)
	if !ok {
		return nil
	}
	var best *Site
	for i := range n.Sites {
		s := &n.Sites[i]
		if !strings.EqualFold(hostKey(s.Domain), host) {
			continue
		}
		sp := SitePath(s.Path)
		if strings.HasPrefix(p, sp) && (best == nil || len(sp) > len(SitePath(best.Path))) {
			best = s
		}
	}
	return best
}

// splitURL returns rawURL's host (as hostKey gives it) and its path as a
// directory ("/blog/post" gives "/blog/post/").
func splitURL(rawURL string) (host, p string, ok bool) {
	raw := strings.TrimSpace(rawURL)
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", "", false
	}
	return hostKey(u.Host), SitePath(u.Path), true
}

// hostKey lower-cases a host and drops a :80 or :443 port, as
// ms-settings.php does with the request's host before looking the site up
// (whatever the scheme).
func hostKey(host string) string {
	host = strings.ToLower(host)
	for _, port := range []string{":80", ":443"} {
		if strings.HasSuffix(host, port) {
			return strings.TrimSuffix(host, port)
		}
	}
	return host
}
