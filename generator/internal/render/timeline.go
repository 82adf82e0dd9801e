package render

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"golang.org/x/text/width"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
)

// ProjectItem is a project as the timeline layouts show it.
type ProjectItem struct {
	ID       string
	Path     string // timeline/ID/
	Title    string
	Code     string // category code
	Category string // UI label
	Status   string // code: planned, approved, in_progress, done, cancelled
	Label    string // status in the UI language
	Dates    string
	Progress string // in progress: how long it has run; planned: when it starts
	Cost     string // formatted with unit; empty when unknown
	Funding  string // UI label
}

type timelineView struct {
	Lang      Lang
	Root      string
	Period    string
	Items     []ProjectItem
	DoneCount int
	DoneCost  string // total cost of the projects completed in the period
}

// projectItem formats a project for display as of the day asOf; closed
// says that asOf is the end of a period that is over, not today.
func (r *Renderer) projectItem(p model.Project, asOf model.Date, closed bool) ProjectItem {
	it := ProjectItem{ID: p.ID, Path: plan.Project(p.ID), Title: p.Title, Code: p.Category,
		Category: r.lang.label("category", p.Category), Status: p.Status,
		Label: r.lang.label("status", p.Status), Funding: r.lang.label("funding", p.Funding)}
	switch {
	case p.End.IsZero() && (p.Status == "planned" || p.Status == "approved"):
		it.Dates = r.lang.Date(p.Start)
		it.Progress = fmt.Sprintf(r.lang.T("planned to start %s"), r.lang.Date(p.Start))
	case p.End.IsZero() && p.Status == "cancelled":
		it.Dates = r.lang.Date(p.Start)
	case p.End.IsZero() && closed:
		it.Dates = fmt.Sprintf(r.lang.T("from %s"), r.lang.Date(p.Start)) // not "until now": the page is about the period
	case p.End.IsZero():
		it.Dates = r.lang.Date(p.Start) + " – " + r.lang.T("ongoing")
	default:
		it.Dates = r.lang.Date(p.Start) + " – " + r.lang.Date(p.End)
	}
	if p.Status == "in_progress" {
		if m := monthsBetween(p.Start, asOf); m >= 0 {
			it.Progress = fmt.Sprintf(r.lang.T("running for %d months"), m)
		}
	}
	if p.HasCost {
		it.Cost = r.money(p.Cost)
	}
	return it
}

// monthsBetween counts whole months from a to b (a month-precision a
// counts from the first of its month); -1 when b is before a.
func monthsBetween(a, b model.Date) int {
	if b.Start().Before(a.Start()) {
		return -1
	}
	m := (b.Year-a.Year)*12 + b.Month - a.Month
	if a.Day > 0 && b.Day < a.Day {
		m--
	}
	return max(m, 0)
}

// money formats an amount in yuan: 1,250,000 元 / 1,250,000 yuan.
func (r *Renderer) money(v float64) string { return r.lang.Number(v) + " " + r.lang.T("yuan") }

// TimelineHTML renders projects with the "timeline" template.
func (r *Renderer) TimelineHTML(projects []model.Project, p model.Period, dir string) (template.HTML, error) {
	v := timelineView{Lang: r.lang, Period: r.lang.Period(p), Root: plan.Root(dir)}
	var done float64
	asOf, closed := r.asOf(p)
	for _, pr := range projects {
		v.Items = append(v.Items, r.projectItem(pr, asOf, closed))
		if pr.Status == "done" && !pr.End.IsZero() && p.Contains(pr.End) {
			v.DoneCount++
			done += pr.Cost
		}
	}
	if v.DoneCount > 0 {
		v.DoneCost = r.money(done)
	}
	var buf bytes.Buffer
	if err := r.tmpl.ExecuteTemplate(&buf, "timeline", v); err != nil {
		return "", fmt.Errorf("layout timeline: %w", err)
	}
	return template.HTML(buf.String()), nil
}

// TimelineView is /timeline/ and its filtered pages.
type TimelineView struct {
	Base
	Groups     []TimelineGroup
	Categories []FilterLink
	Statuses   []FilterLink
	Filtered   string // the filter's label, on a filtered page
	Charts     []template.HTML
	Count      int
	Total      string // the cost of the listed projects done, under way or approved
	// Summary says the count and what the money includes: the cost of
	// projects done, under way or approved; planned ones apart; cancelled
	// ones not at all.
	Summary string
}

// TimelineGroup is the projects that started in one period.
type TimelineGroup struct {
	Label string
	Items []ProjectItem
}

// FilterLink is a link to a filtered list.
type FilterLink struct {
	Label   string
	Path    string
	Count   int
	Current bool
}

// ProjectView is /timeline/ID/.
type ProjectView struct {
	Base
	Item    ProjectItem
	Summary template.HTML
	Prev    *ProjectItem // the next older project
	Next    *ProjectItem // the next newer project
}

// byStartDesc orders projects newest first, then by id.
func byStartDesc(ps []model.Project) []model.Project {
	out := append([]model.Project(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Start.Compare(out[j].Start); c != 0 {
			return c > 0
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (b *builder) timeline(ctx context.Context) {
	r := b.r
	if len(r.site.Projects) == 0 {
		return
	}
	all := byStartDesc(r.site.Projects)
	b.timelineList(plan.Timeline, "", all, func(model.Project) bool { return true })
	for _, c := range distinct(all, func(p model.Project) string { return p.Category }) {
		b.timelineList(plan.TimelineCategory(c), r.lang.label("category", c), all, func(p model.Project) bool { return p.Category == c })
	}
	for _, s := range distinct(all, func(p model.Project) string { return p.Status }) {
		b.timelineList(plan.TimelineStatus(s), r.lang.label("status", s), all, func(p model.Project) bool { return p.Status == s })
	}
	for i, p := range all {
		if ctx.Err() != nil {
			return
		}
		item := r.projectItem(p, model.DateOf(r.opt.Now), false)
		v := ProjectView{Item: item}
		if p.Summary != "" {
			doc, errs := r.Markdown(ctx, Source{File: "data/projects.yaml", Dir: item.Path, Body: []byte(p.Summary), Line: summaryLine(p)}, model.All)
			b.errs = append(b.errs, errs...)
			v.Summary = doc.HTML
		}
		if i+1 < len(all) {
			prev := r.projectItem(all[i+1], model.DateOf(r.opt.Now), false)
			v.Prev = &prev
		}
		if i > 0 {
			next := r.projectItem(all[i-1], model.DateOf(r.opt.Now), false)
			v.Next = &next
		}
		v.Base = b.base("project", item.Path, p.Title, plainSummary(p.Summary, p.Title))
		b.page("project.html", item.Path, v)
	}
}

// summaryLine is the file line where a project's summary text starts.
func summaryLine(p model.Project) int {
	if pos, ok := p.FieldPos["summary"]; ok {
		return pos.Line + 1 // "summary: |" then the text on the next line
	}
	return p.Pos.Line
}

// projectSummary is the lead of a list of n projects: their count, then
// what the money includes, each part only when it applies.
func (r *Renderer) projectSummary(n, committed, cancelled int, total string, planned float64, hasPlanned bool) string {
	t := r.lang.T
	parts := []string{fmt.Sprintf(t("%d projects."), n)}
	if committed > 0 {
		parts = append(parts, fmt.Sprintf(t("Done, under way or approved: %s."), total))
	}
	if hasPlanned {
		parts = append(parts, fmt.Sprintf(t("Planned, not yet committed: %s."), r.money(planned)))
	}
	if cancelled > 0 {
		parts = append(parts, fmt.Sprintf(t("%d cancelled, not counted."), cancelled))
	}
	sep := "" // Chinese sentences follow each other without a space
	if r.lang.en {
		sep = " "
	}
	return strings.Join(parts, sep)
}

// timelineList writes one list page of projects that pass keep.
func (b *builder) timelineList(dir, filter string, all []model.Project, keep func(model.Project) bool) {
	r := b.r
	v := TimelineView{Filtered: filter}
	var total, planned float64
	var committed, cancelled int
	var hasPlanned bool
	for _, p := range all {
		if !keep(p) {
			continue
		}
		v.Count++
		switch p.Status {
		case "cancelled":
			cancelled++
		case "planned":
			planned += p.Cost
			hasPlanned = hasPlanned || p.HasCost
		default:
			committed++
			total += p.Cost
		}
		label := r.lang.Period(r.site.Config.PeriodFor(p.Start))
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Label != label {
			v.Groups = append(v.Groups, TimelineGroup{Label: label})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Items = append(g.Items, r.projectItem(p, model.DateOf(r.opt.Now), false))
	}
	v.Total = r.money(total)
	v.Summary = r.projectSummary(v.Count, committed, cancelled, v.Total, planned, hasPlanned)
	for _, c := range distinct(all, func(p model.Project) string { return p.Category }) {
		path := plan.TimelineCategory(c)
		v.Categories = append(v.Categories, FilterLink{Label: r.lang.label("category", c), Path: path, Current: path == dir,
			Count: count(all, func(p model.Project) bool { return p.Category == c })})
	}
	for _, s := range model.ProjectStatuses {
		path := plan.TimelineStatus(s)
		if n := count(all, func(p model.Project) bool { return p.Status == s }); n > 0 {
			v.Statuses = append(v.Statuses, FilterLink{Label: r.lang.label("status", s), Path: path, Count: n, Current: path == dir})
		}
	}
	if filter == "" {
		v.Charts = b.charts([]string{"projects-by-funding", "projects-by-status"}, model.All, nil)
	}
	title := r.lang.T("Campus improvements")
	if filter != "" {
		title += " · " + filter
	}
	v.Base = b.base("timeline", dir, title, r.lang.T("Every campus improvement project: when, for how much, who paid, and where it stands."))
	v.Base.Charts = len(v.Charts) > 0
	b.page("timeline.html", dir, v)
}

// distinct lists the values of key over projects, sorted.
func distinct(ps []model.Project, key func(model.Project) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range ps {
		if k := key(p); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func count(ps []model.Project, keep func(model.Project) bool) int {
	n := 0
	for _, p := range ps {
		if keep(p) {
			n++
		}
	}
	return n
}

// plainSummary is a project's summary as one line of plain text for the
// description meta tag, or its title. A line break between two Chinese
// characters joins them, as in the rendered Markdown; elsewhere it is a
// space.
func plainSummary(md, title string) string {
	var b []rune
	space := false
	for _, c := range md {
		switch {
		case c == '*' || c == '_' || c == '#' || c == '`':
			continue
		case c == '\n' || c == ' ' || c == '\t':
			space = len(b) > 0
			continue
		}
		if space && !(wide(b[len(b)-1]) && wide(c)) {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
		if len(b) >= 120 {
			return string(b) + "…"
		}
	}
	if len(b) == 0 {
		return title
	}
	return string(b)
}

// wide reports whether c is an East Asian wide or full-width character:
// Chinese text, whose lines join without a space.
func wide(c rune) bool {
	k := width.LookupRune(c).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}
