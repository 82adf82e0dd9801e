package render

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/houqin/report/generator/internal/model"
)

// ProjectItem is a project as the timeline layouts show it.
type ProjectItem struct {
	ID       string
	Title    string
	Category string // UI label
	Status   string // code: planned, approved, in_progress, done, cancelled
	Label    string // status in the UI language
	Dates    string
	Cost     string // formatted with unit; empty when unknown
	Funding  string // UI label
}

type timelineView struct {
	Lang      Lang
	Period    string
	Items     []ProjectItem
	DoneCount int
	DoneCost  string // total cost of the projects completed in the period
}

// projectItem formats a project for display.
func (r *Renderer) projectItem(p model.Project) ProjectItem {
	it := ProjectItem{ID: p.ID, Title: p.Title, Category: r.lang.label("category", p.Category), Status: p.Status,
		Label: r.lang.label("status", p.Status), Funding: r.lang.label("funding", p.Funding)}
	switch {
	case p.End.IsZero() && p.Status == "planned":
		it.Dates = r.lang.Date(p.Start)
	case p.End.IsZero():
		it.Dates = r.lang.Date(p.Start) + " – " + r.lang.T("ongoing")
	default:
		it.Dates = r.lang.Date(p.Start) + " – " + r.lang.Date(p.End)
	}
	if p.HasCost {
		it.Cost = r.money(p.Cost)
	}
	return it
}

// money formats an amount in yuan: 1,250,000 元 / 1,250,000 yuan.
func (r *Renderer) money(v float64) string { return r.lang.Number(v) + " " + r.lang.T("yuan") }

// TimelineHTML renders projects with the "timeline" template.
func (r *Renderer) TimelineHTML(projects []model.Project, p model.Period) (template.HTML, error) {
	v := timelineView{Lang: r.lang, Period: r.lang.Period(p)}
	var done float64
	for _, pr := range projects {
		v.Items = append(v.Items, r.projectItem(pr))
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
