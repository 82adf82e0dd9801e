package render

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// chart renders {{< chart ID >}}.
func (s *scope) chart(ref *Ref) (template.HTML, error) {
	args, err := want(ref, usages["chart"], 1)
	if err != nil {
		return "", err
	}
	o, err := s.parseOptions(ref)
	if err != nil {
		return "", err
	}
	if len(o.filters) > 0 {
		return "", atArg(ref.Named()[0], "chart takes no filters: add a chart with where: to data/charts.yaml")
	}
	spec, err := s.r.q.Chart(args[0].Value)
	if err != nil {
		return "", &argError{args[0].Off, err}
	}
	c, err := s.r.Chart(spec, o.period, s.chartID(spec.ID))
	if err != nil {
		return "", &argError{args[0].Off, err}
	}
	return s.r.ChartHTML(c)
}

// chartID gives each chart on a page its own stable DOM id.
func (s *scope) chartID(id string) string {
	dom := "chart-" + id
	n := 1
	for _, seen := range s.charts {
		if strings.HasPrefix(seen, dom) {
			n++
		}
	}
	if n > 1 {
		dom = fmt.Sprintf("%s-%d", dom, n)
	}
	s.charts = append(s.charts, dom)
	return dom
}

// Chart computes a chart's data for period p and builds its option.
func (r *Renderer) Chart(spec model.ChartSpec, p model.Period, domID string) (*Chart, error) {
	if spec.X == "year" {
		p = model.All // one bar per period: a trend shows every period on any page
	}
	spec = r.meters(spec)
	data, err := r.q.ChartData(spec, p)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", spec.ID, err)
	}
	c := &Chart{ID: domID, Spec: spec, Title: r.chartTitle(spec), Data: data}
	c.Caption = fmt.Sprintf("%s %s · %s · %s", r.lang.T("source"), data.File, r.lang.Period(p), fmt.Sprintf(r.lang.T("%d rows"), data.Rows))
	if what := r.chartIncludes(spec); what != "" {
		c.Caption += " · " + what
	}
	if data.Empty() {
		return c, nil
	}
	c.horizontal = horizontal(spec, data, r.categoryLabels(spec, data))
	if smallMultiples(spec, data) {
		c.tall = multiplesHeight(len(data.Series), r.print)
	}
	c.Option, err = r.chartOption(domID, spec, data, r.print)
	if err == nil && spec.Type == "pie" && !r.print {
		bars := spec
		bars.Type = sidewaysBar
		c.Narrow, err = r.chartOption(domID, bars, data, false)
	}
	return c, err
}

// chartTitle is the spec's title or, for built-in charts, the UI title.
func (r *Renderer) chartTitle(spec model.ChartSpec) string {
	if spec.Title != "" {
		return spec.Title
	}
	if strings.HasPrefix(spec.ID, "trend-") {
		return fmt.Sprintf(r.lang.T("%s by period"), r.tableTitle(spec.Table))
	}
	return r.lang.T("chart:" + spec.ID)
}

// ChartHTML renders the "chart" template: the chart container, its option
// and the data table.
func (r *Renderer) ChartHTML(c *Chart) (template.HTML, error) {
	v := chartView{Chart: c, Lang: r.lang, Print: r.print}
	v.Header = append(v.Header, r.xLabel(c.Spec))
	cats := r.categoryLabels(c.Spec, c.Data)
	money := make([]bool, len(c.Data.Series))
	for i := range c.Data.Series {
		unit, m := r.chartUnit(c.Spec, c.Data, i)
		money[i] = m
		v.Header = append(v.Header, r.withUnit(r.seriesLabel(c.Spec, c.Data, i), unit))
	}
	if c.Data.Rate != nil {
		v.Header = append(v.Header, r.rateLabel(c.Spec))
	}
	for i, cat := range cats {
		row := []string{cat}
		for j, s := range c.Data.Series {
			if money[j] {
				row = append(row, r.lang.Fixed(s.Values[i], 1))
			} else {
				row = append(row, r.lang.Number(s.Values[i]))
			}
		}
		if c.Data.Rate != nil {
			rate := "–"
			if !math.IsNaN(c.Data.Rate[i]) {
				rate = r.lang.Percent(c.Data.Rate[i], -1)
			}
			row = append(row, rate)
		}
		v.Rows = append(v.Rows, row)
	}
	var buf bytes.Buffer
	v.Side = len(v.Header) <= 3 || c.tall > 0
	if err := r.tmpl.ExecuteTemplate(&buf, "chart", v); err != nil {
		return "", fmt.Errorf("layout chart: %w", err)
	}
	return template.HTML(buf.String()), nil
}

type chartView struct {
	*Chart
	Lang  Lang
	Print bool // on paper: the table stands beside the chart, not folded
	// Side puts the printed table beside the chart rather than under it:
	// a narrow table, or the tall figure of small multiples.
	Side   bool
	Header []string
	Rows   [][]string
}

func (r *Renderer) xLabel(spec model.ChartSpec) string {
	switch spec.X {
	case "month":
		return r.lang.T("month")
	case "year":
		return r.lang.T("period")
	}
	return r.columnLabel(spec.Table, spec.X)
}

// table renders {{< table TABLE [filters] [columns="a,b"] >}}.
func (s *scope) table(ref *Ref) (template.HTML, error) {
	args, err := want(ref, usages["table"], 1)
	if err != nil {
		return "", err
	}
	o, err := s.parseOptions(ref, "columns")
	if err != nil {
		return "", err
	}
	t, rows, err := s.r.q.Select(args[0].Value, o.period, o.filters)
	if err != nil {
		return "", s.blame(ref, err)
	}
	cols := make([]int, 0, len(t.Columns))
	if len(o.columns) == 0 {
		for i := range t.Columns {
			cols = append(cols, i)
		}
	}
	for _, name := range o.columns {
		i, err := query.Column(t, name)
		if err != nil {
			for _, a := range ref.Named() {
				if a.Key == "columns" {
					return "", &argError{a.Off, err}
				}
			}
			return "", err
		}
		cols = append(cols, i)
	}
	return s.r.TableHTML(t, rows, cols, o.filters, o.period)
}

// MaxTableRows caps the rows a page's table shows: a ledger of a million
// rows would make a page no browser opens and a booklet no one prints.
// The table's source line says how many rows there are in all.
const MaxTableRows = 2000

// TableHTML renders rows of t as the "table" template, at most
// MaxTableRows of them. With the built-in template, the rows are written
// by writeTable (see table.go).
func (r *Renderer) TableHTML(t *model.Table, rows []*model.Row, cols []int, filters []model.Filter, p model.Period) (template.HTML, error) {
	var conds []string
	for _, f := range filters {
		conds = append(conds, r.columnLabel(t.Name, f.Column)+"="+f.Value)
	}
	return r.tableHTML(t, rows, cols, conds, p, len(rows))
}

// tableHTML renders rows of t, cells cols, with conds after the period in
// the caption, and the units of the table in the caption and headings;
// its source line counts records, the rows of the file drawn from. It
// draws the ledgers and the booklet's summaries alike.
func (r *Renderer) tableHTML(t *model.Table, rows []*model.Row, cols []int, conds []string, p model.Period, records int) (template.HTML, error) {
	v := tableView{Lang: r.lang, Title: r.tableTitle(t.Name)}
	if u := r.unitCaption(t, cols); u != "" {
		conds = append(conds[:len(conds):len(conds)], u)
	}
	v.Caption = strings.TrimSpace(strings.Join(append([]string{r.lang.Period(p)}, conds...), " · "))
	v.Source = fmt.Sprintf("%s %s · %s", r.lang.T("source"), t.File, fmt.Sprintf(r.lang.T("%d rows"), records))
	if len(rows) > MaxTableRows {
		v.Source += " · " + fmt.Sprintf(r.lang.T("the first %s shown"), r.lang.Number(MaxTableRows))
		rows = rows[:MaxTableRows]
	}
	for _, c := range cols {
		v.Header = append(v.Header, r.headerLabel(t, c))
		v.Numeric = append(v.Numeric, t.Columns[c].Kind == model.Number)
		v.Dates = append(v.Dates, t.Columns[c].Kind == model.DateKind || t.Columns[c].Kind == model.MonthKind)
	}
	if r.writers["table"] {
		return r.writeTable(&v, t, rows, cols), nil
	}
	for _, row := range rows {
		cells := make([]string, len(cols))
		for j, c := range cols {
			cells[j] = r.cellText(t, row, c)
		}
		v.Rows = append(v.Rows, cells)
	}
	var buf bytes.Buffer
	if err := r.tmpl.ExecuteTemplate(&buf, "table", v); err != nil {
		return "", fmt.Errorf("layout table: %w", err)
	}
	return template.HTML(buf.String()), nil
}

type tableView struct {
	Lang    Lang
	Title   string
	Caption string
	Source  string
	Header  []string
	Numeric []bool
	Dates   []bool // days and months: kept on one line while text wraps
	Rows    [][]string
}

// cellText formats one cell for display.
func (r *Renderer) cellText(t *model.Table, row *model.Row, c int) string {
	v := row.Cells[c]
	if !v.Set {
		return ""
	}
	switch t.Columns[c].Kind {
	case model.Number:
		if money(t, c) {
			return r.lang.Fixed(v.Num, 1) // sums of money: one decimal, in every table
		}
		return r.lang.Number(v.Num)
	case model.DateKind, model.MonthKind:
		if v.Date.IsZero() {
			return v.Raw // a summary's month or total, written out
		}
		return r.lang.Date(v.Date)
	}
	return r.valueLabel(t.Name, t.Columns[c].Key, v.Raw)
}

// timeline renders {{< timeline [status=...] >}}: the projects active in the period.
func (s *scope) timeline(ref *Ref) (template.HTML, error) {
	if len(ref.Positional()) > 0 {
		return "", atArg(ref.Positional()[0], "timeline takes no table: write {{< timeline >}} or {{< timeline status=done >}}")
	}
	o, err := s.parseOptions(ref, "status")
	if err != nil {
		return "", err
	}
	if len(o.filters) > 0 {
		return "", atArg(ref.Named()[0], "timeline filters by status only: write {{< timeline status=done >}}")
	}
	if o.status != "" && !slices.Contains(model.ProjectStatuses, o.status) {
		return "", fmt.Errorf("timeline status=%q: use one of %s", o.status, strings.Join(model.ProjectStatuses, ", "))
	}
	s.listsProjects = true
	return s.r.TimelineHTML(ActiveProjects(s.r.site.Projects, o.period, o.status), o.period, s.dir)
}

// ActiveProjects returns the projects whose start..end overlaps p (no end:
// still running, unless cancelled or done), optionally of one status,
// newest start first.
func ActiveProjects(projects []model.Project, p model.Period, status string) []model.Project {
	var out []model.Project
	for _, pr := range projects {
		if status != "" && pr.Status != status {
			continue
		}
		var end time.Time // zero: still running
		switch {
		case !pr.End.IsZero():
			end = pr.End.End()
		case pr.Status == "cancelled" || pr.Status == "done":
			end = pr.Start.End() // over, on a day not given: count it where it started
		}
		if p.Overlaps(pr.Start.Start(), end) {
			out = append(out, pr)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[j].Start.Compare(out[i].Start) < 0 })
	return out
}
