package check

import (
	"sort"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// generated are the addresses the generator's own pages and files take,
// with what they are; a content file may not take them.
var generated = map[string]string{
	plan.Index(plan.Home): "the home page (write content/_index.md for its introduction)",
	plan.NotFound:         "the page shown for a missing address",
	plan.Sitemap:          "the sitemap",
	plan.Feed:             "the notices' Atom feed",
}

// sections are the folders of the generator's pages and assets.
var sections = map[string]string{
	folderOf(plan.Years):      "the yearly summaries",
	folderOf(plan.Safety):     "the safety record",
	folderOf(plan.Notices):    "the notices (write them in content/notices/)",
	folderOf(plan.Timeline):   "the campus improvement timeline",
	folderOf(plan.Booklet(0)): "the printable booklets",
	folderOf(plan.Assets):     "the site's style sheets, scripts and pictures",
}

// folderOf is the first folder of an address.
func folderOf(addr string) string {
	t, _, _ := strings.Cut(addr, "/")
	return t
}

// addresses reports content files whose output address is another
// source's: two files of content/ published at the same address, or a
// file published where the generator writes a page of its own
// (content/notices.md at notices/, content/sitemap.xml). One of them would
// silently replace the other.
func addresses(site *model.Site) model.ErrorList {
	var errs model.ErrorList
	claimed := map[string]string{} // address -> the file that takes it
	claim := func(addr, file string) {
		at := model.Pos{File: file, Line: 1, Col: 1}
		top, _, _ := strings.Cut(addr, "/")
		switch {
		case generated[addr] != "":
			errs.Add(at, "%s would be published at %s, which is %s: rename or move the file", file, addr, generated[addr])
		case sections[top] != "" && strings.Contains(addr, "/") && strings.HasSuffix(addr, "index.html"):
			errs.Add(at, "%s would be published in %s/, which holds %s: rename the file, e.g. content/%s-info.md", file, top, sections[top], top)
		case top == "assets":
			errs.Add(at, "%s would be published in assets/, which holds %s: move it to another folder of content/", file, sections[top])
		case claimed[addr] != "":
			errs.Add(at, "%s would be published at %s, like %s: keep one of them or rename one", file, addr, claimed[addr])
		default:
			claimed[addr] = file
		}
	}
	var pages []string
	for _, p := range site.Pages {
		if p.Kind == model.PlainPage {
			pages = append(pages, p.File)
		}
	}
	sort.Strings(pages)
	for _, file := range pages {
		slug := strings.TrimSuffix(strings.TrimPrefix(file, "content/"), ".md")
		if dir, ok := strings.CutSuffix(slug, "/index"); ok {
			// content/about/index.md is published at about/index/; beside
			// content/about.md, one of the two is not where its author
			// thinks.
			for _, other := range pages {
				if other == "content/"+dir+".md" {
					errs.Add(model.Pos{File: file, Line: 1, Col: 1}, "%s and %s both look like the page %s/ (this one is published at %s/): keep one of them", file, other, dir, slug)
				}
			}
		}
		claim(slug+"/index.html", file)
	}
	for _, r := range site.Resources {
		claim(strings.TrimPrefix(r.Name, "content/"), r.Name)
	}
	return errs
}
