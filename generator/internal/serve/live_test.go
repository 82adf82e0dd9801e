package serve

import (
	"strings"
	"testing"
	"time"
)

// TestEditsAreServed edits a notice, a CSV and a layout, and checks each
// change reaches the pages and the open tabs' event stream in bounded time.
func TestEditsAreServed(t *testing.T) {
	ts := start(t, testSite)
	ts.pageShows("/notices/n1/", "第一版正文")
	ts.pageShows("/years/2023/", `value="1"`)
	st := ts.events()

	writeFile(t, ts.site, "content/notices/n1.md", "---\ntitle: 放假通知\ndate: 2023-12-01\ncategory: safety\n---\n第二版正文。\n")
	ev := st.reloadListing(t, "notices/n1/index.html")
	if contains(ev.Pages, "years/2023/index.html") {
		t.Errorf("a notice edit reported the yearly summary as changed: %v", ev.Pages)
	}
	ts.pageShows("/notices/n1/", "第二版正文")

	writeFile(t, ts.site, "data/repairs.csv", "date,trade,item\n2023-09-01,水道,水管\n2023-10-01,电工,灯具\n")
	st.reloadListing(t, "years/2023/index.html")
	ts.pageShows("/years/2023/", `value="2"`)

	writeFile(t, ts.site, "layouts/page.html", pageLayout("LAYOUT-V2"))
	st.reloadListing(t, "about/index.html")
	ts.pageShows("/about/", "LAYOUT-V2")

	log := ts.log.String()
	for _, want := range []string{
		"content/notices/n1.md changed, ",
		"data/repairs.csv changed, ",
		"layouts/page.html changed, 1 page re-rendered",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the terminal lacks %q:\n%s", want, log)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		if strings.HasPrefix(line, "rebuilt in ") && !strings.Contains(line, " re-rendered") {
			t.Errorf("rebuild line without a page count: %q", line)
		}
	}
}

// TestBrokenEditKeepsLastGoodBuild breaks a CSV: the old pages stay served,
// with an overlay naming FILE:LINE:COL and the offending line, until the
// next good build.
func TestBrokenEditKeepsLastGoodBuild(t *testing.T) {
	ts := start(t, testSite)
	st := ts.events()

	writeFile(t, ts.site, "data/repairs.csv", "date,trade,item\n2023-09-01,水道,水管\n2023-02-30,电工,灯具\n")
	ev := st.next(t, "reload")
	if ev.OK || !ev.All {
		t.Errorf("a failed build's event = %+v, want ok false and all true", ev)
	}
	for _, page := range []string{"/years/2023/", "/notices/n1/", "/about/"} {
		code, body := ts.get(page)
		if code != 200 {
			t.Errorf("%s: status %d during a failed build, want the last good page", page, code)
		}
		for _, want := range []string{`id="houqin-overlay"`, "data/repairs.csv:3:1", "is not a date", `<mark style="background:#ffcdd2;outline:1px solid #c62828">2</mark>023-02-30,电工,灯具`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s during a failed build lacks %q", page, want)
			}
		}
	}
	if _, body := ts.get("/years/2023/"); !strings.Contains(body, `value="1"`) {
		t.Errorf("the last good /years/2023/ is not served")
	}
	if log := ts.log.String(); !strings.Contains(log, "build failed in ") || !strings.Contains(log, "data/repairs.csv:3:1: ") || !strings.Contains(log, "    2023-02-30,电工,灯具") {
		t.Errorf("the terminal does not show the error with its line:\n%s", log)
	}

	writeFile(t, ts.site, "data/repairs.csv", "date,trade,item\n2023-09-01,水道,水管\n2023-02-28,电工,灯具\n")
	ev = st.next(t, "reload")
	if !ev.OK || !ev.All {
		t.Errorf("the recovering build's event = %+v, want ok and all", ev)
	}
	ts.pageShows("/years/2023/", `value="2"`)
	if _, body := ts.get("/notices/n1/"); strings.Contains(body, "houqin-overlay") {
		t.Errorf("the overlay stays after a good build")
	}
}

// TestBrokenFirstBuild serves the errors on every address until the site
// builds.
func TestBrokenFirstBuild(t *testing.T) {
	files := map[string]string{}
	for k, v := range testSite {
		files[k] = v
	}
	files["content/years/2023.md"] = "---\ntitle: 2023\nyear: 2023\n---\n共 {{< count nosuch >}} 次。\n"
	ts := start(t, files)
	ts.eventually("the error page", func() (bool, string) {
		code, body := ts.get("/years/2023/")
		return code == 500 && strings.Contains(body, "content/years/2023.md:5:") && strings.Contains(body, "/__houqin/reload.js"), body
	})
	writeFile(t, ts.site, "content/years/2023.md", "---\ntitle: 2023\nyear: 2023\n---\n共 {{< count repairs >}} 次。\n")
	ts.pageShows("/years/2023/", `value="1"`)
}

// TestSavesByRenameAndNewFolders saves the way editors and Excel do, adds
// folders after the start, and checks lock files trigger nothing.
func TestSavesByRenameAndNewFolders(t *testing.T) {
	files := map[string]string{}
	for k, v := range testSite {
		if !strings.HasPrefix(k, "layouts/") {
			files[k] = v
		}
	}
	ts := start(t, files)
	st := ts.events()

	// Office lock files and editor swap files change nothing.
	writeFile(t, ts.site, "data/~$repairs.xlsx", "lock")
	writeFile(t, ts.site, "data/.~lock.repairs.csv#", "lock")
	writeFile(t, ts.site, "content/notices/.n1.md.swp", "swap")
	writeFile(t, ts.site, "content/notices/n1.md~", "backup")
	st.quiet(t, 400*time.Millisecond, "lock and swap files")

	// Vim: write n1.md.tmp-like file, rename over the original; twice, since
	// the first rename must not lose the watch.
	for _, text := range []string{"改名保存一。", "改名保存二。"} {
		saveByRename(t, ts.site, "content/notices/n1.md", "---\ntitle: 放假通知\ndate: 2023-12-01\ncategory: safety\n---\n"+text+"\n", "4913")
		st.reloadListing(t, "notices/n1/index.html")
		ts.pageShows("/notices/n1/", text)
	}
	// Excel: a temporary file with a random name, renamed over the CSV.
	saveByRename(t, ts.site, "data/repairs.csv", "date,trade,item\n2023-09-01,水道,水管\n2023-09-02,水道,水管\n2023-09-03,水道,水管\n", "A1B2C3D4")
	st.reloadListing(t, "years/2023/index.html")
	ts.pageShows("/years/2023/", `value="3"`)

	// A folder created after the start, with a file already in it, then a
	// file added later (which needs the new folder watched).
	writeFile(t, ts.site, "content/img/plan.txt", "plan one")
	ts.pageShows("/img/plan.txt", "plan one")
	writeFile(t, ts.site, "content/img/deeper/b.txt", "nested")
	ts.pageShows("/img/deeper/b.txt", "nested")
	writeFile(t, ts.site, "content/img/deeper/b.txt", "nested again")
	ts.pageShows("/img/deeper/b.txt", "nested again")

	// layouts/ itself created after the start.
	writeFile(t, ts.site, "layouts/page.html", pageLayout("LAYOUT-NEW"))
	ts.pageShows("/about/", "LAYOUT-NEW")
	writeFile(t, ts.site, "layouts/page.html", pageLayout("LAYOUT-NEWER"))
	ts.pageShows("/about/", "LAYOUT-NEWER")
}
