package check

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// notices checks what the notices say of each other and of the site:
// superseded_by names another notice and makes no loop; a notice shows no
// chart; the site has a base_url for the feed and the QR codes.
func notices(site *model.Site) model.ErrorList {
	var errs model.ErrorList
	var pages []*model.Page
	for _, p := range site.Pages {
		if p.Kind == model.NoticePage {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		return nil
	}
	if slices.ContainsFunc(pages, func(p *model.Page) bool { return p.SupersededBy != "" }) {
		pages = plan.NoticesOf(site) // its messages list notices in the order of the lists
		bySlug := make(map[string]*model.Page, len(pages))
		for _, p := range pages {
			bySlug[p.Slug] = p
		}
		superseded(&errs, pages, bySlug)
	}
	for _, p := range pages {
		noticeCharts(&errs, p)
	}
	if !plan.NewURLs(site.Config.BaseURL).HasBase() {
		errs.Warn(model.Pos{File: "data/site.yaml"}, "base_url is not set, so notices/feed.xml and the QR codes on printed notices are left out: add base_url: followed by the site's address, e.g. base_url: https://example.edu.cn/houqin/")
	}
	return errs
}

// superseded reports superseded_by values that name no notice, the
// notice itself, or close a loop.
func superseded(errs *model.ErrorList, pages []*model.Page, bySlug map[string]*model.Page) {
	for _, p := range pages {
		s := p.SupersededBy
		if s == "" {
			continue
		}
		pos := p.FieldPos["superseded_by"]
		if pos.File == "" {
			pos = p.Pos
		}
		switch newer := bySlug[s]; {
		case s == p.Slug:
			errs.Add(pos, "superseded_by %q is this notice itself: write the file name (without .md) of the newer notice", s)
		case newer == nil:
			errs.Add(pos, "superseded_by %q is not a notice: use one of %s", s, slugList(pages, p))
		default:
			chain := []string{p.Slug, s}
			for n := newer; n.SupersededBy != "" && bySlug[n.SupersededBy] != nil && len(chain) <= len(pages); n = bySlug[n.SupersededBy] {
				chain = append(chain, n.SupersededBy)
				if n.SupersededBy == p.Slug {
					errs.Add(pos, "superseded_by makes a loop (%s): the newest notice must not have superseded_by", strings.Join(chain, " → "))
					break
				}
			}
		}
	}
}

// slugList names the notices that p may point to, newest first, at most 10.
func slugList(pages []*model.Page, p *model.Page) string {
	var others []*model.Page
	for _, o := range pages {
		if o != p {
			others = append(others, o)
		}
	}
	sort.SliceStable(others, func(i, j int) bool { return others[i].Date.Compare(others[j].Date) > 0 })
	var names []string
	for i, o := range others {
		if i == 10 {
			names = append(names, fmt.Sprintf("(%d more in content/notices/)", len(others)-10))
			break
		}
		names = append(names, o.Slug)
	}
	if len(names) == 0 {
		return "the file name of another notice in content/notices/ (there is none)"
	}
	return strings.Join(names, ", ")
}

// chartRef finds chart references in a notice body.
var chartRef = regexp.MustCompile(`\{\{<\s*chart\b`)

// noticeCharts reports each chart reference of a notice at its position:
// a notice page loads no script.
func noticeCharts(errs *model.ErrorList, p *model.Page) {
	if !bytes.Contains(p.Body, []byte("chart")) {
		return
	}
	for _, m := range chartRef.FindAllIndex(p.Body, -1) {
		off := m[0] + len("{{<")
		line := bytes.Count(p.Body[:off], []byte("\n"))
		start := bytes.LastIndexByte(p.Body[:off], '\n') + 1
		at := model.Pos{File: p.File, Line: p.BodyLine + line, Col: utf8.RuneCount(p.Body[start:off]) + 1}
		errs.Add(at, "notices carry no charts: a notice page loads no script so that it opens fast on a phone; show the figures with {{< table ... >}} or a number reference, or link to a yearly summary")
	}
}
