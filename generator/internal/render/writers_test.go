package render

import (
	"context"
	"testing"
)

// TestWritersMatchLayouts renders sites with each writer (see writers.go)
// and with the layouts it stands for, and wants the same bytes in every
// file: a writer must follow any change made to its layouts.
func TestWritersMatchLayouts(t *testing.T) {
	sites := map[string][]map[string]string{
		"notices": noticeWriterSites(),
		"table":   tableWriterSites(),
	}
	for _, w := range writers {
		if len(sites[w.name]) == 0 {
			t.Errorf("the writer %s has no sites to be compared on", w.name)
		}
		for i, files := range sites[w.name] {
			fast, _ := testSite(t, files)
			if !fast.writers[w.name] {
				t.Fatalf("%s: a site with the built-in layouts does not use the writer", w.name)
			}
			slow, _ := testSite(t, files)
			slow.writers = map[string]bool{w.name: false}
			got, errs := fast.Render(context.Background())
			if len(errs.Errors()) > 0 {
				t.Fatal(errs)
			}
			want, _ := slow.Render(context.Background())
			if len(got) != len(want) {
				t.Fatalf("%s, site %d: %d files, want %d", w.name, i, len(got), len(want))
			}
			for j := range got {
				if got[j].Path != want[j].Path {
					t.Fatalf("%s, site %d: file %d is %s, want %s", w.name, i, j, got[j].Path, want[j].Path)
				}
				if string(got[j].Data) != string(want[j].Data) {
					t.Errorf("%s, site %d: %s differs from the layouts' page:\n%s", w.name, i, got[j].Path, firstDifference(string(got[j].Data), string(want[j].Data)))
				}
			}
		}
	}
}
