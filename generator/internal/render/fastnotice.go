package render

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/plan"
)

// writeNotice and writeNoticeList are the writer "notices" (see
// writers.go): they write the notice pages and lists as baseof.html,
// partials.html, notice.html and notices.html do.

// noticeChrome is the site header and footer of the notice pages.
type noticeChrome struct {
	header, footer []byte
}

// noticeChrome renders the header and footer of a page of the given kind
// in folder dir through the templates, once for all the pages that share
// them.
func (b *builder) noticeChrome(layout, kind, dir string) (*noticeChrome, error) {
	set := b.r.tmpl.sets[layout]
	if set == nil {
		return nil, fmt.Errorf("layout %s did not load", layout)
	}
	v := NoticeView{Base: b.base(kind, dir, "", "")}
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
	w := r.beginPage(&v.Base, 4096+len(v.Body)+len(c.header)+len(c.footer))
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
	r.feedLink(w, &v.Base, v.Feed)
	r.bodyStart(w, &v.Base, c)
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
	w.url(string(v.Link(plan.Notices)))
	w.raw(`">← `)
	w.esc(t("Back to all notices"))
	w.raw(`</a></p>
</article>
</div>
`)
	return r.endPage(w, c)
}

// beginPage writes baseof.html up to the page's own head block.
func (r *Renderer) beginPage(b *Base, size int) *pageWriter {
	w := &pageWriter{}
	w.Grow(size)
	// baseof.html
	w.raw(`<!doctype html>
<html lang="`)
	w.esc(b.Lang.Code())
	w.raw(`">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>`)
	if b.Kind == "home" {
		w.esc(b.Site.Title)
	} else {
		w.esc(b.Title)
		w.raw(" · ")
		w.esc(b.Site.Title)
	}
	w.raw(`</title>
<meta name="description" content="`)
	w.esc(b.Description)
	w.raw(`">
`)
	if b.Canonical != "" {
		w.raw(`<link rel="canonical" href="`)
		w.url(b.Canonical)
		w.raw(`">
`)
	}
	w.raw(`<meta property="og:title" content="`)
	w.esc(b.Title)
	w.raw(`">
<meta property="og:description" content="`)
	w.esc(b.Description)
	w.raw(`">
<meta property="og:site_name" content="`)
	w.esc(b.Site.Title)
	w.raw(`">
`)
	if b.Canonical != "" {
		w.raw(`<meta property="og:url" content="`)
		w.esc(b.Canonical)
		w.raw(`">
`)
	}
	w.raw(`<meta name="theme-color" content="#1f5f78">
<link rel="icon" href="`)
	w.url(b.Root)
	w.url(b.Assets.Icon)
	w.raw(`" type="image/svg+xml">
<link rel="stylesheet" href="`)
	w.url(b.Root)
	w.url(b.Assets.CSS)
	w.raw(`">
`)
	if b.Charts && b.Assets.Runtime != "" {
		w.raw(`<script defer src="`)
		w.url(b.Root)
		w.url(b.Assets.Charts)
		w.raw(`" data-runtime="`)
		w.esc(b.Root)
		w.esc(b.Assets.Runtime)
		w.raw(`"></script>
<noscript><style>.chart-canvas{display:none}.chart-data{display:block}</style></noscript>
`)
	}
	return w
}

// feedLink writes the Atom feed's link of the head of notice.html and
// notices.html.
func (r *Renderer) feedLink(w *pageWriter, b *Base, feed string) {
	if feed == "" {
		return
	}
	w.raw(`<link rel="alternate" type="application/atom+xml" title="`)
	w.esc(r.lang.T("Subscribe to notices (Atom feed)"))
	w.raw(`" href="`)
	w.url(string(b.Link(feed)))
	w.raw(`">
`)
}

// bodyStart writes baseof.html from the end of the head to the page's
// main block.
func (r *Renderer) bodyStart(w *pageWriter, b *Base, c *noticeChrome) {
	w.raw(`</head>
<body class="kind-`)
	w.esc(b.Kind)
	w.raw(`">
<a class="skip" href="#main">`)
	w.esc(r.lang.T("Skip to content"))
	w.raw(`</a>
`)
	w.Write(c.header)
	w.raw(`
<main id="main">
`)
}

// endPage writes the rest of baseof.html and returns the page.
func (r *Renderer) endPage(w *pageWriter, c *noticeChrome) []byte {
	w.raw(`
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
// htmlEscaper, attrEscaper and rcdataEscaper of a plain string all escape
// as writeText does.
func (w *pageWriter) esc(s string) { writeText(&w.Buffer, s) }

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

// writeNoticeList writes /notices/ or a category page as baseof.html,
// notices.html and the notice-list partial do.
func (r *Renderer) writeNoticeList(v *NoticesView, c *noticeChrome) []byte {
	t := r.lang.T
	w := r.beginPage(&v.Base, 2048+300*(len(v.Items)+len(v.Archive))+len(c.header)+len(c.footer))
	// notices.html: head
	r.feedLink(w, &v.Base, v.Feed)
	r.bodyStart(w, &v.Base, c)
	// notices.html: main
	w.raw(`<div class="wrap">
<header class="page-head">
  <h1>`)
	w.esc(v.Title)
	w.raw(`</h1>
</header>
`)
	if len(v.Categories) > 0 {
		w.raw(`<nav class="notice-cats" aria-label="`)
		w.esc(t("Categories"))
		w.raw(`">
  <ul>
    <li><a href="`)
		w.url(string(v.Link(plan.Notices)))
		w.raw(`"`)
		if v.Category == "" {
			w.raw(` aria-current="page"`)
		}
		w.raw(`>`)
		w.esc(t("All"))
		w.raw(` <span class="count">`)
		w.esc(strconv.Itoa(v.Total))
		w.raw(`</span></a></li>
`)
		for _, c := range v.Categories {
			w.raw(`    <li><a href="`)
			w.url(string(v.Link(c.Path)))
			w.raw(`"`)
			if c.Current {
				w.raw(` aria-current="page"`)
			}
			w.raw(`>`)
			w.esc(c.Label)
			w.raw(` <span class="count">`)
			w.esc(strconv.Itoa(c.Count))
			w.raw(`</span></a></li>
`)
		}
		w.raw(`  </ul>
</nav>`)
	}
	w.raw("\n")
	if len(v.Items) > 0 {
		r.writeNoticeItems(w, &v.Base, v.Items)
	} else {
		w.raw(`<p class="muted">`)
		w.esc(t("No current notices."))
		w.raw(`</p>`)
	}
	w.raw("\n")
	if len(v.Archive) > 0 {
		w.raw(`<section class="section notice-archive" aria-labelledby="archive-h">
  <h2 id="archive-h">`)
		w.esc(t("Archive"))
		w.raw(`</h2>
  <p class="muted">`)
		w.esc(t("Expired notices stay here for reference; what they say may no longer apply."))
		w.raw(`</p>
  `)
		r.writeNoticeItems(w, &v.Base, v.Archive)
		w.raw(`
</section>`)
	}
	w.raw("\n")
	if v.Feed != "" {
		w.raw(`<p class="feed-link"><a href="`)
		w.url(string(v.Link(v.Feed)))
		w.raw(`" type="application/atom+xml">`)
		w.esc(t("Subscribe to notices (Atom feed)"))
		w.raw(`</a></p>`)
	}
	w.raw(`
</div>
`)
	return r.endPage(w, c)
}

// writeNoticeItems writes a list as the notice-list partial does.
func (r *Renderer) writeNoticeItems(w *pageWriter, page *Base, items []NoticeItem) {
	w.raw(`<ul class="notice-list">
`)
	for i := range items {
		it := &items[i]
		w.raw(`  <li class="notice-item`)
		if it.Pinned {
			w.raw(` pinned`)
		}
		w.raw(`">
    <a href="`)
		w.url(string(page.Link(it.Path)))
		w.raw(`">`)
		w.esc(it.Title)
		w.raw(`</a>
    <span class="notice-meta">`)
		if it.Pinned {
			w.raw(`<span class="tag tag-pinned">`)
			w.esc(r.lang.T("Pinned"))
			w.raw(`</span> `)
		}
		w.raw(`<span class="tag tag-`)
		w.esc(it.Category)
		w.raw(`">`)
		w.esc(it.Label)
		w.raw(`</span> <time datetime="`)
		w.esc(it.Date.String())
		w.raw(`">`)
		w.esc(r.lang.Date(it.Date))
		w.raw(`</time></span>
    `)
		if it.Summary != "" {
			w.raw(`<p>`)
			w.esc(it.Summary)
			w.raw(`</p>`)
		}
		w.raw(`
  </li>
`)
	}
	w.raw(`</ul>`)
}
