package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
)

var when = time.Date(2024, 1, 15, 8, 30, 0, 0, time.UTC)

// TestPrint prints the stand-in booklet in testdata/booklet (cover, table
// of contents, three sections, one of them six pages long) and checks what
// a reader of the PDF sees: the page count, the bookmarks, the page
// numbers in the table of contents, the title and author, and that a
// second print is byte for byte the same.
func TestPrint(t *testing.T) {
	browser := chrometest.Browser(t)
	srv, err := Serve("testdata/booklet")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	opt := Options{Author: "示例市青禾小学 后勤处", Date: when}
	start := time.Now()
	doc, err := Print(t.Context(), browser, srv.URL+"/", opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("printed %d pages in %d prints, %v", doc.Pages, doc.Prints, time.Since(start).Round(time.Millisecond))
	for _, p := range doc.Problems {
		t.Errorf("page problem: %s", p)
	}
	if doc.Pages != 10 {
		t.Errorf("Pages = %d, want 10 (cover, contents, 1 + 6 + 1 pages of sections)", doc.Pages)
	}
	if doc.Prints != 2 {
		t.Errorf("Prints = %d, want 2: one to find the pages, one with them filled in", doc.Prints)
	}
	want := []Section{{"sec-summary", "年度概览", 3}, {"sec-repairs", "维修工作", 4}, {"sec-safety", "安全管理", 10}}
	if !slices.Equal(doc.Sections, want) {
		t.Errorf("Sections = %v, want %v", doc.Sections, want)
	}
	var titles []string
	for _, h := range doc.Outline {
		titles = append(titles, h.Title)
	}
	if want := []string{"青禾小学后勤工作年报", "目录", "年度概览", "维修工作", "安全管理"}; !slices.Equal(titles, want) {
		t.Errorf("outline = %q, want %q", titles, want)
	}

	pc, err := read(t.Context(), doc.PDF)
	if err != nil {
		t.Fatalf("reading the printed PDF: %v", err)
	}
	info, err := infoDict(pc)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := info["Title"], "青禾小学后勤工作年报 · 2023年"; got != want {
		t.Errorf("Title = %q, want the page's <title> %q", got, want)
	}
	if info["Author"] != opt.Author {
		t.Errorf("Author = %q, want %q", info["Author"], opt.Author)
	}
	if want := "D:20240115083000+00'00'"; info["CreationDate"] != want || info["ModDate"] != want {
		t.Errorf("dates = %q, %q; want %q", info["CreationDate"], info["ModDate"], want)
	}

	if text, ok := pdftotext(t, doc.PDF, "-f", "2", "-l", "2"); ok {
		for _, s := range want {
			if !strings.Contains(text, s.Title) {
				t.Errorf("contents page lacks %q:\n%s", s.Title, text)
			}
		}
		if got := tocNumbers(text); !slices.Equal(got, []string{"3", "4", "10"}) {
			t.Errorf("contents page shows page numbers %q, want 3, 4, 10:\n%s", got, text)
		}
	}

	again, err := Print(t.Context(), browser, srv.URL+"/", opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.PDF, doc.PDF) {
		t.Errorf("two prints of the same page differ (%d and %d bytes): the output must depend only on the page and Options.Date", len(doc.PDF), len(again.PDF))
	}
}

// tocNumbers returns the last word of each contents line that names a section.
func tocNumbers(text string) []string {
	var nums []string
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && strings.ContainsAny(f[0], "概维安") {
			nums = append(nums, f[len(f)-1])
		}
	}
	return nums
}

// pdftotext runs poppler's pdftotext -layout on pdf; it reports false
// (and skips nothing) when poppler-utils is not installed outside CI.
func pdftotext(t *testing.T, pdf []byte, args ...string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pdftotext not found (Debian: apt-get install poppler-utils); CI=true makes this a failure")
		}
		t.Logf("pdftotext not found (Debian: apt-get install poppler-utils): not checking the text")
		return "", false
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(append([]string{"-layout", "-enc", "UTF-8"}, args...), file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}

// TestPrintChartTimeout checks that a chart that never draws stops the
// print with an error naming it, after the bounded wait.
func TestPrintChartTimeout(t *testing.T) {
	browser := chrometest.Browser(t)
	srv, err := Serve("testdata/stuck")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	_, err = Print(t.Context(), browser, srv.URL+"/", Options{ChartTimeout: time.Second})
	if err == nil || !strings.Contains(err.Error(), "never-drawn") || strings.Contains(err.Error(), "repairs-by-trade") {
		t.Fatalf("Print = %v; want an error naming the chart never-drawn, and only it", err)
	}
}
