package load

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/houqin/report/generator/internal/model"
	"github.com/xuri/excelize/v2"
)

// sheetSpec is a sheet for book: its rows from A1, the ranges merged
// and number formats of cells (excelize's built-in format ids).
type sheetSpec struct {
	name    string
	rows    [][]any
	merges  []string
	formats map[string]int
}

// book writes a workbook as excelize saves it.
func book(t testing.TB, sheets ...sheetSpec) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.merges {
			a, b, _ := strings.Cut(m, ":")
			if err := f.MergeCell(s.name, a, b); err != nil {
				t.Fatal(err)
			}
		}
		for cell, id := range s.formats {
			style, err := f.NewStyle(&excelize.Style{NumFmt: id})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(s.name, cell, cell, style); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// loadData loads a site with these files in data/ besides site.yaml.
func loadData(t testing.TB, files map[string][]byte) (*model.Site, model.ErrorList) {
	t.Helper()
	fsys := fstest.MapFS{"data/site.yaml": {Data: []byte("title: 年报\nschool: 示例小学\n")}}
	for name, data := range files {
		fsys["data/"+name] = &fstest.MapFile{Data: data}
	}
	return Site(context.Background(), fsys, Options{})
}

// summary is what a table holds, as the pages would count it: its rows'
// dates and cells as written.
func summary(t *model.Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:", strings.Join(t.ColumnNames(), ","))
	for _, r := range t.Rows {
		b.WriteString(" [")
		for i, c := range r.Cells {
			if i > 0 {
				b.WriteByte('|')
			}
			switch {
			case !c.Set:
			case t.Columns[i].Kind == model.Number:
				fmt.Fprint(&b, c.Num)
			case t.Columns[i].Kind == model.DateKind || t.Columns[i].Kind == model.MonthKind:
				b.WriteString(c.Date.String())
			default:
				b.WriteString(c.Raw)
			}
		}
		b.WriteByte(']')
	}
	return b.String()
}

var repairsHeader = []any{"日期", "工种", "项目", "数量", "单位", "地点", "费用"}

// TestWorkbookValues: cells are read as stored, not as shown: no
// rounding by a number format, dates from date cells and their numbers,
// amounts formatted as currency as numbers.
func TestWorkbookValues(t *testing.T) {
	data := book(t, sheetSpec{name: "维修", rows: [][]any{
		repairsHeader,
		{day(2023, 9, 1), "水道", "水管", 2, "根", "教学楼", 12.345},
		{45171, "电工", "灯管", 3, "支", "食堂", 1250.5},
		{"2023.9.3", "木工", "门锁", nil, nil, nil, "¥80"},
		{time.Date(2023, 9, 4, 8, 30, 0, 0, time.UTC), "泥瓦", "地砖", 1.5, "平方米", nil, 0.1},
	}, formats: map[string]int{"G2": 1, "G3": 7, "G5": 10, "A3": 14}}) // shown rounded, as ¥, as %; a number shown as a date
	site, errs := loadData(t, map[string][]byte{"repairs.xlsx": data})
	sameMessages(t, errs)
	got := summary(site.Tables["repairs"])
	want := "date,trade,item,quantity,unit,location,cost: [2023-09-01|水道|水管|2|根|教学楼|12.345] [2023-09-02|电工|灯管|3|支|食堂|1250.5] [2023-09-03|木工|门锁|1|||80] [2023-09-04|泥瓦|地砖|1.5|平方米||0.1]"
	if got != want {
		t.Errorf("table:\n got %s\nwant %s", got, want)
	}
	if tb := site.Tables["repairs"]; tb.File != "data/repairs.xlsx" || tb.RowPos(&tb.Rows[1]).String() != "data/repairs.xlsx:维修!A3" {
		t.Errorf("file %s, row 2 at %s; want data/repairs.xlsx, data/repairs.xlsx:维修!A3", tb.File, tb.RowPos(&tb.Rows[1]))
	}
}

// TestWorkbookFrame: a title above the header, a total row and signature
// lines are left out, each with a note; header cells with units and
// spaces name their columns; a date merged over rows belongs to each.
func TestWorkbookFrame(t *testing.T) {
	data := book(t, sheetSpec{name: "Sheet1", rows: [][]any{
		{"示例小学2023年维修台账"},
		{},
		{"日 期", "工种", "项目", "数量（个）", "单位", "地点", "费用(元)"},
		{day(2023, 9, 1), "水道", "水管", 2, "根", "教学楼", 100},
		{nil, "电工", "灯管", 3, "支", "食堂", 50},
		{nil, "木工", "门锁", 1, "把", "宿舍", 30},
		{"合  计", nil, nil, 6, nil, nil, 180},
		{"制表人：张三", nil, nil, "审核：李四"},
	}, merges: []string{"A1:G1", "A4:A6"}})
	site, errs := loadData(t, map[string][]byte{"repairs.xlsx": data})
	sameMessages(t, errs,
		`data/repairs.xlsx:Sheet1!A1: note: this row is above the header row and is left out: "示例小学2023年维修台账" (in the merged cells A1:G1)`,
		`data/repairs.xlsx:Sheet1!A7: note: a total row (合  计) is left out: the figures are computed from the records`,
		`data/repairs.xlsx:Sheet1!A8: note: a signature line (制表人：张三) is left out`,
	)
	got := summary(site.Tables["repairs"])
	want := "date,trade,item,quantity,unit,location,cost: [2023-09-01|水道|水管|2|根|教学楼|100] [2023-09-01|电工|灯管|3|支|食堂|50] [2023-09-01|木工|门锁|1|把|宿舍|30]"
	if got != want {
		t.Errorf("table:\n got %s\nwant %s", got, want)
	}
	if h := site.Tables["repairs"].Columns[6].Header; h != "费用(元)" {
		t.Errorf("cost header %q, want it as written", h)
	}
}

// TestWorkbookErrors: a problem in a sheet names the sheet and the cell,
// and a merged cell's range.
func TestWorkbookErrors(t *testing.T) {
	data := book(t, sheetSpec{name: "维修", rows: [][]any{
		repairsHeader,
		{"2023.13.1", "水道", "水管", 2},
		{"2023.14.1", "水道", "水管", 2},
		{"2023.15.1", "水道", "水管", "两"},
		{day(2023, 9, 1), nil, "水管", 2},
		{nil, "电工", "灯", 1},
	}, merges: []string{"B5:B6"}})
	_, errs := loadData(t, map[string][]byte{"repairs.xlsx": data})
	sameMessages(t, errs,
		`data/repairs.xlsx:维修!A2: "2023.13.1" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日; and 2 more like it in this column (rows 3, 4)`,
		`data/repairs.xlsx:维修!D4: "两" is not a number: write digits, e.g. 1250 or 1,250.50`,
		`data/repairs.xlsx:维修!B5: the column "trade" (工种) is required but this cell is blank (in the merged cells B5:B6); and 1 more like it in this column (row 6)`,
		`data/repairs.xlsx:维修!A6: the column "date" (日期) is required but this cell is blank`,
	)
}

// TestWorkbookSheets: the sheets of a table's workbook with its header
// are one table; a ledger's sheets named after tables fill them.
func TestWorkbookSheets(t *testing.T) {
	monthly := book(t,
		sheetSpec{name: "9月", rows: [][]any{repairsHeader, {day(2023, 9, 1), "水道", "水管", 2}}},
		sheetSpec{name: "10月", rows: [][]any{repairsHeader, {day(2023, 10, 8), "电工", "灯管", 1}}},
		sheetSpec{name: "说明", rows: [][]any{{"本表由总务处填写"}}},
	)
	site, errs := loadData(t, map[string][]byte{"repairs.xlsx": monthly})
	sameMessages(t, errs, `data/repairs.xlsx:说明: note: the sheet "说明" is not read: it has no header row with the columns of the other sheets (date, trade, item, quantity, unit, location, cost)`)
	tb := site.Tables["repairs"]
	if got := summary(tb); got != "date,trade,item,quantity,unit,location,cost: [2023-09-01|水道|水管|2|||] [2023-10-08|电工|灯管|1|||]" {
		t.Errorf("monthly sheets: %s", got)
	}
	if p := tb.RowPos(&tb.Rows[1]).String(); p != "data/repairs.xlsx:10月!A2" {
		t.Errorf("second row at %s", p)
	}

	ledger := book(t,
		sheetSpec{name: "维修", rows: [][]any{repairsHeader, {day(2023, 9, 1), "水道", "水管", 2}}},
		sheetSpec{name: "采购", rows: [][]any{{"日期", "类别", "物品", "数量", "金额"}, {day(2023, 9, 2), "办公用品", "纸", 10, 300}}},
		sheetSpec{name: "汇总", rows: [][]any{{"项目", "金额"}, {"合计", 300}}},
	)
	site, errs = loadData(t, map[string][]byte{"后勤台账.xlsx": ledger})
	sameMessages(t, errs, `data/后勤台账.xlsx:汇总: note: the sheet "汇总" is not read: name a sheet after its table (维修, 隐患排查, 安全演练与教育, 安全事件, 采购, 水电气) to read it`)
	if len(site.Tables["repairs"].Rows) != 1 || len(site.Tables["purchases"].Rows) != 1 || site.Tables["purchases"].File != "data/后勤台账.xlsx:采购" {
		t.Errorf("ledger: tables %v", site.Tables)
	}
}

// TestTableSources: parts of a table are one table; two whole sources
// of one table are an error naming both, and neither is read.
func TestTableSources(t *testing.T) {
	head := "日期,工种,项目\n"
	site, errs := loadData(t, map[string][]byte{
		"repairs-1月.csv":  []byte(head + "2023-01-05,水道,水管\n"),
		"repairs-2月.csv":  []byte(head + "2023-02-05,电工,灯管\n"),
		"维修-3月.csv":       []byte(head + "2023-03-05,木工,门\n"),
		"canteen/1月.csv":  []byte("日期,份数\n2023-01-05,300\n"),
		"canteen/2月.xlsx": book(t, sheetSpec{name: "Sheet1", rows: [][]any{{"日期", "份数"}, {day(2023, 2, 5), 280}}}),
	})
	sameMessages(t, errs)
	if got := summary(site.Tables["repairs"]); got != "date,trade,item: [2023-01-05|水道|水管] [2023-02-05|电工|灯管] [2023-03-05|木工|门]" {
		t.Errorf("repairs: %s", got)
	}
	if tb := site.Tables["repairs"]; tb.File != "data/repairs-1月.csv … data/维修-3月.csv" || tb.RowPos(&tb.Rows[1]).String() != "data/repairs-2月.csv:2:1" {
		t.Errorf("repairs from %q, row 2 at %s", tb.File, tb.RowPos(&tb.Rows[1]))
	}
	if got := summary(site.Tables["canteen"]); got != "date,份数: [2023-01-05|300] [2023-02-05|280]" {
		t.Errorf("canteen: %s", got)
	}

	_, errs = loadData(t, map[string][]byte{
		"repairs.csv":  []byte(head + "2023-01-05,水道,水管\n"),
		"repairs.xlsx": book(t, sheetSpec{name: "Sheet1", rows: [][]any{repairsHeader}}),
	})
	sameMessages(t, errs, `data/repairs.xlsx: table repairs is in data/repairs.csv and in data/repairs.xlsx: keep one of them (move the other out of data/), or name both as parts (repairs-1月.csv, repairs-2月.csv or files in a folder data/repairs/)`)
}

// TestIdentifiers: numbers that identify (invoice, contract and asset
// numbers) are kept as written: leading zeros, long digit strings, no
// separators added; amounts stay numbers.
func TestIdentifiers(t *testing.T) {
	site, errs := loadData(t, map[string][]byte{
		"purchases.csv": []byte("日期,类别,物品,金额,发票号,资产编号,合同,件数\n" +
			"2023-09-01,设备,空调,\"¥3,200\",00012345,20230001,123456789012,2\n" +
			"2023-09-02,设备,风扇,80元,00012346,20230002,123456789013,3\n"),
	})
	sameMessages(t, errs)
	tb := site.Tables["purchases"]
	if got := summary(tb); got != "date,category,item,amount,发票号,资产编号,合同,件数: [2023-09-01|设备|空调|3200|00012345|20230001|123456789012|2] [2023-09-02|设备|风扇|80|00012346|20230002|123456789013|3]" {
		t.Errorf("table: %s", got)
	}
	if tb.Columns[7].Kind != model.Number {
		t.Errorf("件数 is %v, want number", tb.Columns[7].Kind)
	}
}

// TestLikeTable: a file named like a table but not as one is a table of
// its own, and check says how to name it to be read as that table.
func TestLikeTable(t *testing.T) {
	_, errs := loadData(t, map[string][]byte{
		"2023年维修台账.xlsx": book(t, sheetSpec{name: "Sheet1", rows: [][]any{repairsHeader, {day(2023, 9, 1), "水道", "水管"}}}),
		"采购统计.csv":       []byte("日期,类别,物品,金额\n2023-09-01,纸,纸,10\n"),
	})
	sameMessages(t, errs,
		`data/2023年维修台账.xlsx: note: data/2023年维修台账.xlsx is read as a table of its own, "2023年维修台账", not as 维修 (repairs): to read it as that table, name the file repairs or 维修, keeping its extension`,
		`data/采购统计.csv: note: data/采购统计.csv is read as a table of its own, "采购统计", not as 采购 (purchases): to read it as that table, name the file purchases or 采购, keeping its extension`,
	)
}
