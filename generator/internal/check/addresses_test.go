package check

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/houqin/report/generator/internal/load"
)

// A content file that would be published where another source is (a
// generated page, another content file) is an error naming both, rather
// than one silently replacing the other.
func TestOneAddressOneSource(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("---\ntitle: 页\n---\n正文\n")}
	fsys := fstest.MapFS{
		"data/site.yaml":            {Data: []byte("title: 年报\nschool: 小学\n")},
		"content/notices.md":        page,
		"content/years.md":          page,
		"content/about.md":          page,
		"content/about/index.md":    page,
		"content/sitemap.xml":       {Data: []byte("<x/>")},
		"content/assets/site.css":   {Data: []byte("body{}")},
		"content/guide/index.html":  {Data: []byte("<p>")},
		"content/guide.md":          page,
		"content/notices/photo.png": {Data: []byte("png")},
		"content/img/a.png":         {Data: []byte("png")},
	}
	site, errs := load.Site(context.Background(), fsys, load.Options{})
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	got := addresses(site).Error()
	for _, want := range []string{
		"content/notices.md:1:1: content/notices.md would be published in notices/",
		"content/years.md:1:1: content/years.md would be published in years/",
		"content/about/index.md:1:1: content/about/index.md and content/about.md both look like the page about/",
		"content/sitemap.xml:1:1: content/sitemap.xml would be published at sitemap.xml, which is the sitemap",
		"content/assets/site.css:1:1: content/assets/site.css would be published in assets/",
		"content/guide/index.html:1:1: content/guide/index.html would be published at guide/index.html, like content/guide.md",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "photo.png") || strings.Contains(got, "img/a.png") {
		t.Errorf("a picture beside the notices was refused:\n%s", got)
	}
}
