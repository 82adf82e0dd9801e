package render

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// builder accumulates the output of one render.
type builder struct {
	r      *Renderer
	files  []model.File
	errs   model.ErrorList
	assets *AssetPaths
	pages  []string // folders of the pages, for the sitemap

	navItems []NavItem
	fp       *fingerprints
	prev     map[string]memoJob // the previous render's jobs
	memo     *Memo              // this render's jobs
	stats    Stats

	emitMu  sync.Mutex
	emitted map[string]bool // paths handed to Output.Emit; nil unless this is the top builder and Emit is set
}

func (b *builder) add(path string, data []byte) {
	b.files = append(b.files, model.File{Path: path, Data: data})
}

// asOf is the day the pages of period p describe: the period's last day
// once it is over, and the build day while it runs (or for all time).
// closed says which.
func (r *Renderer) asOf(p model.Period) (day model.Date, closed bool) {
	if !p.IsAll() && !r.opt.Now.Before(p.End) {
		return p.Last(), true
	}
	return model.DateOf(r.opt.Now), false
}

// describe makes bs a page about period p: once p is over, the page says
// what day it describes rather than the day it was built.
func (r *Renderer) describe(bs *Base, p model.Period) {
	if day, closed := r.asOf(p); closed {
		bs.Built, bs.AsOf = day, day
	}
}

// base fills the fields every layout needs.
func (b *builder) base(kind, dir, title, description string) Base {
	r := b.r
	if description == "" {
		description = r.site.Config.Description
	}
	if description == "" {
		description = r.site.Config.Title
	}
	bs := Base{
		Site: &SiteView{Title: r.site.Config.Title, School: r.site.Config.School, Office: r.office(),
			Description: r.site.Config.Description},
		Lang: r.lang, Kind: kind, Title: title, Description: description, Dir: dir, Root: plan.Root(dir),
		Canonical: r.urls.Abs(dir), Assets: b.assets, Built: model.DateOf(r.opt.Now),
	}
	for _, n := range b.nav() {
		n.Active = n.Path == dir || (n.Path != "" && strings.HasPrefix(dir, n.Path))
		bs.Nav = append(bs.Nav, n)
	}
	return bs
}

func (r *Renderer) office() string {
	if r.site.Config.Office != "" {
		return r.site.Config.Office
	}
	return r.lang.T("Logistics office")
}

// nav lists the sections the site has, computed once per render.
func (b *builder) nav() []NavItem {
	if b.navItems == nil {
		b.navItems = b.r.nav()
	}
	return b.navItems
}

func (r *Renderer) nav() []NavItem {
	items := []NavItem{{Title: r.lang.T("Home"), Path: ""}}
	if len(r.q.Periods()) > 0 {
		items = append(items, NavItem{Title: r.lang.T("Yearly summaries"), Path: plan.Years})
	}
	if r.hasSafety() && len(r.q.Periods()) > 0 {
		items = append(items, NavItem{Title: r.lang.T("Safety record"), Path: plan.Safety})
	}
	if len(r.site.Projects) > 0 {
		items = append(items, NavItem{Title: r.lang.T("Campus improvements"), Path: plan.Timeline})
	}
	if len(r.notices()) > 0 {
		items = append(items, NavItem{Title: r.lang.T("Notices"), Path: plan.Notices})
	}
	return items
}

// page executes a layout and adds the page, recording layout errors.
func (b *builder) page(layout, dir string, view any) {
	out, err := b.r.tmpl.execute(layout, view)
	if err != nil {
		b.errs.Add(model.Pos{File: "layouts/" + layout}, "layout error: %v", err)
		return
	}
	b.add(dir+"index.html", out)
	b.pages = append(b.pages, dir)
}

// markdown renders a page body with its errors recorded.
func (b *builder) markdown(ctx context.Context, p *model.Page, period model.Period) Doc {
	doc, errs := b.r.Markdown(ctx, Source{File: p.File, Dir: plan.Of(p), Body: p.Body, Line: p.BodyLine}, period)
	b.errs = append(b.errs, errs...)
	return doc
}

func (b *builder) home(ctx context.Context) {
	r := b.r
	title := r.site.Config.Title
	v := HomeView{}
	var intro *model.Page
	for _, p := range r.site.Pages {
		if p.Kind == model.HomePage {
			intro = p
		}
	}
	charts := 0
	if intro != nil {
		doc := b.markdown(ctx, intro, model.All)
		v.Intro, v.IntroTitle, charts = doc.HTML, intro.Title, len(doc.Charts)
	}
	if periods := r.q.Periods(); len(periods) > 0 {
		latest := periods[len(periods)-1]
		item := b.yearItem(latest)
		v.Latest = &item
		if r.hasSafety() {
			// The safety section shows drills and incidents; the summary
			// keeps the other figures, so no card appears twice.
			v.Safety, v.SafetyPeriod = r.cards(pick(safetyCards, homeSafetyCards), latest), r.lang.Period(latest)
			item.Cards = r.cards(pick(cardSpecs, []string{"Repair orders", "Purchases", "Water", "Electricity"}), latest)
		}
	}
	items := r.noticeItems()
	for _, n := range items {
		if n.Pinned && !n.Expired {
			v.Pinned = append(v.Pinned, n)
		}
	}
	for _, n := range items {
		if !n.Pinned && !n.Expired && len(v.Notices) < 3 {
			v.Notices = append(v.Notices, n)
		}
	}
	v.Base = b.base("home", "", title, "")
	v.Base.Charts = charts > 0
	b.page("home.html", "", v)
}

// yearItem is a period with its narrative's title and its key figures.
func (b *builder) yearItem(p model.Period) YearItem {
	r := b.r
	item := YearItem{Period: p, Label: r.lang.Period(p), Path: plan.Year(p.Year), Title: r.lang.Period(p)}
	if page := r.yearPage(p.Year); page != nil {
		item.Title, item.Summary = page.Title, page.Summary
	}
	item.Cards = r.Cards(p)
	return item
}

func (r *Renderer) yearPage(year int) *model.Page {
	for _, p := range r.site.Pages {
		if p.Kind == model.YearPage && p.Year == year {
			return p
		}
	}
	return nil
}

// yearCharts are the charts a yearly page shows below its narrative, when
// the narrative has not placed them itself.
var yearCharts = []string{"repairs-by-trade", "repairs-by-month", "inspections", "drills-by-kind", "purchases-by-category", "utilities-monthly"}

// trendCharts are the multi-year charts of /years/.
var trendCharts = []string{"trend-repairs", "trend-inspections", "trend-purchases", "trend-utilities", "trend-drills", "trend-incidents"}

// yearList writes /years/: every period, newest first, and the trends.
func (b *builder) yearList(periods []model.Period) {
	r := b.r
	list := YearsView{}
	for i := len(periods) - 1; i >= 0; i-- {
		list.Periods = append(list.Periods, b.yearItem(periods[i]))
	}
	list.Trends = b.charts(trendCharts, model.All, nil)
	list.Base = b.base("years", plan.Years, r.lang.T("Yearly summaries"), "")
	list.Base.Charts = len(list.Trends) > 0
	b.page("years.html", plan.Years, list)
}

// year writes the yearly page of periods[i].
// year writes /years/YEAR/ for periods[i], and returns the hash of the
// page that ExportMark starts from.
func (b *builder) year(ctx context.Context, periods []model.Period, i int) string {
	r := b.r
	p := periods[i]
	v := YearView{Item: b.yearItem(p)}
	var placed []string
	listed := false
	if page := r.yearPage(p.Year); page != nil {
		doc := b.markdown(ctx, page, p)
		v.Narrative, placed, v.Contents, listed = doc.HTML, doc.Charts, doc.Headings, doc.Timeline
	}
	v.Charts = b.charts(yearCharts, p, placed)
	if !listed {
		v.Projects = b.projects(p)
	}
	if i > 0 {
		prev := b.yearItem(periods[i-1])
		v.Prev = &prev
	}
	if i+1 < len(periods) {
		next := b.yearItem(periods[i+1])
		v.Next = &next
	}
	dir := v.Item.Path
	v.Booklet = plan.Booklet(p.Year)
	if r.plan.Made(plan.BookletPDF(p.Year)) {
		v.PDF = plan.BookletPDF(p.Year)
	}
	v.Export = r.exportView(p)
	v.Base = b.base("year", dir, v.Item.Title, v.Item.Summary)
	r.describe(&v.Base, p)
	v.Base.Charts = len(placed) > 0 || len(v.Charts) > 0
	b.page("year.html", dir, v)
	for _, f := range b.files {
		if f.Path == plan.Index(dir) {
			h := sha256.New()
			hashWithout(h, f.Data, printLinks, footer)
			return hex.EncodeToString(h.Sum(nil))
		}
	}
	return ""
}

// charts renders the listed charts the site has data for, skipping those
// whose DOM ids are already on the page.
func (b *builder) charts(ids []string, p model.Period, placed []string) []template.HTML {
	r := b.r
	var out []template.HTML
	for _, id := range ids {
		if contains(placed, "chart-"+id) {
			continue
		}
		spec, err := r.q.Chart(id)
		if err != nil || !r.q.Available(spec) {
			continue
		}
		c, err := r.Chart(spec, p, "chart-"+id)
		if err != nil {
			b.errs.Add(spec.Pos, "%v", err)
			continue
		}
		if c.Data.Empty() {
			continue
		}
		h, err := r.ChartHTML(c)
		if err != nil {
			b.errs.Add(model.Pos{File: "layouts/partials.html"}, "%v", err)
			continue
		}
		out = append(out, h)
	}
	return out
}

// projects lists the projects active in the period.
func (b *builder) projects(p model.Period) template.HTML {
	if len(b.r.site.Projects) == 0 {
		return ""
	}
	h, err := b.r.TimelineHTML(ActiveProjects(b.r.site.Projects, p, ""), p, plan.Year(p.Year))
	if err != nil {
		b.errs.Add(model.Pos{File: "layouts/partials.html"}, "%v", err)
	}
	return h
}

func (b *builder) plainPage(ctx context.Context, p *model.Page) {
	{
		doc := b.markdown(ctx, p, model.All)
		dir := p.Slug + "/"
		v := PageView{Body: doc.HTML, Base: b.base("page", dir, p.Title, p.Summary)}
		v.Base.Charts = len(doc.Charts) > 0
		b.page("page.html", dir, v)
	}
}

func (b *builder) notFound(context.Context) {
	r := b.r
	v := PageView{Base: b.base("404", "", r.lang.T("Page not found"), r.lang.T("The page you asked for does not exist or has moved."))}
	// The 404 page is served at any address, so its links start from
	// base_url's path rather than being relative.
	v.Base.Root = r.urls.BasePath()
	v.Base.Canonical = ""
	out, err := r.tmpl.execute("404.html", v)
	if err != nil {
		b.errs.Add(model.Pos{File: "layouts/404.html"}, "layout error: %v", err)
		return
	}
	b.add(plan.NotFound, out)
}

// sitemap lists the pages, in their order; it needs base_url for
// absolute addresses.
func (b *builder) sitemap(pages []string) {
	var s strings.Builder
	s.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, dir := range pages {
		fmt.Fprintf(&s, "  <url><loc>%s</loc></url>\n", template.HTMLEscapeString(b.r.urls.Abs(dir)))
	}
	s.WriteString("</urlset>\n")
	b.add(plan.Sitemap, []byte(s.String()))
}

// resources copies the files under content/ that are not Markdown
// (pictures, PDFs) to the same place in the output: content/img/a.png is
// served at img/a.png.
func (b *builder) resources() {
	for _, res := range b.r.site.Resources {
		b.add(strings.TrimPrefix(res.Name, "content/"), res.Data)
	}
}
