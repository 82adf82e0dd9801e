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
