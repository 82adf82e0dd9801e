package render

import (
	"slices"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// statusColours are the colours of a project's status, on every chart and
// on the project list's stripes (.project.status-* in style.css, which
// TestStatusColoursMatchStylesheet holds to these).
var statusColours = map[string]string{
	"done":        "#4f9d4a",
	"in_progress": "#1f6f8b",
	"approved":    "#b59a1a",
	"planned":     "#7a6a55",
	"cancelled":   "#9aa5b1",
}

// colours lists the chart's colours in the order ECharts takes them: by
// series, or by slice of a doughnut. A value keeps its colour on every
// chart and every page: a status its own, any other value the palette
// colour of its place among all the values the column has in any period
// (木工 is the same orange in 2022 and in 2023, with or without 泥瓦).
func (r *Renderer) colours(spec model.ChartSpec, data query.ChartData) []string {
	var keys []string
	var column string
	switch {
	case spec.Series != "":
		column = spec.Series
		for _, s := range data.Series {
			keys = append(keys, s.Name)
		}
	case spec.Type == "pie" || spec.Type == sidewaysBar:
		column, keys = spec.X, data.Categories
	default:
		return palette
	}
	known := r.q.Values(spec.Table, column)
	out := make([]string, len(keys))
	for i, k := range keys {
		if apart := i < len(data.Series) && data.Series[i].Apart && len(spec.Apart) > 0; apart {
			// The series apart takes the colour of its value, a status's own.
			if c, ok := statusColours[k]; ok && spec.Table == "projects" && spec.Apart[0].Column == "status" {
				out[i] = c
				continue
			}
		}
		if c, ok := statusColours[k]; ok && spec.Table == "projects" && column == "status" {
			out[i] = c
			continue
		}
		j, found := slices.BinarySearch(known, k)
		if !found {
			j = i
		}
		out[i] = palette[j%len(palette)]
	}
	return out
}
