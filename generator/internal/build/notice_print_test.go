package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
)

// TestBrowserNoticePrint prints the notice with the longest address as
// for the notice board: its body is 14 pt or more, the QR code is on the
// paper, and the address under it is printed on one line, never broken
// inside a word (pdftotext of the PDF Chromium makes).
func TestBrowserNoticePrint(t *testing.T) {
	browser := chrometest.Browser(t)
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the notice print test needs pdftotext (poppler-utils)")
		}
		t.Skip("skipping: pdftotext (poppler-utils) is not installed")
	}
	base := serveExample(t)
	const path = "/notices/2023-summer-maintenance-campus-access/"
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	print := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(658, 1000), print, chromedp.Navigate(base+path)); err != nil {
		t.Fatal(err)
	}
	type paper struct {
		Body float64 `json:"body"`
		QR   float64 `json:"qr"`
		URL  string  `json:"url"`
		// Overlap names what the address runs into or out of, if anything.
		Overlap string `json:"overlap"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[paper](`({
  body: Math.min(...Array.from(document.querySelectorAll('.notice-body p, .notice-body li'), e => parseFloat(getComputedStyle(e).fontSize))),
  qr: (document.querySelector('.notice-qr svg') || {getBoundingClientRect: () => ({width: 0})}).getBoundingClientRect().width,
  url: (document.querySelector('.notice-url') || {}).textContent || '',
  overlap: (() => {
    const u = document.querySelector('.notice-url'), s = document.querySelector('.notice-sign'), n = document.querySelector('.notice');
    if (!u) return '';
    const a = u.getBoundingClientRect(), b = s.getBoundingClientRect(), p = n.getBoundingClientRect();
    if (a.right > p.right + 1) return 'the edge of the paper';
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) return 'the signature';
    return '';
  })(),
})`))
	if err != nil {
		t.Fatal(err)
	}
	if pt := got.Body * 72 / 96; pt < 14-0.01 {
		t.Errorf("printed notice body is %.1f pt, want at least 14 pt for a notice board", pt)
	}
	if got.QR < 100 {
		t.Errorf("printed QR code is %.0f px wide, want it on the paper (about 30 mm)", got.QR)
	}
	if got.Overlap != "" {
		t.Errorf("the printed address runs into %s", got.Overlap)
	}
	if !strings.HasPrefix(got.URL, "https://") {
		t.Fatalf("the printed notice shows no address under its QR code: %q", got.URL)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "notice.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if !strings.Contains(string(text), got.URL) {
		t.Errorf("the PDF does not print the address %s on one line; its text:\n%s", got.URL, text)
	}
}
