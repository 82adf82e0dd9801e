package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/scale"
)

// BenchmarkCSV parses the large preset's repairs.csv (200,000 rows):
//
//	go test ./generator/internal/load -run '^$' -bench CSV -benchmem
func BenchmarkCSV(b *testing.B) {
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
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if t, errs := CSV("data/repairs.csv", data, model.SchemaOf("repairs")); t == nil || len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
