package query

import (
	"slices"
	"sort"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// builtins are the chart ids every site has, per the contract. Titles are
// set per language by the renderer when a spec has none.
var builtins = []model.ChartSpec{
	{ID: "repairs-by-trade", Type: "bar", Table: "repairs", X: "trade"},
	{ID: "repairs-by-month", Type: "stacked-bar", Table: "repairs", X: "month", Series: "trade"},
	{ID: "purchases-by-category", Type: "pie", Table: "purchases", X: "category", Y: "amount"},
	{ID: "utilities-monthly", Type: "line", Table: "utilities", X: "month", Y: "water,electricity"},
	{ID: "inspections", Type: "bar", Table: "inspections", X: "date", Y: "hazards_found,hazards_fixed", Rate: "hazards_fixed/hazards_found"},
	{ID: "incidents-by-month", Type: "stacked-bar", Table: "incidents", X: "month", Series: "severity"},
	{ID: "drills-by-kind", Type: "bar", Table: "drills", X: "kind"},
	{ID: "projects-by-status", Type: "pie", Table: "projects", X: "status"},
	{ID: "projects-by-funding", Type: "stacked-bar", Table: "projects", X: "year", Y: "cost", Series: "funding",
		Where: committed, Apart: planned},
}

// Money spent or committed, on every chart that sums the projects' cost:
// cancelled projects are left out, planned ones drawn apart.
var (
	committed = []model.Filter{{Column: "status", Value: "cancelled", Not: true}}
	planned   = []model.Filter{{Column: "status", Value: "planned"}}
)

// trendY is what trend-TABLE sums for a table; empty counts rows.
var trendY = map[string]string{
	"inspections": "hazards_found,hazards_fixed",
	"purchases":   "amount",
	"utilities":   "water,electricity",
	"projects":    "cost",
}

// Charts returns every chart the site can use by id: the built-in ones for
// the tables it has, trend-TABLE for each table, and data/charts.yaml, whose
// entries override built-in ones with the same id. Sorted by id.
func (e *Engine) Charts() []model.ChartSpec {
	return slices.Clone(e.chartList())
}

// chartList is Charts, computed once: every chart reference looks its id
// up in it. The slice is shared: callers must not modify it.
func (e *Engine) chartList() []model.ChartSpec {
	e.o.chartsOnce.Do(func() {
		byID := map[string]model.ChartSpec{}
		for _, c := range builtins {
			c.BuiltIn = true
			byID[c.ID] = c
		}
		for _, name := range e.TableNames() {
			spec := model.ChartSpec{ID: "trend-" + name, Type: "bar", Table: name, X: "year", Y: trendY[name], BuiltIn: true}
			if name == "projects" {
				spec.Where, spec.Apart = committed, planned
			}
			byID[spec.ID] = spec
		}
		for _, c := range e.site.Charts {
			byID[c.ID] = c
		}
		e.o.charts = make([]model.ChartSpec, 0, len(byID))
		for _, c := range byID {
			e.o.charts = append(e.o.charts, c)
		}
		sort.Slice(e.o.charts, func(i, j int) bool { return e.o.charts[i].ID < e.o.charts[j].ID })
	})
	return e.o.charts
}

// Chart returns the chart with the given id, or a NotFoundError listing the ids.
func (e *Engine) Chart(id string) (model.ChartSpec, error) {
	charts := e.chartList()
	for _, c := range charts {
		if c.ID == id {
			return c, nil
		}
	}
	ids := make([]string, 0, len(charts))
	for _, c := range charts {
		ids = append(ids, c.ID)
	}
	if strings.HasPrefix(id, "trend-") {
		ids = append([]string{"trend-TABLE with TABLE one of " + strings.Join(e.TableNames(), ", ")}, ids...)
	}
	return model.ChartSpec{}, &NotFoundError{What: "chart", Name: id, Valid: ids}
}

// Available reports whether the chart's table exists, so pages leave out
// built-in charts of tables the site does not have.
func (e *Engine) Available(c model.ChartSpec) bool {
	e.read(ReadKey{Kind: ReadSchema})
	return e.tables[c.Table] != nil
}
