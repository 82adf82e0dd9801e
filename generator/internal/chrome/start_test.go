package chrome_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
)

// TestStart opens a page, prints it to PDF as the pdf command will, and
// checks that stopping the browser removes its profile folder.
func TestStart(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where Start makes the profile folder
	profiles := func() []string {
		m, _ := filepath.Glob(filepath.Join(tmp, "houqin-chromium-*"))
		return m
	}

	// Run the helper in a subtest so that its cleanup, which stops the
	// browser, runs before the checks below.
	started := false
	t.Run("page", func(t *testing.T) {
		browser := chrometest.Browser(t)
		started = true
		if p := profiles(); len(p) != 1 {
			t.Fatalf("profile folders while running: %v, want one", p)
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<!doctype html><title>年报</title><h1>示例小学</h1>`))
		}))
		defer srv.Close()

		tab, cancel := chromedp.NewContext(browser)
		defer cancel()
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL)); err != nil {
			t.Fatal(err)
		}
		title, err := chromedp.Run(tab, chromedp.Title())
		if err != nil || title != "年报" {
			t.Errorf("title = %q, %v; want 年报", title, err)
		}
		pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatalf("printing to PDF: %v", err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("PrintToPDF gave %d bytes starting %q, want a PDF", len(pdf), pdf[:min(len(pdf), 8)])
		}
	})
	if !started {
		return // skipped: no browser
	}
	if p := profiles(); len(p) > 0 {
		t.Errorf("profile folders left after the browser stopped: %v", p)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Logf("other files left in TMPDIR: %s", strings.Join(names, ", "))
	}
}
