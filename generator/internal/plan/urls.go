package plan

import (
	"net/url"
	"strings"
)

// URLs makes the links of the site. Every page is a folder (years/2023/)
// and links between pages are relative, so the site works under any path
// of base_url, from a plain file server and from a USB stick alike.
type URLs struct {
	base   *url.URL // nil when site.yaml has no base_url
	prefix string   // base as a string, when a plain path may be appended to it
}

// NewURLs makes the links of a site whose base_url is baseURL (may be "").
func NewURLs(baseURL string) *URLs {
	u := &URLs{}
	if baseURL != "" {
		if b, err := url.Parse(baseURL); err == nil && b.IsAbs() {
			if !strings.HasSuffix(b.Path, "/") {
				b.Path += "/"
			}
			u.base = b
			if b.RawQuery == "" && b.Fragment == "" && !b.ForceQuery && b.RawPath == "" {
				u.prefix = b.String()
			}
		}
	}
	return u
}

// Root is the relative prefix from the page at dir (like "years/2023/") to
// the site root: "../../".
func Root(dir string) string {
	if dir == "" {
		return ""
	}
	return strings.Repeat("../", strings.Count(strings.Trim(dir, "/"), "/")+1)
}

// Abs is the absolute address of a site path, or "" without base_url.
func (u *URLs) Abs(p string) string {
	if u.base == nil {
		return ""
	}
	p = strings.TrimPrefix(p, "/")
	if u.prefix != "" && plainPath(p) {
		return u.prefix + p // what ResolveReference gives, without its cost (a site has thousands of pages)
	}
	ref := &url.URL{Path: p}
	return u.base.ResolveReference(ref).String()
}

// plainPath reports whether p is a relative path that needs no escaping
// and has no dot segments and no empty ones.
func plainPath(p string) bool {
	seg := 0 // start of the current segment
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '/' {
			switch p[seg:i] {
			case ".", "..":
				return false
			case "":
				if i < len(p) {
					return false
				}
			}
			seg = i + 1
			continue
		}
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
			return false
		}
	}
	return true
}

// BasePath is the path of base_url ("/houqin/"), or "/".
func (u *URLs) BasePath() string {
	if u.base == nil {
		return "/"
	}
	return u.base.Path
}

// HasBase reports whether site.yaml gives a usable base_url: the feed,
// the sitemap and the QR codes need one.
func (u *URLs) HasBase() bool { return u.base != nil }
