package check_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/houqin/report/generator/internal/check"
	"github.com/houqin/report/generator/internal/scale/scaletables"
)

// BenchmarkTables checks the tables of the large preset (200,000 repairs,
// 50,000 purchases) for blanks, personal data, future and duplicate rows:
//
//	go test ./generator/internal/check -run '^$' -bench Tables -benchmem
func BenchmarkTables(b *testing.B) {
	site := scaletables.Large(b)
	b.Run("clean", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			check.Tables(site, now)
		}
	})
	// One unfilled blank in the last row: every cell of the file is read.
	blank := *site
	blank.Files = maps.Clone(site.Files)
	blank.Files["data/repairs.csv"] = append(slices.Clip(site.Files["data/repairs.csv"]), "2023-12-01,水道,共__次,1,件,操场,10\n"...)
	b.Run("one-blank", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if errs := check.Tables(&blank, now); len(errs.Errors()) != 1 {
				b.Fatalf("want one error, got %v", errs)
			}
		}
	})
}
