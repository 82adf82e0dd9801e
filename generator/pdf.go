package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/houqin/report/generator/internal/build"
	"github.com/houqin/report/generator/internal/chrome"
	"github.com/houqin/report/generator/internal/pdf"
	"github.com/houqin/report/generator/internal/plan"
)

// chromiumMissing is the message of the pdf command when there is no
// browser on a computer running goos.
func chromiumMissing(goos string) string {
	return "pdf: 没有找到可以打印 PDF 的浏览器 (no browser to print with): " + chrome.InstallHint(goos) +
		"；或用 --chromium 指定 Chromium、Chrome 或 Edge 程序的路径 (or pass --chromium PATH)"
}

// runPDF is the pdf command: build the site, then print each period's
// booklet (OUT/booklet/YEAR/index.html) to OUT/booklet/YEAR.pdf.
func runPDF(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("pdf", "pdf [--site DIR] [--out DIR] [--year YEAR] [--chromium PATH]", stderr)
	var c commonFlags
	c.register(fs, getenv)
	year := fs.String("year", "", "print only the booklet of period `YEAR` (default every period)")
	exe := fs.String("chromium", "", "the Chromium, Chrome or Edge `executable` (default $"+chrome.EnvExecutable+", else one on PATH or where browsers install)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	browserExe, err := findChromium(*exe, getenv)
	if err != nil {
		fmt.Fprintln(stderr, chromiumMissing(runtime.GOOS))
		fmt.Fprintf(stderr, "pdf: %v\n", err)
		return siteError{err}
	}
	opt, err := c.options(getenv)
	if err != nil {
		return err
	}

	opt.Lean = true // the booklets are read back from the output
	res, err := buildSaying(ctx, opt, stdout, stderr)
	if err != nil {
		return err
	}
	out := opt.OutDir()

	var years []string // the periods the build made a booklet for
	for y := range res.Booklets {
		years = append(years, strconv.Itoa(y))
	}
	slices.Sort(years)
	if len(years) == 0 {
		return fmt.Errorf("pdf: the build wrote no booklet (%s): does the site have a period with data or a yearly summary?", filepath.Join(out, "booklet", "YEAR", "index.html"))
	}
	if *year != "" {
		if !slices.Contains(years, *year) {
			return usageError{fmt.Sprintf("--year %s: no booklet for that period; the site has %s", *year, strings.Join(years, ", "))}
		}
		years = []string{*year}
	}
	// Build again with the pages linking the PDFs about to be printed, so
	// that the booklet printed is the one the site serves next to its PDF.
	for _, y := range years {
		n, _ := strconv.Atoi(y)
		opt.Make = append(opt.Make, plan.BookletPDF(n))
	}
	if res, err = build.Build(ctx, opt); err != nil {
		printProblems(stderr, res.Problems)
		return err
	}

	srv, err := pdf.Serve(out)
	if err != nil {
		return err
	}
	defer srv.Close()
	browser, stop, err := chrome.Start(ctx, browserExe)
	if err != nil {
		return err
	}
	defer stop()
	for _, y := range years {
		n, _ := strconv.Atoi(y)
		if err := printBooklet(ctx, browser, srv.URL, out, y, res.Booklets[n], opt.Now, stdout, stderr); err != nil {
			return err
		}
	}
	return nil
}

// buildSaying builds the site for a command that then reads the output
// (pdf, export): it prints the problems and a line saying what it built.
func buildSaying(ctx context.Context, opt build.Options, stdout, stderr io.Writer) (build.Result, error) {
	start := time.Now()
	res, err := build.Build(ctx, opt)
	printProblems(stderr, res.Problems)
	if err != nil {
		if errors.Is(err, build.ErrSite) {
			fmt.Fprintf(stderr, "%d error(s); nothing was written\n", len(res.Problems.Errors()))
			return res, siteError{err}
		}
		return res, err
	}
	printNotes(stderr, res.Notes)
	fmt.Fprintf(stdout, "built %d pages into %s in %v\n", res.Pages, opt.OutDir(), time.Since(start).Round(time.Millisecond))
	return res, nil
}

// findChromium is --chromium when given, else what chrome.Find finds.
func findChromium(flag string, getenv func(string) string) (string, error) {
	if flag == "" {
		return chrome.Find(getenv)
	}
	exe, err := chrome.Find(func(k string) string {
		if k == chrome.EnvExecutable {
			return flag
		}
		return getenv(k)
	})
	if err != nil {
		return "", fmt.Errorf("--chromium %s 既不是程序文件，也不是 PATH 上的命令 (is neither an executable file nor a command on PATH): %w", flag, chrome.ErrNotFound)
	}
	return exe, nil
}

// printBooklet prints booklet/YEAR/ and writes OUT/booklet/YEAR.pdf with
// the booklet's mark, which lets later builds keep the PDF while its
// booklet is unchanged.
func printBooklet(ctx, browser context.Context, base, out, year, mark string, now time.Time, stdout, stderr io.Writer) error {
	start := time.Now()
	if mark == "" {
		return fmt.Errorf("pdf: the build made no booklet for %s", year)
	}
	y, _ := strconv.Atoi(year)
	doc, err := pdf.Print(ctx, browser, base+"/"+plan.Booklet(y), pdf.Options{Date: now, Keywords: mark})
	if err != nil {
		return fmt.Errorf("pdf: booklet %s: %w", year, err)
	}
	for _, p := range doc.Problems {
		fmt.Fprintf(stderr, "%s: warning: %s\n", plan.Index(plan.Booklet(y)), p)
	}
	path := filepath.Join(out, filepath.FromSlash(plan.BookletPDF(y)))
	if err := writeAtomic(path, doc.PDF); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d pages, %s, in %v\n", path, doc.Pages, size(len(doc.PDF)), time.Since(start).Round(time.Millisecond))
	return nil
}

// writeAtomic writes data to a temporary file beside path and renames it
// over path, so that nobody ever reads a half-written PDF.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	err = errors.Join(err, f.Chmod(0o644), f.Close())
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("writing %s: %w", path, err), os.Remove(f.Name()))
	}
	return nil
}

// size formats a byte count for people: 812 KB, 1.4 MB.
func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
