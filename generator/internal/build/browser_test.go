package build

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
)

// TestBrowserCharts builds the example site, opens pages in headless
// Chromium and checks what a reader would see: every chart draws as SVG,
// nothing is logged as an error, no request fails, and no request leaves
// the site (no CDN, no fonts or analytics from elsewhere).
func TestBrowserCharts(t *testing.T) {
	browser := chrometest.Browser(t) // skips before the build when there is no browser
	base := serveExample(t)

	for _, tc := range []struct {
		name, path string
		minCharts  int
	}{
		{"year", "/years/2023/", 4},
		{"years", "/years/", 4},
		{"home", "/", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			checkPage(t, browser, base, tc.path, tc.minCharts)
			t.Logf("%s checked in %v", tc.path, time.Since(start).Round(time.Millisecond))
		})
	}
}

// serveExample builds the example site and serves it on loopback until
// the test ends; it returns the base URL.
func serveExample(t *testing.T) string {
	t.Helper()
	start := time.Now()
	root := filepath.Join("..", "..", "..")
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(t.Context(), Options{Site: root, Out: out, Now: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("building the example site: %v\n%v", err, res.Problems)
	}
	t.Logf("built %d pages in %v", res.Pages, time.Since(start).Round(time.Millisecond))
	return chrometest.Serve(t, out)
}

// chartStatus is what the page says about one .chart-canvas element.
type chartStatus struct {
	ID       string  `json:"id"`
	Rendered bool    `json:"rendered"`
	Width    float64 `json:"width"`
	Shapes   int     `json:"shapes"`
}

func (c chartStatus) drawn() bool { return c.Rendered && c.Width > 0 && c.Shapes > 0 }

// chartsJS reports every chart: data-rendered, the width of its <svg>, and
// how many <path> and <rect> elements are drawn (not clip paths).
const chartsJS = `Array.from(document.querySelectorAll('.chart-canvas'), el => {
  const svg = el.querySelector('svg');
  return {
    id: el.getAttribute('data-chart') || '',
    rendered: el.getAttribute('data-rendered') === 'true',
    width: svg ? svg.getBoundingClientRect().width : 0,
    shapes: svg ? Array.from(svg.querySelectorAll('path, rect')).filter(e => !e.closest('defs, clipPath')).length : 0,
  };
})`

// chartWait bounds how long all charts of a page may take to draw.
const chartWait = 10 * time.Second

// checkPage opens base+path at 1280x900, scrolls every chart into view,
// waits until each has drawn, and reports console errors, exceptions,
// failed requests and requests to other hosts.
func checkPage(t *testing.T, browser context.Context, base, path string, minCharts int) {
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()

	server, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	var page pageEvents
	if err := chromedp.Listen(tab, page.listen); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+path)); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}

	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartStatus](chartsJS))
	if err != nil {
		t.Fatalf("%s: reading the charts: %v", path, err)
	}
	if len(charts) < minCharts {
		t.Errorf("%s has %d charts (.chart-canvas), want at least %d", path, len(charts), minCharts)
	}

	// Charts load when they come near the viewport, so bring each one in
	// and wait for it before the next.
	deadline := time.Now().Add(chartWait)
	for i := range charts {
		scroll := fmt.Sprintf(`document.querySelectorAll('.chart-canvas')[%d].scrollIntoView({block: 'center'})`, i)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](scroll)); err != nil {
			t.Fatalf("%s: scrolling to chart %d: %v", path, i, err)
		}
		if _, err := waitCharts(ctx, deadline, func(cs []chartStatus) bool { return i < len(cs) && cs[i].drawn() }); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	charts, err = waitCharts(ctx, deadline, func(cs []chartStatus) bool {
		for _, c := range cs {
			if !c.drawn() {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, c := range charts {
		if !c.drawn() {
			t.Errorf("%s: chart %q not drawn within %v: data-rendered=%v, svg width %v, %d path/rect elements",
				path, c.ID, chartWait, c.Rendered, c.Width, c.Shapes)
		}
	}

	closeTab() // no events after this; those before the last reply were recorded
	page.mu.Lock()
	defer page.mu.Unlock()
	for _, p := range page.problems {
		t.Errorf("%s: %s", path, p)
	}
	if len(page.requests) == 0 {
		t.Errorf("%s: saw no requests; the network listener is broken", path)
	}
	for _, r := range page.requests {
		u, err := url.Parse(r)
		if err != nil || u.Scheme != server.Scheme || u.Host != server.Host {
			t.Errorf("%s requested %s: every request must go to the site's own server %s", path, r, server.Host)
		}
	}
}

// waitCharts polls the charts until done accepts them or the deadline
// passes; it then returns the last status, without error.
func waitCharts(ctx context.Context, deadline time.Time, done func([]chartStatus) bool) ([]chartStatus, error) {
	for {
		cs, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartStatus](chartsJS))
		if err != nil {
			return nil, fmt.Errorf("reading the charts: %w", err)
		}
		if done(cs) || time.Now().After(deadline) {
			return cs, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// pageEvents collects what a tab reports. listen runs in the tab's message
// loop: it only records.
type pageEvents struct {
	mu       sync.Mutex
	problems []string // console errors, exceptions, failed requests
	requests []string // URL of every request
	urls     map[network.RequestID]string
}

func (p *pageEvents) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			p.problems = append(p.problems, fmt.Sprintf("console.%s: %s", ev.Type, remoteText(ev.Args)))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.problems = append(p.problems, fmt.Sprintf("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text))
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError {
			p.problems = append(p.problems, fmt.Sprintf("%s error: %s %s", e.Source, e.Text, e.URL))
		}
	case *network.EventRequestWillBeSent:
		if p.urls == nil {
			p.urls = make(map[network.RequestID]string)
		}
		p.urls[ev.RequestID] = ev.Request.URL
		p.requests = append(p.requests, ev.Request.URL)
	case *network.EventResponseReceived:
		if r := ev.Response; r.Status >= 400 {
			p.problems = append(p.problems, fmt.Sprintf("GET %s: HTTP %d", r.URL, r.Status))
		}
	case *network.EventLoadingFailed:
		p.problems = append(p.problems, fmt.Sprintf("loading %s failed: %s %s", p.urls[ev.RequestID], ev.ErrorText, ev.BlockedReason))
	}
}

// remoteText renders console arguments roughly as DevTools shows them.
func remoteText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}
