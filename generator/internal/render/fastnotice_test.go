package render

import (
	"strings"
	"testing"
)

// noticeWriterSites are sites for the writer "notices" (see
// TestWritersMatchLayouts): values html/template escapes, in text,
// attributes and URLs, a file name with spaces and Chinese, notices
// replaced and expired, with and without base_url, in both languages.
func noticeWriterSites() []map[string]string {
	notices := map[string]string{
		"content/notices/a&b.md": noticeFile(`'"<b>校门</b>" & ''A+B'''`, "2023-09-04", "traffic",
			"summary: 1 < 2 & \"引号\" + 'x'\npinned: true\n", "正文 <span>原样</span> & **加粗**\n"),
		"content/notices/校门 通知.md":   noticeFile("校门通知", "2023-10-01", "safety", "reviewed: 2023-12-01\nexpires: 2024-06-30\n", "请注意。\n"),
		"content/notices/old.md":     noticeFile("旧通知", "2023-03-01", "food", "superseded_by: new\nexpires: 2023-06-30\n", "旧的。\n"),
		"content/notices/new.md":     noticeFile("新通知", "2023-12-11", "food", "superseded_by: 校门 通知\n", "新的。\n"),
		"content/notices/expired.md": noticeFile("已过期", "2022-03-01", "health", "expires: 2022-04-01\n", "过期的。\n"),
	}
	var sites []map[string]string
	for _, config := range []string{
		"title: 年报 & <通知>\nschool: 测试'小学'\nbase_url: https://example.edu.cn/hq/\n",
		"title: 年报\nschool: 测试小学\n",
		"title: Notices\nschool: Test School\nlanguage: en\nbase_url: https://example.edu.cn/a+b/\n",
	} {
		files := map[string]string{"data/site.yaml": config}
		for k, v := range notices {
			files[k] = v
		}
		sites = append(sites, files)
	}
	return sites
}

// TestFastNoticeLeavesOverrides: a site that overrides one of the layouts
// of a notice page gets its own layout.
func TestFastNoticeLeavesOverrides(t *testing.T) {
	for _, name := range writers[0].files {
		r, _ := testSite(t, map[string]string{"layouts/" + name: mustBuiltinLayout(t, name)})
		if r.writers["notices"] {
			t.Errorf("a site overriding %s still takes the fast path", name)
		}
	}
	r, _ := testSite(t, map[string]string{"layouts/mine.html": `{{define "notice-list"}}<ol class="mine">{{end}}`})
	if r.writers["notices"] {
		t.Error("a site whose own layout file defines notice-list still takes the fast path")
	}
	out, _ := renderSite(t, map[string]string{
		"layouts/notice.html":  strings.Replace(mustBuiltinLayout(t, "notice.html"), `<article class="notice">`, `<article class="notice mine">`, 1),
		"content/notices/a.md": noticeFile("通知", "2023-09-04", "safety", "", "x\n"),
	})
	if !strings.Contains(out["notices/a/index.html"], `<article class="notice mine">`) {
		t.Error("the site's notice.html was not used")
	}
}

func mustBuiltinLayout(t *testing.T, name string) string {
	t.Helper()
	b, err := builtinLayouts.ReadFile("layouts/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// firstDifference shows where two texts part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "got:  …" + a[from:min(len(a), i+80)] + "\nwant: …" + b[from:min(len(b), i+80)]
}
