package render

import (
	"context"
	"strings"
	"testing"
)

// TestFastNoticeMatchesLayouts renders sites with writeNotice and
// writeNoticeList and with the built-in layouts and wants the same bytes
// in every file: the writers stand for baseof.html, partials.html,
// notice.html and notices.html, and must follow any change made to them.
func TestFastNoticeMatchesLayouts(t *testing.T) {
	notices := map[string]string{
		// Values html/template escapes, in text, attributes and URLs.
		"content/notices/a&b.md": noticeFile(`'"<b>校门</b>" & ''A+B'''`, "2023-09-04", "traffic",
			"summary: 1 < 2 & \"引号\" + 'x'\npinned: true\n", "正文 <span>原样</span> & **加粗**\n"),
		// A file name with spaces and Chinese: links to it (the banner of the
		// notice it replaces) are percent-encoded.
		"content/notices/校门 通知.md":   noticeFile("校门通知", "2023-10-01", "safety", "reviewed: 2023-12-01\nexpires: 2024-06-30\n", "请注意。\n"),
		"content/notices/old.md":     noticeFile("旧通知", "2023-03-01", "food", "superseded_by: new\nexpires: 2023-06-30\n", "旧的。\n"),
		"content/notices/new.md":     noticeFile("新通知", "2023-12-11", "food", "superseded_by: 校门 通知\n", "新的。\n"),
		"content/notices/expired.md": noticeFile("已过期", "2022-03-01", "health", "expires: 2022-04-01\n", "过期的。\n"),
	}
	sites := map[string]string{
		"with base_url":    "title: 年报 & <通知>\nschool: 测试'小学'\nbase_url: https://example.edu.cn/hq/\n",
		"without base_url": "title: 年报\nschool: 测试小学\n",
		"English":          "title: Notices\nschool: Test School\nlanguage: en\nbase_url: https://example.edu.cn/a+b/\n",
	}
	for name, config := range sites {
		t.Run(name, func(t *testing.T) {
			extra := map[string]string{"data/site.yaml": config}
			for k, v := range notices {
				extra[k] = v
			}
			fast, _ := testSite(t, extra)
			if !fast.fastNotices() {
				t.Fatal("a site with the built-in layouts does not take the fast path")
			}
			slow, _ := testSite(t, extra)
			slow.noFastNotices = true
			got, errs := fast.Render(context.Background())
			if len(errs.Errors()) > 0 {
				t.Fatal(errs)
			}
			want, _ := slow.Render(context.Background())
			if len(got) != len(want) {
				t.Fatalf("%d files, want %d", len(got), len(want))
			}
			pages := 0
			for i := range got {
				if got[i].Path != want[i].Path {
					t.Fatalf("file %d is %s, want %s", i, got[i].Path, want[i].Path)
				}
				if string(got[i].Data) != string(want[i].Data) {
					t.Errorf("%s differs from the layouts' page:\n%s", got[i].Path, firstDifference(string(got[i].Data), string(want[i].Data)))
				}
				if strings.HasPrefix(got[i].Path, "notices/") && strings.Count(got[i].Path, "/") == 2 {
					pages++
				}
			}
			if pages != len(notices) {
				t.Errorf("compared %d notice pages, want %d", pages, len(notices))
			}
		})
	}
}

// TestFastNoticeLeavesOverrides: a site that overrides one of the layouts
// of a notice page gets its own layout.
func TestFastNoticeLeavesOverrides(t *testing.T) {
	for _, name := range fastNoticeLayouts {
		r, _ := testSite(t, map[string]string{"layouts/" + name: mustBuiltinLayout(t, name)})
		if r.fastNotices() {
			t.Errorf("a site overriding %s still takes the fast path", name)
		}
	}
	r, _ := testSite(t, map[string]string{"layouts/mine.html": `{{define "notice-list"}}<ol class="mine">{{end}}`})
	if r.fastNotices() {
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
