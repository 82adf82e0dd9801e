package render

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// Notices are read on phones, often from a link shared in a chat group,
// and printed for the notice board. Their pages therefore load no script
// at all (a chart reference in a notice is an error), and print on A4 with
// a QR code of their address. The pages:
//
//	notices/                 current notices, pinned first, then newest first;
//	                         a category menu; an archive of expired notices
//	notices/category/CAT/    the same, for one category (only categories in use)
//	notices/SLUG/            one notice
//	notices/feed.xml         Atom feed, newest 50 (needs base_url; see feed.go)
//
// A notice whose front matter says superseded_by: SLUG keeps its page,
// with a banner that links to the newer notice, and is left out of lists.

// notices returns the notice pages, pinned first, then newest first.
func (r *Renderer) notices() []*model.Page {
	return r.noticeList
}

// expired reports whether a notice's expires date has passed at build time.
func (r *Renderer) expired(p *model.Page) bool {
	return !p.Expires.IsZero() && !r.opt.Now.Before(p.Expires.End())
}

func (r *Renderer) noticeItem(p *model.Page) NoticeItem {
	return NoticeItem{
		Title: p.Title, Path: plan.Notice(p.Slug), Date: p.Date, Category: p.Category,
		Label: r.lang.label("notice", p.Category), Summary: p.Summary, Pinned: p.Pinned, Expired: r.expired(p),
		Reviewed: p.Reviewed, Expires: p.Expires,
	}
}

// noticeItems lists the notices that are not superseded by another one,
// pinned first, then newest first; expired ones are marked.
// They are computed once per render.
func (r *Renderer) noticeItems() []NoticeItem {
	l := r.list
	l.once.Do(func() {
		for _, p := range r.notices() {
			if listed(p) {
				l.items = append(l.items, r.noticeItem(p))
			}
		}
	})
	return l.items
}

// listedNotices are the notices the lists show, and noticeListDep of them,
// each computed once per render.
type listedNotices struct {
	once    sync.Once
	items   []NoticeItem
	depOnce sync.Once
	dep     string
}

// CategoryLink is one entry of the category menu of /notices/.
type CategoryLink struct {
	Code    string
	Label   string
	Path    string
	Count   int // notices listed on its page, archive included
	Current bool
}

// noticeSet is what the notice pages share: the notices by slug, the
// feed's path, the fast writer's chrome, and the notices' descriptions
// (filled in by their jobs, for the feed).
type noticeSet struct {
	bySlug map[string]*model.Page
	feed   string
	chrome *noticeChrome
	desc   map[string]string
}

// prepareNotices prepares what the notice pages share.
func (b *builder) prepareNotices() *noticeSet {
	r := b.r
	ns := &noticeSet{bySlug: map[string]*model.Page{}, desc: map[string]string{}}
	pages := r.notices()
	if len(pages) == 0 {
		return ns
	}
	for _, p := range pages {
		ns.bySlug[p.Slug] = p
	}
	if r.urls.HasBase() {
		ns.feed = plan.Feed
	}
	if r.writers["notices"] {
		var err error
		if ns.chrome, err = b.noticeChrome("notice.html", "notice", plan.Notice("_")); err != nil {
			ns.chrome = nil // the layouts report it on every page
		}
	}
	return ns
}

// noticeLists writes /notices/ and a list for each category.
func (b *builder) noticeLists(ns *noticeSet) {
	r := b.r
	items := r.noticeItems()
	cats := r.noticeCategories(items)
	b.noticeList(items, cats, "", ns.feed, ns.chrome != nil)
	for _, c := range cats {
		var in []NoticeItem
		for _, it := range items {
			if it.Category == c.Code {
				in = append(in, it)
			}
		}
		b.noticeList(in, cats, c.Code, ns.feed, ns.chrome != nil)
	}
}

// noticeListDep is a job dependency on what the notice lists show of
// each notice (title, date, category, summary, pinned, expired): editing
// a notice's text leaves the lists and the home page as they were, so
// they are not rendered again.
func (r *Renderer) noticeListDep() string {
	l := r.list
	l.depOnce.Do(func() {
		h := sha256.New()
		var b []byte
		for _, p := range r.notices() {
			if !listed(p) {
				continue
			}
			b = append(b[:0], p.Title...)
			for _, s := range []string{p.Slug, p.Category, p.Summary} {
				b = append(append(b, 0), s...)
			}
			for _, d := range []model.Date{p.Date, p.Reviewed, p.Expires} {
				b = d.Append(append(b, 0))
			}
			b = append(b, 0, boolByte(p.Pinned), boolByte(r.expired(p)), '\n')
			h.Write(b)
		}
		l.dep = "notice-list:" + hex.EncodeToString(h.Sum(nil))
	})
	return l.dep
}

func boolByte(b bool) byte {
	if b {
		return '1'
	}
	return '0'
}

// noticeCategories are the categories that have listed notices, in the
// order of model.NoticeCategories.
func (r *Renderer) noticeCategories(items []NoticeItem) []CategoryLink {
	var out []CategoryLink
	for _, code := range model.NoticeCategories {
		n := 0
		for _, it := range items {
			if it.Category == code {
				n++
			}
		}
		if n > 0 {
			out = append(out, CategoryLink{Code: code, Label: r.lang.label("notice", code), Path: plan.NoticeCategory(code), Count: n})
		}
	}
	return out
}

// noticeList writes /notices/ (cat "") or /notices/category/CAT/: the
// current notices, then the expired ones as an archive.
//
// fast says to write the page with writeNoticeList (see fastnotice.go).
func (b *builder) noticeList(items []NoticeItem, cats []CategoryLink, cat, feed string, fast bool) {
	r := b.r
	v := NoticesView{Category: cat, Feed: feed}
	for _, it := range items {
		if it.Expired {
			v.Archive = append(v.Archive, it)
		} else {
			v.Items = append(v.Items, it)
		}
	}
	for _, c := range cats {
		c.Current = c.Code == cat
		v.Total += c.Count
		v.Categories = append(v.Categories, c)
	}
	dir, title, desc := plan.Notices, r.lang.T("Notices"), ""
	if cat != "" {
		label := r.lang.label("notice", cat)
		dir = plan.NoticeCategory(cat)
		title = r.lang.T("Notices") + " · " + label
		desc = fmt.Sprintf(r.lang.T("%s notices of %s"), label, r.site.Config.School)
	}
	v.Base = b.base("notices", dir, title, desc)
	if fast {
		if c, err := b.noticeChrome("notices.html", "notices", dir); err == nil {
			b.add(dir+"index.html", r.writeNoticeList(&v, c))
			b.pages = append(b.pages, dir)
			return
		}
	}
	b.page("notices.html", dir, v)
}

// notice writes /notices/SLUG/ and returns its description: the summary,
// or the start of the text.
//
// With chrome, the page is written by writeNotice rather than by the
// layouts (see fastnotice.go).
func (b *builder) notice(ctx context.Context, p *model.Page, bySlug map[string]*model.Page, feed string, chrome *noticeChrome) string {
	r := b.r
	doc := b.markdown(ctx, p, model.All)
	item := r.noticeItem(p)
	v := NoticeView{Item: item, Body: doc.HTML, Feed: feed, Locale: r.ogLocale(), Published: r.feedTime(p.Date)}
	if newer := bySlug[p.SupersededBy]; newer != nil && newer != p {
		it := r.noticeItem(newer)
		v.Newer = &it
	}
	if url := r.urls.Abs(item.Path); url != "" {
		svg, err := qrSVG(url)
		if err != nil {
			b.errs.Add(p.Pos, "cannot make the QR code of %s: %v", url, err)
		} else {
			v.QR = &QRView{SVG: svg, URL: url}
		}
	}
	desc := p.Summary
	if desc == "" {
		desc = excerpt(string(doc.HTML), 80)
	}
	v.Base = b.base("notice", item.Path, p.Title, desc)
	v.Base.Charts = false // a notice page loads no script, whatever its body holds
	if chrome != nil {
		b.add(item.Path+"index.html", r.writeNotice(&v, chrome))
		b.pages = append(b.pages, item.Path)
	} else {
		b.page("notice.html", item.Path, v)
	}
	return desc
}

// ogLocale is the Open Graph locale of the site's language.
func (r *Renderer) ogLocale() string {
	if r.lang.En() {
		return "en_US"
	}
	return "zh_CN"
}

// noticeZone is the time zone of notice dates in the feed and meta tags:
// China Standard Time for zh-CN sites, UTC for English ones.
func (r *Renderer) noticeZone() *time.Location {
	if r.lang.En() {
		return time.UTC
	}
	return time.FixedZone("CST", 8*60*60)
}

// feedTime is the start of a day in the notice time zone, in RFC 3339.
func (r *Renderer) feedTime(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	day := d.Day
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(d.Month), day, 0, 0, 0, 0, r.noticeZone()).Format(time.RFC3339)
}

var tags = regexp.MustCompile(`<[^>]*>`)

// excerpt is the text of rendered HTML, with runs of white space made one
// space, cut after n characters.
func excerpt(h string, n int) string {
	text := html.UnescapeString(tags.ReplaceAllString(h, " "))
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	runes := []rune(text)
	return strings.TrimSpace(string(runes[:n])) + "…"
}

// listed reports whether a notice shows in lists and the feed.
func listed(p *model.Page) bool { return p.SupersededBy == "" }
