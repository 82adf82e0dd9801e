package query

import (
	"slices"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// TestRowsByPeriod: on a school-year site, each row is in the period of
// its date on either side of 1 September, a month-precision row by its
// first day; a row without a date is in no period but in all of them
// together, and a table without a date column is in every period.
func TestRowsByPeriod(t *testing.T) {
	day := func(y, m, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }
	drills := &model.Table{Name: "drills", File: "data/drills.csv", Schema: model.SchemaOf("drills"),
		Columns: []model.Column{{Key: "date", Kind: model.DateKind}, {Key: "kind"}}}
	for i, d := range []model.Date{day(2022, 8, 31), day(2022, 9, 1), {}, day(2023, 8, 0), day(2023, 8, 31), day(2023, 9, 1), day(2021, 9, 1)} {
		drills.Rows = append(drills.Rows, model.Row{Line: i + 2, Date: d, Cells: []model.Value{{Raw: d.String(), Date: d, Set: !d.IsZero()}, {Raw: "消防", Set: true}}})
	}
	staff := &model.Table{Name: "staff", File: "data/staff.csv", Columns: []model.Column{{Key: "name"}},
		Rows: []model.Row{{Line: 2, Cells: []model.Value{{Raw: "张三", Set: true}}}, {Line: 3, Cells: []model.Value{{Raw: "李四", Set: true}}}}}
	site := &model.Site{
		Config: model.Config{Period: model.SchoolYear, PeriodStart: model.MonthDay{Month: 9, Day: 1}},
		Tables: map[string]*model.Table{"drills": drills, "staff": staff},
	}
	e := New(site)

	var years []int
	for _, p := range e.Periods() {
		years = append(years, p.Year)
	}
	if want := []int{2021, 2022, 2023}; !slices.Equal(years, want) {
		t.Errorf("periods %v, want %v", years, want)
	}
	lines := func(table string, p model.Period) []int {
		t.Helper()
		_, rows, err := e.Select(table, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, r := range rows {
			out = append(out, r.Line)
		}
		return out
	}
	for _, tt := range []struct {
		table string
		year  int // 0: all
		want  []int
	}{
		{"drills", 2020, nil},
		{"drills", 2021, []int{2, 8}},
		{"drills", 2022, []int{3, 5, 6}},
		{"drills", 2023, []int{7}},
		{"drills", 0, []int{2, 3, 4, 5, 6, 7, 8}},
		{"staff", 2022, []int{2, 3}},
		{"staff", 2030, []int{2, 3}},
	} {
		p := model.All
		if tt.year != 0 {
			p = site.Config.PeriodOf(tt.year)
		}
		if got := lines(tt.table, p); !slices.Equal(got, tt.want) {
			t.Errorf("%s in %s: lines %v, want %v", tt.table, periodName(p), got, tt.want)
		}
	}

	trend, err := e.ChartData(model.ChartSpec{Table: "drills", X: "year"}, model.All)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(trend.Categories, " "); got != "2021 2022 2023" || !slices.Equal(trend.Series[0].Values, []float64{2, 3, 1}) {
		t.Errorf("drills per year: %v %v, want 2021 2022 2023 [2 3 1]", trend.Categories, trend.Series[0].Values)
	}
	d, err := e.Delta(Spec{Op: OpCount, Table: "drills"}, site.Config.PeriodOf(2021))
	if err != nil || !d.NoPrev || d.Cur.Value != 2 {
		t.Errorf("2021 against 2020: %+v (%v), want 2 drills and no previous period", d, err)
	}
}

// TestSumFollowsRows: the sum of what a page read of a table changes when
// a row of the period it read changes, or moves into or out of it, and
// stays when only the rows of other periods change, so that serve renders
// again the pages that show the edit and only those.
func TestSumFollowsRows(t *testing.T) {
	const site = "title: a\nschool: b\nperiod: school-year\n"
	sums := func(drills, staff string) map[ReadKey]uint64 {
		e := engine(t, map[string]string{"data/site.yaml": site, "data/drills.csv": drills, "data/staff.csv": staff})
		out := map[ReadKey]uint64{}
		for _, table := range []string{"drills", "staff"} {
			for _, y := range []int{0, 2020, 2021, 2022, 2023} {
				k := ReadKey{Kind: ReadRows, Table: table, Year: y}
				out[k] = e.Sum([]ReadKey{k})
			}
		}
		return out
	}
	const staff = "name,role\n张三,水电工\n"
	before := sums(drills, staff)
	for _, tt := range []struct {
		name       string
		drills     string
		staff      string
		changed    []ReadKey
		othersKept bool // the keys not in changed keep their sums
	}{
		{"a cell of 2022", strings.Replace(drills, "2023-01-15,消防疏散,300", "2023-01-15,消防疏散,301", 1), staff,
			[]ReadKey{{Table: "drills"}, {Table: "drills", Year: 2022}}, true},
		{"a row from 2022 to 2023", strings.Replace(drills, "2023-08-31", "2023-09-01", 1), staff,
			[]ReadKey{{Table: "drills"}, {Table: "drills", Year: 2022}, {Table: "drills", Year: 2023}}, true},
		{"a row added in 2023", drills + "2023-10-01,防震,10\n", staff,
			[]ReadKey{{Table: "drills"}, {Table: "drills", Year: 2023}}, false},
		{"the undated staff", drills, "name,role\n张三,木工\n",
			[]ReadKey{{Table: "staff"}, {Table: "staff", Year: 2020}, {Table: "staff", Year: 2021}, {Table: "staff", Year: 2022}, {Table: "staff", Year: 2023}}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			after := sums(tt.drills, tt.staff)
			for k, v := range before {
				changed := slices.Contains(tt.changed, ReadKey{Table: k.Table, Year: k.Year})
				switch {
				case changed && after[k] == v:
					t.Errorf("%s in %d: the sum did not change", k.Table, k.Year)
				case !changed && tt.othersKept && after[k] != v:
					t.Errorf("%s in %d: the sum changed", k.Table, k.Year)
				}
			}
		})
	}
}
