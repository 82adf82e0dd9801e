package render

import (
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

func day(y, m, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }
func month(y, m int) model.Date  { return model.Date{Year: y, Month: m} }

// TestActiveProjects: a project belongs to every period its start..end
// overlaps; no end means still running; a month counts as a whole month.
func TestActiveProjects(t *testing.T) {
	projects := []model.Project{
		{ID: "summer-2023", Start: day(2023, 7, 5), End: day(2023, 8, 22)},
		{ID: "month-precision", Start: month(2022, 12), End: month(2023, 1)},
		{ID: "open-ended", Start: month(2023, 7)},
		{ID: "ends-on-aug-31", Start: day(2022, 6, 1), End: day(2022, 8, 31)},
		{ID: "starts-sep-1", Start: day(2022, 9, 1), End: day(2022, 9, 30)},
		{ID: "planned-2024", Start: day(2024, 7, 1), Status: "planned"},
		{ID: "cancelled-2022", Start: day(2022, 5, 10), Status: "cancelled"},
	}
	cal := model.Config{Period: model.Calendar}
	school := model.Config{Period: model.SchoolYear, PeriodStart: model.MonthDay{Month: 9, Day: 1}}
	tests := []struct {
		name string
		p    model.Period
		want []string // newest start first
	}{
		{"calendar 2022", cal.PeriodOf(2022), []string{"month-precision", "starts-sep-1", "ends-on-aug-31", "cancelled-2022"}},
		{"calendar 2023", cal.PeriodOf(2023), []string{"summer-2023", "open-ended", "month-precision"}},
		{"calendar 2024", cal.PeriodOf(2024), []string{"planned-2024", "open-ended"}},
		{"school year 2021 (to 2022-08-31)", school.PeriodOf(2021), []string{"ends-on-aug-31", "cancelled-2022"}},
		{"school year 2022 (from 2022-09-01)", school.PeriodOf(2022), []string{"summer-2023", "open-ended", "month-precision", "starts-sep-1"}},
		{"school year 2023", school.PeriodOf(2023), []string{"planned-2024", "open-ended"}},
		{"all", model.All, []string{"planned-2024", "summer-2023", "open-ended", "month-precision", "starts-sep-1", "ends-on-aug-31", "cancelled-2022"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ActiveProjects(projects, tt.p, "")
			var ids []string
			for _, p := range got {
				ids = append(ids, p.ID)
			}
			if len(ids) != len(tt.want) {
				t.Fatalf("got %v, want %v", ids, tt.want)
			}
			for i := range ids {
				if ids[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", ids, tt.want)
				}
			}
		})
	}
	if got := ActiveProjects(projects, cal.PeriodOf(2024), "planned"); len(got) != 1 || got[0].ID != "planned-2024" {
		t.Errorf("status=planned: %v", got)
	}
}

func TestMonthsBetween(t *testing.T) {
	for _, tt := range []struct {
		a, b model.Date
		want int
	}{
		{month(2023, 7), day(2024, 1, 15), 6},
		{day(2023, 7, 20), day(2024, 1, 15), 5},
		{day(2023, 7, 20), day(2023, 7, 25), 0},
		{day(2024, 2, 1), day(2024, 1, 15), -1},
	} {
		if got := monthsBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("monthsBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestPlainSummary: a project's description joins the lines of Chinese
// text without a space, and keeps one between words of other text.
func TestPlainSummary(t *testing.T) {
	for _, tc := range []struct{ md, want string }{
		{"枯死的**雪松**全部补种，\n补种后再次验收。\n", "枯死的雪松全部补种，补种后再次验收。"},
		{"更换 LED\n灯具 120 套", "更换 LED 灯具 120 套"},
		{"New lights\nfor the field", "New lights for the field"},
	} {
		if got := plainSummary(tc.md, "标题"); got != tc.want {
			t.Errorf("plainSummary(%q) = %q, want %q", tc.md, got, tc.want)
		}
	}
}
