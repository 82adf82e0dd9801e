package query

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
)

func engine(t *testing.T, files map[string]string) *Engine {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	site, errs := load.Site(context.Background(), fsys, load.Options{})
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	return New(site)
}

const drills = "date,kind,participants\n" +
	"2022-08-31,消防疏散,100\n" +
	"2022-09-01,防震,200\n" +
	"2023-01-15,消防疏散,300\n" +
	"2023-08-31,防溺水,400\n" +
	"2023-09-01,消防疏散,500\n"

// TestPeriods: the same rows fall in different periods on a calendar and
// a school-year site.
func TestPeriods(t *testing.T) {
	tests := []struct {
		name  string
		site  string
		years []int
		count map[int]float64 // drills per period
	}{
		{"calendar", "title: a\nschool: b\n", []int{2022, 2023}, map[int]float64{2022: 2, 2023: 3}},
		{"school year from 09-01", "title: a\nschool: b\nperiod: school-year\n", []int{2021, 2022, 2023}, map[int]float64{2021: 1, 2022: 3, 2023: 1}},
		{"school year from 02-15", "title: a\nschool: b\nperiod: school-year\nperiod_start: \"02-15\"\n", []int{2022, 2023}, map[int]float64{2022: 3, 2023: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := engine(t, map[string]string{"data/site.yaml": tt.site, "data/drills.csv": drills})
			var years []int
			for _, p := range e.Periods() {
				years = append(years, p.Year)
			}
			if len(years) != len(tt.years) {
				t.Fatalf("periods %v, want %v", years, tt.years)
			}
			for i := range years {
				if years[i] != tt.years[i] {
					t.Fatalf("periods %v, want %v", years, tt.years)
				}
			}
			for y, want := range tt.count {
				f, err := e.Figure(Spec{Op: OpCount, Table: "drills"}, e.Site().Config.PeriodOf(y))
				if err != nil || f.Value != want {
					t.Errorf("period %d: %v drills (%v), want %v", y, f.Value, err, want)
				}
			}
		})
	}
}

func TestSchoolYearBounds(t *testing.T) {
	c := model.Config{Period: model.SchoolYear, PeriodStart: model.MonthDay{Month: 9, Day: 1}}
	p := c.PeriodOf(2023)
	if !p.Start.Equal(time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)) || !p.End.Equal(time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("2023 school year is %v..%v", p.Start, p.End)
	}
	if got := c.PeriodFor(model.Date{Year: 2024, Month: 8}); got.Year != 2023 {
		t.Errorf("August 2024 is in school year %d, want 2023", got.Year)
	}
	if got := c.PeriodFor(model.Date{Year: 2024, Month: 9, Day: 1}); got.Year != 2024 {
		t.Errorf("1 September 2024 is in school year %d, want 2024", got.Year)
	}
}

func TestFilterSpellings(t *testing.T) {
	e := engine(t, map[string]string{
		"data/site.yaml": "title: a\nschool: b\n",
		"data/incidents.csv": "日期,类型,等级,描述,已处理\n" +
			"2023-01-01,跌倒,轻微,操场,是\n2023-02-01,停电,minor,跳闸,yes\n2023-03-01,漏水,一般,管道,否\n",
	})
	all := model.All
	for _, tt := range []struct {
		filter model.Filter
		want   int
	}{
		{model.Filter{Column: "severity", Value: "minor"}, 2},
		{model.Filter{Column: "等级", Value: "轻微"}, 2},
		{model.Filter{Column: "resolved", Value: "是"}, 2},
		{model.Filter{Column: "已处理", Value: "no"}, 1},
		{model.Filter{Column: "kind", Value: "停电"}, 1},
	} {
		_, rows, err := e.Select("incidents", all, []model.Filter{tt.filter})
		if err != nil || len(rows) != tt.want {
			t.Errorf("%s=%s: %d rows (%v), want %d", tt.filter.Column, tt.filter.Value, len(rows), err, tt.want)
		}
	}
}

func TestChartData(t *testing.T) {
	e := engine(t, map[string]string{
		"data/site.yaml": "title: a\nschool: b\n",
		"data/repairs.csv": "date,trade,item,quantity\n" +
			"2023-01-05,水道,水管,2\n2023-01-20,电工,灯,1\n2023-03-01,水道,龙头,5\n2022-12-01,木工,门,1\n",
	})
	p := e.Site().Config.PeriodOf(2023)
	by := func(spec model.ChartSpec) ChartData {
		d, err := e.ChartData(spec, p)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := by(model.ChartSpec{Table: "repairs", X: "trade"})
	if len(d.Categories) != 2 || d.Categories[0] != "水道" || d.Series[0].Values[0] != 2 {
		t.Errorf("count by trade: %+v", d)
	}
	d = by(model.ChartSpec{Table: "repairs", X: "month", Y: "quantity"})
	if len(d.Categories) != 12 || d.Series[0].Values[0] != 3 || d.Series[0].Values[1] != 0 || d.Series[0].Values[2] != 5 {
		t.Errorf("quantity by month must have all 12 months: %+v", d)
	}
	d = by(model.ChartSpec{Table: "repairs", X: "month", Series: "trade"})
	if len(d.Series) != 2 || d.Series[0].Name != "水道" {
		t.Errorf("series by trade: %+v", d)
	}
	all, err := e.ChartData(model.ChartSpec{Table: "repairs", X: "year"}, model.All)
	if err != nil || len(all.Categories) != 2 || all.Categories[0] != "2022" || all.Series[0].Values[1] != 3 {
		t.Errorf("trend: %+v %v", all, err)
	}
	if _, err := e.ChartData(model.ChartSpec{Table: "repairs", X: "trades"}, p); err == nil || err.Error() != `unknown column "trades" in data/repairs.csv: use one of month, year, date, trade, item, quantity` {
		t.Errorf("unknown x: %v", err)
	}
}

// TestUpdate: an engine over a reload of the site keeps its figures while
// the tables are the same, and computes them again from a changed table.
func TestUpdate(t *testing.T) {
	fsys := fstest.MapFS{
		"data/site.yaml":   {Data: []byte("title: t\nschool: s\n")},
		"data/drills.csv":  {Data: []byte(drills)},
		"content/notes.md": {Data: []byte("---\ntitle: n\n---\n")},
	}
	cache := load.NewCache()
	reload := func(changed ...string) *model.Site {
		site, errs := load.Site(context.Background(), fsys, load.Options{Cache: cache, Changed: changed})
		if len(errs.Errors()) > 0 {
			t.Fatal(errs)
		}
		return site
	}
	count := func(e *Engine) float64 {
		f, err := e.Figure(Spec{Op: OpCount, Table: "drills"}, e.Site().Config.PeriodOf(2023))
		if err != nil {
			t.Fatal(err)
		}
		return f.Value
	}
	e := New(reload("*"))
	if got := count(e); got != 3 {
		t.Fatalf("2023 has %v drills, want 3", got)
	}
	fsys["content/notes.md"] = &fstest.MapFile{Data: []byte("---\ntitle: m\n---\n")}
	same := e.Update(reload("content/notes.md"))
	if same.c != e.c {
		t.Error("a Markdown edit dropped what the engine computed from the tables")
	}
	fsys["data/drills.csv"] = &fstest.MapFile{Data: []byte(drills + "2023-10-01,防震,10\n")}
	changed := same.Update(reload("data/drills.csv"))
	if changed.c == same.c {
		t.Error("a table edit kept the figures of the old table")
	}
	if got := count(changed); got != 4 {
		t.Errorf("after the edit 2023 has %v drills, want 4", got)
	}
}

// TestCustomTablePeriods: a custom table with a date column is split by
// period like the contract's tables; one without is in every period.
func TestCustomTablePeriods(t *testing.T) {
	e := engine(t, map[string]string{
		"data/site.yaml":   "title: t\nschool: s\n",
		"data/canteen.csv": "日期,份数\n2021-03-01,100\n2023-03-01,200\n2023-04-01,300\n",
		"data/staff.csv":   "name,role\n张三,水电工\n",
		"data/meters.csv":  "月份,读数\n2021-03,5\n2023-03,7\n",
	})
	for _, tc := range []struct {
		spec Spec
		year int
		want float64
	}{
		{Spec{Op: OpCount, Table: "canteen"}, 2021, 1},
		{Spec{Op: OpCount, Table: "canteen"}, 2023, 2},
		{Spec{Op: OpSum, Table: "canteen", Column: "份数"}, 2023, 500},
		{Spec{Op: OpSum, Table: "meters", Column: "读数"}, 2021, 5},
		{Spec{Op: OpCount, Table: "staff"}, 2021, 1},
	} {
		f, err := e.Figure(tc.spec, e.Site().Config.PeriodOf(tc.year))
		if err != nil || f.Value != tc.want {
			t.Errorf("%s %s %s in %d = %v, %v; want %v", tc.spec.Op, tc.spec.Table, tc.spec.Column, tc.year, f.Value, err, tc.want)
		}
	}
}

// TestSumOverflow: a sum too large for a number is an error, never +Inf
// on a page.
func TestSumOverflow(t *testing.T) {
	e := engine(t, map[string]string{
		"data/site.yaml":     "title: t\nschool: s\n",
		"data/purchases.csv": "date,category,item,amount\n2023-03-01,a,b,9" + strings.Repeat("0", 307) + "\n2023-03-02,a,b,9" + strings.Repeat("0", 307) + "\n",
	})
	f, err := e.Figure(Spec{Op: OpSum, Table: "purchases", Column: "amount"}, e.Site().Config.PeriodOf(2023))
	if err == nil || !strings.Contains(err.Error(), "too large to compute") {
		t.Errorf("sum = %v, %v; want an error", f.Value, err)
	}
}
