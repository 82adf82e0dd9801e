package build

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
)

// TestBrowserPhone opens the example site in a 360 px wide window, a
// parent's phone, and checks that charts keep their words and boxes keep
// their contents: every category label of every chart is drawn (read
// back from the SVG text), and nothing sticks out of a key-figure card
// or a chart's box.
func TestBrowserPhone(t *testing.T) {
	browser := chrometest.Browser(t) // skips before the build when there is no browser
	base := serveExample(t)
	for _, path := range []string{"/years/2023/", "/years/2022/", "/years/", "/", "/safety/2023/"} {
		t.Run(path, func(t *testing.T) {
			tab, closeTab := chromedp.NewContext(browser)
			defer closeTab()
			ctx, cancel := context.WithTimeout(tab, 30*time.Second)
			defer cancel()
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 800), chromedp.Navigate(base+path)); err != nil {
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
					t.Fatalf("%s: chart %d not drawn within %v at 360 px", path, i, chartWait)
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
					t.Errorf("%s: chart %s has no category axis at 360 px", path, c.ID)
				}
				for _, m := range c.Missing {
					t.Errorf("%s: chart %s does not draw the category label %q at 360 px wide", path, c.ID, m)
				}
			}
			over, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS))
			if err != nil {
				t.Fatalf("measuring boxes: %v", err)
			}
			for _, o := range over {
				t.Errorf("%s at 360 px: %s", path, o)
			}
		})
	}
}

// chartLabels is what labelsJS finds of one chart.
type chartLabels struct {
	ID         string   `json:"id"`
	Categories int      `json:"categories"`
	Missing    []string `json:"missing"`
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
  return {id: id, categories: cats.length, missing: cats.filter(c => !texts.has(c))};
})`

// overflowJS lists every element that sticks out of its key-figure card
// or chart box by more than a pixel, or whose text is clipped inside it.
const overflowJS = `(() => {
  const out = [];
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
