package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// copySite copies the example site's data/ and content/ into a new folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"data", "content"} {
		err := filepath.WalkDir(filepath.Join(exampleSite, sub), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(exampleSite, p)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			dst := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func edit(t *testing.T, site, name, old, new string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sameFiles(t *testing.T, what string, a, b []model.File) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d files, want %d", what, len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("%s: %s differs from a full render", what, a[i].Path)
		}
	}
}

// renderedSession copies the example site and renders it once in a
// session.
func renderedSession(t *testing.T) (string, Options, *Session) {
	t.Helper()
	site := copySite(t)
	opt := Options{Site: site, Now: buildTime, Charts: fakeRuntime(t)}
	s := NewSession(opt)
	if _, _, err := s.Render(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return site, opt, s
}

// TestSessionRerendersWhatChanged: after an edit, a session re-renders only
// the jobs whose inputs changed, and its output is exactly a full render's.
func TestSessionRerendersWhatChanged(t *testing.T) {
	site, opt, s := renderedSession(t)
	ctx := context.Background()
	all := s.Last.Jobs
	if s.Last.Rerun != all {
		t.Fatalf("first render ran %d of %d jobs", s.Last.Rerun, all)
	}

	edit(t, site, "content/notices/2023-autumn-flu-prevention.md", "聚集性病例", "聚集性病例（两例及以上）")
	got, _, err := s.Render(ctx, []string{"content/notices/2023-autumn-flu-prevention.md"})
	if err != nil {
		t.Fatal(err)
	}
	// The notice and the feed, which shows its text; the lists and the
	// home page show only its title, date and summary.
	if s.Last.Rerun > 2 {
		t.Errorf("a notice edit reran %d of %d jobs, want at most 2 (notice, feed)", s.Last.Rerun, all)
	}
	full, _, err := Render(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "after a notice edit", got, full)
	page := string(fileOf(got, "notices/2023-autumn-flu-prevention/index.html"))
	if !strings.Contains(page, "聚集性病例（两例及以上）") {
		t.Error("the edited notice does not show the edit")
	}

	edit(t, site, "data/repairs.csv", "2023-09-", "2023-10-")
	got, _, err = s.Render(ctx, []string{"data/repairs.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Last.Rerun == 0 || s.Last.Rerun == s.Last.Jobs {
		t.Errorf("a CSV edit reran %d of %d jobs: want the data pages only", s.Last.Rerun, s.Last.Jobs)
	}
	full, _, _ = Render(ctx, opt)
	sameFiles(t, "after a CSV edit", got, full)

	// A repair of 2021 changes the pages that read 2021's rows: its
	// summary and booklet, 2022's (which compare with 2021), the trends,
	// and the 2023 summary, whose link to 2022 shows 2022's change; not
	// the 2023 booklet or the timeline.
	edit(t, site, "data/repairs.csv", "2021-01-04,木工,门扇,6,", "2021-01-04,木工,门扇,7,")
	got, _, err = s.Render(ctx, []string{"data/repairs.csv"})
	if err != nil {
		t.Fatal(err)
	}
	ran := strings.Join(s.Last.Ran, " ")
	for _, want := range []string{"year:2021", "booklet:2021", "year:2022"} {
		if !slices.Contains(s.Last.Ran, want) {
			t.Errorf("a 2021 repair did not re-render %s (ran: %s)", want, ran)
		}
	}
	for _, not := range []string{"booklet:2023", "timeline"} {
		if slices.Contains(s.Last.Ran, not) {
			t.Errorf("a 2021 repair re-rendered %s, which shows no 2021 rows (ran: %s)", not, ran)
		}
	}
	full, _, _ = Render(ctx, opt)
	sameFiles(t, "after a 2021 row edit", got, full)

	// A title edit changes the lists; a watcher that lost track ("*")
	// makes the session read every file again.
	edit(t, site, "content/notices/2023-autumn-flu-prevention.md", "title: ", "title: 【更新】")
	got, _, err = s.Render(ctx, []string{"*"})
	if err != nil {
		t.Fatal(err)
	}
	full, _, _ = Render(ctx, opt)
	sameFiles(t, "after a title edit the watcher lost", got, full)
	if !strings.Contains(string(fileOf(got, "notices/index.html")), "【更新】") {
		t.Error("the notice list does not show the new title")
	}
}

func fileOf(files []model.File, path string) []byte {
	for _, f := range files {
		if f.Path == path {
			return f.Data
		}
	}
	return nil
}

// TestSessionMatchesFullRender: whatever the table edit, the pages a
// session reuses are those a full render would make. The edits cover
// each way a page reads data: a period's rows, the rows of all periods,
// a new period (which changes the navigation and every yearly page), an
// undated custom table, the rules' whole tables and the YAML records.
func TestSessionMatchesFullRender(t *testing.T) {
	site, opt, s := renderedSession(t)
	ctx := context.Background()
	appendTo := func(name, line string) func() {
		return func() {
			p := filepath.Join(site, "data", name)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, append(b, line...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, e := range []struct {
		what, file string
		do         func()
	}{
		{"a 2022 repair's cost", "repairs.csv", func() {
			edit(t, site, "data/repairs.csv", "2022-03-01,木工,门锁,4,把,2号教学楼,154", "2022-03-01,木工,门锁,4,把,2号教学楼,155")
		}},
		{"an inspection of 2021", "inspections.csv", func() {
			edit(t, site, "data/inspections.csv", "2021-02-22,开学前全面排查,13,11", "2021-02-22,开学前全面排查,14,11")
		}},
		{"a repair in a new year", "repairs.csv", appendTo("repairs.csv", "2024-03-01,水道,水管,1,根,实验楼,50\n")},
		{"a drill in that year", "drills.csv", appendTo("drills.csv", "2024-03-02,消防疏散,800,\n")},
		{"the custom table", "staff.csv", func() { edit(t, site, "data/staff.csv", "水电工", "水电维修工") }},
		{"a project", "projects.yaml", func() { edit(t, site, "data/projects.yaml", "greening-phase-2-replanting", "greening-phase-2") }},
	} {
		e.do()
		got, _, err := s.Render(ctx, []string{"data/" + e.file})
		if err != nil {
			t.Fatalf("after %s: %v", e.what, err)
		}
		full, _, err := Render(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		sameFiles(t, "after "+e.what, got, full)
	}
}
