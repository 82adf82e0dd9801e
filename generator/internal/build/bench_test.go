package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/query"
	"github.com/houqin/report/generator/internal/scale"
)

// Benchmarks of the pipeline on the scale presets (see package scale):
//
//	go test ./generator/internal/build -run '^$' -bench . -benchmem -count 6 | tee new.txt
//	benchstat old.txt new.txt
//
// The large preset (20 periods, 200,000 repairs, 50,000 purchases, 5,000
// notices, 300 projects) is written once per run into a temporary folder.

var (
	scaleOnce  = map[string]*sync.Once{"small": {}, "large": {}, "large-xlsx": {}}
	scaleSites = map[string]string{}
	scaleDir   string
)

func scaleSite(b *testing.B, name string) string {
	b.Helper()
	scaleOnce[name].Do(func() {
		if scaleDir == "" {
			d, err := os.MkdirTemp("", "houqin-bench-")
			if err != nil {
				b.Fatal(err)
			}
			scaleDir = d
		}
		dir := filepath.Join(scaleDir, name)
		if err := scale.Write(dir, scale.Presets[name]); err != nil {
			b.Fatal(err)
		}
		flushDisk()
		scaleSites[name] = dir
	})
	return scaleSites[name]
}

func TestMain(m *testing.M) {
	code := m.Run()
	if scaleDir != "" {
		os.RemoveAll(scaleDir)
	}
	os.Exit(code)
}

func benchBuild(b *testing.B, name string) {
	site := scaleSite(b, name)
	// Lean, as the build command: the result lists the files written.
	opt := Options{Site: site, Out: filepath.Join(b.TempDir(), "public"), Now: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), Charts: fakeRuntime(b), Lean: true}
	b.ReportAllocs()
	b.ResetTimer()
	pages := 0
	for b.Loop() {
		res, err := Build(context.Background(), opt)
		if err != nil {
			b.Fatalf("%v\n%v", err, res.Problems)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkBuild is the whole build, written to disk; large-xlsx is the
// large site with its 200,000 repairs in a workbook.
func BenchmarkBuild(b *testing.B) {
	for _, name := range []string{"small", "large", "large-xlsx"} {
		b.Run(name, func(b *testing.B) { benchBuild(b, name) })
	}
}

// BenchmarkLoad reads and parses the site's files.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"small", "large"} {
		b.Run(name, func(b *testing.B) {
			fsys := os.DirFS(scaleSite(b, name))
			b.ReportAllocs()
			for b.Loop() {
				if site, errs := load.Site(context.Background(), fsys, load.Options{}); site == nil || len(errs.Errors()) > 0 {
					b.Fatal(errs)
				}
			}
		})
	}
}

// BenchmarkAggregate computes every period's key figures over the tables.
func BenchmarkAggregate(b *testing.B) {
	for _, name := range []string{"small", "large"} {
		b.Run(name, func(b *testing.B) {
			site, _ := load.Site(context.Background(), os.DirFS(scaleSite(b, name)), load.Options{})
			specs := []query.Spec{
				{Op: query.OpCount, Table: "repairs"},
				{Op: query.OpSum, Table: "purchases", Column: "amount"},
				{Op: query.OpRate, Table: "inspections", Column: "hazards_fixed", Den: "hazards_found"},
			}
			b.ReportAllocs()
			for b.Loop() {
				q := query.New(site)
				for _, p := range q.Periods() {
					for _, s := range specs {
						if _, err := q.Delta(s, p); err != nil && !strings.Contains(err.Error(), "rate") {
							b.Fatal(err)
						}
					}
				}
			}
		})
	}
}

// BenchmarkRebuildNotice is serve's rebuild after one notice is edited.
func BenchmarkRebuildNotice(b *testing.B) {
	benchRebuild(b, "content/notices/n00001.md", func(orig []byte, i int) []byte {
		return []byte(strings.Replace(string(orig), "雨天", "雨天"+strings.Repeat("，", i%7), 1))
	})
}

// BenchmarkRebuildNewNotice is serve's rebuild after a notice is added:
// its page, the lists, the home page, the feed and the sitemap rerun,
// not the site's other pages.
func BenchmarkRebuildNewNotice(b *testing.B) {
	site := scaleSite(b, "large")
	s := NewSession(Options{Site: site, Now: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), Charts: fakeRuntime(b)})
	if _, _, err := s.Render(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	orig, err := os.ReadFile(filepath.Join(site, "content", "notices", "n00001.md"))
	if err != nil {
		b.Fatal(err)
	}
	var added []string
	defer func() {
		for _, path := range added {
			os.Remove(path)
		}
	}()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		file := fmt.Sprintf("content/notices/new%05d.md", i)
		path := filepath.Join(site, filepath.FromSlash(file))
		if err := os.WriteFile(path, bytes.Replace(orig, []byte("title: "), []byte(fmt.Sprintf("title: 新通知%d ", i)), 1), 0o644); err != nil {
			b.Fatal(err)
		}
		added = append(added, path)
		b.StartTimer()
		if _, _, err := s.Render(context.Background(), []string{file}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.Last.Rerun), "jobs-rerun")
}

// BenchmarkRebuildCSV is serve's rebuild after one row of the largest
// table (repairs) is edited.
func BenchmarkRebuildCSV(b *testing.B) {
	benchRebuild(b, "data/repairs.csv", func(orig []byte, i int) []byte {
		// The last row becomes a repair of that day whose cost changes.
		line := bytes.LastIndexByte(orig[:len(orig)-1], '\n') + 1
		date, _, _ := bytes.Cut(orig[line:], []byte(","))
		return append(append([]byte(nil), orig[:line]...), string(date)+",水道,地漏疏通,1,件,教学楼A,"+strconv.Itoa(100+i%50)+"\n"...)
	})
}

// BenchmarkRebuildCSVMiddle is serve's rebuild after a cell in the middle
// of the largest table is edited, one character longer or shorter each
// time: the parts of the file after the edit start on the same lines, and
// are not read again.
func BenchmarkRebuildCSVMiddle(b *testing.B) {
	benchRebuild(b, "data/repairs.csv", func(orig []byte, i int) []byte {
		start := len(orig)/2 + bytes.IndexByte(orig[len(orig)/2:], '\n') + 1
		end := start + bytes.IndexByte(orig[start:], '\n')
		cells := strings.SplitN(string(orig[start:end]), ",", 5) // the quantity is the fourth
		cells[3] = strconv.Itoa(2 + i%2*10)
		return slices.Concat(orig[:start], []byte(strings.Join(cells, ",")), orig[end:])
	})
}

// benchRebuild times a session's render after each of a series of edits
// of file (site-relative), the way serve rebuilds after a save; edit
// returns the file's i-th version from the original. The save is the
// editor's and is left out of the timing.
func benchRebuild(b *testing.B, file string, edit func(orig []byte, i int) []byte) {
	for _, name := range []string{"small", "large"} {
		b.Run(name, func(b *testing.B) {
			site := scaleSite(b, name)
			s := NewSession(Options{Site: site, Now: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), Charts: fakeRuntime(b)})
			if _, _, err := s.Render(context.Background(), nil); err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(site, filepath.FromSlash(file))
			orig, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(path, orig, 0o644)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				b.StopTimer()
				if err := os.WriteFile(path, edit(orig, i), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, _, err := s.Render(context.Background(), []string{file}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(s.Last.Rerun), "jobs-rerun")
		})
	}
}
