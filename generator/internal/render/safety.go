package render

import (
	"context"
	"html/template"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/plan"
	"github.com/houqin/report/generator/internal/query"
)

// safetyTables are the tables of the safety record.
var safetyTables = []string{"inspections", "drills", "incidents"}

// safetyCards are the key figures of the safety record, each compared with
// the previous period.
var safetyCards = []cardSpec{
	{label: "Inspection rounds", spec: query.Spec{Op: query.OpCount, Table: "inspections"}, better: higherBetter, unit: "轮", unitEn: ""},
	{label: "Hazards found", spec: query.Spec{Op: query.OpSum, Table: "inspections", Column: "hazards_found"}, unit: "处", unitEn: ""},
	{label: "Hazards fixed", spec: query.Spec{Op: query.OpSum, Table: "inspections", Column: "hazards_fixed"}, better: higherBetter, unit: "处", unitEn: ""},
	{label: "Rectification rate", spec: query.Spec{Op: query.OpRate, Table: "inspections", Column: "hazards_fixed", Den: "hazards_found"}, better: higherBetter},
	{label: "Drills", spec: query.Spec{Op: query.OpCount, Table: "drills"}, better: higherBetter, unit: "次", unitEn: ""},
	{label: "Participants", spec: query.Spec{Op: query.OpSum, Table: "drills", Column: "participants"}, better: higherBetter, unit: "人次", unitEn: ""},
	{label: "Incidents", spec: query.Spec{Op: query.OpCount, Table: "incidents"}, better: lowerBetter, unit: "起", unitEn: ""},
	{label: "Minor incidents", spec: query.Spec{Op: query.OpCount, Table: "incidents", Filters: []model.Filter{{Column: "severity", Value: "minor"}}}, better: lowerBetter, unit: "起", always: true},
	{label: "Moderate incidents", spec: query.Spec{Op: query.OpCount, Table: "incidents", Filters: []model.Filter{{Column: "severity", Value: "moderate"}}}, better: lowerBetter, unit: "起", always: true},
	{label: "Serious incidents", spec: query.Spec{Op: query.OpCount, Table: "incidents", Filters: []model.Filter{{Column: "severity", Value: "serious"}}}, better: lowerBetter, unit: "起", always: true},
	{label: "Open incidents", spec: query.Spec{Op: query.OpCount, Table: "incidents", Filters: []model.Filter{{Column: "resolved", Value: "no"}}}, better: lowerBetter, unit: "起", always: true},
}

// homeSafetyCards are the safety figures the home page shows.
var homeSafetyCards = []string{"Inspection rounds", "Rectification rate", "Drills", "Incidents"}

// safetyCharts are the charts of the safety record.
var safetyCharts = []string{"inspections", "drills-by-kind", "incidents-by-month"}

// hasSafety reports whether the site has any safety table.
func (r *Renderer) hasSafety() bool {
	for _, t := range safetyTables {
		if r.q.Table(t) != nil {
			return true
		}
	}
	return false
}

// SafetyView is /safety/ and /safety/YEAR/.
type SafetyView struct {
	Base
	Period  YearItem
	Periods []PeriodLink
	Cards   []Card
	Charts  []template.HTML
	Tables  []template.HTML
	// Rules is the compliance panel: the safety rules of site.yaml
	// checked against the period's records.
	Rules   []RuleItem
	Honors  []HonorItem // of the period
	Earlier []HonorItem // of the periods before
}

// PeriodLink is an entry of a period switcher.
type PeriodLink struct {
	Label   string
	Path    string
	Current bool
}

// HonorItem is an honor as the layouts show it.
type HonorItem struct {
	Date   model.Date
	Title  string
	Level  string // code
	Label  string // level in the UI language
	Issuer string
}

func (b *builder) safety(ctx context.Context) {
	r := b.r
	if !r.hasSafety() {
		return
	}
	periods := r.q.Periods()
	if len(periods) == 0 {
		return
	}
	for i, p := range periods {
		if ctx.Err() != nil {
			return
		}
		dir := plan.SafetyYear(p.Year)
		v := b.safetyView(p, dir, periods)
		b.page("safety.html", dir, v)
		if i == len(periods)-1 {
			// /safety/ is the latest period's record.
			latest := b.safetyView(p, plan.Safety, periods)
			b.page("safety.html", plan.Safety, latest)
		}
	}
}

func (b *builder) safetyView(p model.Period, dir string, periods []model.Period) SafetyView {
	r := b.r
	v := SafetyView{Period: YearItem{Period: p, Label: r.lang.Period(p), Path: plan.Year(p.Year)}}
	for i := len(periods) - 1; i >= 0; i-- {
		pp := periods[i]
		v.Periods = append(v.Periods, PeriodLink{Label: r.lang.Period(pp), Path: plan.SafetyYear(pp.Year), Current: pp.Year == p.Year})
	}
	v.Cards = r.cards(safetyCards, p)
	v.Rules = r.compliance(p)
	v.Charts = b.charts(safetyCharts, p, nil)
	for _, name := range safetyTables {
		if h := b.periodTable(name, p); h != "" {
			v.Tables = append(v.Tables, h)
		}
	}
	for _, h := range r.site.Honors {
		item := HonorItem{Date: h.Date, Title: h.Title, Level: h.Level, Label: r.lang.label("level", h.Level), Issuer: h.Issuer}
		switch {
		case p.Contains(h.Date):
			v.Honors = append(v.Honors, item)
		case h.Date.Start().Before(p.Start):
			v.Earlier = append(v.Earlier, item)
		}
	}
	sortHonors(v.Honors)
	sortHonors(v.Earlier)
	title := r.lang.T("Safety record") + " · " + r.lang.Period(p)
	v.Base = b.base("safety", dir, title, r.lang.T("Hazard inspections and rectification, drills, incidents and honors of the period, with the change against the previous one."))
	r.describe(&v.Base, p)
	v.Base.Charts = len(v.Charts) > 0
	return v
}

// sortHonors puts the newest first.
func sortHonors(hs []HonorItem) {
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].Date.Compare(hs[j-1].Date) > 0; j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}

// pick returns the card specs with the given labels, in that order.
func pick(specs []cardSpec, labels []string) []cardSpec {
	var out []cardSpec
	for _, l := range labels {
		for _, s := range specs {
			if s.label == l {
				out = append(out, s)
			}
		}
	}
	return out
}
