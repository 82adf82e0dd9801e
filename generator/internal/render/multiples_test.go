package render

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestUtilitiesSmallMultiples: the monthly use of water, electricity and
// gas is drawn as three small charts, each with its own grid and a value
// axis named with its unit, and no chart has two value axes on one grid;
// the data table says the units too.
func TestUtilitiesSmallMultiples(t *testing.T) {
	r, _ := testSite(t, map[string]string{"data/utilities.csv": "月份,用水,用电,用气,水费,电费\n" +
		"2023-01,1146,39204,2287,4985.1,25090.6\n2023-02,433,14497,327,1883.6,9278.1\n"})
	got, errs := renderMD(t, r, "{{< chart utilities-monthly >}}\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	src := optionOf(t, got, "chart-utilities-monthly")
	var opt struct {
		Grid  []json.RawMessage `json:"grid"`
		YAxis []struct {
			Name      string `json:"name"`
			GridIndex int    `json:"gridIndex"`
		} `json:"yAxis"`
		Series []struct {
			YAxisIndex int `json:"yAxisIndex"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(src), &opt); err != nil {
		t.Fatal(err)
	}
	want := []string{"用水（吨）", "用电（千瓦时）", "用气（立方米）"}
	if len(opt.Grid) != 3 || len(opt.YAxis) != 3 || len(opt.Series) != 3 {
		t.Fatalf("%d grids, %d value axes, %d series; want 3 small charts: %s", len(opt.Grid), len(opt.YAxis), len(opt.Series), src)
	}
	for i, y := range opt.YAxis {
		if y.Name != want[i] || y.GridIndex != i || opt.Series[i].YAxisIndex != i {
			t.Errorf("small chart %d: axis %q on grid %d, series on axis %d; want %q on its own grid", i, y.Name, y.GridIndex, opt.Series[i].YAxisIndex, want[i])
		}
	}
	if !strings.Contains(got, `<th scope="col">用电（千瓦时）</th>`) || !strings.Contains(got, `height:510px`) {
		t.Errorf("the data table does not head its columns with units, or the figure is not tall enough for three charts:\n%s", got)
	}
}

// TestFundingChartLeavesOutCancelled: the money by funding, and the
// projects' trend, count what is approved, under way or done; a cancelled
// project is left out, and a planned one stands beside the bars, not on
// them; the caption says so.
func TestFundingChartLeavesOutCancelled(t *testing.T) {
	r, _ := testSite(t, map[string]string{"data/projects.yaml": `
- {id: a, title: 围墙, category: safety, status: done, start: 2023-03, cost: 100000, funding: government}
- {id: b, title: 操场, category: sports, status: cancelled, start: 2023-05, cost: 900000, funding: government}
- {id: c, title: 食堂, category: building, status: planned, start: 2023-09, cost: 50000, funding: school}
- {id: d, title: 网络, category: it, status: in_progress, start: 2023-06, cost: 20000, funding: school}
`})
	for _, tc := range []struct {
		id   string
		want map[string]float64 // series name/stack: its sum
	}{
		{"projects-by-funding", map[string]float64{"财政拨款/total": 100000, "学校自筹/total": 20000, "计划中（另列）/apart": 50000}},
		{"trend-projects", map[string]float64{"投入/": 120000, "计划中（另列）/": 50000}},
	} {
		t.Run(tc.id, func(t *testing.T) { checkCommitted(t, r, tc.id, tc.want) })
	}
}

func checkCommitted(t *testing.T, r *Renderer, id string, want map[string]float64) {
	got, errs := renderMD(t, r, "{{< chart "+id+" >}}\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	src := optionOf(t, got, "chart-"+id)
	var opt struct {
		Series []struct {
			Name  string `json:"name"`
			Stack string `json:"stack"`
			Data  []struct {
				Value float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(src), &opt); err != nil {
		t.Fatal(err)
	}
	sums := map[string]float64{}
	for _, s := range opt.Series {
		for _, d := range s.Data {
			sums[s.Name+"/"+s.Stack] += d.Value
		}
	}
	if len(sums) != len(want) {
		t.Errorf("series %v, want %v", sums, want)
	}
	for k, v := range want {
		if sums[k] != v {
			t.Errorf("series %s sums to %v, want %v (all: %v)", k, sums[k], v, sums)
		}
	}
	if !strings.Contains(got, "不含已取消 · 计划中另列，不计入合计</span>") {
		t.Errorf("the caption does not say what the chart includes:\n%s", got)
	}
}

// optionOf returns the ECharts option of chart id in page.
func optionOf(t *testing.T, page, id string) string {
	t.Helper()
	start := `data-option-for="` + id + `">`
	i := strings.Index(page, start)
	if i < 0 {
		t.Fatalf("no option of %s in\n%s", id, page)
	}
	src := page[i+len(start):]
	return src[:strings.Index(src, "</script>")]
}

// TestSummaryEnglish: an English site's booklet sums its tables up in
// English words, with units.
func TestSummaryEnglish(t *testing.T) {
	r, _ := testSite(t, map[string]string{"data/site.yaml": "title: Report\nschool: Test School\nlanguage: en\n"})
	files, errs := r.Render(context.Background())
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	for _, f := range files {
		if f.Path != "booklet/2023/index.html" {
			continue
		}
		for _, want := range []string{
			`<caption>Repairs <span class="muted">2023 · summed up by Month and Trade · counted in orders · Cost in yuan</span></caption>`,
			`<th scope="col" class="num">Cost (yuan)</th>`,
			`<td class="date">Total</td>`,
		} {
			if !strings.Contains(string(f.Data), want) {
				t.Errorf("the English booklet lacks %s", want)
			}
		}
		return
	}
	t.Fatal("no booklet/2023/index.html")
}

// TestAppendixListsUndatedTable: a custom table without dates (a staff
// list) is printed row by row in the summary appendix, since it has no
// months to sum by; a dated one is summed up.
func TestAppendixListsUndatedTable(t *testing.T) {
	r, _ := testSite(t, map[string]string{
		"data/staff.csv":   "岗位,分工\n后勤主任,统筹后勤与安全管理\n水电工,水道与管网维修\n",
		"data/canteen.csv": "日期,餐次,就餐人数\n2023-03-01,午餐,1102\n2023-03-02,午餐,1098\n",
	})
	files, errs := r.Render(context.Background())
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	for _, f := range files {
		if f.Path != "booklet/2023/index.html" {
			continue
		}
		page := string(f.Data)
		for _, want := range []string{"<td>后勤主任</td><td>统筹后勤与安全管理</td>", "<td>水电工</td><td>水道与管网维修</td>"} {
			if !strings.Contains(page, want) {
				t.Errorf("the appendix does not list the staff table's row %s", want)
			}
		}
		if strings.Contains(page, "<td>2023年3月1日</td>") || !strings.Contains(page, "<td class=\"num\">2,200</td>") {
			t.Errorf("the appendix does not sum the dated custom table up by month")
		}
		return
	}
	t.Fatal("no booklet/2023/index.html")
}
