package export

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// The width the charts are drawn at: A4 at 96 CSS pixels per inch, as
// the booklet is printed, so that they fit the Word page as drawn.
const chartViewport = 794

// chartWidth is the width, in CSS pixels, each chart is drawn at: about
// the width of the Word page's text (156 mm), a little less so that the
// labels keep their size.
const chartWidth = 560

// pendingJS lists the charts that have not drawn yet.
const pendingJS = `Array.from(document.querySelectorAll('.chart-canvas'), (el, i) => el.getAttribute('data-rendered') === 'true' ? '' : (el.getAttribute('data-chart') || '#' + (i + 1))).filter(Boolean)`

// widenJS draws every chart again at the width of the Word page, alone
// on its line (the booklet puts its data table beside it), and resolves
// when the resize the page's script debounces has been done.
const widenJS = `(() => {
  const s = document.createElement('style');
  s.textContent = 'figure.chart { display: block !important; width: ' + ` + "`${WIDTH}`" + ` + 'px !important; }' +
    ' figure.chart .chart-canvas { width: 100% !important; }' +
    ' .chart-data, .chart-data-print { display: none !important; }';
  document.head.appendChild(s);
  window.dispatchEvent(new Event('resize'));
  return new Promise(done => setTimeout(() => done(true), 600));
})()`

// idsJS lists the charts of the page by the id of their figure.
const idsJS = `Array.from(document.querySelectorAll('figure.chart[id] .chart-canvas'), el => el.closest('figure').id)`

// Charts opens url, a built page, in a new tab of browser (see
// chrome.Start), waits until every chart has drawn and the fonts have
// loaded, and takes a PNG of each chart's drawing at twice the size it
// shows (for print), by the id of its figure: chart-repairs-by-trade.
// The booklet page is the one to shoot: its charts are drawn for paper,
// without animation and with patterns that survive a grey photocopy.
func Charts(ctx, browser context.Context, url string, limit time.Duration) (map[string][]byte, error) {
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	defer context.AfterFunc(ctx, closeTab)()
	if err := chromedp.Do(tab, chromedp.EmulateViewport(chartViewport, 1123), chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("opening %s: %w", url, err)
	}
	wait, cancel := context.WithTimeout(tab, limit)
	defer cancel()
	for {
		pending, err := chromedp.Run(wait, chromedp.Evaluate[[]string](pendingJS))
		if err != nil {
			return nil, fmt.Errorf("%s: waiting for the charts: %w", url, err)
		}
		if len(pending) == 0 {
			break
		}
		select {
		case <-wait.Done():
			return nil, fmt.Errorf("%s: %d chart(s) did not draw within %v: %s", url, len(pending), limit, strings.Join(pending, ", "))
		case <-time.After(50 * time.Millisecond):
		}
	}
	if _, err := chromedp.Run(wait, chromedp.Evaluate[string](`document.fonts.ready.then(f => f.status)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("%s: waiting for the fonts: %w", url, err)
	}
	widen := strings.Replace(widenJS, "`${WIDTH}`", strconv.Itoa(chartWidth), 1)
	if _, err := chromedp.Run(wait, chromedp.Evaluate[bool](widen, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("%s: drawing the charts at the width of the page: %w", url, err)
	}
	ids, err := chromedp.Run(tab, chromedp.Evaluate[[]string](idsJS))
	if err != nil {
		return nil, fmt.Errorf("%s: listing the charts: %w", url, err)
	}
	out := make(map[string][]byte, len(ids))
	for _, id := range ids {
		png, err := chromedp.Run(tab, chromedp.ScreenshotScale("#"+id+" .chart-canvas", 2))
		if err != nil {
			return nil, fmt.Errorf("%s: chart %s: %w", url, id, err)
		}
		out[id] = png
	}
	return out, nil
}
