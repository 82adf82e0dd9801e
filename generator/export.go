package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/houqin/report/generator/internal/build"
	"github.com/houqin/report/generator/internal/chrome"
	"github.com/houqin/report/generator/internal/export"
	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/pdf"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/query"
	"github.com/houqin/report/generator/internal/render"
)

// referencePath is where a site keeps its own reference document for the
// Word export, under layouts/.
const referencePath = "export/reference.docx"

// chartsAsTables is the export command's warning when there is no
// browser to draw the charts with.
func chartsAsTables(goos string) string {
	return "export: 没有找到可以画图的浏览器，Word 文档里的图表以数据表代替 (no browser to draw the charts: they are written as tables): " +
		chrome.InstallHint(goos) + "；或用 --chromium 指定程序路径 (or pass --chromium PATH)"
}

// runExport is the export command: build the site with links to the
// pack, then write the period's submission pack (plan.Export): the
// yearly summary as .docx and its figures and tables as .xlsx.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	flags := newFlagSet("export", "export --year YEAR [--site DIR] [--out DIR] [--chromium PATH]", stderr)
	var c commonFlags
	c.register(flags, getenv)
	yearFlag := flags.String("year", "", "要导出的年度，必填，例如 2023 (the `YEAR` to export, required)")
	exe := flags.String("chromium", "", "画图表用的浏览器程序 (the Chromium, Chrome or Edge `executable` that draws the charts; default $"+chrome.EnvExecutable+", else one on PATH or where browsers install)")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	year, err := strconv.Atoi(*yearFlag)
	if err != nil || year < 1000 || year > 9999 {
		flags.Usage()
		return usageError{fmt.Sprintf("--year %q: give the period to export as a year, e.g. --year 2023", *yearFlag)}
	}
	opt, err := c.options(getenv)
	if err != nil {
		return err
	}
	site, problems := load.Site(ctx, load.Dir(opt.Site), load.Options{Drafts: opt.Drafts})
	if site == nil || len(problems.Errors()) > 0 {
		printProblems(stderr, problems)
		fmt.Fprintf(stderr, "%d error(s); nothing was written\n", len(problems.Errors()))
		return siteError{build.ErrSite}
	}
	q := query.New(site)
	period, years := findPeriod(q, year)
	if period == nil {
		return usageError{fmt.Sprintf("--year %d: the site has no such period; it has %s", year, strings.Join(years, ", "))}
	}

	opt.Lean = true
	opt.Make = plan.Export(year).All()
	res, err := buildSaying(ctx, opt, stdout, stderr)
	if err != nil {
		return err
	}
	out := opt.OutDir()

	r, errs := render.New(site, q, render.Options{Now: opt.Now})
	if len(errs.Errors()) > 0 {
		printProblems(stderr, errs)
		return siteError{build.ErrSite}
	}
	eo := export.Options{Date: opt.Now, Author: strings.TrimSpace(site.Config.School + " " + site.Config.Office), Keywords: res.Exports[year]}
	signed := model.DateOf(opt.Now)
	if last := period.Last(); last.Before(signed) {
		signed = last // a period that is over is described as of its last day
	}
	eo.Signed = r.DateLabel(signed)
	if data, ok := site.Layouts[referencePath]; ok { // load read layouts/
		if err := export.CheckReference(data); err != nil {
			var bad model.ErrorList
			bad.Add(model.Pos{File: "layouts/" + referencePath, Line: 1, Col: 1},
				"not a Word document that can serve as the reference (%v): save it from Word or WPS as .docx (Word 文档), or delete it to use the built-in one", err)
			printProblems(stderr, bad)
			return siteError{bad.Err()}
		}
		eo.Reference = data
	}
	eo.Charts = exportCharts(ctx, *exe, getenv, out, year, stderr)
	return writeExport(out, year, q, r, *period, eo, stdout, stderr)
}

// findPeriod returns the site's period of year, and the years it has.
func findPeriod(q *query.Engine, year int) (*model.Period, []string) {
	var years []string
	for _, p := range q.Periods() {
		if p.Year == year {
			return &p, nil
		}
		years = append(years, strconv.Itoa(p.Year))
	}
	return nil, years
}

// exportCharts draws the charts of the period's booklet with the browser,
// or returns nil, after saying so, when there is none or it fails: the
// charts are then written as tables.
func exportCharts(ctx context.Context, flag string, getenv func(string) string, out string, year int, stderr io.Writer) map[string][]byte {
	exe, err := findChromium(flag, getenv)
	if err != nil {
		fmt.Fprintln(stderr, chartsAsTables(runtime.GOOS))
		return nil
	}
	srv, err := pdf.Serve(out)
	if err != nil {
		fmt.Fprintf(stderr, "export: warning: %v; the charts are written as tables\n", err)
		return nil
	}
	defer srv.Close()
	browser, stop, err := chrome.Start(ctx, exe)
	if err != nil {
		fmt.Fprintf(stderr, "export: warning: starting %s: %v; the charts are written as tables\n", exe, err)
		return nil
	}
	defer stop()
	charts, err := export.Charts(ctx, browser, srv.URL+"/booklet/"+strconv.Itoa(year)+"/", 30*time.Second)
	if err != nil {
		fmt.Fprintf(stderr, "export: warning: %v; the charts are written as tables\n", err)
		return nil
	}
	return charts
}

// writeExport writes the .docx and .xlsx of period p into out.
func writeExport(out string, year int, q *query.Engine, r *render.Renderer, p model.Period, eo export.Options, stdout, stderr io.Writer) error {
	files := plan.Export(year)
	page, err := os.ReadFile(filepath.Join(out, "years", strconv.Itoa(year), "index.html"))
	if err != nil {
		return fmt.Errorf("export: the build wrote no yearly page for %d: %w", year, err)
	}
	if err := os.MkdirAll(filepath.Join(out, filepath.FromSlash(files.Dir)), 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	start := time.Now()
	docx, asTables, err := export.Document(page, eo)
	if err != nil {
		return fmt.Errorf("export: %s: %w", files.Docx, err)
	}
	if len(asTables) > 0 && eo.Charts != nil {
		fmt.Fprintf(stderr, "export: warning: %d chart(s) had no picture and are written as tables: %s\n", len(asTables), strings.Join(asTables, ", "))
	}
	if err := writeReport(out, files.Docx, docx, start, stdout); err != nil {
		return err
	}
	start = time.Now()
	xlsx, err := export.Workbook(q, r, p, eo)
	if err != nil {
		return fmt.Errorf("export: %s: %w", files.Xlsx, err)
	}
	return writeReport(out, files.Xlsx, xlsx, start, stdout)
}

// writeReport writes one file of the pack and says so.
func writeReport(out, name string, data []byte, start time.Time, stdout io.Writer) error {
	path := filepath.Join(out, filepath.FromSlash(name))
	if err := writeAtomic(path, data); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %s, in %v\n", path, size(len(data)), time.Since(start).Round(time.Millisecond))
	return nil
}
