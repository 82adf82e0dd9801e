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
func (e *Engine) ChartData(spec model.ChartSpec, p model.Period) (ChartData, error) {
	t, rows, err := e.Select(spec.Table, p, spec.Where)
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
	acc := newAccumulator()
	nums, dens := map[string]float64{}, map[string]float64{}
	for _, r := range rows {
		x := xOf(r)
		if x == "" {
			continue
		}
		if num >= 0 {
			nums[x] += r.Num(num)
			dens[x] += r.Num(den)
		}
		for yi, y := range ys {
			name := y.name
			if seriesCol >= 0 {
				name = r.Text(seriesCol)
				if len(ys) > 1 {
					name += " · " + y.name
				}
			}
			v := 1.0
			if y.col >= 0 {
				v = r.Num(y.col)
			}
			acc.add(x, name, yi, v)
		}
	}
	var order []string // measured columns keep their order; series values are sorted
	if seriesCol < 0 {
		for _, y := range ys {
			order = append(order, y.name)
		}
	}
	data := acc.data(e.categories(spec.X, p, acc), order)
	data.Rows, data.File = len(rows), t.File
	if num >= 0 {
		data.Rate = make([]float64, len(data.Categories))
		for i, c := range data.Categories {
			data.Rate[i] = math.NaN()
			if dens[c] != 0 {
				data.Rate[i] = nums[c] / dens[c] * 100
			}
		}
	}
	return data, nil
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

// xFunc returns how a row maps to its category.
func (e *Engine) xFunc(t *model.Table, x string) (func(*model.Row) string, error) {
	switch x {
	case "month":
		return func(r *model.Row) string {
			if r.Date.IsZero() {
				return ""
			}
			return fmt.Sprintf("%04d-%02d", r.Date.Year, r.Date.Month)
		}, nil
	case "year":
		return func(r *model.Row) string {
			if r.Date.IsZero() {
				return ""
			}
			return strconv.Itoa(e.site.Config.PeriodFor(r.Date).Year)
		}, nil
	}
	i, err := Column(t, x)
	if err != nil {
		err.(*NotFoundError).Valid = append([]string{"month", "year"}, t.ColumnNames()...)
		return nil, err
	}
	kind := t.Columns[i].Kind
	return func(r *model.Row) string {
		if kind == model.DateKind || kind == model.MonthKind {
			return r.Cells[i].Date.String()
		}
		return normalize(kind, r.Text(i))
	}, nil
}

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
		a, b := acc.totals[out[i]], acc.totals[out[j]]
		if a != b {
			return a > b
		}
		return out[i] < out[j]
	})
	return out
}

type accumulator struct {
	order   []string
	totals  map[string]float64
	series  []string
	values  map[string]map[string]float64
	seen    map[string]bool
	seenSer map[string]bool
	dated   bool
}

func newAccumulator() *accumulator {
	return &accumulator{totals: map[string]float64{}, values: map[string]map[string]float64{}, seen: map[string]bool{}, seenSer: map[string]bool{}}
}

func (a *accumulator) add(x, series string, _ int, v float64) {
	if !a.seen[x] {
		a.seen[x] = true
		a.order = append(a.order, x)
		if len(x) == 10 && x[4] == '-' && x[7] == '-' {
			a.dated = true
		}
	}
	if !a.seenSer[series] {
		a.seenSer[series] = true
		a.series = append(a.series, series)
		a.values[series] = map[string]float64{}
	}
	a.values[series][x] += v
	a.totals[x] += v
}

func (a *accumulator) data(cats []string, order []string) ChartData {
	names := order
	if names == nil {
		names = append([]string(nil), a.series...)
		sort.Strings(names)
	}
	d := ChartData{Categories: cats}
	for _, n := range names {
		if a.values[n] == nil {
			continue
		}
		s := Series{Name: n, Values: make([]float64, len(cats))}
		for i, c := range cats {
			s.Values[i] = a.values[n][c]
		}
		d.Series = append(d.Series, s)
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
