package check

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
)

// noticeSite loads a site of the given notices, with a base_url unless
// config says otherwise, and returns what notices finds in it.
func noticeSite(t *testing.T, config string, files map[string]string) model.ErrorList {
	t.Helper()
	if config == "" {
		config = "title: 年报\nschool: 测试小学\nbase_url: https://example.edu.cn/hq/\n"
	}
	fsys := fstest.MapFS{"data/site.yaml": {Data: []byte(config)}}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	site, errs := load.Site(context.Background(), fsys, load.Options{})
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	return notices(site)
}

func noticeFile(title, date, category, extra, body string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\ncategory: " + category + "\n" + extra + "---\n" + body
}

func TestSupersededByErrors(t *testing.T) {
	errs := noticeSite(t, "", map[string]string{
		"content/notices/a.md": noticeFile("甲", "2023-09-01", "safety", "superseded_by: b\n", "x\n"),
		"content/notices/c.md": noticeFile("丙", "2023-09-02", "safety", "superseded_by: c\n", "x\n"),
		"content/notices/d.md": noticeFile("丁", "2023-09-03", "safety", "superseded_by: e\n", "x\n"),
		"content/notices/e.md": noticeFile("戊", "2023-09-04", "safety", "superseded_by: d\n", "x\n"),
	})
	got := errs.Error()
	for _, want := range []string{
		`content/notices/a.md:5:16: superseded_by "b" is not a notice: use one of e, d, c`,
		`content/notices/c.md:5:16: superseded_by "c" is this notice itself`,
		`content/notices/d.md:5:16: superseded_by makes a loop (d → e → d)`,
		`content/notices/e.md:5:16: superseded_by makes a loop (e → d → e)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

// TestNoticeChartIsError: a notice page loads no script, so a chart in a
// notice is an error at the reference; tables are fine.
func TestNoticeChartIsError(t *testing.T) {
	errs := noticeSite(t, "", map[string]string{
		"content/notices/a.md": noticeFile("甲", "2023-09-01", "safety", "", "维修情况:\n\n{{< table repairs year=2023 >}}\n\n{{< chart repairs-by-trade >}}\n"),
	})
	want := "content/notices/a.md:10:4: notices carry no charts"
	if got := errs.Error(); !strings.Contains(got, want) || len(errs) != 1 {
		t.Errorf("want only %q, got:\n%s", want, got)
	}
}

// TestNoticesWithoutBaseURL: no base_url is a warning (no feed, no QR
// codes), not an error.
func TestNoticesWithoutBaseURL(t *testing.T) {
	errs := noticeSite(t, "title: 年报\nschool: 测试小学\n", map[string]string{
		"content/notices/a.md": noticeFile("甲", "2023-09-01", "safety", "", "x\n"),
	})
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	if w := errs.Warnings().Error(); !strings.Contains(w, "data/site.yaml: warning: base_url is not set, so notices/feed.xml and the QR codes") {
		t.Errorf("warning missing: %q", w)
	}
}
