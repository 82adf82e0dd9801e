package render

import (
	"context"
	"sort"

	"github.com/houqin/report/generator/internal/model"
)

// notices returns the notice pages, pinned first, then newest first.
func (r *Renderer) notices() []*model.Page {
	var out []*model.Page
	for _, p := range r.site.Pages {
		if p.Kind == model.NoticePage {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pinned != b.Pinned {
			return a.Pinned
		}
		if c := a.Date.Compare(b.Date); c != 0 {
			return c > 0
		}
		return a.Slug < b.Slug
	})
	return out
}

// expired reports whether a notice's expires date has passed at build time.
func (r *Renderer) expired(p *model.Page) bool {
	return !p.Expires.IsZero() && !r.opt.Now.Before(p.Expires.End())
}

func (r *Renderer) noticeItem(p *model.Page) NoticeItem {
	return NoticeItem{
		Title: p.Title, Path: "notices/" + p.Slug + "/", Date: p.Date, Category: p.Category,
		Label: r.lang.label("notice", p.Category), Summary: p.Summary, Pinned: p.Pinned, Expired: r.expired(p),
	}
}

func (r *Renderer) noticeItems() []NoticeItem {
	var out []NoticeItem
	for _, p := range r.notices() {
		out = append(out, r.noticeItem(p))
	}
	return out
}

func (b *builder) notices(ctx context.Context) {
	r := b.r
	pages := r.notices()
	if len(pages) == 0 {
		return
	}
	list := NoticesView{Items: r.noticeItems()}
	list.Base = b.base("notices", "notices/", r.lang.T("Notices"), "")
	b.page("notices.html", "notices/", list)
	for _, p := range pages {
		doc := b.markdown(ctx, p, model.All)
		item := r.noticeItem(p)
		v := NoticeView{Item: item, Body: doc.HTML, Base: b.base("notice", item.Path, p.Title, p.Summary)}
		b.page("notice.html", item.Path, v)
	}
}
