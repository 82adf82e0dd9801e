package render

import (
	"testing"
	"time"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
	"github.com/houqin/report/generator/internal/scale/scaletables"
)

// Benchmarks of the parts of the yearly pages and booklets that grow with
// the tables, on the large scale preset (20 periods, 200,000 repairs,
// 50,000 purchases):
//
//	go test ./generator/internal/render -run '^$' -bench . -benchmem

func benchBuilder(b *testing.B, site *model.Site, print bool) *builder {
	b.Helper()
	r, errs := New(site, query.New(site), Options{Now: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	r.print = print
	return &builder{r: r}
}

// BenchmarkBookletAppendix renders the appendix of every period's
// booklet: up to 2,000 rows of each table.
func BenchmarkBookletAppendix(b *testing.B) {
	site := scaletables.Large(b)
	bl := benchBuilder(b, site, true)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range bl.r.q.Periods() {
			if len(bl.appendix(p)) == 0 {
				b.Fatal("no appendix")
			}
		}
	}
	if len(bl.errs) > 0 {
		b.Fatal(bl.errs)
	}
}

// BenchmarkPeriodCharts renders the charts of every period as the yearly
// page, the safety record and the booklet show them, on a fresh Engine
// per iteration.
func BenchmarkPeriodCharts(b *testing.B) {
	site := scaletables.Large(b)
	b.ReportAllocs()
	for b.Loop() {
		page, paper := benchBuilder(b, site, false), benchBuilder(b, site, true)
		paper.r.q = page.r.q
		for _, p := range page.r.q.Periods() {
			page.charts(yearCharts, p, nil)
			page.charts(safetyCharts, p, nil)
			paper.charts(yearCharts, p, nil)
		}
		page.charts(trendCharts, model.All, nil)
		if len(page.errs)+len(paper.errs) > 0 {
			b.Fatal(page.errs, paper.errs)
		}
	}
}
