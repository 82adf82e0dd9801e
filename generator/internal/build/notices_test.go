package build

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/houqin/report/generator/internal/chrome/chrometest"
)

// TestNoticeGolden compares the notice pages of the example site with
// testdata/golden: a superseded notice with its banner, the list with its
// category menu and archive, a category page and the feed. Run
// "go test ./generator/internal/build -run Golden -update" after an
// intended change and review the diff.
func TestNoticeGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	checkGolden(t, out, []string{
		"notices/2023-canteen-weekly-menu/index.html",
		"notices/index.html",
		"notices/category/food/index.html",
		"notices/feed.xml",
	})
}

// atom is what a feed reader reads of an Atom feed.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author  string `xml:"author>name"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary  string `xml:"summary"`
		Category struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

// checkFeed parses notices/feed.xml of a built site and checks what a feed
// reader relies on: the Atom namespace, unique absolute ids, RFC 3339
// dates, a feed date that is its newest entry's, and links to pages that
// exist. It returns the feed.
func checkFeed(t *testing.T, out, base string) atom {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "notices", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var f atom
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("feed.xml is not Atom: %v", err)
	}
	if f.ID != base+"notices/" || f.Title == "" || f.Author == "" {
		t.Errorf("feed id %q, title %q, author %q", f.ID, f.Title, f.Author)
	}
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != base+"notices/feed.xml" || rels["alternate"] != base+"notices/" {
		t.Errorf("feed links: %v", rels)
	}
	feedUpdated, err := time.Parse(time.RFC3339, f.Updated)
	if err != nil {
		t.Errorf("feed updated: %v", err)
	}
	seen := map[string]bool{}
	var newest, prev time.Time
	for i, e := range f.Entries {
		if seen[e.ID] || !strings.HasPrefix(e.ID, base+"notices/") {
			t.Errorf("entry %d: id %q is repeated or not under base_url", i, e.ID)
		}
		seen[e.ID] = true
		if e.Link.Href != e.ID {
			t.Errorf("entry %d: link %q, id %q", i, e.Link.Href, e.ID)
		}
		page := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(e.Link.Href, base)), "index.html")
		if _, err := os.Stat(page); err != nil {
			t.Errorf("entry %d links to a page that does not exist: %v", i, err)
		}
		updated, err1 := time.Parse(time.RFC3339, e.Updated)
		published, err2 := time.Parse(time.RFC3339, e.Published)
		if err1 != nil || err2 != nil || updated.Before(published) {
			t.Errorf("entry %d: updated %q, published %q", i, e.Updated, e.Published)
		}
		if i > 0 && published.After(prev) {
			t.Errorf("entry %d is newer than the one before it", i)
		}
		prev = published
		if updated.After(newest) {
			newest = updated
		}
		if e.Title == "" || e.Category.Term == "" {
			t.Errorf("entry %d: title %q, category %q", i, e.Title, e.Category.Term)
		}
	}
	if !feedUpdated.Equal(newest) {
		t.Errorf("feed updated %v, newest entry %v", feedUpdated, newest)
	}
	return f
}

func TestExampleFeed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	f := checkFeed(t, out, "https://example.edu.cn/houqin/")
	if len(f.Entries) != 7 {
		t.Errorf("%d entries, want the 7 notices that are not superseded", len(f.Entries))
	}
	for _, e := range f.Entries {
		if strings.Contains(e.ID, "2023-canteen-weekly-menu") {
			t.Error("the feed lists a superseded notice")
		}
		if strings.Contains(e.ID, "2023-school-gate-traffic") && (e.Updated != "2024-01-08T00:00:00+08:00" || e.Published != "2023-08-28T00:00:00+08:00") {
			t.Errorf("reviewed notice: updated %s, published %s", e.Updated, e.Published)
		}
	}
}

// TestFeedNewest50: a site with 60 notices gets the newest 50 in its feed.
func TestFeedNewest50(t *testing.T) {
	files := map[string][]byte{
		"data/site.yaml": []byte("title: 年报\nschool: 测试小学\nlanguage: en\nbase_url: http://school.example/news\n"),
	}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 60 {
		d := start.AddDate(0, 0, i)
		files[fmt.Sprintf("content/notices/n%02d.md", i)] = fmt.Appendf(nil, "---\ntitle: Notice %d\ndate: %s\ncategory: other\n---\nText %d.\n", i, d.Format(time.DateOnly), i)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Site: writeSite(t, files), Out: out, Now: buildTime, Charts: fakeRuntime(t)})
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Problems)
	}
	f := checkFeed(t, out, "http://school.example/news/")
	if len(f.Entries) != 50 || f.Entries[0].Title != "Notice 59" || f.Entries[49].Title != "Notice 10" {
		t.Errorf("%d entries, from %q", len(f.Entries), f.Entries[0].Title)
	}
	if f.Updated != "2023-03-01T00:00:00Z" || f.Entries[0].Summary != "Text 59." {
		t.Errorf("updated %s, summary %q", f.Updated, f.Entries[0].Summary)
	}
}

const (
	xssScript = `<script>alert(1)</script>`
	xssImg    = `"><img src=x onerror=alert(1)>`
)

// TestHostileContent builds a site whose every text field holds markup and
// scans every output file: none of it survives unescaped, in HTML, the
// feed or the sitemap.
func TestHostileContent(t *testing.T) {
	both := xssScript + xssImg
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" } // YAML single quotes
	csvCell := `"` + strings.ReplaceAll(both, `"`, `""`) + `"`
	site := writeSite(t, map[string][]byte{
		"data/site.yaml": []byte("title: " + q("年报"+both) + "\nschool: " + q(both) + "\noffice: " + q(both) +
			"\ndescription: " + q(both) + "\nbase_url: https://example.edu.cn/houqin/\n"),
		"data/repairs.csv": []byte("date,trade,item,quantity,location\n2023-09-01," + csvCell + "," + csvCell + ",2," + csvCell + "\n"),
		"data/projects.yaml": []byte("- id: gate\n  title: " + q(both) + "\n  category: building" + // a category is a folder: markup there is refused where it is read
			"\n  status: done\n  start: 2023-07\n  funding: " + q(both) + "\n  summary: " + q(both) + "\n"),
		"data/honors.yaml":  []byte("- {date: 2023-12, title: " + q(both) + ", level: city, issuer: " + q(both) + "}\n"),
		"content/_index.md": []byte("---\ntitle: " + q(both) + "\n---\n" + both + "\n"),
		"content/years/2023.md": []byte("---\ntitle: " + q(both) + "\nyear: 2023\nsummary: " + q(both) + "\n---\n## " + both +
			"\n\n" + both + "\n\n{{< table repairs >}}\n\n{{< chart repairs-by-trade >}}\n\n{{< timeline >}}\n"),
		"content/notices/a.md": []byte("---\ntitle: " + q(both) + "\ndate: 2023-09-01\ncategory: safety\npinned: true\nsummary: " + q(both) +
			"\n---\n" + both + "\n\n<div onclick=\"alert(1)\">" + both + "</div>\n\n[" + both + "](javascript:alert(1))\n\n{{< table repairs period=all >}}\n"),
		"content/notices/b.md": []byte("---\ntitle: " + q(both) + "\ndate: 2023-08-01\ncategory: food\nsuperseded_by: a\nexpires: 2023-09-30\n---\n" + both + "\n"),
		"content/notices/c.md": []byte("---\ntitle: " + q(both) + "\ndate: 2023-07-01\ncategory: traffic\n---\n\n| " + both + " |\n|---|\n| x |\n"),
		"content/about.md":     []byte("---\ntitle: " + q(both) + "\n---\n" + both + "\n"),
	})
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t)})
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Problems)
	}
	if len(res.Files) < 15 {
		t.Fatalf("only %d files", len(res.Files))
	}
	for _, f := range res.Files {
		for _, bad := range []string{"<script>alert", "<img src=x", "<div onclick", "href=\"javascript:"} {
			if bytes.Contains(bytes.ToLower(f.Data), []byte(strings.ToLower(bad))) {
				i := bytes.Index(bytes.ToLower(f.Data), []byte(strings.ToLower(bad)))
				t.Errorf("%s holds %s unescaped: …%s…", f.Path, bad, f.Data[max(0, i-80):min(len(f.Data), i+80)])
			}
		}
	}
	// The text is shown, as text, where a reader looks for it.
	notice := readFile(t, filepath.Join(out, "notices", "a", "index.html"))
	for _, want := range []string{
		`<h1>&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>`,
		`<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">`,
	} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice page lacks %s", want)
		}
	}
	feed := readFile(t, filepath.Join(out, "notices", "feed.xml"))
	if !strings.Contains(feed, "<title>&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</title>") {
		t.Errorf("feed does not show the title as text:\n%s", feed)
	}
	var f atom
	if err := xml.Unmarshal([]byte(feed), &f); err != nil || f.Entries[0].Title != both {
		t.Errorf("feed title reads %q (%v), want %q", f.Entries[0].Title, err, both)
	}
}

// Notice page budget: a notice must open fast on a slow phone. The budget
// is for the page's HTML plus the site's one stylesheet, uncompressed (what
// the phone parses) and gzipped (what goes over the network); the page
// loads no script at all.
const (
	noticeHTMLBudget = 16 << 10 // bytes of the notice's index.html
	noticeBudget     = 40 << 10 // bytes of HTML + stylesheet, uncompressed
	noticeGzipBudget = 12 << 10 // the same, gzipped one file at a time
)

func TestNoticeWeight(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	for _, slug := range []string{"2023-school-gate-traffic", "2023-winter-break-safety", "2023-canteen-weekly-menu"} {
		page := readFile(t, filepath.Join(out, "notices", slug, "index.html"))
		if strings.Contains(page, "<script") || regexp.MustCompile(`\.js\b`).MatchString(page) {
			t.Errorf("%s has a script", slug)
		}
		css := regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)">`).FindAllStringSubmatch(page, -1)
		if len(css) != 1 {
			t.Fatalf("%s links %d stylesheets, want 1", slug, len(css))
		}
		sheet := readFile(t, filepath.Join(out, "notices", slug, filepath.FromSlash(css[0][1])))
		total, zipped := len(page)+len(sheet), gzipSize(t, page)+gzipSize(t, sheet)
		t.Logf("%s: HTML %d B + CSS %d B = %d B; gzipped %d B", slug, len(page), len(sheet), total, zipped)
		if len(page) > noticeHTMLBudget || total > noticeBudget || zipped > noticeGzipBudget {
			t.Errorf("%s weighs HTML %d B + CSS %d B = %d B (gzipped %d B): over the budget of %d B HTML, %d B in all, %d B gzipped",
				slug, len(page), len(sheet), total, zipped, noticeHTMLBudget, noticeBudget, noticeGzipBudget)
		}
	}
}

func gzipSize(t *testing.T, s string) int {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// TestBrowserNoticeOnPhone opens notices at 360x640, as on a phone: the
// page does not scroll sideways, runs no script and asks only the site's
// own server for the page, its stylesheet and its icon.
func TestBrowserNoticeOnPhone(t *testing.T) {
	browser := chrometest.Browser(t)
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	base := chrometest.Serve(t, out)
	for _, path := range []string{"/notices/2023-school-gate-traffic/", "/notices/2023-canteen-weekly-menu/", "/notices/", "/notices/category/safety/"} {
		t.Run(path, func(t *testing.T) {
			tab, closeTab := chromedp.NewContext(browser)
			defer closeTab()
			ctx, cancel := context.WithTimeout(tab, 20*time.Second)
			defer cancel()
			var page pageEvents
			if err := chromedp.Listen(tab, page.listen); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile), chromedp.Navigate(base+path)); err != nil {
				t.Fatalf("opening %s: %v", path, err)
			}
			type layout struct {
				ScrollWidth int      `json:"scrollWidth"`
				ClientWidth int      `json:"clientWidth"`
				Scripts     int      `json:"scripts"`
				Wide        []string `json:"wide"`
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](`({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  scripts: document.scripts.length,
  wide: Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.site-nav, .table-wrap, .skip, .visually-hidden'))
    .slice(0, 5).map(e => e.tagName + '.' + e.className),
})`))
			if err != nil {
				t.Fatal(err)
			}
			if got.ClientWidth != 360 {
				t.Errorf("viewport is %d px wide, want 360", got.ClientWidth)
			}
			if got.ScrollWidth > got.ClientWidth || len(got.Wide) > 0 {
				t.Errorf("%s scrolls sideways: %d px of content in %d px; too wide: %v", path, got.ScrollWidth, got.ClientWidth, got.Wide)
			}
			if strings.HasPrefix(path, "/notices/20") && got.Scripts > 0 {
				t.Errorf("%s has %d script elements", path, got.Scripts)
			}
			closeTab()
			page.mu.Lock()
			defer page.mu.Unlock()
			for _, p := range page.problems {
				t.Errorf("%s: %s", path, p)
			}
			for _, r := range page.requests {
				if !strings.HasPrefix(r, base+"/") || strings.HasSuffix(r, ".js") {
					t.Errorf("%s requested %s", path, r)
				}
			}
		})
	}
}
