package export

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
	"github.com/houqin/report/generator/internal/render"
)

// columnUnits are the units of the contract's numeric columns, written
// in the workbook's headers: 金额（元）.
var columnUnits = map[string]string{
	"cost": "元", "amount": "元", "water_cost": "元", "electricity_cost": "元",
	"water": "m³", "gas": "m³", "electricity": "kWh",
	"hazards_found": "处", "hazards_fixed": "处", "participants": "人次",
}

// projectHeaders are the headers of the projects of data/projects.yaml,
// which are keys in English.
var projectHeaders = map[string]string{
	"id": "编号", "title": "项目", "category": "类别", "status": "状态",
	"start": "开始", "end": "结束", "cost": "投入", "funding": "资金来源",
}

// indicatorSheet is the name of the sheet of key figures.
const indicatorSheet = "指标"

// Workbook writes the key figures of period p (this period, the one
// before and the change, as the query engine computes them for the
// yearly page's cards) and every table's rows in p as an Excel workbook:
// one sheet of indicators, then one sheet per table with numbers as
// numbers, dates as dates and the units in the headers.
func Workbook(q *query.Engine, r *render.Renderer, p model.Period, opt Options) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &book{f: f}
	if err := w.styles(); err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", indicatorSheet); err != nil {
		return nil, err
	}
	if err := w.indicators(q, r, p); err != nil {
		return nil, err
	}
	for _, name := range tableOrder(q) {
		t, rows, err := q.Select(name, p, nil)
		if err != nil || len(rows) == 0 {
			continue
		}
		if err := w.table(r, t, rows); err != nil {
			return nil, fmt.Errorf("sheet of %s: %w", name, err)
		}
	}
	stamp := opt.Date.UTC().Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{Title: fmt.Sprintf("%d 统计表", p.Year), Creator: opt.Author, Keywords: opt.Keywords, LastModifiedBy: opt.Author,
		Created: stamp, Modified: stamp, Language: "zh-CN"}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return restamp(buf.Bytes(), opt.Date, nil)
}

// tableOrder lists the site's tables: the contract's in its order, then
// the others by name.
func tableOrder(q *query.Engine) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range model.Schemas {
		if q.Table(s.Name) != nil {
			out = append(out, s.Name)
			seen[s.Name] = true
		}
	}
	for _, n := range q.TableNames() {
		if !seen[n] {
			out = append(out, n)
		}
	}
	return out
}

type book struct {
	f                      *excelize.File
	head, num, date, month int
	pct                    int
	sheets                 map[string]bool
}

func (w *book) styles() error {
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = w.f.NewStyle(s)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	w.head = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	w.num = add(&excelize.Style{CustomNumFmt: ptr("#,##0.##")})
	w.pct = add(&excelize.Style{CustomNumFmt: ptr(`0.0"%"`)})
	w.date = add(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	w.month = add(&excelize.Style{CustomNumFmt: ptr("yyyy-mm")})
	w.sheets = map[string]bool{indicatorSheet: true}
	return err
}

func ptr[T any](v T) *T { return &v }

// indicators writes the sheet 指标.
func (w *book) indicators(q *query.Engine, r *render.Renderer, p model.Period) error {
	list := r.Indicators()
	cur, prev := r.PeriodLabel(p), r.PeriodLabel(p.Prev())
	head := []string{"指标", "单位", cur, prev, "变化", "变化率（%）", "来源"}
	rows := [][]any{}
	for _, in := range list {
		f, err := q.Figure(in.Spec, p)
		if err != nil {
			continue
		}
		if _, rows, _ := q.Select(in.Spec.Table, p, nil); f.Rows == 0 && !(in.Always && len(rows) > 0) {
			continue // as the page: no card without data
		}
		row := []any{in.Label, in.Unit, f.Value, nil, nil, nil, f.File}
		if pf, err := q.Figure(in.Spec, p.Prev()); err == nil && pf.Rows > 0 {
			row[3], row[4] = pf.Value, f.Value-pf.Value
			if in.Unit == "%" {
				row[1] = "%（变化为百分点）"
			} else if pf.Value != 0 {
				row[5] = (f.Value - pf.Value) / pf.Value * 100
			}
		}
		rows = append(rows, row)
	}
	styles := []int{0, 0, w.num, w.num, w.num, w.pct, 0}
	return w.sheet(indicatorSheet, head, rows, styles)
}

// table writes one sheet with the rows of t.
func (w *book) table(r *render.Renderer, t *model.Table, rows []*model.Row) error {
	name := t.Name
	if t.Schema != nil {
		name = t.Schema.Title
	}
	name = sanitize(name)
	if utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	for w.sheets[name] {
		name += "_"
	}
	w.sheets[name] = true
	if _, err := w.f.NewSheet(name); err != nil {
		return err
	}
	head := make([]string, len(t.Columns))
	styles := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Header
		if h := projectHeaders[c.Key]; h != "" && t.Name == "projects" {
			head[i] = h
		}
		if t.Schema != nil {
			if spec, ok := t.Schema.Column(c.Key); ok && spec.Alias != "" {
				head[i] = spec.Alias
			}
		}
		if u := columnUnits[c.Key]; u != "" && !strings.Contains(head[i], "（") {
			head[i] += "（" + u + "）"
		}
		switch c.Kind {
		case model.Number:
			styles[i] = w.num
		case model.DateKind:
			styles[i] = w.date
		case model.MonthKind:
			styles[i] = w.month
		}
	}
	out := make([][]any, len(rows))
	for k, row := range rows {
		cells := make([]any, len(t.Columns))
		for i, c := range t.Columns {
			if i >= len(row.Cells) || !row.Cells[i].Set {
				continue
			}
			v := row.Cells[i]
			switch c.Kind {
			case model.Number:
				cells[i] = v.Num
			case model.DateKind, model.MonthKind:
				cells[i] = v.Date.Start()
			case model.Bool:
				cells[i] = r.CellLabel("bool", map[bool]string{true: "yes", false: "no"}[v.Bool])
			case model.Severity:
				cells[i] = r.CellLabel("severity", query.Normalize(model.Severity, v.Raw))
			default:
				cells[i] = v.Raw
				if t.Name == "projects" {
					cells[i] = r.CellLabel(c.Key, v.Raw)
				}
			}
		}
		out[k] = cells
	}
	return w.sheet(name, head, out, styles)
}

// sheet fills a sheet: the header row, frozen, then the rows, each
// column as wide as its widest cell.
func (w *book) sheet(name string, head []string, rows [][]any, styles []int) error {
	f := w.f
	widths := make([]int, len(head))
	for i, h := range head {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(name, cell, h); err != nil {
			return err
		}
		widths[i] = width(h)
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	if err := f.SetCellStyle(name, "A1", last, w.head); err != nil {
		return err
	}
	for k, row := range rows {
		for i, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, k+2)
			var err error
			switch v := v.(type) {
			case time.Time:
				err = f.SetCellValue(name, cell, v)
				widths[i] = max(widths[i], 10)
			case float64:
				err = f.SetCellFloat(name, cell, v, -1, 64)
				widths[i] = max(widths[i], len(fmt.Sprintf("%.2f", v))+3)
			default:
				s := fmt.Sprint(v)
				err = f.SetCellStr(name, cell, s)
				widths[i] = max(widths[i], width(s))
			}
			if err == nil && styles[i] != 0 {
				err = f.SetCellStyle(name, cell, cell, styles[i])
			}
			if err != nil {
				return err
			}
		}
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, float64(min(wd, 60)+2)); err != nil {
			return err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return printSetup(f, name)
}

// printSetup prints a sheet on A4 in landscape, all columns on the width
// of the paper, the header row on every page.
func printSetup(f *excelize.File, name string) error {
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	quoted := "'" + strings.ReplaceAll(name, "'", "''") + "'"
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: quoted + "!$1:$1", Scope: name})
}

// width is how many character widths s takes: 2 for a Chinese character.
func width(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x2E80 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
