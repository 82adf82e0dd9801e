package build

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
)

// TestBrowserPhone opens the example site in a 360 px wide window, a
// parent's phone, and in a 320 px one, the narrowest phones, and checks
// that charts keep their words and boxes keep their contents: every
// category label and every axis name (the units of small multiples) of
// every chart is drawn (read back from the SVG text), and nothing sticks
// out of a key-figure card or a chart's box.
func TestBrowserPhone(t *testing.T) {
	browser := chrometest.Browser(t) // skips before the build when there is no browser
	base := serveExample(t)
	for _, width := range []int{360, 320} {
		for _, path := range []string{"/years/2023/", "/years/2022/", "/years/", "/", "/safety/2023/", "/timeline/"} {
			t.Run(fmt.Sprintf("%d%s", width, path), func(t *testing.T) { phonePage(t, browser, base, path, width) })
		}
	}
}

// phonePage is TestBrowserPhone for one page at one width.
func phonePage(t *testing.T, browser context.Context, base, path string, width int) {
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 800), chromedp.Navigate(base+path)); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart-canvas').length`))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(chartWait)
	for i := range n {
		scroll := fmt.Sprintf(`document.querySelectorAll('.chart-canvas')[%d].scrollIntoView({block: 'center'})`, i)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](scroll)); err != nil {
			t.Fatal(err)
		}
		cs, err := waitCharts(ctx, deadline, func(cs []chartStatus) bool { return i < len(cs) && cs[i].drawn() })
		if err != nil {
			t.Fatal(err)
		}
		if i >= len(cs) || !cs[i].drawn() {
			t.Fatalf("%s: chart %d not drawn within %v at %d px", path, i, chartWait, width)
		}
	}
	time.Sleep(300 * time.Millisecond) // let ECharts finish laying out labels
	labels, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartLabels](labelsJS))
	if err != nil {
		t.Fatalf("reading chart labels: %v", err)
	}
	if len(labels) != n {
		t.Errorf("%s: read the labels of %d charts, want %d", path, len(labels), n)
	}
	for _, c := range labels {
		if c.Categories == 0 {
			t.Errorf("%s: chart %s has no category axis at %d px", path, c.ID, width)
		}
		for _, m := range c.Missing {
			t.Errorf("%s: chart %s does not draw the category label %q at %d px wide", path, c.ID, m, width)
		}
		for _, m := range c.MissingNames {
			t.Errorf("%s: chart %s does not draw its axis name %q at %d px wide", path, c.ID, m, width)
		}
	}
	for id, words := range phoneWords[path] {
		texts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[data-chart="`+id+`"] svg text'), t => t.textContent.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			if !slices.Contains(texts, w) {
				t.Errorf("%s: chart %s does not draw %q at %d px wide; it draws %q", path, id, w, width, texts)
			}
		}
	}
	over, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS))
	if err != nil {
		t.Fatalf("measuring boxes: %v", err)
	}
	for _, o := range over {
		t.Errorf("%s at %d px: %s", path, width, o)
	}
}

// phoneWords are words that charts must draw on a phone: the units of
// the small multiples of water, electricity and gas, and the unit and the
// series apart (planned projects) of the money by funding.
var phoneWords = map[string]map[string][]string{
	"/years/2023/": {"chart-utilities-monthly": {"用水（吨）", "用电（千瓦时）", "用气（立方米）"}},
	"/timeline/":   {"chart-projects-by-funding": {"投入（元）", "计划中（另列）"}},
}

// chartLabels is what labelsJS finds of one chart.
type chartLabels struct {
	ID         string   `json:"id"`
	Categories int      `json:"categories"`
	Missing    []string `json:"missing"`
	// MissingNames are the names of axes (a small chart's 用水（吨）) not drawn.
	MissingNames []string `json:"missingNames"`
}

// labelsJS compares, for every chart, the categories of the option the
// chart drew (its phone form if it has one) with the <text> of its SVG.
const labelsJS = `Array.from(document.querySelectorAll('.chart-canvas'), el => {
  const id = el.getAttribute('data-chart');
  const src = document.querySelector('script[data-narrow-option-for="' + id + '"]') || document.querySelector('script[data-option-for="' + id + '"]');
  const opt = JSON.parse(src.textContent);
  const axes = [].concat(opt.xAxis || [], opt.yAxis || []).filter(a => a.type === 'category' && a.data);
  const cats = axes.flatMap(a => a.data.map(String));
  const texts = new Set(Array.from(el.querySelectorAll('svg text'), t => t.textContent.trim()));
  const names = [].concat(opt.xAxis || [], opt.yAxis || []).filter(a => a.name).map(a => a.name);
  return {id: id, categories: cats.length, missing: cats.filter(c => !texts.has(c)), missingNames: names.filter(n => !texts.has(n))};
})`

// overflowJS lists every element that sticks out of its key-figure card
// or chart box by more than a pixel, or whose text is clipped inside it,
// and every table caption (which states the units) that runs past the
// visible width of its scrolling table.
const overflowJS = `(() => {
  const out = [];
  document.querySelectorAll('.table-wrap > table > caption').forEach(c => {
    const wrap = c.closest('.table-wrap'), w = wrap.getBoundingClientRect(), r = c.getBoundingClientRect();
    if (w.width > 0 && r.right > w.right + 1) out.push('table caption runs past its table\'s visible width (' + Math.round(r.right) + ' px, visible to ' + Math.round(w.right) + ' px): ' + JSON.stringify(c.textContent.trim().slice(0, 40)));
  });
  document.querySelectorAll('.card, figure.chart').forEach(box => {
    const b = box.getBoundingClientRect();
    box.querySelectorAll('*').forEach(e => {
      if (e.closest('.table-wrap, details:not([open]) > :not(summary)')) return;
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      const name = (box.id || box.className) + ' > ' + e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : '');
      if (r.right > b.right + 1 || r.left < b.left - 1) out.push(name + ' sticks out of its box (' + Math.round(r.left) + '–' + Math.round(r.right) + ' px, box ' + Math.round(b.left) + '–' + Math.round(b.right) + ' px): ' + JSON.stringify((e.textContent || '').trim().slice(0, 30)));
      else if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible' && e.clientWidth > 0) out.push(name + ' clips its text: ' + JSON.stringify(e.textContent.trim().slice(0, 30)));
    });
  });
  return out;
})()`

// TestBrowserPhoneKeyboard checks, at 360 px, what a phone or keyboard
// user meets in the header and tables: the menu keeps to one row, the
// focus ring on the header has 3:1 contrast against it, a figure's
// source shows when it gets focus (a tap or Tab), and a table wider
// than the screen can be focused and scrolled with the arrow keys.
func TestBrowserPhoneKeyboard(t *testing.T) {
	browser := chrometest.Browser(t)
	base := serveExample(t)
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 800), chromedp.Navigate(base+"/safety/2023/")); err != nil {
		t.Fatal(err)
	}

	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`new Set(Array.from(document.querySelectorAll('.site-nav li'), li => Math.round(li.getBoundingClientRect().top))).size`))
	if err != nil {
		t.Fatal(err)
	}
	if rows != 1 {
		t.Errorf("the menu takes %d rows at 360 px, want 1", rows)
	}

	// Tab past the skip link to the first link of the header.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	ring, err := chromedp.Run(ctx, chromedp.Evaluate[focusRing](focusRingJS))
	if err != nil {
		t.Fatal(err)
	}
	if !ring.InHeader || ring.Width < 2 {
		t.Errorf("after two Tabs the focus is on %s (in header: %v) with a %v px ring, want a ring of 2 px or more on a header link", ring.Element, ring.InHeader, ring.Width)
	}
	if ring.Contrast < 3 {
		t.Errorf("the focus ring on the header (%s on %s) has contrast %.2f:1, want at least 3:1", ring.Color, ring.Background, ring.Contrast)
	}
	t.Logf("header focus ring: %s on %s, %.2f:1", ring.Color, ring.Background, ring.Contrast)

	tip, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
  const f = document.querySelector('.prose data.fig') || document.querySelector('.card-value');
  f.focus();
  return [f.getAttribute('title'), getComputedStyle(f, '::after').content];
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(tip) != 2 || tip[0] == "" || tip[1] != `"`+tip[0]+`"` {
		t.Errorf("a focused figure shows %q, want its source %q", tip[1], tip[0])
	}

	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.table-wrap')).filter(w => w.scrollWidth > w.clientWidth + 1 && w.getClientRects().length && !w.closest('details:not([open])')).map((w, i) => { w.id = w.id || 'wide-' + i; return w.id + (w.tabIndex === 0 && w.getAttribute('aria-label') ? '' : ' not focusable or unnamed'); })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(wide) == 0 {
		t.Fatal("no table on /safety/2023/ is wider than 360 px; the scrolling check has nothing to scroll")
	}
	for _, w := range wide {
		if strings.HasSuffix(w, "unnamed") {
			t.Errorf("table %s scrolls sideways but is %s", w, "not focusable or has no accessible name")
		}
	}
	id := strings.Fields(wide[0])[0]
	if err := chromedp.Do(ctx, chromedp.Focus("#"+id), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	left, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById('`+id+`').scrollLeft`))
	if err != nil {
		t.Fatal(err)
	}
	if left <= 0 {
		t.Errorf("table %s did not scroll with the arrow keys (scrollLeft %v)", id, left)
	}
}

// focusRing is the outline of the focused element and the colour behind it.
type focusRing struct {
	Element    string  `json:"element"`
	InHeader   bool    `json:"inHeader"`
	Width      float64 `json:"width"`
	Color      string  `json:"color"`
	Background string  `json:"background"`
	Contrast   float64 `json:"contrast"`
}

// focusRingJS measures the WCAG contrast between the focused element's
// outline colour and the background of the header around it.
const focusRingJS = `(() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const header = e.closest('.site-header');
  const bg = getComputedStyle(header || document.body).backgroundColor;
  const lum = c => {
    const v = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const a = lum(s.outlineColor), b = lum(bg);
  return {element: e.tagName.toLowerCase() + '.' + e.className, inHeader: !!header, width: parseFloat(s.outlineWidth) || 0,
    color: s.outlineColor, background: bg, contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
})()`
