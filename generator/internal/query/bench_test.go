package query

import (
	"testing"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/scale/scaletables"
)

// Benchmarks of the questions pages ask, on the tables of the large scale
// preset (20 periods, 200,000 repairs, 50,000 purchases):
//
//	go test ./generator/internal/query -run '^$' -bench . -benchmem

// BenchmarkChartData computes every built-in chart for every period and
// the trends over all periods, as a build's pages ask for them: each
// chart of a period three times (yearly page, safety record, booklet),
// on a fresh Engine per iteration.
func BenchmarkChartData(b *testing.B) {
	site := scaletables.Large(b)
	b.ReportAllocs()
	for b.Loop() {
		e := New(site)
		for _, spec := range e.Charts() {
			if !e.Available(spec) {
				continue
			}
			periods := e.Periods()
			if spec.X == "year" {
				periods = []model.Period{model.All}
			}
			for _, p := range periods {
				for range 3 {
					if _, err := e.ChartData(spec, p); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	}
}

// BenchmarkFigure computes the key figures of every period, with their
// change against the previous one, on a fresh Engine per iteration.
func BenchmarkFigure(b *testing.B) {
	site := scaletables.Large(b)
	specs := []Spec{
		{Op: OpCount, Table: "repairs"},
		{Op: OpCount, Table: "repairs", Filters: []model.Filter{{Column: "trade", Value: "水道"}}},
		{Op: OpSum, Table: "purchases", Column: "amount"},
		{Op: OpRate, Table: "inspections", Column: "hazards_fixed", Den: "hazards_found"},
	}
	b.ReportAllocs()
	for b.Loop() {
		e := New(site)
		for _, p := range e.Periods() {
			for _, s := range specs {
				for range 3 {
					if _, err := e.Delta(s, p); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	}
}
