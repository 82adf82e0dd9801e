package render

import (
	"net/url"
	"strings"
)

// urls makes the links of the site. Every page is a folder (years/2023/)
// and links between pages are relative, so the site works under any path
// of base_url, from a plain file server and from a USB stick alike.
type urls struct {
	base *url.URL // nil when site.yaml has no base_url
}

func newURLs(baseURL string) *urls {
	u := &urls{}
	if baseURL != "" {
		if b, err := url.Parse(baseURL); err == nil && b.IsAbs() {
			if !strings.HasSuffix(b.Path, "/") {
				b.Path += "/"
			}
			u.base = b
		}
	}
	return u
}

// root is the relative prefix from the page at dir (like "years/2023/") to
// the site root: "../../".
func root(dir string) string {
	if dir == "" {
		return ""
	}
	return strings.Repeat("../", strings.Count(strings.Trim(dir, "/"), "/")+1)
}

// Abs is the absolute address of a site path, or "" without base_url.
func (u *urls) Abs(p string) string {
	if u.base == nil {
		return ""
	}
	ref := &url.URL{Path: strings.TrimPrefix(p, "/")}
	return u.base.ResolveReference(ref).String()
}

// BasePath is the path of base_url ("/houqin/"), or "/".
func (u *urls) BasePath() string {
	if u.base == nil {
		return "/"
	}
	return u.base.Path
}
