package query

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// The Engine answers from selections, columns and chart data it computes
// once and shares. The tests here compare its answers with the plain
// definitions below (every row scanned, every cell read and normalized,
// sums in maps by name), on a site whose cells are spelled in every way
// the filters accept, so that what is computed once is what a scan of
// every row would give, floating-point sums included.

// oracleSite has four school years of records with mixed spellings.
func oracleSite(t *testing.T) *Engine {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(list ...string) string { return list[rng.IntN(len(list))] }
	day := func() string {
		return fmt.Sprintf("%d-%02d-%02d", 2020+rng.IntN(4), 1+rng.IntN(12), 1+rng.IntN(28))
	}
	var repairs, incidents, inspections, utilities strings.Builder
	repairs.WriteString("date,trade,item,quantity,unit,location,cost\n")
	for range 600 {
		fmt.Fprintf(&repairs, "%s,%s,%s,%s,件,%s,%s\n", day(), pick("水道", "电工", "木工", " 水道", "a__b"), pick("灯", "门", "锁"),
			pick("1", "2", "1.0", "3", ""), pick("A楼", "B楼", "食堂"), pick("0.1", "0.2", "0.3", `"1,250.5"`, "7", ""))
	}
	incidents.WriteString("date,kind,severity,description,resolved\n")
	for range 200 {
		fmt.Fprintf(&incidents, "%s,%s,%s,x,%s\n", day(), pick("跌倒", "停电"), pick("minor", "轻微", "一般", "moderate", "严重", "serious"), pick("yes", "是", "no", "否", ""))
	}
	inspections.WriteString("date,scope,hazards_found,hazards_fixed,notes\n")
	for range 40 {
		found := rng.IntN(4)
		fmt.Fprintf(&inspections, "%s,全校,%d,%d,\n", day(), found, rng.IntN(found+1))
	}
	utilities.WriteString("month,water,electricity\n")
	for y := 2020; y <= 2023; y++ {
		for m := 1; m <= 12; m++ {
			fmt.Fprintf(&utilities, "%d-%02d,%d.%d,%d\n", y, m, 100+rng.IntN(900), rng.IntN(10), 10000+rng.IntN(90000))
		}
	}
	return engine(t, map[string]string{
		"data/site.yaml":        "title: a\nschool: b\nperiod: school-year\nperiod_start: \"02-15\"\n",
		"data/repairs.csv":      repairs.String(),
		"data/incidents.csv":    incidents.String(),
		"data/inspections.csv":  inspections.String(),
		"data/utilities.csv":    utilities.String(),
		"data/staff.csv":        "name,role\n张三,水电工\n李四,木工\n",
		"data/projects.yaml":    "- id: p1\n  title: 操场\n  category: grounds\n  status: done\n  start: 2021-03\n  end: 2021-08\n  cost: 120000\n  funding: government\n- id: p2\n  title: 食堂\n  category: building\n  status: in_progress\n  start: 2022-09\n  cost: 80000\n  funding: school\n",
		"content/years/2024.md": "---\ntitle: 2024\nyear: 2024\n---\n无数据。\n",
	})
}

// oracleSelect is Select by definition: every row of the table, in p and
// matching every filter.
func oracleSelect(e *Engine, table string, p model.Period, filters []model.Filter) (*model.Table, []*model.Row, error) {
	t, err := e.Lookup(table)
	if err != nil {
		return nil, nil, err
	}
	undated := t.DateCol() < 0
	var rows []*model.Row
	for i := range t.Rows {
		r := &t.Rows[i]
		if !p.IsAll() && !undated && (r.Date.IsZero() || !p.Contains(r.Date)) {
			continue
		}
		ok := true
		for _, f := range filters {
			c, err := Column(t, f.Column)
			if err != nil {
				return nil, nil, err
			}
			any := false
			for _, v := range f.Any() {
				any = any || normalize(t.Columns[c].Kind, r.Text(c)) == normalize(t.Columns[c].Kind, v)
			}
			ok = ok && any != f.Not
		}
		if ok {
			rows = append(rows, r)
		}
	}
	return t, rows, nil
}

// oracleChartData is ChartData by definition.
func oracleChartData(e *Engine, spec model.ChartSpec, p model.Period) (ChartData, error) {
	if len(spec.Apart) > 0 {
		return oracleApart(e, spec, p)
	}
	t, rows, err := oracleSelect(e, spec.Table, p, spec.Where)
	if err != nil {
		return ChartData{}, err
	}
	ys, err := yColumns(t, spec.Y)
	if err != nil {
		return ChartData{}, err
	}
	xOf := func(r *model.Row) string {
		switch spec.X {
		case "month":
			if r.Date.IsZero() {
				return ""
			}
			return fmt.Sprintf("%04d-%02d", r.Date.Year, r.Date.Month)
		case "year":
			if r.Date.IsZero() {
				return ""
			}
			return strconv.Itoa(e.site.Config.PeriodFor(r.Date).Year)
		}
		i := t.Col(spec.X)
		if k := t.Columns[i].Kind; k == model.DateKind || k == model.MonthKind {
			return r.Cells[i].Date.String()
		}
		return normalize(t.Columns[i].Kind, r.Text(i))
	}
	seriesCol, num, den := -1, -1, -1
	if spec.Series != "" {
		seriesCol = t.Col(spec.Series)
	}
	if spec.Rate != "" {
		parts := strings.SplitN(spec.Rate, "/", 2)
		num, den = t.Col(parts[0]), t.Col(parts[1])
	}
	var cats, names []string
	totals, nums, dens := map[string]float64{}, map[string]float64{}, map[string]float64{}
	values := map[string]map[string]float64{}
	for _, r := range rows {
		x := xOf(r)
		if x == "" {
			continue
		}
		if num >= 0 {
			nums[x] += r.Num(num)
			dens[x] += r.Num(den)
		}
		for _, y := range ys {
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
			if !slices.Contains(cats, x) {
				cats = append(cats, x)
			}
			if values[name] == nil {
				values[name] = map[string]float64{}
				names = append(names, name)
			}
			values[name][x] += v
			totals[x] += v
		}
	}
	switch {
	case spec.X == "month" && !p.IsAll():
		cats = nil
		for m := p.Start; m.Before(p.End); m = m.AddDate(0, 1, 0) {
			cats = append(cats, m.Format("2006-01"))
		}
	case spec.X == "year" && !p.IsAll():
		cats = []string{strconv.Itoa(p.Year)}
	case spec.X == "year":
		for _, pp := range e.Periods() {
			if y := strconv.Itoa(pp.Year); !slices.Contains(cats, y) {
				cats = append(cats, y)
			}
		}
		sort.Strings(cats)
	case spec.X == "month" || slices.ContainsFunc(cats, func(c string) bool { return len(c) == 10 && c[4] == '-' && c[7] == '-' }):
		sort.Strings(cats)
	default:
		sort.SliceStable(cats, func(i, j int) bool {
			if totals[cats[i]] != totals[cats[j]] {
				return totals[cats[i]] > totals[cats[j]]
			}
			return cats[i] < cats[j]
		})
	}
	order := names
	if seriesCol < 0 {
		order = nil
		for _, y := range ys {
			order = append(order, y.name)
		}
	} else {
		sort.Strings(order)
	}
	data := ChartData{Categories: cats, Rows: len(rows), File: t.File}
	for _, n := range order {
		if values[n] == nil {
			continue
		}
		s := Series{Name: n, Values: make([]float64, len(cats))}
		for i, c := range cats {
			s.Values[i] = values[n][c]
		}
		data.Series = append(data.Series, s)
	}
	if num >= 0 {
		data.Rate = make([]float64, len(cats))
		for i, c := range cats {
			data.Rate[i] = math.NaN()
			if dens[c] != 0 {
				data.Rate[i] = nums[c] / dens[c] * 100
			}
		}
	}
	return data, nil
}

// oracleCharts are the built-in charts and charts over every kind of
// column: text, severity, number, date; series over several measures.
func oracleCharts(e *Engine) []model.ChartSpec {
	specs := append(e.Charts(),
		model.ChartSpec{Table: "repairs", X: "location", Y: "cost,quantity", Series: "trade"},
		model.ChartSpec{Table: "repairs", X: "quantity", Y: "cost"},
		model.ChartSpec{Table: "repairs", X: "month", Series: "location", Where: []model.Filter{{Column: "trade", Value: "水道"}}},
		model.ChartSpec{Table: "repairs", X: "month", Series: "trade", Where: []model.Filter{{Column: "trade", Value: "水道", Values: []string{"水道", "电工"}}}},
		model.ChartSpec{Table: "repairs", X: "trade", Y: "cost", Where: []model.Filter{{Column: "trade", Value: "水道", Not: true}}, Apart: []model.Filter{{Column: "location", Value: "A楼"}}},
		model.ChartSpec{Table: "repairs", X: "trade", Where: []model.Filter{{Column: "quantity", Value: "1"}, {Column: "地点", Value: "A楼"}}},
		model.ChartSpec{Table: "incidents", X: "severity", Series: "resolved"},
		model.ChartSpec{Table: "incidents", X: "date", Where: []model.Filter{{Column: "severity", Value: "严重"}}},
		model.ChartSpec{Table: "utilities", X: "month", Y: "water, electricity"},
		model.ChartSpec{Table: "staff", X: "role"},
	)
	return specs
}

func TestChartDataMatchesDefinition(t *testing.T) {
	e := oracleSite(t)
	periods := append([]model.Period{model.All, e.site.Config.PeriodOf(2019)}, e.Periods()...)
	for _, spec := range oracleCharts(e) {
		for _, p := range periods {
			want, wantErr := oracleChartData(e, spec, p)
			for range 2 { // computed, then remembered
				got, err := e.ChartData(spec, p)
				if fmt.Sprint(err) != fmt.Sprint(wantErr) {
					t.Fatalf("%+v in %d: error %v, want %v", spec, p.Year, err, wantErr)
				}
				if g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want); g != w {
					t.Errorf("%+v in %d:\n got %s\nwant %s", spec, p.Year, g, w)
				}
				// What a caller changes is its own.
				for i := range got.Series {
					got.Series[i].Values[0] = -1
				}
			}
		}
	}
}

func TestSelectAndFigureMatchDefinition(t *testing.T) {
	e := oracleSite(t)
	filters := [][]model.Filter{
		nil,
		{{Column: "trade", Value: "水道"}},
		{{Column: "trade", Value: "水道"}, {Column: "quantity", Value: "1"}},
		{{Column: "cost", Value: "1250.5"}},
		{{Column: "trade", Value: "管道"}},
	}
	periods := append([]model.Period{model.All, e.site.Config.PeriodOf(2019)}, e.Periods()...)
	for _, f := range filters {
		for _, p := range periods {
			tbl, want, _ := oracleSelect(e, "repairs", p, f)
			_, got, err := e.Select("repairs", p, f)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("Select repairs %v in %d: %d rows (%v), want %d", f, p.Year, len(got), err, len(want))
			}
			sum, err := e.Figure(Spec{Op: OpSum, Table: "repairs", Column: "cost", Filters: f}, p)
			var wantSum float64
			for _, r := range want {
				wantSum += r.Num(tbl.Col("cost"))
			}
			if err != nil || sum.Value != wantSum || sum.Rows != len(want) {
				t.Errorf("sum of cost %v in %d: %v over %d rows (%v), want %v over %d", f, p.Year, sum.Value, sum.Rows, err, wantSum, len(want))
			}
		}
	}
}

// TestConcurrentAnswers: render jobs ask the same questions at the same
// time (run with -race).
func TestConcurrentAnswers(t *testing.T) {
	e := oracleSite(t)
	specs := oracleCharts(e)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, p := range e.Periods() {
				for _, spec := range specs {
					want, _ := oracleChartData(e, spec, p)
					got, _ := e.ChartData(spec, p)
					if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
						t.Errorf("%+v in %d differs", spec, p.Year)
					}
				}
				if _, err := e.Delta(Spec{Op: OpCount, Table: "incidents", Filters: []model.Filter{{Column: "severity", Value: "minor"}}}, p); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// oracleApart is the data of a spec with Apart by definition: the series
// of the rows Apart does not match, then the sum of those it matches, on
// every category either has.
func oracleApart(e *Engine, spec model.ChartSpec, p model.Period) (ChartData, error) {
	rest, only := spec, spec
	rest.Apart, only.Apart, only.Series = nil, nil, ""
	not := spec.Apart[0]
	not.Not = !not.Not
	rest.Where = append(append([]model.Filter(nil), spec.Where...), not)
	only.Where = append(append([]model.Filter(nil), spec.Where...), spec.Apart[0])
	a, err := oracleChartData(e, rest, p)
	if err != nil {
		return ChartData{}, err
	}
	b, err := oracleChartData(e, only, p)
	if err != nil {
		return ChartData{}, err
	}
	value := map[string]map[string]float64{}
	seen := map[string]bool{}
	var cats []string
	for _, d := range []ChartData{a, b} {
		for i, c := range d.Categories {
			if !seen[c] {
				seen[c] = true
				cats = append(cats, c)
			}
			for _, s := range d.Series {
				name := s.Name
				if d.Series != nil && len(b.Series) > 0 && &d.Series[0] == &b.Series[0] {
					name = "\x00apart"
				}
				if value[name] == nil {
					value[name] = map[string]float64{}
				}
				value[name][c] += s.Values[i]
			}
		}
	}
	sort.Strings(cats)
	out := ChartData{Categories: cats, Rows: a.Rows + b.Rows, File: a.File}
	for _, s := range a.Series {
		out.Series = append(out.Series, Series{Name: s.Name, Values: spreadOver(cats, value[s.Name])})
	}
	if len(b.Series) > 0 {
		out.Series = append(out.Series, Series{Name: spec.Apart[0].Value, Values: spreadOver(cats, value["\x00apart"]), Apart: true})
	}
	return out, nil
}

func spreadOver(cats []string, v map[string]float64) []float64 {
	out := make([]float64, len(cats))
	for i, c := range cats {
		out[i] = v[c]
	}
	return out
}
