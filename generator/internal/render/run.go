package render

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// Render makes every page and file of the plan, and the assets.
func (r *Renderer) Render(ctx context.Context) ([]model.File, model.ErrorList) {
	return r.RenderTo(ctx, Output{})
}

// RenderTo is Render handing the files to out as they are made.
func (r *Renderer) RenderTo(ctx context.Context, out Output) ([]model.File, model.ErrorList) {
	r.out = out
	fp := newFingerprints(r)
	b := &builder{r: r, fp: fp, memo: &Memo{jobs: map[string]memoJob{}, sums: fp.sums}}
	if r.out.Emit != nil {
		b.emitted = map[string]bool{} // the top builder emits its jobs' files as they finish
	}
	if r.opt.Memo != nil {
		b.prev = r.opt.Memo.jobs
	}
	b.writeAssets() // cheap, and every page needs the paths it records
	fp.withNav(b.nav())
	// Each entry of the plan is a job (see memo.go): it reruns only when
	// its sources changed. The pages run concurrently and their output is
	// merged in the plan's order; the files that list pages (the feed,
	// the sitemap) follow.
	ns := b.prepareNotices()
	var pages []*plan.Entry
	for i := range r.plan.Entries {
		if e := &r.plan.Entries[i]; e.Kind == plan.Page {
			pages = append(pages, e)
		}
	}
	jobs := make([]jobSpec, len(pages))
	for i, e := range pages {
		jobs[i] = jobSpec{e.Key, r.sources(e), func(cb *builder) string { return cb.view(ctx, e, ns) }}
	}
	values := b.runJobs(jobs)
	r.booklets, r.years = map[int]string{}, map[int]string{}
	for i, e := range pages {
		switch e.View {
		case "notice":
			ns.desc[e.Page.Slug] = values[i]
		case "booklet":
			r.booklets[e.Year] = values[i]
		case "year":
			r.years[e.Year] = values[i]
		}
	}
	// The files that list the pages: the feed (with the notices'
	// descriptions) and the sitemap, which changes only when pages come
	// or go.
	listed := append([]string(nil), b.pages...)
	sort.Strings(listed)
	h := sha256.New()
	for _, dir := range listed {
		h.Write([]byte(dir + "\n"))
	}
	pageList := plan.PageList + ":" + hex.EncodeToString(h.Sum(nil))
	var files []jobSpec
	for i := range r.plan.Entries {
		e := &r.plan.Entries[i]
		if e.Kind != plan.File {
			continue
		}
		deps := slices.Clone(r.sources(e))
		for i, d := range deps {
			if d == plan.PageList {
				deps[i] = pageList
			}
		}
		files = append(files, jobSpec{e.Key, deps, func(cb *builder) string {
			switch e.View {
			case "feed":
				cb.feed(r.notices(), ns.desc)
			case "sitemap":
				cb.sitemap(listed)
			}
			return ""
		}})
	}
	b.runJobs(files)
	if ctx.Err() != nil {
		b.errs.Add(model.Pos{}, "build cancelled: %v", ctx.Err())
	}
	b.resources()
	sort.Slice(b.files, func(i, j int) bool { return b.files[i].Path < b.files[j].Path })
	if b.emitted != nil {
		var rest []model.File
		for _, f := range b.files {
			if !b.emitted[f.Path] {
				rest = append(rest, f)
			}
		}
		b.emit(rest)
		if r.handOver() {
			for i := range b.files {
				b.files[i].Data = nil
			}
		}
	}
	sort.Strings(b.stats.Ran)
	sort.Strings(b.stats.Files)
	r.memo, r.stats = b.memo, b.stats
	return b.files, b.errs
}

// Booklets are the marks of the booklets the last Render made, by period
// (see BookletMark).
func (r *Renderer) Booklets() map[int]string { return r.booklets }

// sources are the dependencies of an entry's job: its sources, with the
// groups that render computes made into fingerprints of their own.
func (r *Renderer) sources(e *plan.Entry) []string {
	if !slices.Contains(e.Sources, plan.NoticeList) {
		return e.Sources
	}
	out := slices.Clone(e.Sources)
	for i, s := range out {
		if s == plan.NoticeList {
			out[i] = r.noticeListDep()
		}
	}
	return out
}

// view makes the entry e: its view, drawn with its layout.
func (b *builder) view(ctx context.Context, e *plan.Entry, ns *noticeSet) string {
	switch e.View {
	case "home":
		b.home(ctx)
	case "safety":
		b.safety(ctx)
	case "timeline":
		b.timeline(ctx)
	case "404":
		b.notFound(ctx)
	case "years":
		b.yearList(b.r.q.Periods())
	case "year":
		periods := b.r.q.Periods()
		for i, p := range periods {
			if p.Year == e.Year {
				return b.year(ctx, periods, i)
			}
		}
	case "booklet":
		for _, p := range b.r.q.Periods() {
			if p.Year == e.Year {
				return b.booklet(ctx, p)
			}
		}
	case "notices":
		b.noticeLists(ns)
	case "notice":
		return b.notice(ctx, e.Page, ns.bySlug, ns.feed, ns.chrome)
	case "page":
		b.plainPage(ctx, e.Page)
	default:
		b.errs.Add(model.Pos{File: "layouts/" + e.Layout}, "internal error: no view %q for %s", e.View, strings.TrimSuffix(e.Dir, "/"))
	}
	return ""
}
