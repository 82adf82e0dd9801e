package check_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/houqin/report/generator/internal/check"
	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/query"
	"github.com/houqin/report/generator/internal/render"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.txt")

// now is the build time of every golden site.
var now = time.Date(2024, 1, 15, 8, 0, 0, 0, time.UTC)

// report runs the pipeline as build.Render does and prints every problem
// as the check command does: FILE:LINE:COL: level: message. streamed
// hands the pages to the checks as they render, as a build that writes
// its output does.
func report(t *testing.T, dir string, streamed bool) string {
	t.Helper()
	site, problems := load.Site(context.Background(), os.DirFS(dir), load.Options{})
	if site != nil {
		q := query.New(site)
		problems = append(problems, check.Charts(q)...)
		checks := check.Begin(q, check.Options{Now: now})
		opt := render.Options{Now: now, ChartRuntime: []byte("/*rt*/"), RuntimeVersion: "0"}
		var out render.Output
		if streamed {
			out.Emit = checks.Add
		}
		r, errs := render.New(site, q, opt)
		problems = append(problems, errs...)
		if len(errs.Errors()) == 0 {
			files, errs := r.RenderTo(context.Background(), out)
			problems = append(problems, errs...)
			if len(errs.Errors()) == 0 {
				problems = append(problems, checks.Finish(files)...)
			}
		}
	}
	problems.Sort()
	var b strings.Builder
	for _, p := range problems {
		fmt.Fprintf(&b, "%s: %s: %s\n", p.Pos, p.Level, p.Msg)
	}
	return b.String()
}

// TestGolden checks one site per kind of finding against its want.txt.
// Run "go test ./generator/internal/check -run Golden -update" after an
// intended change and review the diff.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "data"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden sites: %v", err)
	}
	for _, d := range dirs {
		dir := filepath.Dir(d)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := report(t, dir, false)
			if streamed := report(t, dir, true); streamed != got {
				t.Errorf("checking the pages as they render finds other problems:\n--- streamed\n%s--- at the end\n%s", streamed, got)
			}
			want := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(w) {
				t.Errorf("report differs from %s (run with -update and review the diff):\n--- got\n%s--- want\n%s", want, got, w)
			}
		})
	}
}

// TestExampleClean: the example school has no error and no warning;
// its notes say what the reader left out of its workbook (a title, the
// total rows), and nothing else.
func TestExampleClean(t *testing.T) {
	var findings []string
	for _, line := range strings.SplitAfter(report(t, filepath.Join("..", "..", ".."), true), "\n") {
		if line != "" && !strings.HasPrefix(line, "data/utilities.xlsx:水电气!") || !strings.Contains(line, ": note: ") && line != "" {
			findings = append(findings, line)
		}
	}
	if len(findings) > 0 {
		t.Errorf("the example site has findings:\n%s", strings.Join(findings, ""))
	}
}
