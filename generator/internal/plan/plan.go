package plan

import (
	"bytes"
	"sort"
	"strconv"

	"github.com/houqin/report/generator/internal/model"
)

// Kind says who makes an entry's file.
type Kind int

const (
	// Page is a page render makes from a layout: Dir/index.html.
	Page Kind = iota
	// File is a file render writes without a layout (the feed, the
	// sitemap); it is made after the pages.
	File
	// Later is a file a later step makes, from a rendered page (a
	// booklet's PDF, printed by the pdf command) or from the model (an
	// export): render does not write it, but pages may link to it once
	// it exists.
	Later
)

// The dependency groups a source may name besides a file of the site.
const (
	// Data is the YAML files under data/ but site.yaml, and the tables as
	// far as the entry's view reads them: serve records which rows it
	// asked for, and reruns it only when those rows change.
	Data = "group:data"
	// NoticeGroup is every notice file.
	NoticeGroup = "group:notices"
	// YearGroup is every yearly narrative.
	YearGroup = "group:years"
	// NoticeList is what the notice lists show of each notice (title,
	// date, category, summary, pinned, expired), not their text; render
	// fingerprints it.
	NoticeList = "notice-list"
	// PageList is the set of pages the site has; render fingerprints it.
	PageList = "pages"
)

// Entry is a part of the site: a page, or a group of pages made together
// (the safety record of every period, the timeline and its projects), or
// a file.
type Entry struct {
	// Key names the entry, and its work in serve's memo: "year:2023".
	Key string
	// View is the view function that makes the entry (render's views:
	// "year"); for a Later file, the step that makes it ("pdf").
	View string
	Kind Kind
	// Layout is the layout the page is drawn with ("year.html").
	Layout string
	// Dir is the page's address, or for a file its path.
	Dir string
	// Sources are the files and groups (Data, NoticeGroup, ...) the entry
	// is made from: when none changed, serve reuses what it made.
	Sources []string
	// Year is the period the entry is about, if any.
	Year int
	// Page is the content page the entry shows, if any.
	Page *model.Page
	// From is the page a Later file is made from, if any.
	From string
	// Made says that the output will hold a Later file (a step made it
	// before, or is about to), so that pages may link to it.
	Made bool
}

// Plan is the list of a site's entries, in the order they are made.
type Plan struct {
	Entries []Entry
	URLs    *URLs // the links of the site
}

// New plans the site: its pages, in the periods the tables cover.
func New(site *model.Site, periods []model.Period) *Plan {
	// A district site has thousands of notices: the entries are made in
	// one allocation.
	pl := &Plan{URLs: NewURLs(site.Config.BaseURL), Entries: make([]Entry, 0, 8+6*len(periods)+len(site.Pages))}
	add := func(e Entry) { pl.Entries = append(pl.Entries, e) }
	home := Entry{Key: "home", View: "home", Layout: "home.html", Dir: Home, Sources: []string{"content/_index.md", Data, NoticeList, YearGroup}}
	for _, p := range site.Pages {
		if p.Kind == model.HomePage {
			home.Page = p
		}
	}
	add(home)
	narratives := map[int]*model.Page{} // the yearly summaries by period
	for _, p := range site.Pages {
		if _, seen := narratives[p.Year]; p.Kind == model.YearPage && !seen {
			narratives[p.Year] = p
		}
	}
	add(Entry{Key: "safety", View: "safety", Layout: "safety.html", Dir: Safety, Sources: []string{Data}})
	add(Entry{Key: "timeline", View: "timeline", Layout: "timeline.html", Dir: Timeline, Sources: []string{Data}})
	add(Entry{Key: "404", View: "404", Layout: "404.html", Dir: NotFound})
	if len(periods) > 0 {
		// The entries ask for the periods themselves (Data), so that a new
		// year in the data remakes them.
		years := []string{Data, YearGroup}
		add(Entry{Key: "years", View: "years", Layout: "years.html", Dir: Years, Sources: years})
		for _, p := range periods {
			add(Entry{Key: "year:" + strconv.Itoa(p.Year), View: "year", Layout: "year.html", Dir: Year(p.Year), Sources: years, Year: p.Year, Page: narratives[p.Year]})
		}
		for _, p := range periods {
			add(Entry{Key: "booklet:" + strconv.Itoa(p.Year), View: "booklet", Layout: "booklet.html", Dir: Booklet(p.Year), Sources: years, Year: p.Year, Page: narratives[p.Year]})
		}
		for _, p := range periods {
			add(Entry{Key: "pdf:" + strconv.Itoa(p.Year), View: "pdf", Kind: Later, Dir: BookletPDF(p.Year), From: Booklet(p.Year), Year: p.Year})
		}
		// The submission pack of each period (the export command).
		for _, p := range periods {
			for _, f := range Export(p.Year).All() {
				add(Entry{Key: "export:" + f, View: "export", Kind: Later, Dir: f, Year: p.Year})
			}
		}
	}
	pl.notices(site)
	for _, p := range site.Pages {
		if p.Kind == model.PlainPage {
			add(Entry{Key: "page:" + p.File, View: "page", Layout: "page.html", Dir: Of(p), Sources: []string{p.File, Data}, Page: p})
		}
	}
	if pl.URLs.HasBase() {
		add(Entry{Key: "sitemap", View: "sitemap", Kind: File, Dir: Sitemap, Sources: []string{PageList}})
	}
	return pl
}

// notices plans the notice lists, each notice's page and the feed.
func (pl *Plan) notices(site *model.Site) {
	bySlug := map[string]*model.Page{}
	var notices []*model.Page
	for _, p := range site.Pages {
		if p.Kind == model.NoticePage {
			notices = append(notices, p)
			bySlug[p.Slug] = p
		}
	}
	if len(notices) == 0 {
		return
	}
	pl.Entries = append(pl.Entries, Entry{Key: "notices:lists", View: "notices", Layout: "notices.html", Dir: Notices, Sources: []string{NoticeList}})
	for _, p := range notices {
		// A notice page depends on its own file, on the notice that
		// replaces it (the banner shows its title), and on the data if it
		// has references ({{< ... >}}). A notice replaced by one the site
		// does not have yet depends on every notice, so that the banner
		// appears when that one is written.
		src := []string{p.File}
		if newer := bySlug[p.SupersededBy]; newer != nil {
			src = append(src, newer.File)
		} else if p.SupersededBy != "" {
			src = append(src, NoticeGroup)
		}
		if bytes.Contains(p.Body, []byte("{{<")) {
			src = append(src, Data)
		}
		pl.Entries = append(pl.Entries, Entry{Key: "notice:" + p.File, View: "notice", Layout: "notice.html", Dir: Notice(p.Slug), Sources: src, Page: p})
	}
	if pl.URLs.HasBase() {
		pl.Entries = append(pl.Entries, Entry{Key: "notices:feed", View: "feed", Kind: File, Dir: Feed, Sources: []string{NoticeGroup, Data}})
	}
}

// NoticesOf returns the notices of a site in the order of the notice
// lists: pinned first, then newest, then by address.
func NoticesOf(site *model.Site) []*model.Page {
	var out []*model.Page
	for _, p := range site.Pages {
		if p.Kind == model.NoticePage {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pinned != b.Pinned {
			return a.Pinned
		}
		if c := a.Date.Compare(b.Date); c != 0 {
			return c > 0
		}
		return a.Slug < b.Slug
	})
	return out
}

// Make records that the output will hold the Later file at path.
func (pl *Plan) Make(path string) {
	for i := range pl.Entries {
		if pl.Entries[i].Kind == Later && pl.Entries[i].Dir == path {
			pl.Entries[i].Made = true
		}
	}
}

// Made reports whether the output will hold the Later file at path.
func (pl *Plan) Made(path string) bool {
	for _, e := range pl.Entries {
		if e.Kind == Later && e.Dir == path {
			return e.Made
		}
	}
	return false
}

// Later lists the files later steps make.
func (pl *Plan) Later() []Entry {
	var out []Entry
	for _, e := range pl.Entries {
		if e.Kind == Later {
			out = append(out, e)
		}
	}
	return out
}
