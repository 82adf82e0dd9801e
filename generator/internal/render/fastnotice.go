package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
)

// A district site has thousands of notices, and html/template spends some
// hundred microseconds on each page: most of a notices-only build. When a
// site uses the built-in baseof.html, partials.html and notice.html, the
// notice pages are therefore written by writeNotice below, which produces
// the same bytes as those layouts, escaping each value the way
// html/template escapes it in that place. TestFastNoticeMatchesLayouts
// renders notices both ways and compares them, so a change to one of the
// three layouts that is not made here too fails the tests.
//
// The site header and footer are the same on every notice page (they
// depend on the site and on the depth of the page, not on the notice), so
// they are rendered once through the templates and copied.

// fastNoticeLayouts are the layout files writeNotice stands for.
var fastNoticeLayouts = []string{"baseof.html", "partials.html", "notice.html"}

// fastNotices reports whether the site leaves the notice page layouts
// built in, so that writeNotice may draw its notices.
func (r *Renderer) fastNotices() bool {
	if r.noFastNotices {
		return false
	}
	for _, name := range fastNoticeLayouts {
		if r.site.Layouts == nil {
			break
		}
		if _, err := fs.Stat(r.site.Layouts, name); err == nil {
			return false
		}
	}
	return true
}

// noticeChrome is the site header and footer of the notice pages.
type noticeChrome struct {
	header, footer []byte
}

// noticeChrome renders the header and footer of a notice page through the
// templates once.
func (b *builder) noticeChrome() (*noticeChrome, error) {
	set := b.r.tmpl.sets["notice.html"]
	if set == nil {
		return nil, fmt.Errorf("layout notice.html did not load")
	}
	v := NoticeView{Base: b.base("notice", "notices/_/", "", "")}
	var h, f bytes.Buffer
	if err := set.ExecuteTemplate(&h, "header", v); err != nil {
		return nil, err
	}
	if err := set.ExecuteTemplate(&f, "footer", v); err != nil {
		return nil, err
	}
	return &noticeChrome{header: h.Bytes(), footer: f.Bytes()}, nil
}

// writeNotice writes a notice page as baseof.html and notice.html do.
func (r *Renderer) writeNotice(v *NoticeView, c *noticeChrome) []byte {
	t := r.lang.T
	w := pageWriter{}
	w.Grow(4096 + len(v.Body) + len(c.header) + len(c.footer))
	// baseof.html
	w.raw(`<!doctype html>
<html lang="`)
	w.esc(v.Lang.Code())
	w.raw(`">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>`)
	if v.Kind == "home" {
		w.esc(v.Site.Title)
	} else {
		w.esc(v.Title)
		w.raw(" · ")
		w.esc(v.Site.Title)
	}
	w.raw(`</title>
<meta name="description" content="`)
	w.esc(v.Description)
	w.raw(`">
`)
	if v.Canonical != "" {
		w.raw(`<link rel="canonical" href="`)
		w.url(v.Canonical)
		w.raw(`">
`)
	}
	w.raw(`<meta property="og:title" content="`)
	w.esc(v.Title)
	w.raw(`">
<meta property="og:description" content="`)
	w.esc(v.Description)
	w.raw(`">
<meta property="og:site_name" content="`)
	w.esc(v.Site.Title)
	w.raw(`">
`)
	if v.Canonical != "" {
		w.raw(`<meta property="og:url" content="`)
		w.esc(v.Canonical)
		w.raw(`">
`)
	}
	w.raw(`<meta name="theme-color" content="#1f5f78">
<link rel="icon" href="`)
	w.url(v.Root)
	w.url(v.Assets.Icon)
	w.raw(`" type="image/svg+xml">
<link rel="stylesheet" href="`)
	w.url(v.Root)
	w.url(v.Assets.CSS)
	w.raw(`">
`)
	if v.Charts && v.Assets.Runtime != "" {
		w.raw(`<script defer src="`)
		w.url(v.Root)
		w.url(v.Assets.Charts)
		w.raw(`" data-runtime="`)
		w.esc(v.Root)
		w.esc(v.Assets.Runtime)
		w.raw(`"></script>
<noscript><style>.chart-canvas{display:none}.chart-data{display:block}</style></noscript>
`)
	}
	// notice.html: head
	w.raw(`<meta property="og:type" content="article">
<meta property="og:locale" content="`)
	w.esc(v.Locale)
	w.raw(`">
`)
	if v.Published != "" {
		w.raw(`<meta property="article:published_time" content="`)
		w.esc(v.Published)
		w.raw(`">
`)
	}
	if v.Feed != "" {
		w.raw(`<link rel="alternate" type="application/atom+xml" title="`)
		w.esc(t("Subscribe to notices (Atom feed)"))
		w.raw(`" href="`)
		w.url(string(v.Link(v.Feed)))
		w.raw(`">
`)
	}
	w.raw(`</head>
<body class="kind-`)
	w.esc(v.Kind)
	w.raw(`">
<a class="skip" href="#main">`)
	w.esc(t("Skip to content"))
	w.raw(`</a>
`)
	w.Write(c.header)
	w.raw(`
<main id="main">
`)
	// notice.html: main
	it := &v.Item
	w.raw(`<div class="wrap narrow">
<article class="notice">
  <p class="notice-school">`)
	w.esc(v.Site.School)
	w.raw(" · ")
	w.esc(v.Site.Office)
	w.raw(`</p>
  `)
	if n := v.Newer; n != nil {
		w.raw(`<p class="notice-banner notice-superseded" role="note">`)
		w.esc(t("This notice has been replaced by a newer one:"))
		w.raw(` <a href="`)
		w.url(string(v.Link(n.Path)))
		w.raw(`">`)
		w.esc(n.Title)
		w.raw(`</a></p>
  `)
	}
	if it.Expired {
		w.raw(`<p class="notice-banner notice-expired" role="note">`)
		w.esc(fmt.Sprintf(t("This notice expired on %s and is kept for reference."), r.lang.Date(it.Expires)))
		w.raw(`</p>
  `)
	}
	w.raw(`<header class="notice-head">
    <p class="notice-meta"><span class="tag tag-`)
	w.esc(it.Category)
	w.raw(`">`)
	w.esc(it.Label)
	w.raw(`</span> <time datetime="`)
	w.esc(it.Date.String())
	w.raw(`">`)
	w.esc(r.lang.Date(it.Date))
	w.raw(`</time></p>
    <h1>`)
	w.esc(v.Title)
	w.raw(`</h1>`)
	if it.Reviewed.Year != 0 || it.Expires.Year != 0 {
		w.raw(`
    <p class="notice-dates">`)
		if d := it.Reviewed; d.Year != 0 {
			w.raw(`<span>`)
			w.esc(t("Last reviewed"))
			w.raw(` <time datetime="`)
			w.esc(d.String())
			w.raw(`">`)
			w.esc(r.lang.Date(d))
			w.raw(`</time></span>`)
		}
		if d := it.Expires; d.Year != 0 {
			w.raw(` <span>`)
			w.esc(t("Expires"))
			w.raw(` <time datetime="`)
			w.esc(d.String())
			w.raw(`">`)
			w.esc(r.lang.Date(d))
			w.raw(`</time></span>`)
		}
		w.raw(`</p>`)
	}
	w.raw(`
  </header>
  <div class="prose notice-body">`)
	w.raw(string(v.Body))
	w.raw(`</div>
  <footer class="notice-foot">
    <p class="notice-sign">`)
	w.esc(v.Site.School)
	w.raw(" ")
	w.esc(v.Site.Office)
	w.raw(`<br><time datetime="`)
	w.esc(it.Date.String())
	w.raw(`">`)
	w.esc(r.lang.Date(it.Date))
	w.raw(`</time></p>
    `)
	if q := v.QR; q != nil {
		w.raw(`<figure class="notice-qr">`)
		w.raw(string(q.SVG))
		w.raw(`<figcaption>`)
		w.esc(t("Scan to read this notice online"))
		w.raw(`<br><span class="notice-url">`)
		w.esc(q.URL)
		w.raw(`</span></figcaption></figure>`)
	}
	w.raw(`
  </footer>
  <p class="notice-back"><a href="`)
	w.url(string(v.Link("notices/")))
	w.raw(`">← `)
	w.esc(t("Back to all notices"))
	w.raw(`</a></p>
</article>
</div>

</main>
`)
	w.Write(c.footer)
	w.raw(`
</body>
</html>
`)
	return w.Bytes()
}

// pageWriter writes HTML, escaping values as html/template does.
type pageWriter struct{ bytes.Buffer }

func (w *pageWriter) raw(s string) { w.WriteString(s) }

// esc writes s as text or as a quoted attribute value: html/template's
// htmlEscaper, attrEscaper and rcdataEscaper of a plain string.
func (w *pageWriter) esc(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(repl)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// url writes s as (part of) a URL attribute value: html/template's
// urlFilter, urlNormalizer and attrEscaper.
func (w *pageWriter) url(s string) {
	if !safeURL(s) {
		s = "#ZgotmplZ"
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		b.WriteString(s[last:i])
		fmt.Fprintf(&b, "%%%02x", c)
		last = i + 1
	}
	if last == 0 {
		w.esc(s)
		return
	}
	b.WriteString(s[last:])
	w.esc(b.String())
}

// safeURL is html/template's test for a URL it lets through: no scheme,
// or http, https or mailto.
func safeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
