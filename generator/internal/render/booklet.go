package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// BookletView is /booklet/YEAR/: the period's summary as one document
// designed for A4 paper.
type BookletView struct {
	Base
	Period    YearItem
	Sections  []BookletSection
	Narrative template.HTML
	Cards     []Card
	Charts    []template.HTML
	Safety    []Card
	Safety2   []template.HTML // safety charts
	Projects  template.HTML
	Honors    []HonorItem
	Tables    []template.HTML // the appendix
	Appendix  string          // its title: a summary, or the full ledger
	Ledger    string          // model.LedgerSummary or model.LedgerFull
	PDF       string          // site path of the PDF, when the pdf command has made it
	Export    *ExportView     // the submission pack, when the export command has made it
}

// BookletSection is an entry of the booklet's table of contents. The pdf
// command fills in the page numbers.
type BookletSection struct {
	ID       string
	Title    string
	Chapters []BookletSection // the narrative's chapters, under its section
}

// booklet writes /booklet/YEAR/ for period p, and returns its mark (see
// BookletMark).
func (b *builder) booklet(ctx context.Context, p model.Period) string {
	// Charts on paper: no animation, patterns as well as colours, so a
	// grey print keeps the series apart.
	pr := *b.r
	pr.print = true
	pb := &builder{r: &pr, assets: b.assets, navItems: b.navItems}
	v := pb.bookletView(ctx, p)
	pb.page("booklet.html", plan.Booklet(p.Year), v)
	mark := ""
	for _, f := range pb.files {
		if f.Path == plan.Index(plan.Booklet(p.Year)) {
			mark = BookletMark(f.Data)
		}
	}
	b.files = append(b.files, pb.files...)
	b.errs = append(b.errs, pb.errs...)
	b.pages = append(b.pages, pb.pages...)
	return mark
}

// MarkPrefix starts a booklet's mark.
const MarkPrefix = "houqin-booklet-sha256:"

// BookletMark is the mark of a booklet page: the pdf command writes it
// into the PDF printed from the page, and a later build keeps the PDF
// while its booklet's mark is unchanged. The print date on the cover is
// left out: a build on a later day keeps a PDF whose figures and text are
// unchanged. So are the links to the submission pack, which the export
// command adds and takes away without changing what the booklet says.
func BookletMark(html []byte) string {
	h := sha256.New()
	hashWithout(h, html, coverDate, barExport, coverExport)
	return MarkPrefix + hex.EncodeToString(h.Sum(nil))
}

// An omit is a part of a page that a mark leaves out: from open to the
// first close after it; if text, only when there is no markup between.
type omit struct {
	open, close []byte
	text        bool
}

var (
	// The print date on a booklet's cover (booklet.html).
	coverDate = omit{[]byte(`<p class="cover-date">`), []byte(`</p>`), true}
	// The links to the submission pack in the booklet's bar and on its cover.
	barExport   = omit{[]byte(`<span class="bar-export">`), []byte(`</span>`), false}
	coverExport = omit{[]byte(`<p class="cover-export">`), []byte(`</p>`), false}
	// The links to the files made later on a yearly page (year.html),
	// and the footer with the build date.
	printLinks = omit{[]byte(`<p class="print-links">`), []byte(`</p>`), false}
	footer     = omit{[]byte(`<footer class="site-footer">`), []byte(`</footer>`), false}
)

// hashWithout writes html to h, leaving out the parts omits name.
func hashWithout(h io.Writer, html []byte, omits ...omit) {
	for {
		i, o := -1, omit{}
		for _, c := range omits {
			if k := bytes.Index(html, c.open); k >= 0 && (i < 0 || k < i) {
				i, o = k, c
			}
		}
		if i < 0 {
			break
		}
		rest := html[i+len(o.open):]
		j := bytes.Index(rest, o.close)
		if j < 0 || o.text && bytes.IndexByte(rest[:j], '<') >= 0 {
			// Not the part looked for: keep the text, and look further on.
			_, _ = h.Write(html[:i+1])
			html = html[i+1:]
			continue
		}
		_, _ = h.Write(html[:i])
		html = rest[j+len(o.close):]
	}
	_, _ = h.Write(html)
}

func (b *builder) bookletView(ctx context.Context, p model.Period) BookletView {
	r := b.r
	dir := plan.Booklet(p.Year)
	v := BookletView{Period: b.yearItem(p)}
	if r.plan.Made(plan.BookletPDF(p.Year)) {
		v.PDF = plan.BookletPDF(p.Year)
	}
	v.Export = r.exportView(p)
	add := func(id, title string) { v.Sections = append(v.Sections, BookletSection{ID: id, Title: title}) }

	var placed []string
	var chapters []Heading
	listed := false
	if page := r.yearPage(p.Year); page != nil {
		doc, errs := r.Markdown(ctx, Source{File: page.File, Dir: dir, Body: page.Body, Line: page.BodyLine}, p)
		b.errs = append(b.errs, errs...)
		// The narrative's sections sit one level below the booklet's.
		v.Narrative = demote(doc.HTML)
		placed, listed = doc.Charts, doc.Timeline
		chapters = doc.Headings
	}
	// The booklet opens with the key figures, then the narrative, whose
	// chapters the contents list with their pages.
	v.Cards = v.Period.Cards
	if len(v.Cards) > 0 {
		add("sec-figures", r.lang.T("Key figures"))
	}
	if v.Narrative != "" {
		add("sec-summary", r.lang.T("Summary"))
		last := &v.Sections[len(v.Sections)-1]
		for _, h := range chapters {
			last.Chapters = append(last.Chapters, BookletSection{ID: h.ID, Title: h.Title})
		}
	}
	v.Charts = b.charts(yearCharts, p, placed)
	if len(v.Charts) > 0 {
		add("sec-charts", r.lang.T("Charts"))
	}
	if r.hasSafety() {
		v.Safety = r.cards(safetyCards, p)
		v.Safety2 = b.charts([]string{"incidents-by-month"}, p, append(placed, chartIDs(yearCharts)...))
		if len(v.Safety) > 0 {
			add("sec-safety", r.lang.T("Safety record"))
		}
	}
	if len(r.site.Projects) > 0 && !listed {
		v.Projects = b.projects(p)
		add("sec-projects", r.lang.T("Projects of the period"))
	}
	for _, h := range r.site.Honors {
		if p.Contains(h.Date) {
			v.Honors = append(v.Honors, HonorItem{Date: h.Date, Title: h.Title, Level: h.Level, Label: r.lang.label("level", h.Level), Issuer: h.Issuer})
		}
	}
	sortHonors(v.Honors)
	if len(v.Honors) > 0 {
		add("sec-honors", r.lang.T("Honors of the period"))
	}
	v.Tables = b.appendix(p)
	if len(v.Tables) > 0 {
		v.Ledger = r.site.Config.BookletLedger
		v.Appendix = r.lang.T("Appendix: summary of the records")
		if r.site.Config.BookletLedger == model.LedgerFull {
			v.Appendix = r.lang.T("Appendix: the records of the period")
		}
		add("sec-appendix", v.Appendix)
	}
	title := v.Period.Title
	v.Base = b.base("booklet", dir, title, v.Period.Summary)
	r.describe(&v.Base, p)
	v.Base.Charts = true
	return v
}

// appendix renders every table of the period, in the contract's order:
// summed up by month and kind, or with booklet: {ledger: full} every row.
// A custom table without dates is always printed row by row.
func (b *builder) appendix(p model.Period) []template.HTML {
	r := b.r
	var out []template.HTML
	names := model.SchemaNames()
	for _, name := range r.q.TableNames() {
		if model.SchemaOf(name) == nil && name != "projects" {
			names = append(names, name) // custom tables after the contract's
		}
	}
	full := r.site.Config.BookletLedger == model.LedgerFull
	for _, name := range names {
		var h template.HTML
		// A custom table without dates (the office's staff list) holds
		// facts, not records of the period: it has nothing to sum by
		// month, so it is printed as it is.
		if t := r.q.Table(name); full || (t != nil && model.SchemaOf(name) == nil && t.DateCol() < 0) {
			h = b.periodTable(name, p)
		} else {
			h = b.summaryTable(name, p)
		}
		if h != "" {
			out = append(out, h)
		}
	}
	return out
}

// periodRows returns the table name and its rows in period p, or no rows
// when the site has no such table or it has no row in p.
func (b *builder) periodRows(name string, p model.Period) (*model.Table, []*model.Row) {
	if b.r.q.Table(name) == nil {
		return nil, nil
	}
	t, rows, err := b.r.q.Select(name, p, nil)
	if err != nil {
		return nil, nil
	}
	return t, rows
}

// periodTable renders every column of a table's rows in period p, or ""
// when the site has no such table or it has no row in p.
func (b *builder) periodTable(name string, p model.Period) template.HTML {
	r := b.r
	t, rows := b.periodRows(name, p)
	if len(rows) == 0 {
		return ""
	}
	cols := make([]int, len(t.Columns))
	for i := range cols {
		cols[i] = i
	}
	h, err := r.TableHTML(t, rows, cols, nil, p)
	if err != nil {
		b.errs.Add(model.Pos{File: "layouts/partials.html"}, "%v", err)
		return ""
	}
	return h
}

func chartIDs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "chart-" + id
	}
	return out
}

// demote lowers every heading of a narrative by one level (h2 -> h3), so
// that the booklet's own sections are the document's second level.
func demote(h template.HTML) template.HTML {
	s := string(h)
	for l := 5; l >= 2; l-- {
		from, to := strconv.Itoa(l), strconv.Itoa(l+1)
		s = strings.ReplaceAll(s, "<h"+from+">", "<h"+to+">")
		s = strings.ReplaceAll(s, "<h"+from+" ", "<h"+to+" ")
		s = strings.ReplaceAll(s, "</h"+from+">", "</h"+to+">")
	}
	return template.HTML(s)
}
