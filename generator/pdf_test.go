package main

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
)

// TestPDF runs the pdf command on the example site (the repository root)
// and reads the booklet of 2023 back with poppler-utils, as a reader's PDF
// viewer would: page count, title and author, the cover title, every
// section heading with the page the table of contents gives it, every key
// figure, the "第 N 页 / 共 M 页" footer, Chinese text that extracts as
// text, and embedded fonts.
func TestPDF(t *testing.T) {
	chrometest.Executable(t) // skips (or fails under CI=true) before the build
	needPoppler(t)
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	start := time.Now()
	err := run(t.Context(), []string{"pdf", "--site", "..", "--out", out, "--year", "2023"},
		pdfEnv, &stdout, &stderr)
	if _, serr := os.Stat(filepath.Join(out, "booklet", "2023", "index.html")); errors.Is(serr, os.ErrNotExist) {
		t.Skipf("the build does not write booklet/2023/index.html yet, so there is no booklet to print (pdf: %v)", err)
	}
	if err != nil {
		t.Fatalf("pdf: %v\nstdout:\n%s\nstderr:\n%s", err, &stdout, &stderr)
	}
	t.Logf("pdf took %v:\n%s%s", time.Since(start).Round(time.Millisecond), &stdout, &stderr)
	file := filepath.Join(out, "booklet", "2023.pdf")
	if !strings.Contains(stdout.String(), "wrote "+file+": ") {
		t.Errorf("stdout lacks the line for %s:\n%s", file, &stdout)
	}
	if left, _ := filepath.Glob(filepath.Join(out, "booklet", ".*")); len(left) > 0 {
		t.Errorf("temporary files left in booklet/: %v", left)
	}
	page, err := os.ReadFile(filepath.Join(out, "booklet", "2023", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	cover, sections, figures := bookletParts(string(page))
	if cover == "" || len(sections) < 3 || len(figures) < 3 {
		t.Fatalf("the booklet page has cover title %q, %d sections and %d key figures (.card-value); want a title and at least 3 of each", cover, len(sections), len(figures))
	}

	info := poppler(t, "pdfinfo", file)
	pages, _ := strconv.Atoi(field(info, "Pages"))
	// The cover and the contents take a page each and every section starts
	// on a new page, so fewer than 2+sections pages means the print lost
	// content. The 2023 booklet is about 25 pages (narrative, key figures,
	// seven charts two or three to a page, safety record, projects, the
	// appendix of records); 60 would mean charts or tables split one row
	// to a page, or a page-size mistake (Letter, or CSS pixels as points).
	if lo, hi := 2+len(sections), 60; pages < lo || pages > hi {
		t.Errorf("the PDF has %d pages, want %d..%d (cover, contents and %d sections)", pages, lo, hi, len(sections))
	}
	if title := field(info, "Title"); !strings.Contains(title, cover) || !strings.Contains(title, "2023") {
		t.Errorf("Title = %q, want the booklet's title %q with the period", title, cover)
	}
	if author := field(info, "Author"); !strings.Contains(author, "示例市青禾小学") || !strings.Contains(author, "后勤处") {
		t.Errorf("Author = %q, want the school and the office", author)
	}
	if d := field(info, "CreationDate"); !strings.Contains(d, "2024") {
		t.Errorf("CreationDate = %q, want SOURCE_DATE_EPOCH (2024-01-15)", d)
	}

	// pdftotext -layout spaces out large type ("2023    年"), so text is
	// compared with all white space removed.
	text := strings.Split(poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", file, "-"), "\f")
	if len(text) > pages { // pdftotext ends every page with a form feed
		text = text[:pages]
	}
	all := squash(strings.Join(text, "\n"))
	if strings.ContainsRune(all, '\uFFFD') {
		t.Errorf("the text has U+FFFD: some Chinese does not extract as text")
	}
	if !strings.Contains(squash(text[0]), squash(cover)) || !strings.Contains(squash(text[0]), "示例市青禾小学") {
		t.Errorf("page 1 does not read %q and 示例市青禾小学: the cover's Chinese must extract as text:\n%s", cover, text[0])
	}
	checkTOC(t, text, sections)
	chapters := chapterTitles(string(page))
	if len(chapters) < 3 {
		t.Errorf("the contents list %d chapters of the narrative, want its chapters (一、… 六、)", len(chapters))
	}
	checkTOC(t, text, chapters)
	if sections[0] != "主要数据" {
		t.Errorf("the booklet opens with %q, want the key figures (主要数据)", sections[0])
	}
	checkBlank(t, file, pages)
	for _, f := range figures {
		if !strings.Contains(all, squash(f)) {
			t.Errorf("key figure %q is not in the PDF's text", f)
		}
	}
	checkFooters(t, text, pages)
	// The appendix is a summary: a few pages of tables by month and kind,
	// each caption with its units, money in 元 with one decimal.
	app := appendixPages(t, text, "附录：本年度记录汇总")
	if len(app) > 3 {
		t.Errorf("the appendix takes %d pages, want a summary of at most 3", len(app))
	}
	for _, want := range []string{
		"维修2023年·按月份、工种汇总·次数单位：次·费用单位：元", "水道（次）", "费用（元）", "合计18098922722419211,048.0",
		"隐患排查2023年·按月份汇总·轮数单位：轮·发现隐患、已整改单位：处",
		"采购2023年·按月份、类别汇总·笔数单位：笔·金额单位：元", "教学设备（元）", "313,307.0",
		"用水单位：吨·用电单位：千瓦时·用气单位：立方米·水费、电费单位：元", "76,499.1",
	} {
		if !strings.Contains(squash(strings.Join(app, "\n")), want) {
			t.Errorf("the appendix lacks %q", want)
		}
	}
	checkFonts(t, poppler(t, "pdffonts", file))
	t.Logf("%d pages; sections %q; key figures %q", pages, sections, figures)
}

// pdfEnv is the environment of the test: the real one, with a fixed build
// time so that the PDF's dates are known.
func pdfEnv(k string) string {
	if k == "SOURCE_DATE_EPOCH" {
		return "1705276800" // 2024-01-15
	}
	return os.Getenv(k)
}

// chapterTitles lists the narrative's chapters in the booklet's contents.
func chapterTitles(page string) []string {
	var out []string
	for _, ol := range chapterRE.FindAllStringSubmatch(page, -1) {
		for _, m := range tocTitleRE.FindAllStringSubmatch(ol[1], -1) {
			out = append(out, strings.Join(strings.Fields(html.UnescapeString(m[1])), " "))
		}
	}
	return out
}

// checkBlank renders every page in grey at 20 dpi and measures the white
// band at the foot of its text area: no page but the cover, the contents
// and the last may end more than 40% empty, as when a chart or a card
// that would not split was pushed to the next page.
func checkBlank(t *testing.T, file string, pages int) {
	t.Helper()
	dir := t.TempDir()
	poppler(t, "pdftoppm", "-gray", "-r", "20", file, filepath.Join(dir, "p"))
	names, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	sort.Strings(names)
	if len(names) != pages {
		t.Fatalf("pdftoppm made %d pages of %d", len(names), pages)
	}
	for i, name := range names[2 : len(names)-1] {
		empty, err := emptyFoot(name)
		if err != nil {
			t.Fatal(err)
		}
		if empty > 0.40 {
			t.Errorf("page %d of the booklet is %.0f%% empty at its foot, want at most 40%%", i+3, 100*empty)
		}
	}
}

// emptyFoot reads a binary PGM of an A4 page and returns the share of the
// text area (20 mm top, 18 mm bottom margin, header and footer left out)
// that is white from the last mark down.
func emptyFoot(name string) (float64, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return 0, err
	}
	f := bytes.Fields(b[:min(len(b), 64)])
	if len(f) < 4 || string(f[0]) != "P5" {
		return 0, fmt.Errorf("%s is not a binary PGM", name)
	}
	w, _ := strconv.Atoi(string(f[1]))
	h, _ := strconv.Atoi(string(f[2]))
	pix := b[len(b)-w*h:]
	top, bottom := h*22/297, h*(297-20)/297
	last := top
	for y := top; y < bottom; y++ {
		if slices.Min(pix[y*w:(y+1)*w]) <= 240 {
			last = y
		}
	}
	return float64(bottom-1-last) / float64(bottom-top), nil
}

var (
	chapterRE  = regexp.MustCompile(`(?s)<ol class="toc-chapters">(.*?)</ol>`)
	tocTitleRE = regexp.MustCompile(`<span class="toc-title">([^<]*)</span>`)
	coverRE    = regexp.MustCompile(`(?s)<h1 class="cover-title"[^>]*>(.*?)</h1>`)
	sectionRE  = regexp.MustCompile(`(?s)<section[^>]*class="booklet-section[^"]*"[^>]*>\s*<h2[^>]*>(.*?)</h2>`)
	figureRE   = regexp.MustCompile(`<span class="card-value"[^>]*><span class="card-number">([^<]+)`)
	tagRE      = regexp.MustCompile(`<[^>]*>`)
)

// bookletParts reads the cover title, the section headings and the key
// figures of the booklet page.
func bookletParts(page string) (cover string, sections, figures []string) {
	plain := func(s string) string {
		return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(s, ""))), " ")
	}
	if m := coverRE.FindStringSubmatch(page); m != nil {
		cover = plain(m[1])
	}
	for _, m := range sectionRE.FindAllStringSubmatch(page, -1) {
		sections = append(sections, plain(m[1]))
	}
	for _, m := range figureRE.FindAllStringSubmatch(page, -1) {
		figures = append(figures, plain(m[1]))
	}
	return cover, sections, figures
}

// squash removes all white space.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// checkTOC finds each section in the contents (pages 2 and 3), takes the
// number at the end of its line, and checks that the heading is on that
// page.
func checkTOC(t *testing.T, text []string, sections []string) {
	t.Helper()
	for _, s := range sections {
		shown := 0
		for _, pageText := range text[1:min(3, len(text))] {
			for _, line := range strings.Split(pageText, "\n") {
				f := strings.Fields(line)
				if len(f) < 2 || shown > 0 || !strings.Contains(strings.Join(f[:len(f)-1], ""), squash(s)) {
					continue
				}
				shown, _ = strconv.Atoi(f[len(f)-1])
			}
		}
		if shown < 1 || shown > len(text) {
			t.Errorf("the contents give no page number for %q", s)
			continue
		}
		if !strings.Contains(squash(text[shown-1]), squash(s)) {
			t.Errorf("the contents say %q is on page %d, but it is not there:\n%s", s, shown, text[shown-1])
		}
	}
}

var footerRE = regexp.MustCompile(`第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页`)

// checkFooters wants "第 N 页 / 共 M 页" with the right numbers on every
// page but perhaps the cover.
func checkFooters(t *testing.T, text []string, pages int) {
	t.Helper()
	for i, pageText := range text {
		m := footerRE.FindStringSubmatch(pageText)
		if m == nil {
			if i > 0 {
				t.Errorf("page %d has no footer 第 %d 页 / 共 %d 页", i+1, i+1, pages)
			}
			continue
		}
		if m[1] != strconv.Itoa(i+1) || m[2] != strconv.Itoa(pages) {
			t.Errorf("page %d has the footer %q, want 第 %d 页 / 共 %d 页", i+1, m[0], i+1, pages)
		}
	}
}

// checkFonts wants every font in pdffonts' table embedded. The columns
// are as wide as the dashes under the header: name, type, encoding, emb, ...
func checkFonts(t *testing.T, table string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(table, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts: the PDF has no text:\n%s", table)
	}
	cols := regexp.MustCompile(`-+`).FindAllStringIndex(lines[1], -1)
	if len(cols) < 4 || strings.TrimSpace(lines[0][cols[3][0]:min(cols[3][1], len(lines[0]))]) != "emb" {
		t.Fatalf("cannot read pdffonts' table:\n%s", table)
	}
	emb := cols[3]
	for _, line := range lines[2:] {
		if len(line) < emb[1] || strings.TrimSpace(line[emb[0]:emb[1]]) != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
	t.Logf("%d fonts, all embedded", len(lines)-2)
}

// field reads "Key: value" from pdfinfo's output.
func field(info, key string) string {
	for _, line := range strings.Split(info, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// needPoppler skips the test when poppler-utils is not installed, or
// fails it under CI=true.
func needPoppler(t *testing.T) {
	t.Helper()
	for _, name := range []string{"pdftotext", "pdfinfo", "pdffonts"} {
		if _, err := exec.LookPath(name); err != nil {
			msg := fmt.Sprintf("%s not found (Debian: apt-get install poppler-utils)", name)
			if os.Getenv("CI") == "true" {
				t.Fatal(msg + "; CI=true makes this a failure")
			}
			t.Skip("skipping: " + msg)
		}
	}
}

// poppler runs a poppler-utils command and returns its output.
func poppler(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, &stderr)
	}
	return string(b)
}

// TestPDFUsage checks what the pdf command says before it prints: a
// missing browser (exit 1, and what to install) and a period without a
// booklet (exit 2, naming the periods there are). No browser is started.
func TestPDFUsage(t *testing.T) {
	dir := site(t, good)
	fake := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	base := env(t)
	// The machine's own browser would be found where it is installed:
	// an $HOUQIN_CHROMIUM that names none stands for a computer without.
	noBrowser := func(k string) string {
		if k == "HOUQIN_CHROMIUM" {
			return filepath.Join(dir, "no-browser")
		}
		return base(k)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		getenv func(string) string
		code   int
		stderr string
	}{
		{"no browser", nil, noBrowser, 1, chromiumMissing(runtime.GOOS) + "\npdf: 未找到浏览器"},
		{"--chromium missing", []string{"--chromium", filepath.Join(t.TempDir(), "nope")}, base, 1, chromiumMissing(runtime.GOOS) + "\npdf: --chromium "},
		{"--year without booklet", []string{"--chromium", fake, "--year", "1999"}, base, 2, "--year 1999: no booklet for that period; the site has 2023"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"pdf", "--site", dir, "--out", filepath.Join(t.TempDir(), "public")}, tc.args...)
			err := run(t.Context(), args, tc.getenv, &stdout, &stderr)
			if got := exitCode(err); got != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", got, &stderr, tc.code, tc.stderr)
			}
		})
	}
}

// appendixPages returns the text of the pages from the one with the
// appendix heading (the last one to name it: the contents name it too) to
// the end.
func appendixPages(t *testing.T, text []string, heading string) []string {
	t.Helper()
	for i := len(text) - 1; i >= 0; i-- {
		if strings.Contains(squash(text[i]), heading) {
			return text[i:]
		}
	}
	t.Fatalf("no page has the appendix heading %q", heading)
	return nil
}

// TestPDFLedgerFull prints the booklet of a copy of the example site with
// booklet: {ledger: full} in data/site.yaml: its appendix has every record
// of 2023, the 419 repair orders among them, with units in its captions.
func TestPDFLedgerFull(t *testing.T) {
	chrometest.Executable(t)
	needPoppler(t)
	site := t.TempDir()
	for _, dir := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(site, dir), os.DirFS(filepath.Join("..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	yaml := filepath.Join(site, "data", "site.yaml")
	b, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yaml, append(b, "\nbooklet: {ledger: full}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"pdf", "--site", site, "--out", out, "--year", "2023"}, pdfEnv, &stdout, &stderr); err != nil {
		t.Fatalf("pdf: %v\n%s%s", err, &stdout, &stderr)
	}
	text := strings.Split(poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", filepath.Join(out, "booklet", "2023.pdf"), "-"), "\f")
	app := squash(strings.Join(appendixPages(t, text, "附录：本年度记录明细"), "\n"))
	// A dated row per record: 419 repair orders, and purchases, drills …
	// (pdftotext runs a few wrapped dates into their neighbours).
	if n := len(dayRE.FindAllString(app, -1)); n < 419 {
		t.Errorf("the full ledger has %d dated rows, want every record of 2023 (419 repair orders alone)", n)
	} else {
		t.Logf("the full ledger has %d dated rows in %d pages", n, len(text)-1)
	}
	for _, want := range []string{"维修2023年·每行1次·费用单位：元", "费用（元）", "采购2023年·每行1笔·金额单位：元", "金额（元）"} {
		if !strings.Contains(app, want) {
			t.Errorf("the full ledger lacks %q", want)
		}
	}
	if strings.Contains(app, "汇总") {
		t.Error("the full ledger has a summary")
	}
}

var dayRE = regexp.MustCompile(`2023年\d{1,2}月\d{1,2}日`)
