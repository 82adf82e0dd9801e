package render

import (
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
	i := strings.Index(got, `data-option-for="chart-utilities-monthly">`)
	if i < 0 {
		t.Fatalf("no option in\n%s", got)
	}
	src := got[i+len(`data-option-for="chart-utilities-monthly">`):]
	src = src[:strings.Index(src, "</script>")]
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
