package render

import (
	"encoding/xml"
	"sort"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// feedSize is how many notices the Atom feed holds, newest first.
const feedSize = 50

// atomFeed is an Atom 1.0 feed (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published"`
	Link      atomLink     `xml:"link"`
	Summary   string       `xml:"summary,omitempty"`
	Category  atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// feed writes notices/feed.xml: the newest listed notices (superseded
// ones left out, expired ones kept), each with its description (desc, by
// slug) and absolute links from base_url. Each entry's id is the notice's address; updated is its reviewed date, or its
// date; times are the start of the day in the notice time zone (see
// noticeZone). The feed's updated is its newest entry's, never the wall
// clock, so two builds of the same site are identical.
func (b *builder) feed(pages []*model.Page, desc map[string]string) {
	r := b.r
	var items []*model.Page
	for _, p := range pages {
		if listed(p) {
			items = append(items, p)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if c := items[i].Date.Compare(items[j].Date); c != 0 {
			return c > 0
		}
		return items[i].Slug < items[j].Slug
	})
	if len(items) > feedSize {
		items = items[:feedSize]
	}
	home := r.urls.Abs(plan.Notices)
	f := atomFeed{
		Lang: r.lang.Code(), ID: home, Title: r.site.Config.Title + " · " + r.lang.T("Notices"),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: r.urls.Abs(plan.Feed)},
			{Rel: "alternate", Type: "text/html", Href: home},
		},
		Author: atomAuthor{Name: r.site.Config.School + " " + r.office()},
	}
	var newest model.Date
	for _, p := range items {
		updated := p.Date
		if p.Reviewed.Compare(updated) > 0 {
			updated = p.Reviewed
		}
		if updated.Compare(newest) > 0 {
			newest = updated
		}
		url := r.urls.Abs(plan.Notice(p.Slug))
		f.Entries = append(f.Entries, atomEntry{
			ID: url, Title: p.Title, Updated: r.feedTime(updated), Published: r.feedTime(p.Date),
			Link: atomLink{Rel: "alternate", Type: "text/html", Href: url}, Summary: desc[p.Slug],
			Category: atomCategory{Term: p.Category, Label: r.lang.label("notice", p.Category)},
		})
	}
	f.Updated = r.feedTime(newest)
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		b.errs.Add(model.Pos{File: "data/site.yaml"}, "cannot write notices/feed.xml: %v", err)
		return
	}
	b.add(plan.Feed, append([]byte(xml.Header), append(out, '\n')...))
}
