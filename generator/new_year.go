package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/houqin/report/generator/internal/build"
	"github.com/houqin/report/generator/internal/load"
	"github.com/houqin/report/generator/internal/model"
)

// loadSite reads the site for new year, printing its problems when it
// cannot be read at all.
func loadSite(ctx context.Context, dir string, stderr io.Writer) (*model.Site, error) {
	s, problems := load.Site(ctx, os.DirFS(dir), load.Options{Drafts: true})
	if s == nil {
		printProblems(stderr, problems)
		return nil, siteError{fmt.Errorf("%w: fix data/site.yaml first", build.ErrSite)}
	}
	return s, nil
}

// yearSkeleton is a new yearly summary made of data references for the
// tables the site has, so that it starts with no figure to type. Filter
// values (trades, kinds, categories) are those of the year's rows, or of
// the previous year's when the year has none yet.
func yearSkeleton(s *model.Site, year int) string {
	var b strings.Builder
	title := fmt.Sprintf("%d年后勤工作总结", year)
	if s.Config.Period == model.SchoolYear {
		title = fmt.Sprintf("%d—%d学年后勤工作总结", year, year+1)
	}
	fmt.Fprintf(&b, "---\ntitle: %s\nyear: %d\n"+
		"# summary: 一句话概括本年度工作，显示在首页和年度列表 (remove the # to use)\n"+
		"# 正文里的数字都是数据引用，由 data/ 里的表格自动算出：改写文字，保留引用；\n"+
		"# 可以补写总述、重点工程和下一年的打算。\n---\n\n", title, year)
	b.WriteString("现将本年度后勤工作总结如下。\n")
	y := yearData{site: s, period: s.Config.PeriodOf(year)}
	n := 0
	section := func(heading string) {
		n++
		fmt.Fprintf(&b, "\n## %s、%s\n\n", chineseNumber(n), heading)
	}
	if t := s.Table("repairs"); t != nil {
		section("校舍维修与日常保障")
		b.WriteString("全年共受理维修 {{< count repairs >}} 次，较上年{{< delta count repairs >}}。")
		if vals := y.values(t, "trade", 8); len(vals) > 0 {
			b.WriteString("其中" + breakdown(vals, "%s {{< count repairs trade=%s >}} 次") + "。")
		}
		if y.has(t, "cost") {
			b.WriteString("全年维修费用 {{< sum repairs cost >}} 元。")
		}
		b.WriteString("\n\n{{< chart repairs-by-trade >}}\n\n{{< chart repairs-by-month >}}\n")
	}
	if t := s.Table("inspections"); t != nil {
		section("隐患排查")
		b.WriteString("全年组织隐患排查 {{< count inspections >}} 轮，发现隐患 {{< sum inspections hazards_found >}} 处，已整改 {{< sum inspections hazards_fixed >}} 处")
		if y.sum(t, "hazards_found") > 0 {
			b.WriteString("，整改率 {{< rate inspections hazards_fixed hazards_found >}}")
		}
		b.WriteString("。\n\n{{< chart inspections >}}\n")
	}
	if t := s.Table("drills"); t != nil {
		section("安全演练与安全教育")
		b.WriteString("全年开展安全演练和安全教育 {{< count drills >}} 场，较上年{{< delta count drills >}}")
		if vals := y.values(t, "kind", 6); len(vals) > 0 {
			b.WriteString("，其中" + breakdown(vals, "%s {{< count drills kind=%s >}} 场"))
		}
		if y.has(t, "participants") {
			b.WriteString("，累计参与 {{< sum drills participants >}} 人次")
		}
		b.WriteString("。\n\n{{< chart drills-by-kind >}}\n")
	}
	if t := s.Table("incidents"); t != nil {
		section("安全事件")
		b.WriteString("全年登记安全事件 {{< count incidents >}} 起，其中严重 {{< count incidents severity=serious >}} 起、一般 {{< count incidents severity=moderate >}} 起、轻微 {{< count incidents severity=minor >}} 起。\n\n{{< chart incidents-by-month >}}\n")
	}
	if t := s.Table("purchases"); t != nil {
		section("采购与资产管理")
		b.WriteString("全年采购 {{< count purchases >}} 笔，支出 {{< sum purchases amount >}} 元，较上年{{< delta sum purchases amount >}}。")
		if vals := y.values(t, "category", 6); len(vals) > 0 {
			b.WriteString("其中" + breakdown(vals, "%s {{< sum purchases amount category=%s >}} 元") + "。")
		}
		b.WriteString("\n\n{{< chart purchases-by-category >}}\n")
	}
	if t := s.Table("utilities"); t != nil {
		section("水电能耗")
		var parts []string
		for _, c := range []struct{ col, label, unit string }{
			{"water", "用水", "立方米"}, {"electricity", "用电", "千瓦时"}, {"gas", "用气", "立方米"},
			{"water_cost", "水费", "元"}, {"electricity_cost", "电费", "元"},
		} {
			if t.Col(c.col) < 0 {
				continue
			}
			parts = append(parts, fmt.Sprintf("%s {{< sum utilities %s >}} %s，较上年{{< delta sum utilities %s >}}", c.label, c.col, c.unit, c.col))
		}
		if len(parts) > 0 {
			b.WriteString("全年" + strings.Join(parts, ";") + "。\n\n")
		}
		b.WriteString("{{< chart utilities-monthly >}}\n")
	}
	if len(s.Projects) > 0 {
		section("校园建设项目")
		b.WriteString("本年度进行中和完成的校园建设项目如下。\n\n{{< timeline >}}\n")
	}
	var custom []string
	for name := range s.Tables {
		if model.SchemaOf(name) == nil {
			custom = append(custom, name)
		}
	}
	sort.Strings(custom)
	if len(custom) > 0 {
		section("其他")
		for _, name := range custom {
			fmt.Fprintf(&b, "- data/%s.csv：{{< count %s >}} 条\n", name, name)
		}
	}
	return b.String()
}

// yearData answers what the skeleton needs to know about a year's rows.
type yearData struct {
	site   *model.Site
	period model.Period
}

// rows are the rows of the period, or of the previous one when it has none.
func (y yearData) rows(t *model.Table) []model.Row {
	for _, p := range []model.Period{y.period, y.site.Config.PeriodOf(y.period.Year - 1)} {
		var rows []model.Row
		for _, r := range t.Rows {
			if p.Contains(r.Date) {
				rows = append(rows, r)
			}
		}
		if len(rows) > 0 {
			return rows
		}
	}
	return nil
}

// values are the most frequent values of a column, at most n, most
// frequent first; values a filter could not be written with are left out.
func (y yearData) values(t *model.Table, col string, n int) []string {
	i := t.Col(col)
	if i < 0 {
		return nil
	}
	count := map[string]int{}
	for _, r := range y.rows(t) {
		if v := r.Text(i); v != "" && !strings.ContainsAny(v, "\"\n>}{") {
			count[v]++
		}
	}
	vals := make([]string, 0, len(count))
	for v := range count {
		vals = append(vals, v)
	}
	sort.Slice(vals, func(a, b int) bool {
		if count[vals[a]] != count[vals[b]] {
			return count[vals[a]] > count[vals[b]]
		}
		return vals[a] < vals[b]
	})
	if len(vals) > n {
		vals = vals[:n]
	}
	return vals
}

// has reports whether a column exists and has a value in the year's rows.
func (y yearData) has(t *model.Table, col string) bool {
	i := t.Col(col)
	if i < 0 {
		return false
	}
	for _, r := range y.rows(t) {
		if i < len(r.Cells) && r.Cells[i].Set {
			return true
		}
	}
	return false
}

// sum adds a numeric column over the rows of the period itself: a rate
// needs a denominator above 0 in the page's own period.
func (y yearData) sum(t *model.Table, col string) float64 {
	i := t.Col(col)
	total := 0.0
	for _, r := range t.Rows {
		if i >= 0 && y.period.Contains(r.Date) {
			total += r.Num(i)
		}
	}
	return total
}

// quote writes a filter value, quoted when it has spaces or "=".
func quote(v string) string {
	if strings.ContainsAny(v, " \t=") {
		return `"` + v + `"`
	}
	return v
}

func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case n <= 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n-10]
	}
	return fmt.Sprint(n)
}

// breakdown lists a reference per value, joined by 、: format gets the
// value as written and as a filter value.
func breakdown(vals []string, format string) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = fmt.Sprintf(format, v, quote(v))
	}
	return strings.Join(parts, "、")
}
