package pdf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Options says how to print a booklet.
type Options struct {
	// Title and Author go into the PDF's document information. An empty
	// Title keeps the page's <title>; an empty Author takes the content
	// of the page's <meta name="author">, if any.
	Title, Author string
	// Date is the creation and modification date written into the PDF.
	// Zero keeps the time Chromium printed at, which makes two prints of
	// the same page differ.
	Date time.Time
	// Keywords go into the PDF's document information (see Info).
	Keywords string
	// ChartTimeout bounds the wait for every chart to draw and the fonts
	// to load; default 30 seconds.
	ChartTimeout time.Duration
}

// Section is one section of the booklet and the page it starts on.
type Section struct {
	ID    string // the id of its <section class="booklet-section">, or of a narrative chapter's <h3>
	Title string // the text of its <h2> (a chapter: of its <h3>)
	Page  int
}

// Document is a printed booklet.
type Document struct {
	PDF      []byte
	Pages    int
	Sections []Section // in document order, with the pages the TOC shows
	Outline  []Heading // the PDF's bookmarks
	Prints   int       // how many times the page was printed
	// Problems are what the page reported while it was printed: console
	// errors, uncaught exceptions, failed requests and requests to other
	// hosts than the page's own. The PDF may still be fine.
	Problems []string
}

// maxFills bounds how often the table of contents is filled in before
// the page numbers must have settled.
const maxFills = 3

// The page size used while the charts draw: A4 at 96 CSS pixels per inch,
// so that charts are drawn for about the width they are printed at.
const viewportWidth, viewportHeight = 794, 1123

// Print opens url, a booklet page, in a new tab of browser (see
// chrome.Start), waits until every chart has drawn and the fonts have
// loaded, and prints it to an A4 PDF with the size and margins of the
// page's CSS @page rule, background graphics, tags and a document outline.
// It fills the table of contents with the page each section starts on,
// read from the outline, and prints again until the numbers are stable.
// Cancelling ctx closes the tab and ends the print.
func Print(ctx, browser context.Context, url string, opt Options) (*Document, error) {
	if opt.ChartTimeout <= 0 {
		opt.ChartTimeout = 30 * time.Second
	}
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	defer context.AfterFunc(ctx, closeTab)()

	var ev events
	if err := ev.listen(tab, url); err != nil {
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	setup := chromedp.Steps(
		chromedp.EmulateViewport(viewportWidth, viewportHeight),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}),
		chromedp.Navigate(url),
	)
	if err := chromedp.Do(tab, setup); err != nil {
		return nil, fmt.Errorf("opening %s: %w", url, orErr(ctx, err))
	}
	page, err := ready(tab, opt.ChartTimeout)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, orErr(ctx, err))
	}
	if opt.Title == "" {
		opt.Title = page.Title
	}
	if opt.Author == "" {
		opt.Author = page.Author
	}

	doc, err := printStable(tab, page.Sections)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, orErr(ctx, err))
	}
	doc.PDF, err = SetInfo(ctx, doc.PDF, Info{Title: opt.Title, Author: opt.Author, Date: opt.Date, Keywords: opt.Keywords})
	if err != nil {
		return nil, err
	}
	closeTab() // no events after this
	doc.Problems = ev.take()
	return doc, nil
}

// orErr prefers the context's error when ctx is done: a cancelled print
// says so, not which protocol call it interrupted.
func orErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
}

// sleep waits for d and reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// pageInfo is what the booklet page says about itself once it is ready.
type pageInfo struct {
	Booklet  bool      `json:"booklet"`
	Title    string    `json:"title"`
	Author   string    `json:"author"`
	Sections []Section `json:"sections"`
	TOC      []string  `json:"toc"` // data-section of every .toc-page
}

const pageJS = `(() => {
  const text = el => el ? el.textContent.replace(/\s+/g, ' ').trim() : '';
  const author = document.querySelector('meta[name="author"]');
  return {
    booklet: document.documentElement.hasAttribute('data-booklet'),
    title: document.title,
    author: author ? author.content : '',
    sections: Array.from(document.querySelectorAll('section.booklet-section, .booklet-section > .prose > h3[id]'),
      s => ({ID: s.id, Title: text(s.matches('section') ? s.querySelector('h2') : s), Page: 0})),
    toc: Array.from(document.querySelectorAll('.booklet-toc .toc-page'), el => el.getAttribute('data-section') || ''),
  };
})()`

// pendingJS lists the charts that have not drawn yet.
const pendingJS = `Array.from(document.querySelectorAll('.chart-canvas'), (el, i) => el.getAttribute('data-rendered') === 'true' ? '' : (el.getAttribute('data-chart') || '#' + (i + 1))).filter(Boolean)`

// ready waits for the charts and fonts and reads the page's sections.
func ready(tab context.Context, limit time.Duration) (*pageInfo, error) {
	ctx, cancel := context.WithTimeout(tab, limit)
	defer cancel()
	var pending []string
	for {
		p, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](pendingJS))
		if err != nil {
			if ctx.Err() != nil && pending != nil {
				break // timed out: report the charts of the last look
			}
			return nil, fmt.Errorf("reading the charts: %w", err)
		}
		pending = p
		if len(pending) == 0 || !sleep(ctx, 50*time.Millisecond) {
			break
		}
	}
	if len(pending) > 0 {
		return nil, fmt.Errorf("%d chart(s) did not draw within %v (no data-rendered=\"true\"): %s", len(pending), limit, strings.Join(pending, ", "))
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.fonts.ready.then(f => f.status)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("waiting for the fonts to load: %w", err)
	}
	page, err := chromedp.Run(tab, chromedp.Evaluate[pageInfo](pageJS))
	if err != nil {
		return nil, fmt.Errorf("reading the booklet: %w", err)
	}
	if !page.Booklet {
		return nil, errors.New("not a booklet page: <html> has no data-booklet attribute")
	}
	ids := make(map[string]bool)
	for _, s := range page.Sections {
		if s.ID == "" || s.Title == "" {
			return nil, fmt.Errorf("a section.booklet-section without id or <h2> (%q, %q): the table of contents cannot point to it", s.ID, s.Title)
		}
		ids[s.ID] = true
	}
	for _, id := range page.TOC {
		if !ids[id] {
			return nil, fmt.Errorf("the table of contents has a .toc-page for section %q, which the booklet does not have", id)
		}
	}
	return &page, nil
}

// printStable prints the page, reads the sections' pages from the
// outline, fills them into the table of contents and prints again, until
// the pages the TOC shows are the pages the sections are on.
func printStable(tab context.Context, sections []Section) (*Document, error) {
	doc := &Document{}
	var shown []int // the pages the TOC shows; nil while it is empty
	for {
		pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(
			chromedp.PDFPreferCSSPageSize(),
			chromedp.PDFPrintBackground(),
			chromedp.PDFOutlineAndTagged(),
			chromedp.PDFStream(),
		))
		if err != nil {
			return nil, fmt.Errorf("printing: %w", err)
		}
		doc.Prints++
		doc.PDF = pdf
		doc.Pages, doc.Outline, err = Outline(tab, pdf)
		if err != nil {
			return nil, err
		}
		pages, err := sectionPages(sections, doc.Outline)
		if err != nil {
			return nil, err
		}
		if len(sections) == 0 || slices.Equal(pages, shown) {
			break
		}
		if doc.Prints > maxFills {
			return nil, fmt.Errorf("the table of contents did not settle after %d prints: it shows pages %v, the sections start on %v", doc.Prints, shown, pages)
		}
		if err := fillTOC(tab, sections, pages); err != nil {
			return nil, err
		}
		shown = pages
	}
	doc.Sections = slices.Clone(sections)
	for i := range doc.Sections {
		doc.Sections[i].Page = shown[i]
	}
	return doc, nil
}

// sectionPages finds each section's <h2> in the outline, in document
// order, and returns the pages they start on.
func sectionPages(sections []Section, outline []Heading) ([]int, error) {
	if len(sections) > 0 && len(outline) == 0 {
		return nil, errors.New("the PDF has no document outline, so the pages of the sections are unknown; the pdf command needs Chromium 125 or later (generateDocumentOutline)")
	}
	pages := make([]int, len(sections))
	next := 0
	for i, s := range sections {
		j := slices.IndexFunc(outline[next:], func(h Heading) bool { return h.Title == s.Title })
		if j < 0 {
			return nil, fmt.Errorf("section %s: its heading %q is not in the PDF's outline (after the entry %d of %d); is it hidden, or not an <h2>?", s.ID, s.Title, next, len(outline))
		}
		pages[i] = outline[next+j].Page
		next += j + 1
	}
	return pages, nil
}

// fillTOC writes each section's page into the .toc-page spans.
func fillTOC(tab context.Context, sections []Section, pages []int) error {
	m := make(map[string]string, len(sections))
	for i, s := range sections {
		m[s.ID] = strconv.Itoa(pages[i])
	}
	js, err := json.Marshal(m)
	if err != nil {
		return err
	}
	fill := `(pages => document.querySelectorAll('.booklet-toc .toc-page').forEach(el => { el.textContent = pages[el.getAttribute('data-section')]; }))(` + string(js) + `)`
	if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](fill)); err != nil {
		return fmt.Errorf("filling the table of contents: %w", err)
	}
	return nil
}

// events collects what a tab reports while it prints. listen's callback
// runs in the tab's message loop: it only records.
type events struct {
	mu       sync.Mutex
	host     string
	problems []string
	urls     map[network.RequestID]string
}

func (e *events) listen(tab context.Context, page string) error {
	u, err := url.Parse(page)
	if err != nil {
		return err
	}
	e.host = u.Host
	e.urls = make(map[network.RequestID]string)
	return chromedp.Listen(tab, e.record)
}

func (e *events) record(ev any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range ev.Args {
				if a.Description != "" {
					parts = append(parts, a.Description)
				} else {
					parts = append(parts, strings.Trim(string(a.Value), `"`))
				}
			}
			e.add("console.error: %s", strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		e.add("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			e.add("%s error: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		e.urls[ev.RequestID] = ev.Request.URL
		if u, err := url.Parse(ev.Request.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != e.host {
			e.add("requested %s: a booklet must load everything from its own site", ev.Request.URL)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			e.add("GET %s: HTTP %d", ev.Response.URL, ev.Response.Status)
		}
	case *network.EventLoadingFailed:
		e.add("loading %s failed: %s %s", e.urls[ev.RequestID], ev.ErrorText, ev.BlockedReason)
	}
}

func (e *events) add(format string, args ...any) {
	e.problems = append(e.problems, fmt.Sprintf(format, args...))
}

func (e *events) take() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.problems
	e.problems = nil
	return p
}
