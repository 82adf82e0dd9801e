package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/scale"
)

// BenchmarkCSV parses the large preset's repairs.csv (200,000 rows), a
// part per core:
//
//	go test ./generator/internal/load -run '^$' -bench CSV -benchmem
func BenchmarkCSV(b *testing.B) {
	data := largeRepairs(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if t, errs := CSV("data/repairs.csv", data, model.SchemaOf("repairs")); t == nil || len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkCSVWhole parses the same file as one part, on one core.
func BenchmarkCSVWhole(b *testing.B) {
	data := largeRepairs(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		text, err := decodeBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		if t, errs := parseCSV("data/repairs.csv", text, model.SchemaOf("repairs"), len(text)+1); t == nil || len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// largeRepairs writes the large preset's tables and returns repairs.csv.
func largeRepairs(b *testing.B) []byte {
	dir := b.TempDir()
	p := scale.Presets["large"]
	p.Notices, p.Projects = 0, 0 // the tables only
	if err := scale.Write(dir, p); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "data", "repairs.csv"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkXLSX reads the large preset's repairs (200,000 rows) as a
// workbook that excelize wrote from repairs.csv: date cells, numbers and
// text, as Excel keeps them.
//
//	go test ./generator/internal/load -run '^$' -bench XLSX -benchmem
func BenchmarkXLSX(b *testing.B) {
	data := largeWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var errs model.ErrorList
		ps := readWorkbook(tableFile{file: "data/repairs.xlsx", table: "repairs"}, data, &errs)
		if len(ps) != 1 || len(ps[0].t.Rows) != 200000 || len(errs) > 0 {
			b.Fatal(len(ps), errs)
		}
	}
}

// largeWorkbook returns the large preset's repairs as a workbook.
func largeWorkbook(b *testing.B) []byte {
	dir := b.TempDir()
	p := scale.Presets["large-xlsx"]
	p.Notices, p.Projects = 0, 0 // the tables only
	if err := scale.Write(dir, p); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "data", "repairs.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}
