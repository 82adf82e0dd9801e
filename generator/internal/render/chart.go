package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// palette is the site's chart colours: distinct in colour and in lightness,
// so that series stay apart when printed in grey.
var palette = []string{"#1f6f8b", "#e07a1f", "#4f9d4a", "#8e5ba8", "#c23b4a", "#7a6a55", "#2f9fb8", "#b59a1a"}

// Chart is a rendered chart: the ECharts option built by go-echarts and
// the same numbers as a table.
type Chart struct {
	ID      string // DOM id, stable: chart-<spec id>[-<n>]
	Spec    model.ChartSpec
	Title   string
	Data    query.ChartData
	Option  template.JS // JSON, safe inside <script type="application/json">
	Caption string      // source and period, for the figure caption
	// Narrow is the option drawn instead of Option in a chart narrower
	// than 480 px (a phone): a doughnut becomes sideways bars, whose
	// every name reads down the side. Empty when Option serves all widths.
	Narrow template.JS

	horizontal bool
	tall       int // height in pixels of small multiples, 0 for others
}

// echartsChart is what chartOption needs of a go-echarts chart (bar, line,
// pie): its option as JSON, once Validate has put the series in place.
// That is the option of go-echarts' RenderSnippet, without the page
// element and script RenderSnippet also makes, each from templates it
// parses anew on every call.
type echartsChart interface {
	Validate()
	JSONNotEscaped() template.HTML
}

// chartOption builds the ECharts option for data with go-echarts. go-echarts
// panics on some inputs; the panic is recovered here and returned as an error.
func (r *Renderer) chartOption(id string, spec model.ChartSpec, data query.ChartData, print bool) (opt template.JS, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("chart %s: go-echarts failed: %v", spec.ID, p)
		}
	}()
	chart := r.echarts(id, spec, data, print)
	chart.Validate()
	// RenderSnippet drops go-echarts' markers of JavaScript functions, "__f__",
	// wherever they occur; the option has no functions, but its texts come
	// from the site's data.
	raw := strings.ReplaceAll(string(chart.JSONNotEscaped()), "__f__", "")
	if !json.Valid([]byte(raw)) {
		return "", fmt.Errorf("chart %s: go-echarts produced an option that is not JSON", spec.ID)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(raw)); err != nil {
		return "", fmt.Errorf("chart %s: %w", spec.ID, err)
	}
	// Make the JSON safe inside a <script> element.
	s := strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(buf.String())
	return template.JS(s), nil
}

// echarts builds the go-echarts chart of data.
func (r *Renderer) echarts(id string, spec model.ChartSpec, data query.ChartData, print bool) echartsChart {
	var rdr echartsChart
	init := opts.Initialization{ChartID: id, Renderer: "svg", Width: "100%", Height: "320px", AssetsHost: "./"}
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(init),
		charts.WithAnimation(!print),
		charts.WithColorsOpts(opts.Colors(r.colours(spec, data))),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		// A plain legend wraps onto more rows: a scrolling one hides series
		// behind its paging arrows on a phone.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(data.Series) > 1), Bottom: "0", Type: "plain"}),
		// The data table under the chart is the accessible form of its
		// numbers; ECharts' own description is off, its decal patterns
		// (for grey print) always on when printing.
		// Patterns tell series apart on screen too, for colour-blind readers,
		// whenever colour has to: more than one series, or a doughnut.
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(false)}, Decal: &opts.AriaDecal{Show: opts.Bool(print || len(data.Series) > 1 || spec.Type == "pie" || spec.Type == sidewaysBar)}}),
	}
	cats := r.categoryLabels(spec, data)
	if smallMultiples(spec, data) {
		return r.multiples(spec, data, cats, global, print)
	}
	switch spec.Type {
	case "pie":
		pie := charts.NewPie()
		global[3] = charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"})
		global[4] = charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}) // the labels name the slices
		pie.SetGlobalOptions(global...)
		items := make([]opts.PieData, 0, len(cats))
		if len(data.Series) > 0 {
			for i, c := range cats {
				items = append(items, opts.PieData{Name: c, Value: data.Series[0].Values[i]})
			}
		}
		pie.AddSeries(r.seriesLabel(spec, data, 0), items, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"35%", "62%"}, Center: []string{"50%", "45%"}}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}\n{d}%"}))
		rdr = pie
	case "line":
		line := charts.NewLine()
		line.SetGlobalOptions(append(global, r.axes(spec, data, cats)...)...)
		line.SetXAxis(cats)
		r.extendAxes(&line.XYAxis, spec, data)
		for i, s := range data.Series {
			line.AddSeries(r.seriesLabel(spec, data, i), lineData(s.Values),
				charts.WithLineChartOpts(opts.LineChart{YAxisIndex: r.yAxisIndex(spec, data, i), Smooth: opts.Bool(false), ShowSymbol: opts.Bool(true)}))
		}
		rdr = line
	default: // bar, stacked-bar
		bar := charts.NewBar()
		bar.SetGlobalOptions(append(global, r.axes(spec, data, cats)...)...)
		bar.SetXAxis(cats)
		if horizontal(spec, data, cats) {
			bar.XYReversal()
		}
		r.extendAxes(&bar.XYAxis, spec, data)
		for i, s := range data.Series {
			bo := opts.BarChart{YAxisIndex: r.yAxisIndex(spec, data, i), BarCategoryGap: "35%"}
			if spec.Type == sidewaysBar {
				bo.ColorBy = "data" // a doughnut's bars keep its slices' colours
			}
			if spec.Type == "stacked-bar" {
				bo.Stack = "total"
				if s.Apart {
					bo.Stack = "apart" // beside the stack, not on it
				}
			}
			bar.AddSeries(r.seriesLabel(spec, data, i), barData(s.Values), charts.WithBarChartOpts(bo))
		}
		r.addRate(bar, spec, data)
		rdr = bar
	}
	return rdr
}

func barData(vs []float64) []opts.BarData {
	out := make([]opts.BarData, len(vs))
	for i, v := range vs {
		out[i] = opts.BarData{Value: round(v, 2)}
	}
	return out
}

func lineData(vs []float64) []opts.LineData {
	out := make([]opts.LineData, len(vs))
	for i, v := range vs {
		out[i] = opts.LineData{Value: round(v, 2)}
	}
	return out
}

// dualAxis reports whether a chart with two measured columns puts the
// second on its own axis: when their scales differ tenfold or more, like
// water (m³) and electricity (kWh); not for hazards found and fixed.
func dualAxis(spec model.ChartSpec, data query.ChartData) bool {
	if spec.Series != "" || smallMultiples(spec, data) || len(data.Series) != 2 || spec.Type == "stacked-bar" || data.Rate != nil {
		return false
	}
	a, b := maxOf(data.Series[0].Values), maxOf(data.Series[1].Values)
	if a == 0 || b == 0 {
		return false
	}
	return a/b >= 10 || b/a >= 10
}

func maxOf(vs []float64) float64 {
	m := 0.0
	for _, v := range vs {
		m = max(m, math.Abs(v))
	}
	return m
}

// addRate overlays the rate line of spec on its own 0–100% axis.
func (r *Renderer) addRate(bar *charts.Bar, spec model.ChartSpec, data query.ChartData) {
	if data.Rate == nil {
		return
	}
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: r.rateLabel(spec), Min: 0, Max: 100,
		AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}, SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	points := make([]opts.LineData, len(data.Rate))
	for i, v := range data.Rate {
		if math.IsNaN(v) {
			points[i] = opts.LineData{Value: "-"}
		} else {
			points[i] = opts.LineData{Value: round(v, 1)}
		}
	}
	line := charts.NewLine()
	line.AddSeries(r.rateLabel(spec), points, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1, ShowSymbol: opts.Bool(true)}))
	bar.Overlap(line)
}

// rateLabel names a rate line: 整改率 for hazards fixed of found.
func (r *Renderer) rateLabel(spec model.ChartSpec) string {
	if strings.HasPrefix(spec.Rate, "hazards_fixed/") {
		return r.lang.T("Rectification rate")
	}
	return spec.Rate
}

func (r *Renderer) yAxisIndex(spec model.ChartSpec, data query.ChartData, i int) int {
	if dualAxis(spec, data) && data.Series[i].Name == strings.TrimSpace(strings.Split(spec.Y, ",")[1]) {
		return 1
	}
	return 0
}

func (r *Renderer) axes(spec model.ChartSpec, data query.ChartData, cats []string) []charts.GlobalOpts {
	value := opts.YAxis{Type: "value", Name: r.axisName(spec, data, 0)}
	if spec.Y == "" {
		value.MinInterval = 1 // counts are whole
	}
	grid := charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "36", Bottom: "40", ContainLabel: opts.Bool(true)})
	if horizontal(spec, data, cats) {
		// Long category names read best down the side, largest first;
		// interval 0 draws every one of them.
		return []charts.GlobalOpts{
			charts.WithXAxisOpts(opts.XAxis{Type: "value", MinInterval: value.MinInterval, SplitNumber: 3}), // few value labels, so they do not run together on a phone
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}),
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
			grid,
		}
	}
	return []charts.GlobalOpts{
		// Interval 0 draws every category's label: months, years and dates;
		// on a phone charts.js turns them upright when they would overlap.
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithYAxisOpts(value),
		grid,
	}
}

// horizontal reports whether a bar chart lays its bars sideways: when its
// categories are names (not months, years or dates) too long or too many to
// stand side by side under a phone-wide chart: four names, or three
// whose labels are longer than two or three characters each.
func horizontal(spec model.ChartSpec, data query.ChartData, cats []string) bool {
	if spec.Type == sidewaysBar {
		return true
	}
	if spec.Type != "bar" || spec.X == "month" || spec.X == "year" || len(cats) == 0 || data.Rate != nil {
		return false
	}
	if raw := data.Categories[0]; len(raw) == 10 && raw[4] == '-' {
		return false // dates
	}
	width := 0
	for _, c := range cats {
		width += utf8.RuneCountInString(c) + 2
	}
	return len(cats) > 3 || width > 12
}

// sidewaysBar is the chart type of a doughnut's phone form: bars laid
// sideways whatever their names. It is not a type a site can write.
const sidewaysBar = "sideways-bar"

// Height is the chart's height in pixels: sideways bars need room per bar.
func (c *Chart) Height() int {
	if c.tall > 0 {
		return c.tall
	}
	if c.horizontal {
		return max(200, 60+30*len(c.Data.Categories))
	}
	return 320
}

// extendAxes adds the second value axis of a dual-axis chart.
func (r *Renderer) extendAxes(xy *charts.XYAxis, spec model.ChartSpec, data query.ChartData) {
	if dualAxis(spec, data) {
		xy.ExtendYAxis(opts.YAxis{Type: "value", Name: r.axisName(spec, data, 1), SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	}
}

func (r *Renderer) axisName(spec model.ChartSpec, data query.ChartData, i int) string {
	if i < len(data.Series) && dualAxis(spec, data) {
		return r.seriesLabel(spec, data, i)
	}
	if spec.Y == "" {
		return r.lang.T("count")
	}
	if unit := r.columnUnit(spec.Table, spec.Y); unit != "" {
		return r.withUnit(r.columnLabel(spec.Table, spec.Y), unit) // one column: 费用（元）
	}
	return ""
}

// seriesLabel names series i in the UI language: a measured column gets
// its localized header, a series column's values are shown as they are.
func (r *Renderer) seriesLabel(spec model.ChartSpec, data query.ChartData, i int) string {
	if i >= len(data.Series) {
		return ""
	}
	name := data.Series[i].Name
	if data.Series[i].Apart && len(spec.Apart) > 0 {
		return fmt.Sprintf(r.lang.T("%s (apart, not in the total)"), r.valueLabel(spec.Table, spec.Apart[0].Column, name))
	}
	if spec.Series != "" {
		return r.valueLabel(spec.Table, spec.Series, name)
	}
	if name == "count" {
		return r.lang.T("count")
	}
	return r.columnLabel(spec.Table, name)
}

// categoryLabels localizes month and year categories.
func (r *Renderer) categoryLabels(spec model.ChartSpec, data query.ChartData) []string {
	out := make([]string, len(data.Categories))
	multiYear := len(data.Categories) > 12
	for i, c := range data.Categories {
		switch {
		case spec.X == "month":
			out[i] = r.lang.Month(c, multiYear)
		case spec.X == "year":
			out[i] = c
			if r.site.Config.Period == model.SchoolYear {
				var y int
				fmt.Sscanf(c, "%d", &y)
				out[i] = r.lang.PeriodShort(r.site.Config.PeriodOf(y))
			}
		case len(c) == 10 && c[4] == '-' && c[7] == '-':
			out[i] = r.lang.Day(c, multiYear || data.Categories[0][:4] != data.Categories[len(data.Categories)-1][:4])
		default:
			out[i] = r.valueLabel(spec.Table, spec.X, c)
		}
	}
	return out
}
