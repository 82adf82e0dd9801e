package load

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/houqin/report/generator/internal/model"
)

func siteFS() fstest.MapFS {
	return fstest.MapFS{
		"data/site.yaml":        {Data: []byte("title: 示例小学后勤工作年报\nschool: 示例小学\nbase_url: https://example.edu.cn/houqin/\n")},
		"data/repairs.csv":      {Data: []byte("\xef\xbb\xbf日期,工种,项目,数量\r\n2023/9/1,水道,水管,2\r\n")},
		"data/meals.csv":        {Data: []byte("month,份数\n2023-09,300\n")},
		"data/projects.yaml":    {Data: []byte("- {id: gym, title: 体育馆, category: sports, status: done, start: 2023-07}\n")},
		"data/honors.yaml":      {Data: []byte("- {date: 2023-12, title: 省级平安校园, level: province}\n")},
		"data/charts.yaml":      {Data: []byte("- {id: c, type: pie, table: repairs, x: trade}\n")},
		"data/notes.yaml":       {Data: []byte("anything: [goes\n")},
		"data/~$repairs.csv":    {Data: []byte("\x00lock")},
		"data/.DS_Store":        {Data: []byte("\x00")},
		"content/_index.md":     {Data: []byte("---\ntitle: 首页\n---\n欢迎\n")},
		"content/years/2023.md": {Data: []byte("---\ntitle: 2023年\nyear: 2023\n---\n")},
		"content/notices/a.md":  {Data: []byte("---\ntitle: 通知\ndate: 2023-09-01\ncategory: safety\n---\n")},
		"content/notices/b.md":  {Data: []byte("---\ntitle: 草稿\ndate: 2023-09-02\ncategory: food\ndraft: true\n---\n")},
		"content/about/team.md": {Data: []byte("---\ntitle: 团队\n---\n")},
		"content/img/logo.png":  {Data: []byte("\x89PNG")},
		"content/a.pdf":         {Data: []byte("%PDF")},
		"content/page.md~":      {Data: []byte("backup")},
		"content/link.md":       {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
		"layouts/base.html":     {Data: []byte("<html>")},
	}
}

func TestSite(t *testing.T) {
	site, errs := Site(context.Background(), siteFS(), Options{})
	sameMessages(t, errs, `content/link.md: warning: content/link.md is a symbolic link; links are not followed`)
	if site == nil {
		t.Fatal("no site")
	}
	if site.Config.Title != "示例小学后勤工作年报" || len(site.Projects) != 1 || len(site.Honors) != 1 || len(site.Charts) != 1 {
		t.Errorf("site = %+v", site)
	}
	if r := site.Table("repairs"); r == nil || len(r.Rows) != 1 || r.Rows[0].Num(3) != 2 {
		t.Errorf("repairs = %+v", r)
	}
	if m := site.Table("meals"); m == nil || m.Rows[0].Date.String() != "2023-09" {
		t.Errorf("meals = %+v", m)
	}
	var pages []string
	for _, p := range site.Pages {
		pages = append(pages, p.File+"="+p.Slug)
	}
	if got := strings.Join(pages, " "); got != "content/_index.md= content/about/team.md=about/team content/notices/a.md=a content/years/2023.md=2023" {
		t.Errorf("pages = %s", got)
	}
	var resources []string
	for _, r := range site.Resources {
		resources = append(resources, r.Name)
	}
	if got := strings.Join(resources, " "); got != "content/a.pdf content/img/logo.png" {
		t.Errorf("resources = %s", got)
	}
	if site.Layouts == nil {
		t.Error("no layouts")
	} else if _, ok := site.Layouts["base.html"]; !ok {
		t.Error("layouts/base.html was not read")
	}
	if _, ok := site.Files["data/repairs.csv"]; !ok {
		t.Error("Files lacks data/repairs.csv")
	}
	drafts, _ := Site(context.Background(), siteFS(), Options{Drafts: true})
	if len(drafts.Pages) != 5 {
		t.Errorf("with drafts: %d pages, want 5", len(drafts.Pages))
	}
}

func TestSiteReportsEverything(t *testing.T) {
	fsys := fstest.MapFS{
		"data/site.yaml":          {Data: []byte("school: x\nlanguage: fr\n")},
		"data/repairs.csv":        {Data: []byte("date,trade,item\n2023-13-01,水道,水管\n")},
		"data/drills.csv":         {Data: []byte("date,notes\n")},
		"data/projects.yaml":      {Data: []byte("- {id: a, title: t, category: c, status: doing, start: 2023-07}\n")},
		"content/notices/x.md":    {Data: []byte("---\ntitle: t\ndate: 2023-09-01\ncategory: weather\n---\n")},
		"content/years/2024.md":   {Data: []byte("---\ntitle: t\nyear: 2023\n---\n")},
		"content/no-front.md":     {Data: []byte("# hi\n")},
		"data/big.csv":            {Data: make([]byte, 1)},
		"content/years/draft.txt": {Data: []byte("x")},
	}
	site, errs := Site(context.Background(), fsys, Options{})
	if site == nil {
		t.Fatal("site is nil although site.yaml was read")
	}
	sameMessages(t, errs,
		`data/big.csv:1:1: the file is not text (it holds NUL bytes): save it as "CSV UTF-8" or plain text`,
		`data/drills.csv:1:1: missing required column "kind" (类型); the header has: date, notes`,
		`data/projects.yaml:1:42: status "doing" is not valid: use planned, approved, in_progress, done or cancelled`,
		`data/repairs.csv:2:1: "2023-13-01" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`,
		`data/site.yaml:1:1: missing title: add title: followed by the site's name, e.g. title: 示例小学后勤工作年报`,
		`data/site.yaml:2:11: language "fr" is not supported: use zh-CN or en`,

		`content/no-front.md:1:1: missing front matter: start the file with a line "---", then title: ..., then a line "---"`,
		`content/notices/x.md:4:11: category "weather" is not a notice category: use safety, health, traffic, food, facilities or other`,
		`content/years/2024.md:3:7: year 2023 does not match the file name: write year: 2024 or rename the file`)
}

func TestSiteWithoutConfig(t *testing.T) {
	site, errs := Site(context.Background(), fstest.MapFS{"content/a.md": {Data: []byte("---\ntitle: a\n---\n")}}, Options{})
	if site != nil {
		t.Error("site without site.yaml is not nil")
	}
	sameMessages(t, errs, `data/site.yaml: missing: every site needs data/site.yaml with at least title: and school:`)
}

func TestSiteCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs := Site(ctx, siteFS(), Options{})
	if len(errs.Errors()) == 0 || !strings.Contains(errs.Error(), "context canceled") {
		t.Errorf("canceled load reported %v", errs)
	}
}

func TestLimits(t *testing.T) {
	fsys := fstest.MapFS{
		"data/site.yaml":     {Data: []byte("title: t\nschool: s\n")},
		"data/projects.yaml": {Data: make([]byte, maxYAML+1)},
	}
	_, errs := Site(context.Background(), fsys, Options{})
	sameMessages(t, errs, `data/projects.yaml:1:1: the file is larger than 10 MB: it is not read`)
}

// TestCacheChanged: with a cache, a load reads again the files Changed
// names (or that are under a folder it names), and every file when it
// holds "*"; the tables and pages it does not name come from the cache.
func TestCacheChanged(t *testing.T) {
	fsys := siteFS()
	c := NewCache()
	ctx := context.Background()
	if site, _ := Site(ctx, fsys, Options{Cache: c, Changed: []string{"*"}}); site == nil {
		t.Fatal("no site")
	}
	fsys["content/notices/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 新通知\ndate: 2023-09-01\ncategory: safety\n---\n")}
	fsys["data/repairs.csv"] = &fstest.MapFile{Data: []byte("日期,工种,项目,数量\n2023/9/1,水道,水管,2\n2023/9/2,电工,灯,1\n")}
	title := func(site *model.Site) string {
		for _, p := range site.Pages {
			if p.File == "content/notices/a.md" {
				return p.Title
			}
		}
		return ""
	}
	for _, tc := range []struct {
		changed     []string
		title       string
		repairsRows int
	}{
		{[]string{"content/years/2023.md"}, "通知", 1}, // what the watcher did not report is taken as is
		{[]string{"content/notices/a.md"}, "新通知", 1},
		{[]string{"data/repairs.csv"}, "通知", 2},
		{[]string{"content/notices"}, "新通知", 1}, // a folder moved in
		{[]string{"*"}, "新通知", 2},
		{nil, "新通知", 2},
	} {
		// Reload the old state into the cache first.
		old := siteFS()
		Site(ctx, old, Options{Cache: c})
		site, _ := Site(ctx, fsys, Options{Cache: c, Changed: tc.changed})
		if got := title(site); got != tc.title {
			t.Errorf("changed %q: notice title %q, want %q", tc.changed, got, tc.title)
		}
		if got := len(site.Tables["repairs"].Rows); got != tc.repairsRows {
			t.Errorf("changed %q: %d repair rows, want %d", tc.changed, got, tc.repairsRows)
		}
	}
}

// TestCacheWalk: after edits of known Markdown files, content/ is not
// listed again; a file added, removed or moved in is found as soon as the
// watcher reports it, and a hidden file or an editor's backup changes
// nothing.
func TestCacheWalk(t *testing.T) {
	fsys := siteFS()
	c := NewCache()
	ctx := context.Background()
	pages := func(changed ...string) []string {
		t.Helper()
		site, _ := Site(ctx, fsys, Options{Cache: c, Changed: changed})
		if site == nil {
			t.Fatal("no site")
		}
		var files []string
		for _, p := range site.Pages {
			files = append(files, p.File)
		}
		return files
	}
	before := pages("*")
	add := func(name string) {
		fsys[name] = &fstest.MapFile{Data: []byte("---\ntitle: 新通知\ndate: 2023-09-01\ncategory: safety\n---\n")}
	}
	add("content/notices/new.md")
	if got := pages("content/notices/.new.md.swp", "content/notices/a.md~", before[0]); !slices.Equal(got, before) {
		t.Errorf("edits of known files: pages %q, want the walk before, %q", got, before)
	}
	if got := pages("content/notices/new.md"); !slices.Contains(got, "content/notices/new.md") {
		t.Errorf("a notice added: pages %q", got)
	}
	delete(fsys, "content/notices/new.md")
	if got := pages("content/notices/new.md"); !slices.Equal(got, before) {
		t.Errorf("a notice removed: pages %q, want %q", got, before)
	}
	add("content/guide/b.md")
	if got := pages("content/guide"); !slices.Contains(got, "content/guide/b.md") {
		t.Errorf("a folder moved in: pages %q", got)
	}
}
