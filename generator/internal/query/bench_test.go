package query

import (
	"maps"
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

// keyFigures are figures a yearly summary shows.
var keyFigures = []Spec{
	{Op: OpCount, Table: "repairs"},
	{Op: OpCount, Table: "repairs", Filters: []model.Filter{{Column: "trade", Value: "水道"}}},
	{Op: OpSum, Table: "purchases", Column: "amount"},
	{Op: OpRate, Table: "inspections", Column: "hazards_fixed", Den: "hazards_found"},
}

// BenchmarkFigure computes the key figures of every period, with their
// change against the previous one, on a fresh Engine per iteration.
func BenchmarkFigure(b *testing.B) {
	site := scaletables.Large(b)
	b.ReportAllocs()
	for b.Loop() {
		e := New(site)
		for _, p := range e.Periods() {
			for _, s := range keyFigures {
				for range 3 {
					if _, err := e.Delta(s, p); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	}
}

// BenchmarkUpdate is the query work of serve's rebuild after one row of
// repairs.csv is edited: an engine updated from one that has answered
// everything, with a new repairs table and the other tables kept, sums
// the rows of every table in every period (which decide the pages to
// render again) and computes the key figures of every period.
func BenchmarkUpdate(b *testing.B) {
	site := scaletables.Large(b)
	ask := func(e *Engine) {
		var keys []ReadKey
		for _, name := range e.TableNames() {
			keys = append(keys, ReadKey{Kind: ReadRows, Table: name})
			for _, p := range e.Periods() {
				keys = append(keys, ReadKey{Kind: ReadRows, Table: name, Year: p.Year})
			}
		}
		e.Sum(keys)
		for _, p := range e.Periods() {
			for _, s := range keyFigures {
				if _, err := e.Delta(s, p); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	e := New(site)
	ask(e)
	b.ReportAllocs()
	for b.Loop() {
		edited := *site
		edited.Tables = maps.Clone(site.Tables)
		repairs := *site.Tables["repairs"]
		edited.Tables["repairs"] = &repairs
		ask(e.Update(&edited))
	}
}
