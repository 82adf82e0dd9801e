package query

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// Series is one named line, bar group or pie of a chart.
type Series struct {
	Name   string
	Values []float64
	// Apart marks the series of a spec's Apart rows, which is drawn
	// beside the others, not added to them. Its Name is the value
	// Apart matches.
	Apart bool
}

// ChartData is what a chart shows: one value per category and series.
type ChartData struct {
	Categories []string
	Series     []Series
	Rows       int    // rows the chart is made of
	File       string // the table's file
	// Rate is the spec's NUM/DEN in % per category, when it has one; NaN
	// where the denominator is 0.
	Rate []float64
}

// Empty reports whether the chart has nothing to show.
func (d ChartData) Empty() bool { return len(d.Categories) == 0 || len(d.Series) == 0 }

// ChartData computes the data of spec over period p. X may be a column,
// "month" or "year" (derived from the row's date); Y a numeric column to
// sum, several separated by commas (one series each), or empty to count rows.
//
// The data is computed once per chart and period: the yearly page, the
// safety record and the booklet show the same charts.
func (e *Engine) ChartData(spec model.ChartSpec, p model.Period) (ChartData, error) {
	e.readRows(spec.Table, p)
	if p.IsAll() {
		e.read(ReadKey{Kind: ReadPeriods}) // a category per period
	}
	res := e.c.charted.get(chartKeyOf(spec, p), func() chartResult {
		data, err := e.chartData(spec, p)
		return chartResult{data, err}
	})
	return res.data.clone(), res.err
}

// chartKey is what a chart's data depends on: not its id, title or type.
type chartKey struct {
	table, x, y, series, rate string
	where                     string // the filters, length-prefixed
	year                      int
}

func chartKeyOf(spec model.ChartSpec, p model.Period) chartKey {
	var where strings.Builder
	for _, f := range spec.Where {
		filterKey(&where, f)
	}
	for _, f := range spec.Apart {
		where.WriteString("apart:")
		filterKey(&where, f)
	}
	return chartKey{spec.Table, spec.X, spec.Y, spec.Series, spec.Rate, where.String(), p.Year}
}

// filterKey writes f to the key of a chart, length-prefixed.
func filterKey(b *strings.Builder, f model.Filter) {
	fmt.Fprintf(b, "%d:%s%t%d", len(f.Column), f.Column, f.Not, len(f.Any()))
	for _, v := range f.Any() {
		fmt.Fprintf(b, "%d:%s", len(v), v)
	}
}

type chartResult struct {
	data ChartData
	err  error
}

// clone copies d, so that callers may change what they are given
// without changing what the next caller gets.
func (d ChartData) clone() ChartData {
	c := d
	c.Categories = slices.Clone(d.Categories)
	c.Rate = slices.Clone(d.Rate)
	if d.Series != nil {
		c.Series = make([]Series, len(d.Series))
		for i, s := range d.Series {
			c.Series[i] = Series{Name: s.Name, Values: slices.Clone(s.Values), Apart: s.Apart}
		}
	}
	return c
}

func (e *Engine) chartData(spec model.ChartSpec, p model.Period) (ChartData, error) {
	if len(spec.Apart) > 0 {
		return e.apartData(spec, p)
	}
	t, err := e.Lookup(spec.Table)
	if err != nil {
		return ChartData{}, err
	}
	rows, err := e.selection(t, p, spec.Where)
	if err != nil {
		return ChartData{}, err
	}
	xOf, err := e.xFunc(t, spec.X)
	if err != nil {
		return ChartData{}, err
	}
	ys, err := yColumns(t, spec.Y)
	if err != nil {
		return ChartData{}, err
	}
	seriesCol := -1
	if spec.Series != "" {
		if seriesCol, err = Column(t, spec.Series); err != nil {
			return ChartData{}, err
		}
	}
	num, den := -1, -1
	if spec.Rate != "" {
		parts := strings.SplitN(spec.Rate, "/", 2)
		if len(parts) != 2 {
			return ChartData{}, fmt.Errorf("rate %q: write NUM/DEN, e.g. hazards_fixed/hazards_found", spec.Rate)
		}
		if num, err = numericColumn(t, strings.TrimSpace(parts[0])); err != nil {
			return ChartData{}, err
		}
		if den, err = numericColumn(t, strings.TrimSpace(parts[1])); err != nil {
			return ChartData{}, err
		}
	}
	acc := e.accumulate(t, rows, xOf, ys, seriesCol, num, den)
	var order []string // measured columns keep their order; series values are sorted
	if seriesCol < 0 {
		for _, y := range ys {
			order = append(order, y.name)
		}
	}
	data := acc.data(e.categories(spec.X, p, acc), order)
	data.Rows, data.File = len(rows), t.File
	for _, s := range data.Series {
		if slices.ContainsFunc(s.Values, func(v float64) bool { return math.IsInf(v, 0) }) {
			return ChartData{}, overflow(spec.Y, t)
		}
	}
	if num >= 0 {
		data.Rate = make([]float64, len(data.Categories))
		for i, c := range data.Categories {
			data.Rate[i] = math.NaN()
			if cat, ok := acc.index[c]; ok && acc.dens[cat] != 0 {
				data.Rate[i] = acc.nums[cat] / acc.dens[cat] * 100
			}
		}
	}
	return data, nil
}

// accumulate sums the chart's rows, in row order: per category x of each
// row, for each measured column of ys (the count of rows when it has no
// column), in the series of the row's text in column seriesCol (when not
// -1), and the rate's numerator and denominator columns num and den (when
// not -1).
func (e *Engine) accumulate(t *model.Table, rows []int, xOf func(int) string, ys []yColumn, seriesCol, num, den int) *accumulator {
	var seriesTexts *textColumn
	if seriesCol >= 0 {
		seriesTexts = e.textColumn(t, seriesCol)
	}
	yNums := make([][]float64, len(ys))
	for yi, y := range ys {
		if y.col >= 0 {
			yNums[yi] = e.numberColumn(t, y.col)
		}
	}
	var nums, dens []float64
	if num >= 0 {
		nums, dens = e.numberColumn(t, num), e.numberColumn(t, den)
	}
	acc := newAccumulator()
	for _, i := range rows {
		x := xOf(i)
		if x == "" {
			continue
		}
		cat := acc.category(x)
		if num >= 0 {
			acc.nums[cat] += nums[i]
			acc.dens[cat] += dens[i]
		}
		for yi := range ys {
			code := int32(-1)
			if seriesTexts != nil {
				code = seriesTexts.codes[i]
			}
			v := 1.0
			if yNums[yi] != nil {
				v = yNums[yi][i]
			}
			acc.add(cat, acc.series(seriesTexts, code, yi, ys), v)
		}
	}
	return acc
}

type yColumn struct {
	name string
	col  int // -1: count rows
}

func yColumns(t *model.Table, y string) ([]yColumn, error) {
	if strings.TrimSpace(y) == "" {
		return []yColumn{{name: "count", col: -1}}, nil
	}
	var out []yColumn
	for _, name := range strings.Split(y, ",") {
		name = strings.TrimSpace(name)
		i, err := numericColumn(t, name)
		if err != nil {
			return nil, err
		}
		out = append(out, yColumn{name: t.Columns[i].Key, col: i})
	}
	return out, nil
}

// xFunc returns how the row with index i maps to its category. Categories
// made from dates are formatted once per distinct date, and those made
// from text normalized once per distinct text, not once per row.
func (e *Engine) xFunc(t *model.Table, x string) (func(i int) string, error) {
	switch x {
	case "month":
		month := e.rowPeriods(t).month
		names := map[int32]string{}
		return func(i int) string {
			m := month[i]
			if m == 0 {
				return ""
			}
			s, ok := names[m]
			if !ok {
				s = fmt.Sprintf("%04d-%02d", m/100, m%100)
				names[m] = s
			}
			return s
		}, nil
	case "year":
		rp := e.rowPeriods(t)
		years := make([]string, len(rp.years))
		for k, y := range rp.years {
			years[k] = strconv.Itoa(y)
		}
		return func(i int) string {
			if k := rp.period[i]; k >= 0 {
				return years[k]
			}
			return ""
		}, nil
	}
	col, err := Column(t, x)
	if err != nil {
		err.(*NotFoundError).Valid = append([]string{"month", "year"}, t.ColumnNames()...)
		return nil, err
	}
	kind := t.Columns[col].Kind
	if kind == model.DateKind || kind == model.MonthKind {
		dates := map[int]string{}
		return func(i int) string {
			d := t.Rows[i].Cells[col].Date
			s, ok := dates[dayNumber(d)]
			if !ok {
				s = d.String()
				dates[dayNumber(d)] = s
			}
			return s
		}, nil
	}
	texts := e.textColumn(t, col)
	name := normalizedTexts(texts, kind)
	return func(i int) string { return name(texts.codes[i]) }, nil
}

// dayNumber is d as one number (20230901), a cheaper map key than d.
func dayNumber(d model.Date) int { return (d.Year*100+d.Month)*100 + d.Day }

// categories orders the categories: months and years in time order, filling
// the months of a period with no rows; dates in time order; other values
// by total, largest first, then by name.
func (e *Engine) categories(x string, p model.Period, acc *accumulator) []string {
	switch {
	case x == "month" && !p.IsAll():
		var out []string
		for t := p.Start; t.Before(p.End); t = t.AddDate(0, 1, 0) {
			out = append(out, t.Format("2006-01"))
		}
		return out
	case x == "year" && !p.IsAll():
		return []string{strconv.Itoa(p.Year)}
	case x == "year":
		// Every period of the site, so a period without rows shows as 0.
		var out []string
		for _, pp := range e.Periods() {
			out = append(out, strconv.Itoa(pp.Year))
		}
		for _, y := range acc.order {
			if !slices.Contains(out, y) {
				out = append(out, y)
			}
		}
		sort.Strings(out)
		return out
	case x == "month" || x == "year" || acc.dated:
		out := append([]string(nil), acc.order...)
		sort.Strings(out)
		return out
	}
	out := append([]string(nil), acc.order...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := acc.totals[acc.index[out[i]]], acc.totals[acc.index[out[j]]]
		if a != b {
			return a > b
		}
		return out[i] < out[j]
	})
	return out
}

// accumulator sums a chart's values per category and series. Categories
// and series are numbered as they are first met, so that a row costs one
// map look-up of its category name and two slice indexes for its series,
// rather than map look-ups by name for each sum.
type accumulator struct {
	order  []string       // the categories, as first met
	index  map[string]int // category -> its number
	totals []float64      // per category, over every series
	nums   []float64      // per category, the rate's numerator
	dens   []float64      // and denominator
	dated  bool           // the categories are dates (2023-09-01)

	names  []string       // the series, as first met
	byName map[string]int // series name -> its number
	// byCode[code+1][y] is 1 + the number of the series of rows whose text
	// in the series column has code (-1 without one), for measured column
	// y; 0 until such a row is met.
	byCode [][]int
	values [][]float64 // per series, per category
}

func newAccumulator() *accumulator {
	return &accumulator{index: map[string]int{}, byName: map[string]int{}}
}

// category returns the number of category x.
func (a *accumulator) category(x string) int {
	if i, ok := a.index[x]; ok {
		return i
	}
	i := len(a.order)
	a.index[x] = i
	a.order = append(a.order, x)
	a.totals, a.nums, a.dens = append(a.totals, 0), append(a.nums, 0), append(a.dens, 0)
	if len(x) == 10 && x[4] == '-' && x[7] == '-' {
		a.dated = true
	}
	return i
}

// series returns the number of the series of measured column ys[yi] for
// a row whose text in the series column col has code (-1 without a
// series column): named after the measured column alone, the text alone,
// or "TEXT · COLUMN" when there are several measured columns.
func (a *accumulator) series(col *textColumn, code int32, yi int, ys []yColumn) int {
	for int(code+1) >= len(a.byCode) {
		a.byCode = append(a.byCode, nil)
	}
	byY := a.byCode[code+1]
	if byY == nil {
		byY = make([]int, len(ys))
		a.byCode[code+1] = byY
	}
	if byY[yi] > 0 {
		return byY[yi] - 1
	}
	name := ys[yi].name
	if col != nil {
		name = col.texts[code]
		if len(ys) > 1 {
			name += " · " + ys[yi].name
		}
	}
	i, ok := a.byName[name]
	if !ok {
		i = len(a.names)
		a.byName[name] = i
		a.names = append(a.names, name)
		a.values = append(a.values, nil)
	}
	byY[yi] = i + 1
	return i
}

// add adds v to category cat of series s.
func (a *accumulator) add(cat, s int, v float64) {
	for len(a.values[s]) <= cat {
		a.values[s] = append(a.values[s], 0)
	}
	a.values[s][cat] += v
	a.totals[cat] += v
}

// data lays the sums out by cats, one series per name of order (those
// that have values), or every series sorted by name when order is nil.
func (a *accumulator) data(cats []string, order []string) ChartData {
	names := order
	if names == nil {
		names = append([]string(nil), a.names...)
		sort.Strings(names)
	}
	d := ChartData{Categories: cats}
	for _, n := range names {
		s, ok := a.byName[n]
		if !ok {
			continue
		}
		series := Series{Name: n, Values: make([]float64, len(cats))}
		for i, c := range cats {
			if cat, ok := a.index[c]; ok && cat < len(a.values[s]) {
				series.Values[i] = a.values[s][cat]
			}
		}
		d.Series = append(d.Series, series)
	}
	return d
}

// ProjectTable presents projects as a table, so charts, counts and sums can
// use them like any record table: one row per project, dated by its start.
func ProjectTable(projects []model.Project) *model.Table {
	cols := []model.Column{
		{Key: "id"}, {Key: "title"}, {Key: "category"}, {Key: "status"},
		{Key: "start", Kind: model.MonthKind}, {Key: "end", Kind: model.MonthKind},
		{Key: "cost", Kind: model.Number}, {Key: "funding"},
	}
	for i := range cols {
		cols[i].Header = cols[i].Key
	}
	t := &model.Table{Name: "projects", File: "data/projects.yaml", Columns: cols,
		Schema: &model.Schema{Name: "projects", Title: "项目", TitleEn: "Projects", Unit: "项", UnitEn: "projects"}}
	for _, p := range projects {
		cost := model.Value{Raw: "", Set: p.HasCost, Num: p.Cost}
		if p.HasCost {
			cost.Raw = strconv.FormatFloat(p.Cost, 'f', -1, 64)
		}
		t.Rows = append(t.Rows, model.Row{Line: p.Pos.Line, Date: p.Start, Cells: []model.Value{
			{Raw: p.ID, Set: true}, {Raw: p.Title, Set: true}, {Raw: p.Category, Set: true}, {Raw: p.Status, Set: true},
			{Raw: p.Start.String(), Date: p.Start, Set: true}, {Raw: p.End.String(), Date: p.End, Set: !p.End.IsZero()},
			cost, {Raw: p.Funding, Set: p.Funding != ""},
		}})
	}
	return t
}

// apartData is the data of a spec with Apart: its series without the rows
// Apart matches, then one series of those rows, on the categories of both.
func (e *Engine) apartData(spec model.ChartSpec, p model.Period) (ChartData, error) {
	if len(spec.Apart) != 1 {
		return ChartData{}, fmt.Errorf("chart %s: apart takes one filter", spec.ID)
	}
	apart := spec.Apart[0]
	rest, only := spec, spec
	rest.Apart, only.Apart, only.Series, only.Rate = nil, nil, "", ""
	not := apart
	not.Not = !apart.Not
	rest.Where = append(slices.Clone(spec.Where), not)
	only.Where = append(slices.Clone(spec.Where), apart)
	main, err := e.ChartData(rest, p)
	if err != nil {
		return ChartData{}, err
	}
	side, err := e.ChartData(only, p)
	if err != nil {
		return ChartData{}, err
	}
	cats := slices.Clone(main.Categories)
	for _, c := range side.Categories {
		if !slices.Contains(cats, c) {
			cats = append(cats, c)
		}
	}
	sort.Strings(cats) // months, years and dates sort as written
	out := ChartData{Categories: cats, Rows: main.Rows + side.Rows, File: main.File}
	if out.File == "" {
		out.File = side.File
	}
	spread := func(d ChartData, s Series) Series {
		v := make([]float64, len(cats))
		for i, c := range d.Categories {
			v[slices.Index(cats, c)] = s.Values[i]
		}
		return Series{Name: s.Name, Values: v, Apart: s.Apart}
	}
	for _, s := range main.Series {
		out.Series = append(out.Series, spread(main, s))
	}
	for _, s := range side.Series {
		s.Name, s.Apart = apart.Value, true
		out.Series = append(out.Series, spread(side, s))
	}
	return out, nil
}
