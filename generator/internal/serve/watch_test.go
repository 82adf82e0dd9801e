package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fsnotify/fsnotify"
)

// TestRelevantData: saving a workbook, or a table in a folder of a
// table's parts, rebuilds the site; Excel's temporary files do not.
func TestRelevantData(t *testing.T) {
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "data", "repairs", "old", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	wt := &watcher{site: site, dirs: map[string]bool{}}
	for rel, want := range map[string]bool{
		"data/repairs.xlsx":           true,
		"data/后勤台账.xlsx":              true,
		"data/repairs.csv":            true,
		"data/repairs.txt":            true,
		"data/charts.yaml":            true,
		"data/repairs":                true, // a folder of parts
		"data/repairs/1月.xlsx":        true,
		"data/repairs/old":            false,
		"data/repairs/old/deep/x.csv": false,
		"data/A1B2C3D4":               false, // Excel saves through a file like this
		"data/~$repairs.xlsx":         false,
		"data/budget.docx":            false,
	} {
		_, got := wt.relevant(fsnotify.Event{Name: filepath.Join(site, filepath.FromSlash(rel)), Op: fsnotify.Write})
		if got != want {
			t.Errorf("%s: relevant %v, want %v", rel, got, want)
		}
	}
}
