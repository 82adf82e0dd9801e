package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// A chart of several measured columns in different units (water in 吨,
// electricity in 千瓦时, gas in 立方米) is drawn as small multiples: one
// small chart per column, one above the other in the same figure, each
// with its own value axis named with the column and its unit. One axis
// would flatten the smaller column, and a second axis leaves the reader
// to guess which line it belongs to.

// panelHeight is the height in pixels of one small chart on screen;
// printPanelHeight on paper, where the small charts share the month labels
// under the last one (printLabels high), so that a figure of three, its
// table beside it, fits in the lower half of a page.
const (
	panelHeight      = 170
	printPanelHeight = 95
	printLabels      = 45
)

// multiplesHeight is the height in pixels of n small charts.
func multiplesHeight(n int, print bool) int {
	if print {
		return n*printPanelHeight + printLabels
	}
	return n * panelHeight
}

// smallMultiples reports whether the chart is drawn as one small chart per
// measured column: a line or bar chart of several columns (no series
// column, no rate line) that are not all in the same unit.
func smallMultiples(spec model.ChartSpec, data query.ChartData) bool {
	if spec.Series != "" || data.Rate != nil || len(data.Series) < 2 || (spec.Type != "line" && spec.Type != "bar") {
		return false
	}
	s := model.SchemaOf(spec.Table)
	first, _ := columnUnits(s, spec.Table, data.Series[0].Name)
	for _, series := range data.Series[1:] {
		if u, _ := columnUnits(s, spec.Table, series.Name); u != first {
			return true
		}
	}
	return false
}

// multiples builds the small multiples of data: a grid, a category axis
// and a value axis per series, the value axis named 用水（吨）.
func (r *Renderer) multiples(spec model.ChartSpec, data query.ChartData, cats []string, global []charts.GlobalOpts, print bool) echartsChart {
	n := len(data.Series)
	grids := make([]opts.Grid, n)
	xs := make([]opts.XAxis, n)
	ys := make([]opts.YAxis, n)
	for i := range n {
		grids[i] = opts.Grid{Left: "8", Right: "16", Top: strconv.Itoa(i*panelHeight + 30), Height: strconv.Itoa(panelHeight - 40), ContainLabel: opts.Bool(true)}
		// Interval 0 draws every month; on a phone charts.js stands the
		// labels upright when they would overlap.
		xs[i] = opts.XAxis{Type: "category", Data: cats, GridIndex: i, AxisLabel: &opts.AxisLabel{Interval: "0"}}
		if print {
			// On paper the small charts stand close, and only the last
			// one labels the months they share.
			height := printPanelHeight - 30
			if i == n-1 {
				height += printLabels
			} else {
				xs[i].AxisLabel.Show = opts.Bool(false)
			}
			grids[i].Top, grids[i].Height = strconv.Itoa(i*printPanelHeight+25), strconv.Itoa(height)
		}
		name := r.withUnit(r.seriesLabel(spec, data, i), r.columnUnit(spec.Table, data.Series[i].Name))
		ys[i] = opts.YAxis{Type: "value", Name: name, GridIndex: i, SplitNumber: 2, AxisLabel: &opts.AxisLabel{}}
	}
	global = append(global,
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}), // each small chart is named on its axis
		charts.WithGridOpts(grids...),
		charts.WithXAxisOpts(xs[0]),
		charts.WithYAxisOpts(ys[0]),
	)
	if spec.Type == "line" {
		line := charts.NewLine()
		line.SetGlobalOptions(global...)
		line.SetXAxis(cats)
		line.ExtendXAxis(xs[1:]...)
		line.ExtendYAxis(ys[1:]...)
		for i, s := range data.Series {
			line.AddSeries(r.seriesLabel(spec, data, i), lineData(s.Values),
				charts.WithLineChartOpts(opts.LineChart{XAxisIndex: i, YAxisIndex: i, Smooth: opts.Bool(false), ShowSymbol: opts.Bool(true)}))
		}
		return line
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(global...)
	bar.SetXAxis(cats)
	bar.ExtendXAxis(xs[1:]...)
	bar.ExtendYAxis(ys[1:]...)
	for i, s := range data.Series {
		bar.AddSeries(r.seriesLabel(spec, data, i), barData(s.Values),
			charts.WithBarChartOpts(opts.BarChart{XAxisIndex: i, YAxisIndex: i, BarCategoryGap: "35%"}))
	}
	return bar
}

// chartUnit is the unit of series i of a chart, for its data table's
// heading, and whether it is money (shown with one decimal): the unit of
// the series' column, or of the one column a chart with a series column
// sums; "" for counts.
func (r *Renderer) chartUnit(spec model.ChartSpec, data query.ChartData, i int) (string, bool) {
	col := data.Series[i].Name
	if spec.Series != "" {
		col = spec.Y
	}
	zh, _ := columnUnits(model.SchemaOf(spec.Table), spec.Table, col)
	return r.columnUnit(spec.Table, col), zh == model.Money
}

// meters gives the built-in charts of water and electricity use every
// meter the utilities table has: gas too, when it has a gas column.
func (r *Renderer) meters(spec model.ChartSpec) model.ChartSpec {
	if !spec.BuiltIn || spec.Table != "utilities" || spec.Y != "water,electricity" {
		return spec
	}
	t := r.q.Table("utilities")
	if t == nil {
		return spec
	}
	var ys []string
	for _, m := range []string{"water", "electricity", "gas"} {
		if t.Col(m) >= 0 {
			ys = append(ys, m)
		}
	}
	spec.Y = strings.Join(ys, ",")
	return spec
}

// chartIncludes says in a chart's caption which rows it leaves out or
// draws apart: 不含已取消 · 计划中另列，不计入合计.
func (r *Renderer) chartIncludes(spec model.ChartSpec) string {
	var parts []string
	for _, f := range spec.Where {
		if !f.Not && len(f.Values) == 0 {
			continue // an exact match: the chart's title says what it shows
		}
		labels := make([]string, len(f.Any()))
		for i, v := range f.Any() {
			labels[i] = r.valueLabel(spec.Table, f.Column, v)
		}
		format := r.lang.T("only %s")
		if f.Not {
			format = r.lang.T("without %s")
		}
		parts = append(parts, fmt.Sprintf(format, strings.Join(labels, r.lang.T("list:or"))))
	}
	for _, f := range spec.Apart {
		parts = append(parts, fmt.Sprintf(r.lang.T("%s apart, not in the total"), r.valueLabel(spec.Table, f.Column, f.Value)))
	}
	return strings.Join(parts, " · ")
}
