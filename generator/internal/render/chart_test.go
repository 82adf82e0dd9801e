package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	gerender "github.com/go-echarts/go-echarts/v2/render"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// TestChartOptionIsRenderSnippets: chartOption takes the option straight
// from go-echarts' JSON, where it used to render go-echarts' snippet
// templates and keep their option; both must give the same JSON for
// every kind of chart the site draws, texts that HTML and go-echarts
// escape included. A go-echarts upgrade that changes its snippet fails here.
func TestChartOptionIsRenderSnippets(t *testing.T) {
	r, _ := testSite(t, nil)
	odd := []string{`<b>"水&电"</b>`, "a__f__b", "'+'", "食堂"}
	tests := []struct {
		name string
		spec model.ChartSpec
		data query.ChartData
	}{
		{"bar", model.ChartSpec{ID: "a", Type: "bar", Table: "repairs", X: "trade"},
			query.ChartData{Categories: odd, Series: []query.Series{{Name: "count", Values: []float64{3, 2.5, 1, 0}}}}},
		{"horizontal bar", model.ChartSpec{ID: "b", Type: "bar", Table: "repairs", X: "location"},
			query.ChartData{Categories: []string{"一", "二", "三", "四", "五", "六"}, Series: []query.Series{{Name: "count", Values: []float64{6, 5, 4, 3, 2, 1}}}}},
		{"stacked bar by month", model.ChartSpec{ID: "c", Type: "stacked-bar", Table: "repairs", X: "month", Series: "trade"},
			query.ChartData{Categories: []string{"2023-01", "2023-02"}, Series: []query.Series{{Name: odd[0], Values: []float64{1, 2}}, {Name: odd[1], Values: []float64{0, 1.005}}}}},
		{"bar with a rate", model.ChartSpec{ID: "d", Type: "bar", Table: "inspections", X: "date", Y: "hazards_found,hazards_fixed", Rate: "hazards_fixed/hazards_found"},
			query.ChartData{Categories: []string{"2023-02-01", "2023-09-01"}, Series: []query.Series{{Name: "hazards_found", Values: []float64{10, 0}}, {Name: "hazards_fixed", Values: []float64{9, 0}}},
				Rate: []float64{90, math.NaN()}}},
		{"line on two axes", model.ChartSpec{ID: "e", Type: "line", Table: "repairs", X: "month", Y: "quantity,cost"},
			query.ChartData{Categories: []string{"2023-01", "2023-02"}, Series: []query.Series{{Name: "quantity", Values: []float64{2, 3}}, {Name: "cost", Values: []float64{1200, 300}}}}},
		{"pie", model.ChartSpec{ID: "f", Type: "pie", Table: "repairs", X: "trade", Y: "cost"},
			query.ChartData{Categories: odd, Series: []query.Series{{Name: "cost", Values: []float64{1, 2, 3, 4}}}}},
	}
	for _, tt := range tests {
		for _, print := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/print=%v", tt.name, print), func(t *testing.T) {
				got, err := r.chartOption("chart-"+tt.spec.ID, tt.spec, tt.data, print)
				if err != nil {
					t.Fatal(err)
				}
				snippet := r.echarts("chart-"+tt.spec.ID, tt.spec, tt.data, print).(gerender.Renderer).RenderSnippet().Option
				var want bytes.Buffer
				if err := json.Compact(&want, []byte(strings.TrimSuffix(strings.TrimSpace(snippet), ";"))); err != nil {
					t.Fatalf("the snippet's option is not JSON: %v\n%s", err, snippet)
				}
				safe := strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(want.String())
				if string(got) != safe {
					t.Errorf("option differs from RenderSnippet's:\n%s", difference(string(got), safe))
				}
			})
		}
	}
}
