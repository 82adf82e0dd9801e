package plan

import (
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// Every address the plan gives is one its readers parse back.
func TestAddresses(t *testing.T) {
	if y, ok := BookletPDFOf(BookletPDF(2023)); !ok || y != 2023 {
		t.Errorf("BookletPDFOf(%s) = %d, %v", BookletPDF(2023), y, ok)
	}
	for _, bad := range []string{"booklet/23.pdf", "booklet/2023/x.pdf", "years/2023.pdf", "booklet/２０２３.pdf"} {
		if _, ok := BookletPDFOf(bad); ok {
			t.Errorf("BookletPDFOf(%q) is a booklet PDF", bad)
		}
	}
	year := &model.Page{Kind: model.YearPage, Year: 2023}
	if got := Shows(year); len(got) != 2 || got[0] != "years/2023/index.html" || got[1] != "booklet/2023/index.html" {
		t.Errorf("a yearly summary is shown on %v, want its page and its booklet", got)
	}
	if got := Of(&model.Page{Kind: model.NoticePage, Slug: "water"}); got != "notices/water/" {
		t.Errorf("a notice's address is %q", got)
	}
}

// The plan lists a page per period, the booklet PDFs and submission packs
// as files made later, and the feed and sitemap only with a base_url.
func TestNew(t *testing.T) {
	notice := &model.Page{Kind: model.NoticePage, File: "content/notices/a.md", Slug: "a", Body: []byte("{{< sum repairs >}}")}
	site := &model.Site{Pages: []*model.Page{notice}}
	periods := []model.Period{{Year: 2022}, {Year: 2023}}
	pl := New(site, periods)
	lookup := func(pl *Plan, key string) (Entry, bool) {
		for _, e := range pl.Entries {
			if e.Key == key {
				return e, true
			}
		}
		return Entry{}, false
	}
	if e, ok := lookup(pl, "year:2023"); !ok || e.Dir != "years/2023/" || e.Layout != "year.html" {
		t.Errorf("year:2023 = %+v, %v", e, ok)
	}
	if e, ok := lookup(pl, "notice:content/notices/a.md"); !ok || len(e.Sources) != 2 || e.Sources[1] != Data {
		t.Errorf("a notice with a data reference depends on %v, want its file and the data", e.Sources)
	}
	// A notice replaced by one not written yet shows the banner once that
	// one is written: it depends on every notice, not on the list of pages.
	waiting := &model.Page{Kind: model.NoticePage, File: "content/notices/b.md", Slug: "b", SupersededBy: "c"}
	pl2 := New(&model.Site{Pages: []*model.Page{notice, waiting}}, periods)
	if e, _ := lookup(pl2, "notice:content/notices/b.md"); len(e.Sources) != 2 || e.Sources[1] != NoticeGroup {
		t.Errorf("a notice replaced by a missing one depends on %v, want its file and every notice", e.Sources)
	}
	// The booklet PDFs (the pdf command), then the submission packs (the
	// export command).
	if later := pl.Later(); len(later) != 6 || later[1].Dir != "booklet/2023.pdf" || later[1].From != "booklet/2023/" || later[5].Dir != "export/2023/figures-2023.xlsx" {
		t.Errorf("later files %+v", later)
	}
	pl.Make("export/2023/summary-2023.docx")
	if !pl.Made("export/2023/summary-2023.docx") || pl.Made("booklet/2023.pdf") {
		t.Error("Make records another file than the one named")
	}
	if _, ok := lookup(pl, "sitemap"); ok {
		t.Error("a sitemap without base_url")
	}
	site.Config.BaseURL = "https://example.edu.cn/hq/"
	if _, ok := lookup(New(site, periods), "notices:feed"); !ok {
		t.Error("no feed with a base_url")
	}
}

// LaterOf reads back the paths LaterFiles gives, and nothing else.
func TestLaterOf(t *testing.T) {
	for _, step := range []string{PDFStep, ExportStep} {
		for _, f := range LaterFiles(step, 2023) {
			if s, y, ok := LaterOf(f); !ok || s != step || y != 2023 {
				t.Errorf("LaterOf(%q) = %q, %d, %v", f, s, y, ok)
			}
		}
	}
	for _, f := range []string{"export/2023/other.docx", "export/2023/summary-2022.docx", "export/abcd/x", "booklet/2023/index.html", "export/"} {
		if _, _, ok := LaterOf(f); ok {
			t.Errorf("LaterOf(%q) takes it for a file made later", f)
		}
	}
}
