package render

import (
	"strings"
	"testing"
)

// A bug that panics while one page renders is reported at that page's
// source, the other pages still render, and the page is not remembered
// as done (serve renders it again after the next save).
func TestPanicInAPageIsAnErrorAtItsSource(t *testing.T) {
	r, _ := testSite(t, map[string]string{"content/about.md": "---\ntitle: 关于\n---\n正文\n"})
	fp := newFingerprints(r)
	b := &builder{r: r, fp: fp, memo: &Memo{jobs: map[string]memoJob{}, sums: fp.sums}}
	b.runJobs([]jobSpec{
		{"page:content/about.md", nil, func(cb *builder) string {
			var rows []int
			return strings.Repeat("x", rows[3]) // a bug: index out of range
		}},
		{"page:content/other.md", nil, func(cb *builder) string { cb.add("other/index.html", []byte("ok")); return "" }},
	})
	if len(b.errs) != 1 {
		t.Fatalf("want one error, got %v", b.errs)
	}
	e := b.errs[0]
	if e.Pos.String() != "content/about.md:1:1" || !strings.Contains(e.Msg, "index out of range") || !strings.Contains(e.Msg, "panic_test.go") {
		t.Errorf("error %q, want it at content/about.md:1:1 with the cause and where it happened", e)
	}
	if len(b.files) != 1 || b.files[0].Path != "other/index.html" {
		t.Errorf("the other page was not rendered: %v", b.files)
	}
	if _, ok := b.memo.jobs["page:content/about.md"]; ok {
		t.Error("the failed page is remembered as rendered")
	}
}
