package render

import (
	"os"
	"regexp"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// TestColoursKeepTheirMeaning: a trade keeps its colour from one year's
// chart to the next, though 2023 has a trade (木工) that 2022 lacks.
func TestColoursKeepTheirMeaning(t *testing.T) {
	r, site := testSite(t, nil)
	spec := model.ChartSpec{ID: "m", Type: "stacked-bar", Table: "repairs", X: "month", Series: "trade"}
	colourOf := map[string]map[int]string{}
	for _, year := range []int{2022, 2023} {
		data, err := r.q.ChartData(spec, site.Config.PeriodOf(year))
		if err != nil {
			t.Fatal(err)
		}
		cs := r.colours(spec, data)
		for i, s := range data.Series {
			if colourOf[s.Name] == nil {
				colourOf[s.Name] = map[int]string{}
			}
			colourOf[s.Name][year] = cs[i]
		}
	}
	for name, byYear := range colourOf {
		if len(byYear) == 2 && byYear[2022] != byYear[2023] {
			t.Errorf("%s is %s in 2022 and %s in 2023", name, byYear[2022], byYear[2023])
		}
	}
	if len(colourOf["电工"]) != 2 || len(colourOf["木工"]) != 1 {
		t.Fatalf("the test data changed: %v", colourOf)
	}
	if colourOf["木工"][2023] == colourOf["电工"][2023] || colourOf["木工"][2023] == colourOf["水道"][2023] {
		t.Errorf("two trades share a colour in 2023: %v", colourOf)
	}
}

// TestStatusColoursMatchStylesheet: a project's status has the colour on
// the list's stripe that it has on the charts.
func TestStatusColoursMatchStylesheet(t *testing.T) {
	css, err := os.ReadFile("assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	for status, colour := range statusColours {
		re := regexp.MustCompile(`\.project\.status-` + status + `::before \{ background: ` + colour + `; \}`)
		if !re.Match(css) {
			t.Errorf("style.css does not give .project.status-%s the stripe %s of the charts", status, colour)
		}
	}
}
